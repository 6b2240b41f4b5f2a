"""Ingest: speed at 10k / 100k survey rows, language flags and campaign detection, against
the peers as shipped.

* Speed: ``ingest_round`` on a survey CSV of N rows x 2 free-text questions (real comments
  from nhs-fft-v6 and Polis via corpus.scaled_corpus), then ``split_points``.  Peer:
  ``pandas.read_csv`` (read only, no cleaning, ledger, duplicates or language).
* Language: Polis comments are English (the dataset keeps English conversations only), so
  any non-English flag on them is a false alarm; a small hand-written set of sentences in
  11 other languages spoken in England gives the recall.  Ours (function-word / English
  lexicon fast path, then langdetect) vs langdetect as shipped (``detect`` on every text of
  >= 4 words, seed 0).
* Campaigns: 40 planted campaign templates x 5 variants (name swapped, a sentence added,
  a typo) among 5,000 real comments.  Recall = planted variants grouped with their
  template; false flags = real comments put in a group with a planted one.  Peer: exact
  duplicates only (pandas ``duplicated`` on the text as shipped).

    .venv/bin/python benchmarks/bench_ingest.py            # 10k and 100k rows
    .venv/bin/python benchmarks/bench_ingest.py --quick    # 10k rows only
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

OTHER_LANGUAGES = {  # hand-written for this benchmark (no personal data)
    "pl": "Mój syn czeka na ocenę potrzeb edukacyjnych od ponad roku i nikt nie odpowiada.",
    "ur": "میرے بیٹے کو اسکول میں کوئی مدد نہیں ملتی اور ہمیں بہت انتظار کرنا پڑتا ہے۔",
    "bn": "আমার ছেলের স্কুলে কোনো সাহায্য নেই এবং অপেক্ষা অনেক দীর্ঘ।",
    "ar": "ابني ينتظر منذ سنة ولا أحد يرد على رسائلنا من المدرسة.",
    "ro": "Copilul meu are nevoie de mai mult sprijin la școală și nimeni nu ne ascultă.",
    "es": "Mi hijo necesita más apoyo en la escuela y el transporte llega tarde.",
    "fr": "Mon fils attend depuis des mois une place dans une école spécialisée.",
    "pt": "Meu filho precisa de mais apoio na escola e ninguém responde aos emails.",
    "lt": "Mano sūnus jau metus laukia vertinimo ir niekas mums neatsako.",
    "tr": "Oğlum bir yıldır değerlendirme bekliyor ve kimse bize cevap vermiyor.",
    "so": "Wiilkaygu wuxuu sugayaa qiimeyn sanad ka badan mana jiro qof noo jawaabaya.",
}


def _speed(sizes: list[int]) -> list[dict]:
    import corpus
    from pipeline.config import RoundManifest
    from pipeline.ingest import ingest_round, reconcile, split_points

    rows = []
    for n in sizes:
        df = corpus.scaled_corpus(n)
        rng = np.random.default_rng(1)
        df["q2"] = np.where(rng.random(n) < 0.3, "n/a", df["text"].sample(frac=1, random_state=2).to_numpy())
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            df.to_csv(d / "survey.csv", index=False)
            m = RoundManifest.model_validate({"name": "b", "framework": "f", "sources": [{
                "file": "survey.csv", "channel": "survey", "text_columns": ["text", "q2"],
                "respondent_id_column": "id", "group_column": "group"}]})
            t0 = time.perf_counter()
            peer = pd.read_csv(d / "survey.csv")
            t_peer = time.perf_counter() - t0
            t0 = time.perf_counter()
            resp, ledger = ingest_round(m, d)
            t_ours = time.perf_counter() - t0
            t0 = time.perf_counter()
            pts = split_points(resp)
            t_split = time.perf_counter() - t0
            rec = reconcile(ledger)
        assert int(rec.rows_read.sum()) == len(ledger) == 2 * len(peer)
        rows.append({"rows": n, "units": len(ledger), "included": len(resp), "points": len(pts),
                     "ours_ingest_s": round(t_ours, 2), "ours_split_s": round(t_split, 2),
                     "peer_read_csv_s": round(t_peer, 2),
                     "ratio_ours_to_peer": round(t_ours / max(t_peer, 1e-9), 1)})
    return rows


def _language() -> dict:
    import corpus
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    from pipeline.cleaning import clean_text, detect_language

    english = [clean_text(t) for t in corpus.polis_comments()]
    english = [t for t in english if len(t.split()) >= 4]
    DetectorFactory.seed = 0

    def peer(t: str) -> str:
        try:
            return detect(t)
        except LangDetectException:
            return ""

    out = {}
    for name, fn in (("ours", detect_language), ("peer_langdetect", peer)):
        t0 = time.perf_counter()
        flags = [fn(t) for t in english]
        secs = time.perf_counter() - t0
        foreign = [fn(t) for t in OTHER_LANGUAGES.values()]
        out[name] = {
            "english_texts": len(english),
            "false_non_english": int(sum(1 for f in flags if f not in ("en", ""))),
            "false_non_english_rate": round(sum(1 for f in flags if f not in ("en", "")) / len(english), 4),
            "other_language_recall": round(sum(1 for f, k in zip(foreign, OTHER_LANGUAGES) if f == k)
                                           / len(OTHER_LANGUAGES), 3),
            "ms_per_text": round(1000 * secs / len(english), 3),
        }
    return out


def _campaigns() -> dict:
    import corpus

    from pipeline.cleaning import clean_text, find_duplicates

    rng = np.random.default_rng(7)
    pool = [clean_text(t) for t in corpus.real_comments()]
    real = [t for t in pool if len(t.split()) >= 12][:5000]
    names = ["Jo Bloggs", "Sam Patel", "Ali Khan", "Chris Lee", "Pat Morgan", "Dee Okafor"]
    templates = [
        f"Campaign {k}: I am writing as a member of the {w} group to ask the council to keep the "
        f"{w} resource base open. Our children depend on it and there is no alternative in the area. "
        f"Please reconsider the proposal and fund it properly for the next three years."
        for k, w in enumerate(["Willow", "Oak", "Birch", "Cedar", "Maple", "Rowan", "Hazel", "Ash",
                               "Elm", "Holly", "Juniper", "Larch", "Alder", "Aspen", "Beech", "Cherry",
                               "Cypress", "Fir", "Hawthorn", "Hornbeam", "Lime", "Magnolia", "Pine",
                               "Plane", "Poplar", "Redwood", "Spruce", "Sycamore", "Walnut", "Yew",
                               "Acacia", "Baobab", "Cottonwood", "Dogwood", "Eucalyptus", "Ginkgo",
                               "Hickory", "Laurel", "Mulberry", "Olive"])]
    texts, label = list(real), [-1] * len(real)
    for k, tpl in enumerate(templates):
        variants = [tpl, f"{tpl} Signed, {names[k % 6]}.", f"{tpl} My son goes there.",
                    tpl.replace("depend", "depnd").replace("council", "Council"),
                    f"Dear councillors, {tpl} Thank you, {names[(k + 1) % 6]}."]
        texts += variants
        label += [k] * len(variants)
    order = rng.permutation(len(texts))
    texts = [texts[i] for i in order]
    label = np.array([label[i] for i in order])
    ids = [f"R{i:06d}" for i in range(len(texts))]
    out = {}
    t0 = time.perf_counter()
    groups, _, _ = find_duplicates(texts, ids)
    secs = time.perf_counter() - t0
    peer_groups = pd.Series(texts).duplicated(keep=False).to_numpy()
    g = np.array(groups, dtype=object)
    planted = label >= 0
    # recall: a planted variant is found when it shares a group with its template's other variants
    found = 0
    for k in range(len(templates)):
        members = g[label == k]
        found += int(sum(1 for x in members if x and (members == x).sum() == len(members)))
    grouped_with_planted = set(g[planted & (g != "")])
    false_flags = int(sum(1 for x, p in zip(g, planted) if not p and x in grouped_with_planted))
    out["ours"] = {"planted": int(planted.sum()), "recall": round(found / planted.sum(), 3),
                   "real_texts_grouped_with_planted": false_flags,
                   "real_texts_flagged_any_group": int(((g != "") & ~planted).sum()),
                   "seconds": round(secs, 2)}
    out["peer_exact_duplicates"] = {"planted": int(planted.sum()),
                                    "recall": round(float(peer_groups[planted].mean()), 3),
                                    "real_texts_grouped_with_planted": 0,
                                    "real_texts_flagged_any_group": int((peer_groups & ~planted).sum())}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10k rows only")
    args = ap.parse_args()
    import corpus

    if not corpus.have_datasets():
        print("skipped: ../shared/datasets (nhs-fft-v6, polis) not present")
        return 0
    sizes = [10_000] if args.quick else [10_000, 100_000]
    speed = _speed(sizes)
    lang = _language()
    camp = _campaigns()

    print("| rows | units | included | points | ours ingest s | ours split s | peer read_csv s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in speed:
        print(f"| {r['rows']:,} | {r['units']:,} | {r['included']:,} | {r['points']:,} | {r['ours_ingest_s']} "
              f"| {r['ours_split_s']} | {r['peer_read_csv_s']} | {r['ratio_ours_to_peer']}x |")
    print("\n| language flags | English texts | false non-English | rate | other-language recall | ms/text |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, v in lang.items():
        print(f"| {k} | {v['english_texts']:,} | {v['false_non_english']} | {v['false_non_english_rate']:.2%} "
              f"| {v['other_language_recall']:.0%} | {v['ms_per_text']} |")
    print("\n| campaigns | planted | recall | real grouped with planted | real flagged (any group) |")
    print("|---|---:|---:|---:|---:|")
    for k, v in camp.items():
        print(f"| {k} | {v['planted']} | {v['recall']:.0%} | {v['real_texts_grouped_with_planted']} "
              f"| {v['real_texts_flagged_any_group']} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "ingest.json"
    out.write_text(json.dumps({"date": date.today().isoformat(), "speed": speed, "language": lang,
                               "campaigns": camp}, indent=2))
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
