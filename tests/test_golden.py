"""The example vault's garden, kept byte for byte in example-vault/GARDEN.md and garden.html.

`pytest --update-golden` rewrites it after an intended change; review the diff in git.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "example-vault"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("GARDEN*.md", "garden*.html"))
    return root


def test_example_garden_matches_golden(tmp_path: Path, update_golden: bool) -> None:
    root = _copy(tmp_path)
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
    assert result.exit_code == 0, result.output
    for page in ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html"):
        produced = (root / page).read_bytes()
        golden = EXAMPLE / page
        if update_golden:
            golden.write_bytes(produced)
        assert produced == golden.read_bytes(), page


def test_example_vault_is_lively_and_has_exactly_one_problem(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    result = CliRunner().invoke(main, ["--vault", str(root), "status", "--json"])
    data = json.loads(result.stdout)
    assert data["today"] == "2026-11-20"  # pinned in its hortus.toml
    states = {c["state"] for c in data["contacts"]}
    assert states == {"seedling", "thriving", "due", "thirsty", "wilting", "resting"}
    assert 10 <= len(data["contacts"]) <= 20
    assert [p["path"] for p in data["problems"]] == ["people/pat-oneill.md"]
    assert {u["target"] for u in data["unresolved"]} == {"Tom from the climbing gym"}
