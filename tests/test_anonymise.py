"""Anonymiser tests: real spaCy model, real Presidio engines, real recognizers.

The engine is built once per process (``get_engine`` caches it), so these stay fast.
"""
from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pandas as pd
import pytest

from pipeline.anonymise import (
    PLACEHOLDER_RE,
    analyse_texts,
    anonymise,
    anonymise_texts,
    audit,
    find_identifiers,
    get_engine,
)
from pipeline.config import AnonymiseSettings
from pipeline.errors import ConfigError, InputFileError, PipelineError
from pipeline.recognizers import (
    AddressRecognizer,
    DateOfBirthRecognizer,
    HandleRecognizer,
    NhsNumberRecognizer,
    NiNumberRecognizer,
    OfflineEmailRecognizer,
    OfflineUrlRecognizer,
    PersonNameRecognizer,
    PostcodeRecognizer,
    SchoolRecognizer,
    UkPhoneRecognizer,
    UpnRecognizer,
    nhs_number_is_valid,
    offline_tldextract,
    upn_check_letter,
    upn_is_valid,
)

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
SAMPLE = ROOT / "data" / "raw" / "sample"
SEEDS = ROOT / "tests" / "fixtures" / "sample_seeded_pii.json"


def found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, [], None)]


def one(text: str) -> str:
    return anonymise_texts([text], round_propagation=False)[0][0]


# --------------------------------------------------------------------------- identifiers
@pytest.mark.parametrize("number", ["943 476 5919", "943-476-5919", "9434765919", "401 023 2137",
                                    "485 777 3457"])
def test_nhs_valid_checksum_is_found(number):
    assert nhs_number_is_valid(number)
    assert found(NhsNumberRecognizer(), f"NHS no {number}.") == [number]


@pytest.mark.parametrize("number", ["943 476 5918", "401-023-2138", "1234567890"])
def test_nhs_invalid_checksum_is_not(number):
    assert not nhs_number_is_valid(number)
    assert found(NhsNumberRecognizer(), f"NHS no {number}.") == []


def test_upn_check_letter():
    # A + 888 (LA) + 4567 (school) + 12 (year) + 003 (serial): letter from weights 2..13 mod 23
    body = "888456712003"
    letter = upn_check_letter(body)
    assert upn_is_valid(letter + body)
    wrong = "B" if letter != "B" else "C"
    assert not upn_is_valid(wrong + body)
    assert found(UpnRecognizer(), f"UPN {letter}{body} please") == [letter + body]
    assert found(UpnRecognizer(), f"UPN {wrong}{body} please") == []
    assert upn_is_valid("U888390114112") and upn_is_valid("A888456212045")


@pytest.mark.parametrize("phone", [
    "07700 900123", "07700900123", "07700 900 123", "+44 7700 900123", "+44 (0)7700 900123",
    "0044 7700 900123", "+447700900123", "(07700) 900123", "07700-900123",
    "0113 496 0123", "0161 496 0732", "020 7946 0958", "(020) 7946 0958", "01632 960 418",
    "+44 (0)1632 960 771", "0121-496-0000", "029 2018 0123",
])
def test_uk_phone_formats(phone):
    text = f"Please ring me on {phone} after 6pm."
    hits = found(UkPhoneRecognizer(), text)
    assert any(phone.strip("()") in h or h in phone and len(h) >= len(phone) - 2 for h in hits), hits
    assert "[PHONE]" in one(text) and phone not in one(text)


def test_phone_not_found_in_ordinary_numbers():
    text = "We waited 18 months, from 2019 to 2021, for 3 hours of support a week."
    assert found(UkPhoneRecognizer(), text) == []


@pytest.mark.parametrize("pc", ["SW1A 1AA", "M1 1AE", "LS1 4AB", "EC1A1BB", "BB11 2DW", "fy5 3rt", "GIR 0AA"])
def test_postcodes(pc):
    assert found(PostcodeRecognizer(), f"We live at {pc} now") == [pc]


@pytest.mark.parametrize("bad", ["QA1 1AA", "M1 1CA", "1A1 1AA", "ABCM11AADEF"])
def test_postcode_invalid_shapes(bad):
    assert found(PostcodeRecognizer(), bad) == []


def test_ni_numbers():
    assert found(NiNumberRecognizer(), "NI: AB 12 34 56 C") == ["AB 12 34 56 C"]
    assert found(NiNumberRecognizer(), "ni tw987654a ok") == ["tw987654a"]
    assert found(NiNumberRecognizer(), "BG123612A") == []


def test_email_url_handle_offline(monkeypatch):
    # tldextract must never fetch the public suffix list: fail any network connection
    def no_network(*a, **k):
        raise OSError("network disabled in test")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert offline_tldextract().suffix_list_urls == ()
    text = ("Email s.mehta@oakfieldacademy.org.uk or h.c@kingsway-high.sch.uk, see "
            "www.sendparents.co.uk/help or https://example.com/x?y=1 and follow @jo_bloggs.")
    assert found(OfflineEmailRecognizer(), text) == ["s.mehta@oakfieldacademy.org.uk", "h.c@kingsway-high.sch.uk"]
    assert "www.sendparents.co.uk/help" in found(OfflineUrlRecognizer(), text)
    assert found(HandleRecognizer(), text) == ["@jo_bloggs"]
    out = one(text)
    assert out.count("[EMAIL]") == 2 and out.count("[URL]") == 2 and "[HANDLE]" in out
    assert "mehta" not in out and "sendparents" not in out and "bloggs" not in out


def test_address_and_dob():
    text = "We live at Flat 3, 27 High Street, Leeds and my son (DOB 03/05/2014) was born on 3rd May 2014."
    assert found(AddressRecognizer(), text) == ["Flat 3, 27 High Street, Leeds"]
    assert found(DateOfBirthRecognizer(), text) == ["03/05/2014", "3rd May 2014"]
    assert found(AddressRecognizer(), "I waited 18 months down the road for help.") == []
    # an ordinary date is not a date of birth
    assert found(DateOfBirthRecognizer(), "The review was on 03/05/2024.") == []


# --------------------------------------------------------------------------- schools
@pytest.mark.parametrize("school", [
    "St Mary's RC Primary", "Oakfield Academy", "Brookside High School", "Myerscough College",
    "Moorview Community Primary", "Holy Trinity C of E Primary", "Our Lady of Lourdes Catholic College",
    "Sacred Heart RC High School", "Fernlea Special School", "Harbourside Children's Centre",
])
def test_school_patterns_without_gazetteer(school):
    rec = SchoolRecognizer(gazetteer=None)
    assert found(rec, f"He moved to {school} last year.") == [school]


def test_school_generic_words_are_kept():
    rec = SchoolRecognizer(gazetteer=None)
    for text in ["He goes to a Special School now.", "The local primary school was great.",
                 "She started college in September.", "Sixth Form College was not ready for him.",
                 "Mainstream Primary School staff need training."]:
        assert found(rec, text) == [], text


def test_school_lower_case():
    rec = SchoolRecognizer(gazetteer=None)
    assert found(rec, "my son goes to oakwood primary school") == ["oakwood primary school"]
    assert found(rec, "she is at st mary's primary") == ["st mary's primary"]


def test_school_gazetteer_when_present():
    path = DATASETS / "uk-school-names" / "schools.csv"
    if not path.is_file():
        pytest.skip("../shared/datasets/uk-school-names is not present on this machine")
    from pipeline.recognizers import load_school_gazetteer

    names = load_school_gazetteer(str(path))
    assert len(names) > 100
    rec = SchoolRecognizer(gazetteer=names)
    name = next(n for n in names if n.endswith("Primary School"))
    assert set(found(rec, f"we went to {name.lower()} today")) == {name.lower()}


# --------------------------------------------------------------------------- names
def test_names_in_context_including_lower_case():
    rec = PersonNameRecognizer(use_ner=False)
    text = ("my daughter aisha has autism. I am mum to Kacper and Leo. Our son, Tyreece, is 9. "
            "My son jack loves Lego.")
    got = {(text[r.start:r.end], r.entity_type) for r in rec.analyze(text, [], None)}
    for name in ["aisha", "Kacper", "Leo", "Tyreece", "jack"]:
        assert (name, "CHILD") in got, (name, got)


def test_staff_titles_and_roles_kept():
    out = one("SENCO Mr O'Brien and caseworker Dave were great; Mrs Patel, the headteacher, was not. "
              "The social worker and the paediatrician never called.")
    assert "SENCO [STAFF 1]" in out and "caseworker [STAFF 2]" in out and "[STAFF 3], the headteacher" in out
    for kept in ["SENCO", "caseworker", "headteacher", "social worker", "paediatrician"]:
        assert kept in out
    assert "O'Brien" not in out and "Dave" not in out and "Patel" not in out


def test_send_vocabulary_is_not_redacted():
    text = ("We waited 18 months for an EHCP. CAMHS, SALT and the Local Offer let us down. "
            "He has Tourette's, she has Down syndrome, and Asperger's was mentioned. ADHD and Autism "
            "awareness matters; the SENCO and Ofsted agree. In May we met the Parent Carer Forum.")
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts
    assert counts == {}


def test_consistent_placeholders_within_a_response():
    out = one("My son Jack goes to St Mary's RC Primary. Jack's teacher Miss Hughes says Jack is happy, "
              "but Amy Khan's mum disagrees and Amy is upset.")
    assert out.startswith("My son [CHILD 1] goes to [SCHOOL]. [CHILD 1]'s teacher [STAFF 1] says [CHILD 1] is happy")
    assert out.count("[CHILD 1]") == 3
    amy = re.findall(r"\[(?:PERSON|CHILD) \d\]", out.split("but", 1)[1])
    assert len(set(amy)) == 1 and amy[0] != "[CHILD 1]"


def test_consistent_across_one_respondents_answers():
    df = pd.DataFrame({
        "respondent_id": ["r1", "r1", "r2"],
        "text": ["My daughter Zainab needs a specialist place.", "Zainab has been out of school.",
                 "Zainab is also the name of my niece, who is fine."],
        "source": ["s.csv"] * 3,
    })
    out = anonymise(df)
    assert out.text[0] == "My daughter [CHILD 1] needs a specialist place."
    assert out.text[1] == "[CHILD 1] has been out of school."
    assert "Zainab" not in out.text[2]


# --------------------------------------------------------------------------- DataFrame contract
def test_all_rows_back_in_order_with_other_columns():
    df = pd.DataFrame({
        "response_id": [f"R{i}" for i in range(6)],
        "respondent_id": ["a", "b", "a", None, "c", "c"],
        "source": ["x.csv", "x.csv", "y.docx", "y.docx", "x.csv", "x.csv"],
        "text": ["Call me on 07700 900123", float("nan"), "", "   ", 42, "Nothing personal here."],
        "district": ["N", "S", "N", "E", "W", "W"],
    }, index=[10, 11, 12, 13, 14, 15])
    out = anonymise(df)
    assert list(out.index) == list(df.index)
    assert list(out.columns) == list(df.columns) + ["pii_counts"]
    assert list(out.response_id) == list(df.response_id)
    assert list(out.district) == list(df.district)
    assert out.text.iloc[0] == "Call me on [PHONE]"
    assert pd.isna(out.text.iloc[1]) and out.text.iloc[2] == "" and out.text.iloc[3] == "   "
    assert out.text.iloc[4] == "42" and out.text.iloc[5] == "Nothing personal here."
    assert [json.loads(c) for c in out.pii_counts] == [{"PHONE": 1}, {}, {}, {}, {}, {}]
    assert df.text.iloc[0] == "Call me on 07700 900123"  # input untouched


def test_missing_text_column_is_a_clear_error():
    with pytest.raises(InputFileError, match="text column 'comment' not found"):
        anonymise(pd.DataFrame({"text": ["x"]}), text_column="comment")
    with pytest.raises(PipelineError):
        anonymise(["not", "a", "table"])  # type: ignore[arg-type]


def test_one_megabyte_cell():
    # over spaCy's 1,000,000-character limit: analysed in chunks, nothing lost.  Long
    # tokens keep the test fast (NER time grows with the number of tokens, not characters).
    filler = ("annualreviewwaslateagainandnobodyexplainedwhyatallsoweappealed" * 3 + " ") * 5600
    text = "My son Jack (NHS 943 476 5919) said " + filler + "Call 07700 900123, Jack's mum."
    assert len(text) > 1_000_000
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert "943 476 5919" not in out and "07700 900123" not in out and "Jack" not in out
    assert counts["NHS_NUMBER"] == 1 and counts["PHONE"] == 1 and counts["CHILD"] == 2
    assert out.count("annualreviewwaslateagain") == 3 * 5600
    assert len(out) == len(text) - len("943 476 5919") - len("07700 900123") - 2 * len("Jack") \
        + len("[NHS NUMBER]") + len("[PHONE]") + 2 * len("[CHILD 1]")


def test_no_raw_value_in_output_and_audit_has_counts_only():
    values = ["Priya Sharma", "Oakwood Primary School", "07700 900461", "jo.bloggs@gmail.com",
              "LS1 4AB", "943 476 5919", "27 Larch Grove", "@jobloggs"]
    df = pd.DataFrame({
        "respondent_id": ["p1", "p2"],
        "source": ["survey.csv", "letter.txt"],
        "text": [f"I am {values[0]}; my son is at {values[1]}. Ring {values[2]} or {values[3]}.",
                 f"We live at {values[6]}, {values[4]}. NHS {values[5]}. Twitter {values[7]}."],
    })
    out = anonymise(df)
    blob = out.to_csv()
    for v in values:
        assert v not in blob and v.lower() not in blob.lower()
    a = audit(out, by="source")
    assert list(a.columns) == ["source", "entity", "count"]
    assert set(a.entity) >= {"PERSON", "SCHOOL", "PHONE", "EMAIL", "POSTCODE", "NHS_NUMBER", "ADDRESS", "HANDLE"}
    assert a["count"].sum() == sum(sum(json.loads(c).values()) for c in out.pii_counts)
    ablob = a.to_csv()
    for v in values:
        assert v not in ablob
    with pytest.raises(PipelineError):
        audit(df)


def test_reidentification_key(monkeypatch):
    settings = AnonymiseSettings(reidentification_key_env="SEND_ANON_TEST_KEY")
    df = pd.DataFrame({"text": ["Call 07700 900123"]})
    with pytest.raises(ConfigError, match="SEND_ANON_TEST_KEY"):
        anonymise(df, settings)
    monkeypatch.setenv("SEND_ANON_TEST_KEY", "secret-1")
    out = anonymise(df, settings)
    hashes = json.loads(out.pii_keyed_hashes[0])
    assert hashes[0]["entity"] == "PHONE" and len(hashes[0]["hmac"]) == 64
    assert "900123" not in out.to_csv()
    monkeypatch.setenv("SEND_ANON_TEST_KEY", "secret-2")
    assert json.loads(anonymise(df, settings).pii_keyed_hashes[0])[0]["hmac"] != hashes[0]["hmac"]


# --------------------------------------------------------------------------- find_identifiers
def test_find_identifiers_ignores_placeholders():
    clean = "My son [CHILD 1] at [SCHOOL] ([PHONE]); SENCO [STAFF 1] said [CHILD 1]'s EHCP is late."
    assert find_identifiers(clean) == []
    assert find_identifiers("Ring 07700 900123 about [CHILD 1]") == ["PHONE"]
    assert "PERSON" in find_identifiers("[CHILD 1] and Priya went to the Local Offer event")
    assert find_identifiers("email a@b.co.uk, LS1 4AB") == ["EMAIL", "POSTCODE"]
    assert find_identifiers("") == [] and find_identifiers(None) == []  # type: ignore[arg-type]


def test_engine_is_built_once_and_ner_only():
    e1, e2 = get_engine(), get_engine(AnonymiseSettings(batch_size=8))
    assert e1 is e2
    assert e1.spacy_components == ["ner"]


def test_analyse_texts_spans_match_placeholders():
    text = "Mrs Patel rang 07700 900123."
    spans = analyse_texts([text], round_propagation=False)[0]
    assert [(text[s:e], t) for s, e, t in spans] == [("Mrs Patel", "STAFF"), ("07700 900123", "PHONE")]
    assert PLACEHOLDER_RE.fullmatch("[NHS NUMBER]") and PLACEHOLDER_RE.fullmatch("[CHILD 12]")


# --------------------------------------------------------------------------- sample round
def test_no_seeded_value_of_the_sample_round_survives():
    if not (SAMPLE / "round.yaml").is_file() or not SEEDS.is_file():
        pytest.skip("the sample round data/raw/sample or its seeded values are not there")
    from pipeline.config import load_manifest
    from pipeline.ingest import ingest_round

    resp, _ = ingest_round(load_manifest(SAMPLE), SAMPLE)
    out = anonymise(resp)
    assert len(out) == len(resp) and list(out.response_id) == list(resp.response_id)
    leaks = []
    for seed in json.loads(SEEDS.read_text(encoding="utf-8")):
        pat = re.compile(r"(?<![\w])" + re.escape(seed["value"]) + r"(?![\w])", re.IGNORECASE)
        rows = out[out.source == seed["file"]]
        if any(pat.search(str(t)) for t in rows.text):
            leaks.append((seed["type"], seed["file"]))  # never the value itself
    assert leaks == []


# --------------------------------------------------------------------------- names: gazetteers, cues,
# coordination, lower-case full names, post-nominals (issue 4; own sentences, not the dataset's)
def names_found(text: str) -> set[str]:
    """Every name span the recognizer returns for ``text`` (rules only, no NER)."""
    rec = PersonNameRecognizer(use_ner=False)
    return {text[r.start:r.end] for r in rec.analyze(text, [], None)}


def redacted(text: str, value: str) -> bool:
    """Is every letter of ``value`` in ``text`` replaced by the full engine (NER included)?"""
    s = text.index(value)
    spans = analyse_texts([text], round_propagation=False)[0]
    covered = set()
    for a, b, _ in spans:
        covered.update(range(a, b))
    return all(i in covered for i in range(s, s + len(value)) if text[i].isalnum())


def test_name_gazetteers_are_installed():
    from pipeline.recognizers.lexicon import gazetteer_first_names, gazetteer_surnames, name_gazetteers_available

    assert name_gazetteers_available(), "pip install names (the published US Census name lists)"
    assert {"lavonne", "harland", "thaddeus"} <= gazetteer_first_names()
    assert {"okonkwo", "kowalski", "nguyen"} & gazetteer_surnames()


@pytest.mark.parametrize("text, name", [
    ("The taxi firm sent Thaddeus Hoffmann instead.", "Thaddeus Hoffmann"),
    ("Honestly Natasja has been brilliant with him.", "Natasja"),
    ("We were told that Radomir will phone back.", "Radomir"),
    ("In the end we asked Belle to come along.", "Belle"),  # also a noun: alone, mid-sentence
])
def test_given_names_from_published_lists(text, name):
    assert name in names_found(text) or redacted(text, name)


@pytest.mark.parametrize("text, name", [
    ("For the record my name is Oskar Brandt.", "Oskar Brandt"),
    ("Her maiden name is lindqvist and she lives nearby.", "lindqvist"),
    ("Everyone just calls him Tiber; call me Wendeline.", "Wendeline"),
    ("Name: Ilse Varga", "Ilse Varga"),
    ("What's your surname? Okafor", "Okafor"),
    ("Hi Marisol, thanks for the call.", "Marisol"),
    ("Marisol, can I please ask about the plan?", "Marisol"),
    ("\"Not again,\" said Pettersen to the class.", "Pettersen"),
    ("The play was directed by: Ragnhild Solberg", "Ragnhild Solberg"),
    ("It reminded me of the Okonkwo novel we read at school.", "Okonkwo"),
    ("Please remove my kid Tobiah from the list.", "Tobiah"),
    ("NAME: INGRID HOLM", "INGRID HOLM"),
    ("hi marisol, see you at the review", "marisol"),
    ("We read a novel by Okafor this term.", "Okafor"),
    ("Signed, J. Okafor", "J. Okafor"),
    ("Haugen and I met at the tribunal.", "Haugen"),
    ("Lund said the panel would decide.", "Lund"),
    ("Ask Lund about the transport form.", "Lund"),
])
def test_cue_phrases(text, name):
    assert name in names_found(text), names_found(text)


def test_coordination_with_a_name():
    text = "Founders: Brabec, Doyle and Okonkwo."
    assert {"Brabec", "Doyle", "Okonkwo"} <= names_found(text)
    text = "Whitlock and Abernathy were the two social workers."
    assert {"Whitlock", "Abernathy"} <= names_found(text)
    assert "social workers" in one(text)


@pytest.mark.parametrize("text", [
    "Speech and Language were cut, and Health and Care were stretched.",
    "Education and Health were both at the meeting; Social Care and Transport were not.",
    "Autism and ADHD were mentioned by the SENCO and the paediatrician.",
])
def test_ordinary_capitalised_words_after_and_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text", [
    "We do Yoga on Fridays and have Tea with the Council.",
    "We meet in the Tea Room after school.",
    "She has Tea with her nan on Sundays.",
])
def test_nouns_that_other_languages_use_as_names_are_kept(text):
    # "Tea" and "Yoga" are given names only in Faker's lists of other languages: after a light
    # verb ("do", "have"), or with another noun ("Tea Room"), they are the drink and the exercise
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


def test_noun_names_common_as_names_still_found_alone():
    # the US Census list holds "Victor" and "Belle": alone mid-sentence they are people
    assert "Belle" in names_found("He spoke to Belle about it.")
    assert "Victor Baker" in names_found("I met Victor Baker at the review.")
    # a Faker-only noun name is still a name where no light verb makes it a thing
    assert "Atticus" in names_found("We asked Atticus about the transport.")


@pytest.mark.parametrize("text, name", [
    ("Althea shouted at the driver and walked off.", "Althea"),   # a noun name before a speech verb
    ("For my take on Ms. Sep, see the minutes.", "Sep"),          # a month after a title
    ("I spoke to Mrs May about the transport.", "May"),
    ("Blossom is a very sympathetic person.", "Blossom"),         # an English-word name said to be a person
    ("Calvin had given Rusty his address.", "Rusty"),             # the one given something
    ("I told Curt her plans for the review.", "Curt"),
    ("bai hornberg lives at 255 hersnapvej 18, k", "bai hornberg"),  # a person at an address
    ("For my take on Miss Grove, see the minutes.", "Grove"),      # a street word after a title
    ("Mrs Lane is the SENCO.", "Lane"),
])
def test_names_from_what_is_said_of_them(text, name):
    assert any(name in n for n in names_found(text)), names_found(text)


@pytest.mark.parametrize("text", [
    "The review is in May and the panel meets in June.",
    "Mum is a kind person and Autism is a lifelong condition.",
    "Everyone is a person first; the Teacher is a lovely man.",
    "We gave Mum her tablet and told Ofsted our concerns; I sent School my letter.",
    "My son lives at 12 High Street. The family lives at 4 Elm Road. We live on the Grove.",
])
def test_months_and_ordinary_subjects_are_kept(text):
    assert names_found(text) == set(), names_found(text)


@pytest.mark.parametrize("text, name", [
    ("we spoke to harland jensen yesterday", "harland jensen"),
    ("the letter was signed by ingeborg k. lindqvist", "ingeborg k. lindqvist"),
    ("she said thaddeus has been off school for weeks", "thaddeus"),
    ("follow up with sirriye gooder in a couple of months", "sirriye gooder"),  # English only by its ending
    ("we spoke to ingrid james yesterday", "ingrid james"),
])
def test_lower_case_full_names(text, name):
    assert any(name in n or n == name for n in names_found(text)), names_found(text)


def test_cue_words_without_a_name_are_kept():
    for text in ["hi all, thanks again", "My name is ADHD, some days.", "Write to the U.S. Army office.",
                 "Mum and I went; Autism and I are old friends.", "The Council said no and Ofsted said yes.",
                 "Ask Social Care. Tell Parents.",
                 "It was a report by Ofsted and a letter by the Council."]:
        assert names_found(text) == set(), (text, names_found(text))


def test_lower_case_ordinary_phrases_are_kept():
    for text in ["vice versa, the bus was late", "we walked past the oak savannahs",
                 "des nouvelles de la semaine", "my son has a speech and language therapist"]:
        assert names_found(text) == set(), (text, names_found(text))


def test_places_and_faiths_are_not_taken_for_names():
    text = "We moved from Israel to San Juan County; a Baptist church and the Mall are nearby."
    for word in ["Israel", "San Juan", "Baptist", "Mall"]:
        assert not redacted(text, word), word


def test_post_nominals_are_part_of_the_name():
    assert "Mrs. Kathrin Solberg DDS" in names_found("Our dentist is Mrs. Kathrin Solberg DDS, in town.")
    assert "Edmund Whitlock III" in names_found("It was founded by Edmund Whitlock III in 1990.")


def test_roles_stay_when_names_are_found_nearby():
    out = one("Hi Marisol, the SENCO and the social worker met Radomir's paediatrician.")
    for kept in ["SENCO", "social worker", "paediatrician"]:
        assert kept in out
    assert "Marisol" not in out and "Radomir" not in out


# --------------------------------------------------------------------------- addresses: other countries
@pytest.mark.parametrize("text, address", [
    ("Send it to 4417 Vestergade 12, Odense please.", "4417 Vestergade 12, Odense"),
    ("Our flat: 52 Λεωφόρος Κηφισίας 118, Athens", "52 Λεωφόρος Κηφισίας 118, Athens"),
    ("We stayed at 14 rue des Lilas, Lyon last year.", "14 rue des Lilas, Lyon"),
    ("Write to PSC 1234, Box 5678 | APO AE 09012 for him.", "PSC 1234, Box 5678 | APO AE 09012"),
    ("The form went to 311 Oak Street Apt. 12 | Dayton | , OH | 45402 in the end.",
     "311 Oak Street Apt. 12 | Dayton | , OH | 45402"),
    ("She works at 901 2210 Maple Avenue, Suite 40, Denver.", "901 2210 Maple Avenue, Suite 40, Denver"),
    ("Meet me at the corner of 12 Elm Road and Dock Lane.", "the corner of 12 Elm Road and Dock Lane"),
    ("We live on Marlowe Crescent now.", "Marlowe Crescent"),
])
def test_addresses_in_other_countries_formats(text, address):
    assert address in found(AddressRecognizer(), text) or redacted(text, address), found(AddressRecognizer(), text)


@pytest.mark.parametrize("text", [
    "He was 12 in Year 7 and 13 in Year 8.",
    "We waited 18 months, then 6 weeks, then 3 more months.",
    "Between 2019 and 2021 there were 14 reviews in 3 schools.",
    "Score 4 out of 10 for communication.",
    "He sat in the corner of the classroom and cried.",
    "We were sent to Early Help and then on the High Street to Speech Therapy Lane.",
])
def test_numbers_in_prose_are_not_addresses(text):
    assert found(AddressRecognizer(), text) == []


def test_large_inputs_shared_with_worker_processes_give_the_same_findings(monkeypatch):
    """Above PARALLEL_MIN_TEXTS the analysis is shared with spawned worker processes; the
    findings (and the identifier screen) must be exactly those of one process."""
    import pipeline.anonymise as an
    from pipeline.anonymise import find_identifiers_many

    monkeypatch.setattr(an, "PARALLEL_MIN_TEXTS", 40)
    monkeypatch.setattr(an, "_PARALLEL_CHUNK", 10)
    base = [
        "My son Jack Thompson goes to St Mary's RC Primary; call me on 07700 900123.",
        "The EHCP took a year and the SENCO, Mrs Patel, left in March.",
        "Transport is late every day and nobody answers the phone.",
        "Email jo.bloggs@example.org or write to 14 Elm Road, Leeds LS6 2AB.",
        "Short breaks for Aisha stopped without notice.",
    ]
    texts = [f"{t} ({i})" for i in range(12) for t in base]  # 60 distinct texts
    eng = an.get_engine()
    one = eng.analyse(texts, AnonymiseSettings(n_process=1))
    shared = eng.analyse(texts, AnonymiseSettings(n_process=2))
    assert shared == one and sum(map(len, one)) >= 60
    assert find_identifiers_many(texts, n_process=2) == find_identifiers_many(texts, n_process=1)


# --------------------------------------------------------------------------- international name lists
# Faker's person providers (MIT) give given names and surnames of ~85 locales.  The names below
# are on Faker's lists only (not on the US Census lists nor on our own list), so these tests fail
# if the international lists are not loaded or not used.
def _faker_only_first(name: str) -> bool:
    from pipeline.recognizers.lexicon import census_first_names, faker_names, first_names, gazetteer_first_names

    lw = name.lower()
    return lw in faker_names()[0] and lw in gazetteer_first_names() and \
        lw not in census_first_names() and lw not in first_names()


def test_international_name_lists_are_installed_and_filtered():
    from pipeline.recognizers.lexicon import (faker_names, gazetteer_first_names, gazetteer_surnames,
                                              international_names_available)

    assert international_names_available(), "pip install faker (Faker's per-locale name lists, MIT)"
    first, last = faker_names()
    # Latin script only, lower case, accents kept and folded
    assert {"kazimierz", "elżbieta", "elzbieta", "chukwuemeka", "guðgeir"} <= first
    assert not any(any("\u0400" <= c <= "\u04ff" or "\u0600" <= c <= "\u06ff" for c in w) for w in first)
    assert {"kristensen", "afolabi", "popescu"} <= gazetteer_surnames()
    # ordinary English words Faker lists as given names are not taken from it
    assert {"media", "unknown", "unnamed", "said"} <= first
    assert not {"media", "unknown", "unnamed", "said"} & gazetteer_first_names()
    assert "la" not in first | last  # a particle of multi-word entries ("De la Cruz")


@pytest.mark.parametrize("text, name", [
    ("The transport form was finally signed by Kazimierz last week.", "Kazimierz"),  # Polish
    ("Honestly Chukwuemeka deserves better than a part-time timetable.", "Chukwuemeka"),  # Igbo
    ("The school sent Hadiza home at lunchtime again.", "Hadiza"),  # Hausa
    ("Honestly Raluca deserves better than a part-time timetable.", "Raluca"),  # Romanian
    ("Honestly Aashir deserves better than a part-time timetable.", "Aashir"),  # Urdu/Punjabi
    ("The school sent Xiulan home at lunchtime again.", "Xiulan"),  # Chinese (romanised)
    ("The school sent Ifunanya home at lunchtime again.", "Ifunanya"),  # Igbo
    ("The transport form was finally signed by Antanas last week.", "Antanas"),  # Lithuanian
    ("The transport form was finally signed by Advaith last week.", "Advaith"),  # Indian
    ("The transport form was finally signed by Gonçalo last week.", "Gonçalo"),  # Portuguese
])
def test_given_names_found_via_international_lists(text, name):
    assert _faker_only_first(name), f"{name} should be on Faker's lists only"
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    ("chinyere okonkwo is on the waiting list", "chinyere okonkwo"),
    ("i spoke to kazimierz nowak about it", "kazimierz nowak"),
    ("the worker, adenike afolabi, never replied", "adenike afolabi"),
    ("mihaela popescu is on the waiting list", "mihaela popescu"),
    ("i spoke to ayşe yılmaz about it", "ayşe yılmaz"),  # accents kept ...
    ("i spoke to ayse yilmaz about it", "ayse yilmaz"),  # ... or typed without them
])
def test_lower_case_full_names_via_international_lists(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # a text typed without capitals: a listed given name needs no cue there
    ("follow up with ingrid haugen in a couple of months", "ingrid haugen"),
    ("the bus for tadeusz never came on time this term", "tadeusz"),
    ("honestly oluwaseun k. adebayo helped more than anyone", "oluwaseun k. adebayo"),
])
def test_listed_given_names_in_text_without_capitals(text, name):
    assert name in names_found(text), names_found(text)


def test_text_without_capitals_keeps_its_ordinary_words():
    for text in ["our yoga session and the tea party were fun", "vice versa, the bus was late",
                 "the ot said the sensory diet helps and the ehcp review is in may"]:
        assert names_found(text) == set(), (text, names_found(text))
    # the surname extension stops at ordinary words and plurals ("ingrid" alone, not "ingrid boys")
    assert names_found("ingrid boys were loud") == {"ingrid"}


@pytest.mark.parametrize("text, name", [
    ("We asked Zorbek about the transport and heard nothing.", "Zorbek"),
    ("The panel said Quillon could not have a place this year.", "Quillon"),
])
def test_an_unknown_capitalised_word_alone_mid_sentence_is_a_name(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "Buses to Sedgefield are rare, so we drive.",  # a UK town (phonenumbers' exchange areas)
    "The waiting list grew over Jan-June this year.",  # months
    "We want better Policies for disabled children.",  # a capitalised plural noun
    "The ASD team at Great Ormond Street was helpful.",  # capitalised neighbours: a proper name
])
def test_unknown_word_rule_keeps_towns_months_nouns_and_proper_names(text):
    assert names_found(text) == set(), (text, names_found(text))


def test_uk_town_words_come_from_phonenumbers():
    from pipeline.recognizers.lexicon import uk_place_words, uk_town_words

    towns = uk_town_words()
    assert {"sedgefield", "worksop", "aberystwyth"} <= towns
    assert uk_place_words() <= towns and len(towns) > len(uk_place_words()) + 300


def test_fold_accents():
    from pipeline.recognizers.lexicon import fold_accents

    assert fold_accents("tünde") == "tunde"
    assert fold_accents("yılmaz") == "yilmaz"
    assert fold_accents("łucja") == "lucja"
    assert fold_accents("guðgeir") == "gudgeir"
    assert fold_accents("smith") == "smith"


@pytest.mark.parametrize("text", [
    "I will hope they may mark it as urgent.",
    "the long bus ride makes him anxious",
    "Say what you like, the panel can pan the plan.",
    "Will the panel look again? Hope is all we have left. May I ask why?",
    "The media coverage of the cuts was poor.",
    "Media reports said the council will close the unit.",
    "We want justice and peace for our children.",
    "Justice for families is all we ask.",
    "The Eco club and the Topic work were great.",
    "Our Yoga session and the Tea party were fun.",
    "Metro buses are late; Haven House has a new Meadow room.",
])
def test_ordinary_words_that_are_names_somewhere_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text, name", [
    ("Pettersson, Maja - form tutor", "Pettersson, Maja"),
    ("Attendees: Kowalczyk, Zofia; Okafor, Chinedu", "Kowalczyk, Zofia"),
    ("Attendees: Kowalczyk, Zofia; Okafor, Chinedu", "Okafor, Chinedu"),
])
def test_surname_first_in_lists_and_forms(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", ["Speech, Language and Communication", "Monday, Tuesday - closed",
                                  "Autism, ADHD (both)", "Yes, Please - thanks"])
def test_comma_pairs_of_ordinary_words_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text, name", [
    ("We met Hope Mensah at the forum.", "Hope Mensah"),
    ("Thanks to Sunny Adeyemi for the lift.", "Sunny Adeyemi"),
    ("the meeting with Joy Abara was useful", "Joy Abara"),
])
def test_given_names_that_are_english_words_before_a_surname(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # a census given name that is also an ordinary word, alone mid-sentence
    ("Then Brad phoned the school to say he was leaving.", "Brad"),
    ("I asked if Josh could have a laptop for his exams.", "Josh"),
    ("Why is Earnest still waiting for his EHCP?", "Earnest"),
    # ... or before a surname, even one WordNet lists as a noun ("Kraft", "McKinley")
    ("I want to add Brad Kraft as a contact for the review.", "Brad Kraft"),
    ("The tribunal heard from Chase Mckinley over the summer.", "Chase Mckinley"),
    ("We spoke to Pat Askew about transport.", "Pat Askew"),
    # ... at the start of a line when the surname is a listed one
    ("Brad Whitfield's support plan was never reviewed.", "Brad Whitfield"),
    ("Pat Reardon | parent | 2 children", "Pat Reardon"),
    # ... said of a person, or addressed
    ("Chuck shouted at the teaching assistant.", "Chuck"),
    ("Brad is from a family of five.", "Brad"),
    ("Hi Pat, I am writing about my son's placement.", "Pat"),
    ("Frank said the taxi was late again.", "Frank"),
    # lower case, before a listed surname that is no English word
    ("follow up with brad dupre next week", "brad dupre"),
    # a particle inside a name
    ("Hailey Kimiko ben Aldous spoke at the forum.", "Hailey Kimiko ben Aldous"),
    # spaCy's PERSON kept over a census given name that is a stop word or month ("Will Kane"),
    # and spaCy asked at all when the only capitalised word is such a name ("Frank is ...")
    ("I'm Will Kane, and I care for my grandson.", "Will Kane"),
    ("Frank is very reliable. You can always count on him.", "Frank"),
])
def test_given_names_that_are_ordinary_words_where_only_a_name_fits(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # a surname (or the whole name) in capitals, as forms and lists write it
    ("Parent: Oksana KOVALENKO, Year 4.", "Oksana KOVALENKO"),
    ("We met AISHA KHAN at the drop-in.", "AISHA KHAN"),
    ("Neema Northcross CULACHAIN's plan was late.", "Neema Northcross CULACHAIN"),
    # a listed given name in lower case inside a text with capitals
    ("Why is jenel still without a place?", "jenel"),
    ("The SENCO said livio would get support.", "livio"),
    # a double given name whose parts are listed names
    ("Kamila-Oksana Rybarova joined in September.", "Kamila-Oksana Rybarova"),
])
def test_names_in_capitals_lower_case_or_double(text, name):
    assert redacted(text, name), text


def test_acronyms_and_labels_are_not_names():
    out, _ = anonymise_texts(["Jack ADHD diagnosis came first, then Sam EHCP and CAMHS."],
                             round_propagation=False)[0]
    assert "ADHD" in out and "EHCP" in out and "CAMHS" in out, out
    out, _ = anonymise_texts(["nino: PR 123612C"], round_propagation=False)[0]
    assert out.startswith("nino:") and "123612" not in out, out  # a field label, not "Nino"



@pytest.mark.parametrize("text", [
    "We have Christian values at home.", "We visited Major Oak in Sherwood.",
    "The staff on Cherry Ward were kind.", "It was rated Amber in the report.",
    "I want to travel to hong kong next year.",
    "please start the song penny lane", "Will the council fund this?",
    "The time to travel from the Freeman to my home was long.",
    "The valves were replaced.", "Plans arent reviewed and the NI number was lost.",
    "THE SENCO SAID NO AND THE LA AGREED.", "Our long-term plan is self-care.",
])
def test_ordinary_uses_of_name_words_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text", [
    "Hope Street and Grace Church are near.", "The Summer Term starts soon.", "In Sunny Hill park.",
    "We visited Major Oak in Sherwood.", "Amber Valley council and Sandy Lane.", "We saw Star Wars again.",
])
def test_english_word_names_before_ordinary_capitalised_words_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


def test_surname_alone_before_a_verb_of_thinking_or_saying():
    assert redacted("Popescu thinks the plan is fine.", "Popescu")
    for text in ["Ofsted thinks the school is good.", "The Council believes the plan works.",
                 "Everyone agrees the bus is late.", "Nobody knows why."]:
        out, counts = anonymise_texts([text], round_propagation=False)[0]
        assert out == text, counts


def test_all_capitals_names_after_a_form_label():
    assert redacted("Parent: MARIA OLIVEIRA\nChild: JACK SMITH", "MARIA OLIVEIRA")
    assert redacted("Parent: MARIA OLIVEIRA\nChild: JACK SMITH", "JACK SMITH")
    for text in ["Contact: NHS DIRECT", "From: SENCO", "To: ALL PARENTS", "cc: ADHD TEAM", "From: MAY"]:
        assert names_found(text) == set(), text


def test_welsh_and_irish_particles_are_part_of_the_name():
    assert redacted("Siân ap Rhys chaired the forum.", "Siân ap Rhys")


def test_name_after_a_modal_is_redacted_and_the_modal_kept():
    out = one("we can ask Dan about the transport")
    assert "Dan" not in out and out.startswith("we can ask [")


@pytest.mark.parametrize("verb", ["goes", "does", "cries", "tries", "flies", "has", "went", "relies"])
def test_a_verb_after_my_son_is_not_a_name(verb):
    """'My son goes to school': short and -ies verb forms are English words, not names."""
    text = f"My son {verb} to school by taxi and my daughter {verb} too."
    assert analyse_texts([text], round_propagation=False)[0] == []


@pytest.mark.parametrize("text, name", [("My son Ines is lovely", "Ines"),
                                        ("my daughter Agnes cries a lot", "Agnes"),
                                        ("My son Ty goes to school", "Ty")])
def test_short_names_after_kin_are_still_names(text, name):
    spans = analyse_texts([text], round_propagation=False)[0]
    assert name in [text[s:e] for s, e, _ in spans]


@pytest.mark.parametrize("word", ["Widgit", "Ritalin", "Melatonin", "Concerta", "Mencap", "Barnardo's",
                                  "IPSEA", "SENDIASS", "Portage", "Lego", "Minecraft", "Ofsted", "Covid",
                                  "Zoom", "Teams", "WhatsApp", "Facebook", "Makaton", "Elvanse"])
def test_send_services_medication_and_brands_are_kept(word):
    for text in (f"We found that {word} really helped him a lot.",
                 f"Honestly {word} was the only thing that worked."):
        assert one(text) == text


@pytest.mark.parametrize("text, place", [("We asked and Wokingham said no.", "Wokingham"),
                                         ("Honestly Kirklees and Barnsley refused.", "Barnsley"),
                                         ("I spoke to Wigan about it", "Wigan"),
                                         ("I emailed Bexley twice and Bromley once.", "Bromley")])
def test_a_council_named_on_its_own_is_kept(text, place):
    spans = analyse_texts([text], round_propagation=False)[0]
    assert place not in [text[s:e] for s, e, _ in spans]


@pytest.mark.parametrize("text, name", [("Chelsea said she hates school.", "Chelsea"),
                                        ("Yesterday Chelsea was excluded again.", "Chelsea")])
def test_a_council_word_that_is_a_given_name_stays_a_name(text, name):
    """Chelsea is a London borough and a girl's name: a given name is never vetoed as a place."""
    spans = analyse_texts([text], round_propagation=False)[0]
    assert name in [text[s:e] for s, e, _ in spans]


def test_a_council_word_after_a_kinship_or_title_cue_is_still_a_name():
    text = "My son Preston is lovely and Mrs Bolton was kind."
    found = [text[s:e] for s, e, _ in analyse_texts([text], round_propagation=False)[0]]
    assert "Preston" in found and any("Bolton" in f for f in found)


def test_capitalised_share_tells_famous_surnames_from_ordinary_nouns():
    from pipeline.recognizers.lexicon import capitalisation_data_available, capitalised_share
    from pipeline.recognizers.names import proper_name_nouns

    assert capitalisation_data_available()  # spacy-lookups-data is installed by `make install`
    assert capitalised_share("sanchez") > 0.8 and capitalised_share("friedman") > 0.8
    assert capitalised_share("box") < 0.2 and capitalised_share("way") < 0.1
    nouns = proper_name_nouns()
    assert {"sanchez", "friedman", "hayes", "mayer", "vargas"} <= nouns  # vargas: 0.78
    # ordinary nouns, places, given names and contractions stay ordinary
    assert not {"box", "light", "london", "europe", "dallas", "paris", "ive"} & nouns


@pytest.mark.parametrize("text, name", [
    # a surname alone, with no given name or title: famous surnames WordNet lists as nouns ...
    ("Sanchez is from a family of five.", "Sanchez"),
    ("Pitts is a very sympathetic person.", "Pitts"),
    ("Friedman attends the resource base.", "Friedman"),
    ("Vargas is very reliable. You can always depend on him.", "Vargas"),
    # ... a listed surname that is also a noun, before a verb said of a person only
    ("Hooper lives on Station Road with her gran.", "Hooper"),
    ("Fountain began writing as a teenager.", "Fountain"),
    ("Shearer shouted at the taxi driver.", "Shearer"),
    # ... an adverb between the name and its verb
    ("He is injured, but Hayes just has to get on with it.", "Hayes"),
    # ... the one a person-only action is aimed at, one named so, the one spoken to, one hailed
    ("Davidson shouted at Forte: what are you doing here?", "Forte"),
    ("She named him Kenter after her dad.", "Kenter"),
    ("I'm so jealous! said Padilla to Edwards", "Edwards"),
    ("Don't go to town, Mayer!", "Mayer"),
    ("Thanks for everything, Lynch!", "Lynch"),
])
def test_surnames_alone_where_only_a_person_fits(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # a listed surname that is a noun, capitalised mid-sentence and standing alone
    ("Why is Bowers so impulsive?", "Bowers"),
    ("The hearing was late, said Morales to the clerk.", "Morales"),
    ("She is tired, but Ley just has to keep going.", "Ley"),
    ("We have no idea whether Hollins has read the plan.", "Hollins"),
    # ... one that is an adjective or verb only as a verb's subject
    ("At the review Brown said nothing at all.", "Brown"),
])
def test_surname_nouns_alone_mid_sentence(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # an unknown given name, a particle and a surname, even opening a sentence
    ("Dorwyn bin Duster listed his top songs.", "Dorwyn bin Duster"),
    ("Nollo de la Dung's killers were sentenced.", "Nollo de la Dung"),
    ("Maybe it's under Tashnol van der Test", "Tashnol van der Test"),
    ("follow up with ithwyntash de la pew in a couple of months", "ithwyntash de la pew"),  # lower case
    ("I'm Jeltash ben Stowe, originally from Dolores.", "Jeltash ben Stowe"),
    ("a mandolin coda (not by Velnolbex al Kansas).", "Velnolbex al Kansas"),  # a surname that is a place
    ("follow up with quibexlo al jury soon", "quibexlo al jury"),
])
def test_unknown_given_name_particle_surname(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "We watched the Tour de France.", "A week on the Costa del Sol.", "The Transit van Driver was late.",
    "We went to the Musee du Louvre.", "Eau de Cologne for her birthday.", "She is the Creme de la Creme.",
    "i love creme de la creme", "we watched the tour de france", "a coup de grace", "the piece de resistance",
    "we had a dinner al fresco", "put it in the compost bin today", "the pasta al dente",
])
def test_particle_phrases_that_are_no_names_stay(text):
    from pipeline.recognizers.names import _particle_name_spans

    assert _particle_name_spans(text) == []


@pytest.mark.parametrize("text", [
    "Listening to me, Friendly people - staff kind.", "ECG x2 Blood sugar check then home.",
    "The crew were Brilliant very helpful in every way.", "Own transport. 1/2 Blue sticker.",
    "I am on Redwood 1 in the hospital.", "a freshwater body (Creek, Stream, lake, river)",
    "Great Law of Peace, as they say.", "Stand up to President lies!", "do not conflate Jews with politics",
    "It's not Black or White. But a grey area.", "would love a dedicated Arts & Entertainment District",
])
def test_capitalised_nouns_for_emphasis_stay(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text", [
    "Ive never had a unhelpful nurse.", "Can I use it outside of Europe?",
    "how healthy is shepard's pie", "We stayed in Paris for a week.",
    "The box was left outside, so we waited.", "Light is very important in the sensory room.",
    "Well done, Team!", "I shouted at the screen.", "Go on, Birmingham!",
])
def test_famous_surnames_and_cues_leave_ordinary_words_alone(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


def test_capitalisation_table_is_built_into_the_cache_and_read_back(tmp_path, monkeypatch):
    from pipeline.recognizers import lexicon

    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path))
    lexicon._capitalised_shares.cache_clear()
    try:
        built = dict(lexicon._capitalised_shares())  # no cache file: read from the package
        files = list(tmp_path.glob("capitalised-share-*.tsv"))
        assert len(files) == 1 and len(built) > 10000
        lexicon._capitalised_shares.cache_clear()
        read = lexicon._capitalised_shares()  # read back from the file
        assert read.keys() == built.keys()
        assert abs(read["sanchez"] - built["sanchez"]) < 0.001
    finally:
        lexicon._capitalised_shares.cache_clear()


@pytest.mark.parametrize("text, name", [
    # a text written without capitals: a word no list knows, where a person is spoken of
    ("follow up with dorith mijel in a couple of months.", "dorith mijel"),
    ("the true gender of tashova has been under debate for years", "tashova"),
    ("tashova velithith's killers were sentenced to life", "tashova velithith"),
    # a neighbour of such a word may be one slip from an English word ("lomi": "loci")
    ("lomi velithith's killers were sentenced to life", "lomi velithith"),
    ("you picked a fine time to leave me marzuka, four hungry children", "marzuka"),
])
def test_unknown_words_in_lower_case_texts_where_a_person_fits(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "remind me tommorow at 3pm i have a doctors appointment",  # a doubled-letter typo
    "what timezone is reno in",  # two known words run together
    "can i use both visa and mastercard",
    "the ambulanceman wasexcellent and kind",
    "dfsg sdfgsdfg dsfg sd fg",  # keyboard mashing
    "dfsgdfsg asdfsadfasdfasdf asdf",
    "my son has been waiting for his ehcp with the recieve date unclear",  # a typo
])
def test_typos_compounds_and_mashing_in_lower_case_texts_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text, name", [
    # a text without capitals: after a given name no word could be, a listed surname that is
    # also an English adjective
    ("follow up with rasmus bleak in a couple of months.", "rasmus bleak"),
    ("follow up with kiplangat randy in a couple of months.", "kiplangat randy"),
])
def test_adjective_surnames_after_a_given_name_in_lower_case_texts(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "can i book a hotel in new york city near times square",
    "how many delta miles are on my card",
    "nd out if la tour d'argent in paris takes reservations",
])
def test_places_nouns_and_verbs_after_a_name_word_in_lower_case_texts_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


@pytest.mark.parametrize("text, name", [
    # lower-case surnames after a given name: double-barrelled, with o'/d', after a particle
    ("follow up with marte eisiminger engfer-turso in a couple of months.", "marte eisiminger engfer-turso"),
    ("follow up with lize d'feit in a couple of months.", "lize d'feit"),
    ("follow up with hrútur turid bin pontarelli in a couple of months.", "hrútur turid bin pontarelli"),
    ("follow up with karissa solborg al brindamour in a couple of months.", "karissa solborg al brindamour"),
])
def test_lower_case_surnames_with_hyphens_apostrophes_and_particles(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text, name", [
    # a word no list knows, or a famous surname, alone after a capitalised opening stop word
    ("After Skelbrooke closed its unit, nothing replaced it.", "Skelbrooke"),
    ("Then Kleist phoned the office.", "Kleist"),
])
def test_a_lone_unknown_word_or_famous_surname_after_an_opening_word(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "After Covid the school changed.", "Since Ofsted visited, things improved.",
    "During Lockdown we struggled.", "Before Makaton was used he could not sign.",
])
def test_send_words_after_an_opening_word_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts


def test_a_capitalised_noun_the_corpus_never_saw_reads_as_a_name():
    from pipeline.recognizers.lexicon import seen_in_corpus

    assert not seen_in_corpus("glyceria") and seen_in_corpus("box") and seen_in_corpus("sanchez")
    assert redacted("Why is Glyceria so impulsive?", "Glyceria")
    out, counts = anonymise_texts(["Trumps policies are dangerous."], round_propagation=False)[0]
    assert "policies" in out, counts  # a plural is no unseen noun


@pytest.mark.parametrize("text, name", [
    # a surname with a capital inside it after Le/La/De/Di/Da/Du/Van/Von, as after Mc/Mac
    ("LeBatelier lives on Station Road.", "LeBatelier"),
    ("We met DeShawn Jackson at the forum.", "DeShawn Jackson"),
    # a text without capitals: a listed surname alone before a verb said of a person
    ("the true gender of lundberg has been under debate for years", "lundberg"),
    # ... and a word no list knows, even one that starts with a short word ("as" + "lak")
    ("the true gender of aslak has been under debate for years", "aslak"),
])
def test_camel_case_surnames_and_lower_case_surnames_alone(text, name):
    assert redacted(text, name), text


@pytest.mark.parametrize("text", [
    "sixty dollars to dad from my biggest accnt",  # an abbreviation, not a name
    "been any notice that my card app has been looked at", "what the heck is qat",
])
def test_abbreviations_and_short_words_in_lower_case_texts_are_kept(text):
    out, counts = anonymise_texts([text], round_propagation=False)[0]
    assert out == text, counts
