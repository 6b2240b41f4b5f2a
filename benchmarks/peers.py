"""The peers as shipped, for comparison in the same run: Presidio defaults, BERTopic defaults.

"As shipped" means the libraries' default engines and settings.  Two things are set only so
they can run on this offline machine, and neither changes what they detect or cluster:
Presidio's default spaCy model (en_core_web_lg) cannot be installed here, so its default
engine is given the installed en_core_web_sm instead; and tldextract (used by Presidio's
email recognizer) reads its bundled suffix list instead of fetching one.
"""
from __future__ import annotations

from functools import lru_cache


def offline_tldextract() -> None:
    import tldextract
    import tldextract.tldextract as tx

    tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())


@lru_cache(maxsize=1)
def presidio_as_shipped():
    """(analyzer, anonymizer) with Presidio's default recognizers and operators."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    from pipeline.models import spacy_model_path

    offline_tldextract()
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": str(spacy_model_path())}],
    })
    return AnalyzerEngine(nlp_engine=provider.create_engine()), AnonymizerEngine()


def presidio_anonymise(texts: list[str]) -> list[str]:
    analyzer, anonymizer = presidio_as_shipped()
    out = []
    for t in texts:
        results = analyzer.analyze(text=t, language="en")
        out.append(anonymizer.anonymize(text=t, analyzer_results=results).text)
    return out


def bertopic_as_shipped(texts: list[str]):
    """BERTopic() with default settings and the same packaged sentence model."""
    from bertopic import BERTopic
    from sentence_transformers import SentenceTransformer

    from pipeline.models import sentence_model_path

    model = SentenceTransformer(str(sentence_model_path()), device="cpu")
    topic_model = BERTopic(embedding_model=model)
    topics, _ = topic_model.fit_transform(texts)
    return topic_model, topics
