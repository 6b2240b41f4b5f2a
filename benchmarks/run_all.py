"""`make bench`: every benchmark in turn; each prints a markdown table and writes JSON to
benchmarks/results/.  Pass names to run some only: ``run_all.py anonymise themes``."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["ingest", "anonymise", "name_refill", "structured", "themes", "mapping", "report", "scale"]
# Extra runs: the int8 embeddings and the sampled fit that large rounds use, measured
# against the defaults on the same quality benchmarks.
ARGS = {"themes": [["--variants"]], "mapping": [[], ["--int8", "--skip-clinc"]], "name_refill": [["--forms"]]}


def main() -> int:
    chosen = sys.argv[1:] or BENCHES
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               PYTHONPATH=str(HERE.parent))
    failed = []
    for name in chosen:
        script = HERE / f"bench_{name}.py"
        print(f"\n## {name}\n", flush=True)
        for extra in ARGS.get(name, [[]]):
            t0 = time.perf_counter()
            rc = subprocess.call([sys.executable, str(script), *extra], env=env)
            print(f"\n({name} {' '.join(extra)}: {time.perf_counter() - t0:.0f} s, exit {rc})", flush=True)
            if rc:
                failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
