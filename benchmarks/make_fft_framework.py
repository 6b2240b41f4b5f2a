"""Build framework YAML files from nhs-fft-v6's written category definitions.

nhs-fft-v6 (The-Strategy-Unit/pxtextmining, MIT) ships real NHS Friends and Family Test
comments coded by trained labellers, and ``framework_v6_definitions.json`` with a written
definition and example phrases for 33 sub-categories.  Two of them ("Labelling not
possible", "Not assigned") say that nothing fits: they are the benchmark's "none".  The
other 31 become a framework's priorities (all tier "must": the benchmark has no tiers).
Three definitions merge columns that the labelled CSV keeps apart; their gold labels are
the union of those columns (``DEFINITION_COLUMNS``).

Two variants are written to benchmarks/results/ (git-ignored; dataset text is never
committed): ``fft_framework_definitions.yaml`` (title + definition) and
``fft_framework_examples.yaml`` (title + definition + up to ``MAX_EXAMPLES`` example
phrases, taken in turn from each polarity section of the definitions file).

    .venv/bin/python benchmarks/make_fft_framework.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "datasets" / "nhs-fft-v6"
RESULTS = ROOT / "benchmarks" / "results"
NONE_CATEGORIES = ("Labelling not possible", "Not assigned")
MAX_EXAMPLES = 8
DEFINITION_COLUMNS = {
    "Staffing levels & responsiveness": ["Number & deployment of staff", "Staff responsiveness"],
    "Continuity of care": ["Staff continuity", "Referals & continuity of care"],
    "Environment, facilities & equipment": ["Environment & Facilities", "Provision of medical equipment"],
}

_QUOTED = re.compile(r"[‘'](.+?)[’'](?=\s*(?:,|$|\n|\())", re.S)


def parse_examples(raw: str, limit: int = MAX_EXAMPLES) -> list[str]:
    """Example phrases of one definition, alternating between its polarity sections
    ("Positive: ..." / "Negative/ wishlist: ...")."""
    sections = [s for s in re.split(r"\n\s*\n", raw or "") if s.strip()]
    lists: list[list[str]] = []
    for sec in sections:
        sec = re.sub(r"^\s*[A-Za-z/ ]{3,30}:\s*", "", sec.strip())
        found = [" ".join(m.split()) for m in _QUOTED.findall(sec)]
        found = [f for f in found if len(f) >= 3 and "[Name]" not in f and "XXXX" not in f]
        if found:
            lists.append(found)
    out: list[str] = []
    i = 0
    while len(out) < limit and any(i < len(lst) for lst in lists):
        for lst in lists:
            if i < len(lst) and len(out) < limit and lst[i] not in out:
                out.append(lst[i])
        i += 1
    return out


def load_definitions(data_dir: Path = DATA) -> list[dict]:
    path = data_dir / "framework_v6_definitions.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: nhs-fft-v6 definitions not found")
    return json.loads(path.read_text(encoding="utf-8"))


def build_frameworks(data_dir: Path = DATA) -> tuple[dict, dict, dict[str, list[str]]]:
    """(definitions framework, examples framework, {priority id: gold CSV columns})."""
    defs = load_definitions(data_dir)
    plain, with_ex, columns = [], [], {}
    n = 0
    for d in defs:
        name = d["subcategory"].strip()
        if name in NONE_CATEGORIES:
            continue
        n += 1
        pid = f"F{n:02d}"
        columns[pid] = DEFINITION_COLUMNS.get(name, [name])
        base = {"id": pid, "tier": "must", "title": name, "description": " ".join(d["definition"].split())}
        plain.append(dict(base))
        with_ex.append({**base, "examples": parse_examples(d.get("examples", ""))})
    head = {"source": "nhs-fft-v6 framework_v6_definitions.json (The Strategy Unit, MIT)"}
    return (
        {"name": "NHS FFT v6 (definitions)", **head, "priorities": plain},
        {"name": "NHS FFT v6 (definitions + examples)", **head, "priorities": with_ex},
        columns,
    )


def write_frameworks(out_dir: Path = RESULTS, data_dir: Path = DATA) -> tuple[Path, Path, dict]:
    plain, with_ex, columns = build_frameworks(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    p1 = out_dir / "fft_framework_definitions.yaml"
    p2 = out_dir / "fft_framework_examples.yaml"
    p1.write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True), encoding="utf-8")
    p2.write_text(yaml.safe_dump(with_ex, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return p1, p2, columns


if __name__ == "__main__":
    if not DATA.is_dir():
        sys.exit(f"{DATA}: nhs-fft-v6 not found (../shared/datasets)")
    a, b, cols = write_frameworks()
    print(f"wrote {a} and {b}: {len(cols)} categories")
