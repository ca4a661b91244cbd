"""Docs that cannot drift: the README's commands, every command documented, the JSON keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    install_and_run, install_and_test = _quick_start_commands()
    assert "--vault example-vault regenerate" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert f"`hortus {name}" in README, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0


def test_json_doc_lists_exactly_the_keys_the_document_has(make_vault: MakeVault) -> None:
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^|]+)` \|", doc, re.MULTILINE)
    documented = {key for row in rows for key in re.split(r"`, `", row)}
    documented = {f"contacts[]{k}" if k.startswith(".") else k for k in documented}
    root = make_vault({"people/ada.md": "## 2026-01-01 Tea\n"})
    data = json.loads(CliRunner().invoke(main, ["--vault", str(root), "status", "--json"]).stdout)
    actual = set(data) | {f"contacts[].{key}" for key in data["contacts"][0]}
    assert documented == actual
