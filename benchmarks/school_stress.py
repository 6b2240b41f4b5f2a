"""Stress set for the school-name patterns (no gazetteer): DEV names and made-up names.

Run:  .venv/bin/python benchmarks/school_stress.py [--engine] [--seed 7] [--n 700] [--show]

Never reads the TEST half of ``../shared/datasets/uk-school-names`` (``bench_structured.school_half``):
the school patterns are revised on this set, and the TEST half stays held out.

Sets, each placed in the 8 sentence frames of ``bench_structured`` and a possessive frame:
1. ``dev``: every DEV-half real name, as written, lower case, without " School", and both.
2. ``long``: made-up long names of realistic forms ("The Sir Ralph Tennant High School",
   "Bishop of Marlbury's Bluecoat School", "St Chad and St Hilda Catholic Voluntary Academy",
   "Queen Anne's Grammar School, Fenby", "Harrow Way Community School", hyphenated and "&"
   names, three- and four-word place prefixes, initials, "Sutton at Fenby", "... School and
   Humanities College", "School Lane Primary", "The JCB Academy"), as written and lower case.
3. ``random``: made-up names of the usual forms (place + type, faith, lead words), as written
   and lower case.
4. ``no type``: made-up names left without any type word ("Top Valley", "Kettlewick",
   "Ashcombe Hilltop", "Lady Tennant", "Fenby and Tansley", "Pear Tree"), as written and lower
   case: a school named without "School".
5. ``trailers``: made-up names with a designation after the type word ("... School Church of
   England Controlled"), "(An Academy)", "(High Fenby Federation)", "C.of E", "Academy of
   Learning", "Fenby Village Primary" (eighth session), as written and lower case.
6. ``ordinary``: sentences about schools with no school name (capitalised clubs, places,
   services after "goes to", "moved to", "transport to"): the share of their words kept.

Recall counts a name as caught only if every letter and digit of it is replaced; "sentence
kept" is the share of names whose frame kept every word outside the name (no swallowing of
"the staff of").  By default only ``places.school_spans`` (the patterns) is measured, which
takes seconds; ``--engine`` also runs the whole anonymiser without its gazetteer (as
bench_structured does), which adds names found by the name recognizers.
``--show`` prints misses of the DEV and made-up sets (never TEST names: they are not read).
Writes ``benchmarks/results/school_stress.json``.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
RESULTS = ROOT / "benchmarks" / "results"

from bench_anonymise import covered_mask  # noqa: E402
from bench_structured import SCHOOL_FRAMES, SCHOOLS, school_half  # noqa: E402

FRAMES = SCHOOL_FRAMES + ["{S}'s SENCO has been amazing.", "After {S} closed its unit, nothing replaced it."]

# --------------------------------------------------------------------------- made-up name parts
PLACES = ("Ashcombe Kettlewick Brindleford Marlbury Thornleigh Pellingham Quarndon Saltwick Wexcombe "
          "Yarnfield Cheddleton Dunsford Elmswell Fenby Gorsley Hartwell Kelvedon Lindridge Mossley "
          "Netherby Ottercombe Pendleford Ravensby Skelbrooke Tolworth Ulverby Wendling Aldwick Bramcote "
          "Coxhoe Dinnington Frodsham Greasley Hucknall Kimberworth Ockbrook Rushcliffe Sawley Tansley "
          "Whitwell Brailsford Hulland Mickleover Chinley Bradwell Hathersage Youlgreave Calver Baslow").split()
ORDINARY = ("Harrow Oak Mill Green Church Brook Valley Stone Spring Moor Heath Castle Orchard Holly Cherry "
            "Beech Elm Willow Fox Badger Kingfisher Beacon Meadow Bridge Cross Rose Thorn Ash Birch Hazel "
            "Rowan Lark Heron Sandy Hollow Windmill Chestnut Acorn Bluebell Clover Primrose Summit").split()
STREET = "Way Lane Road Hill Green Park Field Wood Vale Grove Bank Rise Top End Farm House Hall Edge Dale".split()
GIVEN = "John Thomas Henry William Mary Elizabeth Anne Margaret Robert Richard Edward George Jane Charles Ralph".split()
SURNAMES = ("Leman Tennant Ashdown Pickering Malthouse Brackley Cowlishaw Wetherell Gresley Harcourt Peverill "
            "Bagshawe Rolleston Okeover Fitzherbert Sacheverell Cavendish Stanhope Harpur Ruskin Estcourt").split()
SAINTS = ("Peter Paul Anne Mary Joseph John Thomas Michael Andrew Bede Chad Wilfrid Aidan Hilda Cuthbert "
          "Alban Edmund Margaret Luke Mark Matthew James Giles Werburgh Alkmund Oswald Helen Lawrence").split()
OUR_LADY = ["Lourdes", "Walsingham", "Fatima", "Victories", "Good Counsel", "the Rosary", "Perpetual Succour"]
TYPES = ["Primary School", "Junior School", "Infant School", "High School", "Academy", "Community School",
         "Community College", "Primary Academy", "Grammar School", "School", "CofE Primary School",
         "Infant and Nursery School", "Primary and Nursery School", "School and Sixth Form",
         "Nursery and Infant School", "Junior and Infant School", "Secondary School", "Free School",
         "C of E Junior School", "Church of England Primary School", "Catholic Primary School",
         "Methodist Primary School", "Community Primary School", "CE (VA) Primary"]
FAITH_TYPES = ["Catholic Voluntary Academy", "RC Primary", "Catholic Primary School", "CofE Primary School",
               "Church of England Junior School", "Catholic High School", "CE Academy", "RC Infant School",
               "Catholic College", "Church of England Voluntary Aided Primary School"]
LEADS = "North South East West Upper Lower Great Little Long Old New Nether High".split()
COATS = ["Bluecoat", "Blue Coat", "Greencoat", "Endowed", "Foundation", "Grammar", "Charity"]
TITLES = ["Sir", "Dame", "Lady", "Bishop", "Cardinal"]
PERSON_TYPES = ["High School", "School", "Academy", "Primary School", "College"]
ROYALS = ["Queen Elizabeth", "King Edward VI", "Queen Anne", "King Henry VIII", "Lady Margaret"]
STREET_TYPES = ["Community School", "Primary School", "Academy", "Junior School", "Infant School"]
CHURCHES = ["All Saints", "All Saints'", "Holy Trinity", "Christ Church", "St Mary's", "Holy Cross"]
CHURCH_TYPES = ["Church of England Junior School", "CofE (VA) Primary School", "C of E Infant School",
                "Catholic Primary School"]
SPECIALISMS = ["Mathematics & Computing", "Humanities", "Science", "Business and Enterprise", "Performing Arts",
               "Engineering", "Sports", "Technology"]
RIVERS = ["Trent", "Soar", "Derwent", "Wye", "Dove", "Sea", "the Hill", "the Water", "Avon"]


def _draw(forms: dict, n: int) -> list[tuple[str, str]]:
    """``n`` (form, name) pairs, the forms taken in turn, each name drawn by its form's function."""
    keys = list(forms)
    return [(keys[i % len(keys)], forms[keys[i % len(keys)]]()) for i in range(n)]


def _long_names(r: random.Random, n: int) -> list[tuple[str, str]]:
    """(form, name) of made-up long school names of realistic forms."""
    p, o, st, g, s, sa = (lambda: r.choice(PLACES)), (lambda: r.choice(ORDINARY)), (lambda: r.choice(STREET)), \
        (lambda: r.choice(GIVEN)), (lambda: r.choice(SURNAMES)), (lambda: r.choice(SAINTS))
    t, ft = (lambda: r.choice(TYPES)), (lambda: r.choice(FAITH_TYPES))
    forms = {
        "title person": lambda: f"{r.choice(['The ', ''])}{r.choice(TITLES)} {g()} {s()} {r.choice(PERSON_TYPES)}",
        "bishop of X's": lambda: f"{r.choice(['Bishop', 'Archbishop', 'Earl', 'Duke'])} of {p()}'s {r.choice(COATS)} "
                                 f"School",
        "two saints": lambda: f"St {sa()} and St {sa()} {ft()}",
        "type, town": lambda: f"{r.choice(ROYALS)}{r.choice(['', chr(39) + 's'])} "
                              f"{r.choice(['Grammar School', 'School', 'High School', 'Academy'])}, {p()}",
        "our lady and saint": lambda: f"Our Lady of {r.choice(OUR_LADY)} and St {sa()}{r.choice(['', chr(39) + 's'])} "
                                      f"{r.choice(['RC Primary', 'Catholic Primary School', 'Catholic Voluntary Academy'])}",
        "word + street + type": lambda: f"{o()} {st()} {r.choice(STREET_TYPES)}",
        "person + type": lambda: f"{g()} {s()} {r.choice(['Community College', 'School', 'Academy', 'Primary School'])}",
        "saints' church": lambda: f"{r.choice(CHURCHES)} {r.choice(CHURCH_TYPES)}",
        "the X surname academy": lambda: f"The {r.choice(['Priory', 'Abbey', 'Grange', 'Manor', 'Oaks', 'Meadows'])} {s()} Academy",
        "hyphenated place": lambda: f"{p()}-{r.choice(['on', 'upon', 'by', 'under', 'le', 'in'])}-{r.choice(RIVERS).replace(' ', '-')} {t()}",
        "& / and places": lambda: f"{p()} {r.choice(['&', 'and'])} {p()} {t()}",
        "three-word place": lambda: f"{r.choice(LEADS)} {p()} {o()} {t()}",
        "four-word place": lambda: f"{r.choice(LEADS)} {p()} {o()} {st()} {t()}",
        "place + saint": lambda: f"{p()} St {sa()}{r.choice(['', chr(39) + 's', chr(8217) + 's'])} {ft()}",
        "initials": lambda: f"{r.choice(['The ', ''])}{g()[0]}. {g()[0]}. {s()} {r.choice(['School', 'Primary School', 'Academy'])}",
        "saint of place": lambda: f"St {sa()} of {r.choice(['Canterbury', 'Assisi', 'Lincoln', 'York', 'Hereford'])} {ft()}",
        "person's": lambda: f"{r.choice(['Sir', 'Dame', 'Lady'])} {g()} {s()}'s {r.choice(['CofE Primary School', 'School', 'Grammar School', 'Endowed School'])}",
        "the + place + type": lambda: f"The {p()} {o()} {t()}",
        "place at place": lambda: f"{p()} at {p()} {t()}",
        "school and specialism college": lambda: f"{p()} {r.choice(['High School', 'School', 'Academy'])} and "
                                                 f"{r.choice(SPECIALISMS)} College",
        "street from an ordinary word": lambda: f"{r.choice(['School', 'Church', 'Chapel', 'Station', 'Mill', 'Head', 'Easter'])}"
                                                f" {r.choice(['Lane', 'Street', 'Road', 'Hill', 'Park'])} {t()}",
        "acronym": lambda: f"The {r.choice(['JCB', 'RGS', 'QEGS', 'KGV', 'WBS'])} {r.choice(['Academy', 'School'])}",
    }
    return _draw(forms, n)


def _random_names(r: random.Random, n: int) -> list[tuple[str, str]]:
    """(form, name) of made-up names of the usual short forms."""
    p, o, st = (lambda: r.choice(PLACES)), (lambda: r.choice(ORDINARY)), (lambda: r.choice(STREET))
    forms = {
        "place + type": lambda: f"{p()} {r.choice(TYPES)}",
        "lead + place + type": lambda: f"{r.choice(LEADS)} {p()} {r.choice(TYPES)}",
        "word + street + type": lambda: f"{o()} {st()} {r.choice(TYPES)}",
        "saint + type": lambda: f"St {r.choice(SAINTS)}{r.choice(['', chr(39) + 's'])} {r.choice(FAITH_TYPES)}",
        "place + word + type": lambda: f"{p()} {o()} {r.choice(TYPES)}",
        "the + word + type": lambda: f"The {o()} {st()} {r.choice(['Academy', 'Primary School', 'School'])}",
    }
    return _draw(forms, n)


def _no_type_names(r: random.Random, n: int) -> list[tuple[str, str]]:
    """(form, name) of made-up names without a type word ("Top Valley", "Kettlewick Hilltop")."""
    p, o, st = (lambda: r.choice(PLACES)), (lambda: r.choice(ORDINARY)), (lambda: r.choice(STREET))
    forms = {
        "word + street": lambda: f"{o()} {st()}",
        "lead + place": lambda: f"{r.choice(LEADS + ['Top', 'Far', 'Nether'])} {p()}",
        "place + word": lambda: f"{p()} {r.choice(['Hilltop', 'Park', 'Grange', 'Fields', 'Meadows', 'Brook'])}",
        "lead + word": lambda: f"{r.choice(['New', 'Top', 'Old', 'Long', 'Little'])} {r.choice(['Mills', 'Valley', 'Acres', 'Meadows', 'Lanes', 'Oaks'])}",
        "one place word": lambda: f"{p()}",
        "place + place-ending": lambda: f"{r.choice(ORDINARY)}{r.choice(['field', 'side', 'dale', 'wood', 'brook'])}",
        "title + name": lambda: f"{r.choice(['Lady', 'Sir', 'Bishop', 'Dame'])} {r.choice(SURNAMES)}",
        "place and place": lambda: f"{p()} and {p()}",
        "tree": lambda: f"{r.choice(['Oak', 'Pear', 'Cherry', 'Yew', 'Ash', 'Holly'])} Tree",
    }
    return _draw(forms, n)


def _trailer_names(r: random.Random, n: int) -> list[tuple[str, str]]:
    """(form, name) of made-up names with what official lists put after or inside them (added in
    the eighth session): a designation after the type word, "(An Academy)", a federation in
    brackets, "C of E" dotted in several ways, "Academy of Learning", a generic word between the
    place and the type ("Fenby Village Primary")."""
    p = (lambda: r.choice(PLACES))
    forms = {
        "designation after type": lambda: f"{p()} {r.choice(['Primary School', 'Infant School', 'Junior School'])} "
                                          f"{r.choice(['Church of England Controlled', 'Church of England Aided', 'CE Voluntary Controlled'])}",
        "designation in brackets": lambda: f"{p()} {r.choice(['Primary', 'Junior School', 'Infant School'])} "
                                           f"{r.choice(['(Voluntary Aided)', '(Voluntary Controlled)', '(Controlled)', '(CE Aided)'])}",
        "an academy": lambda: f"{p()} {r.choice(['Primary School', 'Junior School', 'High School'])} (An Academy)",
        "federation in brackets": lambda: f"{p()} {r.choice(['Primary School', 'Infant School', 'Nursery School'])} "
                                          f"({r.choice(['High', 'Upper', 'North'])} {p()} Federation)",
        "dotted C of E": lambda: f"{p()} {r.choice(['C.of E', 'C of E.', 'C.of.E.', 'C. of E.'])} "
                                 f"{r.choice(['Primary School', 'Infant School', 'Junior School'])}",
        "of a subject": lambda: f"{p()} {r.choice(['Academy', 'College'])} of "
                                f"{r.choice(['Learning', 'Technology', 'Science', 'Excellence', 'Arts'])}",
        "generic word inside": lambda: f"{p()} {r.choice(['Village', 'Hospital', 'Model Village'])} "
                                       f"{r.choice(['Primary', 'School', 'Primary School'])}",
    }
    return _draw(forms, n)


ORDINARY_SENTENCES = [
    # capitalised things that are no school, after the verbs and prepositions schools follow
    "My son goes to Scouts on Mondays.", "She goes to Rainbows and Brownies.", "We go to Tesco after school.",
    "Transport to Speech Therapy takes an hour.", "He moved to Year Six in September.",
    "We moved to North Wales last year.", "She goes to Saturday Club at the leisure centre.",
    "Transport to the Children's Hospital is hard.", "He goes to Forest School on Fridays.",
    "We were offered a place at Key Stage Two level.", "He moved from Reception to Year One.",
    "The SENCO at the Local Authority left in October.", "I would like to thank the staff of the Council.",
    "My daughter goes to Swimming Club and Cubs.", "Transport to Great Ormond Street takes four hours.",
    "We moved from South Yorkshire to the Peak District.", "My son goes to Breakfast Club and After School Club.",
    "She moved from Early Years to Key Stage One.", "We were offered a place at Short Breaks.",
    "He goes to Young Carers on Tuesdays.", "The staff of Social Care were helpful.",
    "I would like to thank the staff of Children's Services.", "Year 6 at Sunday School was fun.",
    "She moved from Occupational Therapy to Physiotherapy.", "We go to Sure Start and Home Start.",
    "Transport to New Street station is easy.", "We moved to Little Chalfont in May.",
    "He goes to Beavers at St Mark's Church.", "We moved from the High Peak to North East Derbyshire.",
    "The SENCO at our school left in October.", "My son goes to the local school and loves it.",
    "She moved from mainstream to a specialist setting.", "Transport to school takes over an hour.",
    "We were offered a place at a special school 14 miles away.", "the staff of his school were brilliant",
    "Year 6 at primary was a disaster.", "He goes to Sixth Form next year.", "She goes to Youth Club.",
    "My son goes to Top Shop on Saturdays.", "We go to Green Park most weekends.",
    "He goes to Mill Lane surgery for his medication.", "The staff of the Parent Carer Forum helped.",
    "Transport to High Street shops is fine.", "My son goes to Stay and Play at Oak Tree Children's Centre.",
]


def dev_names() -> list[str]:
    if not SCHOOLS.is_file():
        return []
    with SCHOOLS.open(newline="", encoding="utf-8") as fh:
        names = [row["name"].strip() for row in csv.DictReader(fh) if row.get("name", "").strip()]
    return [n for n in names if school_half(n) == "dev"]  # the TEST half is never read further


def variants(name: str) -> dict[str, str]:
    out = {"as written": name, "lower case": name.lower()}
    if name.endswith(" School"):
        out["without School"] = name[: -len(" School")]
        out["without School, lower"] = name[: -len(" School")].lower()
    return out


def build(seed: int, n: int):
    """[(set, form, variant, text, start, end)]."""
    r = random.Random(seed)
    items = []
    for name in dev_names():
        for v, s in variants(name).items():
            for fr in FRAMES:
                items.append(("dev", "real DEV name", v, fr, s))
    for setname, gen, k in (("long", _long_names, n), ("random", _random_names, n), ("no type", _no_type_names, n // 2),
                             ("trailers", _trailer_names, n // 2)):
        for form, name in gen(r, k):
            for v in ("as written", "lower case"):
                s = name if v == "as written" else name.lower()
                items.append((setname, form, v, r.choice(FRAMES), s))
    out = []
    for setname, form, v, fr, s in items:
        i = fr.index("{S}")
        text = fr[:i] + s + fr[i + 3:]
        out.append((setname, form, v, text, i, i + len(s)))
    return out


def evaluate(items, spans_of):
    by = defaultdict(lambda: [0, 0, 0])  # n, caught, sentence kept
    misses = []
    for (setname, form, v, text, s, e), spans in zip(items, spans_of):
        m = covered_mask(len(text), spans)
        ok = all(m[j] for j in range(s, e) if text[j].isalnum())
        outside = [w for w in re.finditer(r"\w+", text) if (w.end() <= s or w.start() >= e)]
        kept = not any(any(m[w.start():w.end()]) for w in outside)
        for key in ((setname, "*", v), (setname, form, v), (setname, "*", "*")):
            c = by[key]
            c[0] += 1
            c[1] += ok
            c[2] += kept
        if not ok or not kept:
            misses.append((setname, form, v, text, text[s:e], [text[a:b] for a, b, *_ in spans], ok, kept))
    return by, misses


def ordinary_kept(spans_of):
    total = removed = 0
    swallowed = []
    for text, spans in zip(ORDINARY_SENTENCES, spans_of):
        m = covered_mask(len(text), spans)
        for w in re.finditer(r"\w+", text):
            total += 1
            if any(m[w.start():w.end()]):
                removed += 1
        if spans:
            swallowed.append((text, [text[a:b] for a, b, *_ in spans]))
    return total, removed, swallowed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=700, help="made-up names per set")
    ap.add_argument("--engine", action="store_true", help="also run the whole anonymiser without its gazetteer")
    ap.add_argument("--show", action="store_true", help="print misses (DEV and made-up names only)")
    ap.add_argument("--set", default=None, help="show misses of this set only")
    args = ap.parse_args()

    from pipeline.recognizers.places import school_spans

    items = build(args.seed, args.n)
    t0 = time.perf_counter()
    pat = [list(school_spans(t)) for _, _, _, t, _, _ in items]
    ordin = [list(school_spans(t)) for t in ORDINARY_SENTENCES]
    t_pat = time.perf_counter() - t0
    systems = {"patterns": (pat, ordin, t_pat)}
    if args.engine:
        import pipeline.anonymise as an

        an._ENGINE = an.AnonymiserEngine(())
        t0 = time.perf_counter()
        eng = an.analyse_texts([t for _, _, _, t, _, _ in items], round_propagation=False)
        eo = an.analyse_texts(ORDINARY_SENTENCES, round_propagation=False)
        systems["anonymiser, no gazetteer"] = (eng, eo, time.perf_counter() - t0)
    res = {"seed": args.seed, "n": args.n, "systems": {}}
    for sysname, (sp, so, secs) in systems.items():
        by, misses = evaluate(items, sp)
        tot, rem, swallowed = ordinary_kept(so)
        res["systems"][sysname] = {
            "seconds": round(secs, 1),
            "recall": {" | ".join(k): {"n": c[0], "caught": c[1], "recall": c[1] / c[0], "sentence_kept": c[2] / c[0]}
                       for k, c in sorted(by.items())},
            "ordinary_sentences": {"words": tot, "removed": rem, "kept": 1 - rem / tot},
        }
        print(f"\n## {sysname} ({secs:.1f} s)\n")
        print("| set | form | variant | n | all letters replaced | sentence kept |\n|---|---|---|---|---|---|")
        for k, c in sorted(by.items()):
            if k[1] == "*" or args.show:
                print(f"| {k[0]} | {k[1]} | {k[2]} | {c[0]} | {c[1] / c[0]:.1%} ({c[0] - c[1]} missed) | {c[2] / c[0]:.1%} |")
        print(f"\nordinary sentences about schools: {tot - rem}/{tot} words kept ({1 - rem / tot:.2%})")
        if args.show:
            for m in misses:
                if args.set is None or m[0] == args.set:
                    print(("MISS " if not m[6] else "SWALLOW ") + f"[{m[0]} / {m[1]} / {m[2]}] {m[4]!r} -> {m[5]}  in {m[3]!r}")
            for text, got in swallowed:
                print(f"ORDINARY REDACTED {got} in {text!r}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "school_stress.json").write_text(json.dumps(res, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
