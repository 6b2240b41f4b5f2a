"""The priority framework and round manifest are validated data."""
from __future__ import annotations

import re

import pytest

from pipeline.config import load_framework, load_manifest
from pipeline.errors import ConfigError
from tests.conftest import FRAMEWORK, SHARED


def _seed_priorities() -> dict[str, list[str]]:
    """The must/should/could bullet lists, read from the committee report itself."""
    seed = next((SHARED / "seed").glob("*.md"), None)
    if seed is None:
        pytest.skip("../shared/seed is not present on this machine")
    tiers: dict[str, list[str]] = {}
    current = None
    for line in seed.read_text(encoding="utf-8").splitlines():
        m = re.search(r"Priorities we (must|should|could) achieve", line)
        if m:
            current = m.group(1)
            tiers[current] = []
        elif line.startswith("###") and current:
            if "Timeline" in line:
                current = None
        elif current and line.startswith("- "):
            tiers[current].append(line[2:].strip())
    return tiers


def test_framework_has_all_26_seed_priorities_word_for_word():
    fw = load_framework(FRAMEWORK)
    assert len(fw.priorities) == 26
    seed = _seed_priorities()
    assert sum(len(v) for v in seed.values()) == 26
    for tier, titles in seed.items():
        ours = [p.title for p in fw.priorities if p.tier == tier]
        assert ours == titles


@pytest.mark.parametrize(
    "body, needle",
    [
        ("name: x\npriorities: []\n", "priorities"),
        ("name: x\npriorities:\n  - id: A\n    tier: maybe\n    title: Something long\n", "tier"),
        ("name: x\npriorities:\n  - id: A\n    tier: must\n    title: One thing\n"
         "  - id: A\n    tier: could\n    title: Other thing\n", "duplicate priority id"),
        ("name: x\npriorities:\n  - tier: must\n    title: No id here\n", "id"),
        ("name: [unclosed\n", "not valid YAML"),
        ("- just\n- a list\n", "mapping"),
    ],
)
def test_malformed_framework_gets_one_line_error(tmp_path, body, needle):
    f = tmp_path / "fw.yaml"
    f.write_text(body)
    with pytest.raises(ConfigError) as exc:
        load_framework(f)
    msg = str(exc.value)
    assert "\n" not in msg and str(f) in msg and needle in msg


def test_missing_framework_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_framework(tmp_path / "nope.yaml")


def test_manifest_validation(tmp_path):
    (tmp_path / "round.yaml").write_text(
        "name: r1\nframework: fw.yaml\nsources:\n  - file: a.csv\n    channel: carrier-pigeon\n")
    with pytest.raises(ConfigError) as exc:
        load_manifest(tmp_path)
    assert "sources.0.channel" in str(exc.value)
    with pytest.raises(ConfigError, match="round folder not found"):
        load_manifest(tmp_path / "absent")
