"""Where no vault was found (issue 13): commands that write refuse and say how to start; the
ones that only read read the current folder and say so in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hortus.cli import main

LINKEDIN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nJane,Roe,,,,,\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def stray(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of someone's files, no hortus.toml up the tree, no $HORTUS_VAULT."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "people").mkdir()
    (folder / "people/ada.md").write_text("---\nname: Ada\n---\n")
    (folder / "contacts.csv").write_text(LINKEDIN)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("HORTUS_VAULT", raising=False)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"/"
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(
    "args",
    [
        ["regenerate"],
        ["add", "Grace Hopper"],
        ["log", "ada", "tea"],
        ["import", "linkedin", "contacts.csv", "--write"],
        ["watch"],
    ],
)
def test_a_command_that_writes_refuses_outside_a_vault(stray: Path, args: list[str]) -> None:
    before = _tree(stray)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"hortus: no vault here: no hortus.toml in {stray} or any folder above it, and no "
        "--vault or $HORTUS_VAULT. Nothing was written. Start one with `hortus init` "
        "(or `hortus init PATH`), or name it with --vault PATH\n"
    )
    assert _tree(stray) == before


@pytest.mark.parametrize(
    "args",
    [["status"], ["check"], ["show", "ada"], ["import", "linkedin", "contacts.csv"]],
)
def test_a_command_that_only_reads_reads_the_folder_and_says_so(
    stray: Path, args: list[str]
) -> None:
    before = _tree(stray)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"hortus: no vault found (no hortus.toml here or above); reading {stray}\n"
    )
    assert _tree(stray) == before


def test_a_named_or_found_vault_is_used_without_a_word(stray: Path) -> None:
    assert run("--vault", str(stray), "add", "Grace Hopper").stderr == ""
    (stray / "hortus.toml").write_text("")
    os.chdir(stray / "people")
    result = run("log", "ada", "tea")
    assert (result.exit_code, result.stderr) == (0, "")
