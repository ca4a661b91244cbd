"""Docs that cannot drift: the README's commands, every command documented, the JSON keys."""

from __future__ import annotations

import json
import re
import shlex
import shutil
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


JSON_DOC = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
STATUS_DOC, SHOW_DOC = JSON_DOC.split("## `hortus show NAME --json`")
SHOW_DOC, SEARCH_DOC = SHOW_DOC.split("## `hortus search … --json`")
SEARCH_DOC, DIGEST_DOC = SEARCH_DOC.split("## `hortus digest --format json`")


def test_show_json_doc_lists_exactly_the_keys_beyond_a_status_contact(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nanniversary: --06-18\n---\n"
            "## 2026-01-01 Tea #moment\n- [ ] lend the book\n"
        }
    )
    run = CliRunner().invoke
    status = json.loads(run(main, ["--vault", str(root), "status", "--json"]).stdout)
    data = json.loads(run(main, ["--vault", str(root), "show", "ada", "--json"]).stdout)
    assert set(status["contacts"][0]) <= set(data)
    assert set(data["moments"][0]) == set(data["timeline"][0])
    extra = set(data) - set(status["contacts"][0])
    actual = extra | {f"timeline[].{key}" for key in data["timeline"][0]}
    actual |= {f"promises[].{key}" for key in data["promises"][0]}
    actual |= {f"dates[].{key}" for key in data["dates"][0]}
    assert _documented_keys(SHOW_DOC) == actual


def test_the_readmes_everyday_loop_runs_as_shown(tmp_path: Path) -> None:
    """The first console block, run on a copy of the example vault: every line it shows."""
    vault = tmp_path / "vault"
    shutil.copytree(ROOT / "example-vault", vault)
    block = re.search(r"```console\n(.+?)\n```", README, re.DOTALL)
    assert block is not None
    commands = re.split(r"^\$ ", block.group(1), flags=re.MULTILINE)[1:]
    for command in commands:
        line, *shown = command.rstrip("\n").split("\n")
        args = shlex.split(line)
        assert args[0] == "hortus"
        result = CliRunner().invoke(main, ["--vault", str(vault), *args[1:]])
        output = iter((result.stdout + result.stderr).splitlines())
        missing = [row for row in shown if row not in output]  # in this order
        assert missing == [], line


# A vault where every list of the JSON document has an item (today: 2026-11-20).
EVERY_SECTION = {
    "people/ada.md": """
        ---
        circle: inner
        birthday: 1990-11-21
        ---
        # Ada
        - 2026-11-18 tea
        - 2026-11-19 she got the job #moment/job
        - 2026-11-10 advice #received
        - 2026-11-01 a hand with the move #received
        - 2026-11-05 walk
        - 2026-11-07 walk
        - [ ] send the article 📅 2026-11-19
        - [ ] lend her the tent 📅 2026-09-01
        """,
    "people/bob.md": "---\ncircle: weak\n---\n# Bob\n- 2020-01-01 met at a talk\n",
    "people/cy.md": "# Cy\n- 2026-01-01 a\n- 2026-01-08 b\n- 2026-01-15 c\n- 2026-01-22 d\n",
    "people/dee.md": "---\nresting: true\n---\n# Dee\n",
    "people/eve.md": '---\nmet_through: "[[Bob]]"\n---\n- 2026-11-01 she moved #moment/move\n',
    "journal/2026-11-18.md": "- 2026-11-18: [[Ada]]'s exam #ask\n",
}


def _documented_keys(doc: str) -> set[str]:
    """Keys named in a doc's tables; `.x` after `list[].y` in one row means `list[].x`."""
    documented = set()
    for row in re.findall(r"^\| `([^|]+)` \|", doc, re.MULTILINE):
        keys = re.split(r"`, `", row)
        prefix = keys[0].rsplit(".", 1)[0] if "[]." in keys[0] else ""
        documented.update(f"{prefix}{key}" if key.startswith(".") else key for key in keys)
    return documented


def test_json_doc_lists_exactly_the_keys_the_document_has(make_vault: MakeVault) -> None:
    root = make_vault(EVERY_SECTION)
    args = ["--vault", str(root), "status", "--json", "--today", "2026-11-20"]
    data = json.loads(CliRunner().invoke(main, args).stdout)
    actual = set(data)
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            actual |= {f"{key}[].{field}" for field in value[0]}
    assert all(data[key] for key in data if key not in ("unresolved", "problems", "today"))
    # `unresolved` and `problems` describe their few fields in their own row's prose.
    in_prose = {"unresolved[].target", "unresolved[].path", "unresolved[].line"}
    in_prose |= {"problems[].path", "problems[].line", "problems[].message"}
    assert _documented_keys(STATUS_DOC) == actual - in_prose


def test_search_json_doc_lists_exactly_the_keys_the_document_has(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "# Ada\n## 2026-11-01 Tea in Lisbon #tea\n",
            "journal/misc.md": "Lisbon, again.\n",
        }
    )
    args = ["--vault", str(root), "search", "lisbon", "--json"]
    data = json.loads(CliRunner().invoke(main, args).stdout)
    assert data["people"] and data["others"]
    actual = set(data) | {f"people[].{key}" for key in data["people"][0]}
    actual |= {f"others[].{key}" for key in data["others"][0]}
    assert set(data["people"][0]["results"][0]) == set(data["others"][0])
    assert _documented_keys(SEARCH_DOC) == actual


def test_digest_json_doc_lists_exactly_the_keys_the_document_has(make_vault: MakeVault) -> None:
    from tests.test_digest import BUSY

    root = make_vault(BUSY)
    args = ["--vault", str(root), "digest", "--format", "json"]
    data = json.loads(CliRunner().invoke(main, args).stdout)
    actual = set(data)
    for key, value in data.items():
        if isinstance(value, list):
            assert value and isinstance(value[0], dict), key
            actual |= {f"{key}[].{field}" for field in value[0]}
    assert _documented_keys(DIGEST_DOC) == actual


def test_the_architecture_map_matches_the_code() -> None:
    from tests.test_architecture import LAYERS

    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "hortus"
    modules = {p.relative_to(src).as_posix() for p in src.rglob("*.py")}
    the_map = doc.split("## The map", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([\w/]+\.py)`", the_map))
    package_docs = {m for m in modules if m.endswith("/__init__.py")}  # may go unlisted
    assert listed - modules == set()  # nothing listed that is not there
    assert modules - listed - package_docs == set()  # every module is on the map
    order = re.search(r"```\n(core →[^\n]+)\n```", doc)
    assert order is not None
    assert order.group(1).split(" → ") == [
        layer for layer in LAYERS if layer not in ("__init__", "__main__")
    ]
