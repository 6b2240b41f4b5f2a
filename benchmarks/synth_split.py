"""Deterministic DEV/TEST split of ../shared/datasets/presidio-synthetic by template.

Texts are split by a hash of their ``template_id`` (so the TEST half's sentence templates are
never seen while rules are written).  The name recognizers were designed by looking at misses
on the DEV half only; TEST is for reporting.

Run ``.venv/bin/python benchmarks/synth_split.py [TYPE] [dev]`` to print DEV-half misses of one
gold type (terminal only; never commit the output).
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT.parent / "shared" / "datasets" / "presidio-synthetic" / "data_synth_dataset_v2.json"


def half(template_id) -> str:
    """'dev' or 'test' for a presidio-synthetic template id."""
    h = hashlib.sha1(f"presidio-synthetic:{template_id}".encode()).hexdigest()
    return "dev" if int(h, 16) % 2 == 0 else "test"


def load(which: str | None = None):
    data = json.loads(SYNTH.read_text(encoding="utf-8"))
    return [d for d in data if which is None or half(d["template_id"]) == which]


def _main() -> None:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    from pipeline.anonymise import analyse_texts
    from pipeline.recognizers import make_tldextract_offline

    make_tldextract_offline()
    typ = sys.argv[1] if len(sys.argv) > 1 else "PERSON"
    rows = load("dev")  # only ever the DEV half
    spans = analyse_texts([d["full_text"] for d in rows], round_propagation=False)
    miss = tot = 0
    for d, sp in zip(rows, spans):
        t = d["full_text"]
        mask = bytearray(len(t))
        for s, e, _ in sp:
            mask[s:e] = b"\x01" * (e - s)
        for g in d["spans"]:
            if g["entity_type"] != typ:
                continue
            s, e = g["start_position"], g["end_position"]
            tot += 1
            if all(mask[j] for j in range(s, e) if t[j].isalnum()):
                continue
            miss += 1
            ctx = (t[max(0, s - 60):s] + "[[" + t[s:e] + "]]" + t[e:e + 40]).replace("\n", " | ")
            print(f"{d['template_id']:>4} {ctx}")
    print(f"DEV {typ}: missed {miss}/{tot}")


if __name__ == "__main__":
    _main()
