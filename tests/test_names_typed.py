"""Names found the way people type them (issue 13): without accents or case on the command
line, "did you mean" for a link that differs only in accents, a guess taken only on --yes, and
`add` refusing a name that reads like a path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hortus.cli import main
from hortus.person.names import completions
from tests.conftest import MakeVault, index_of

ZOE = "---\nname: Zoë Durand\n---\n"
INES = "---\nname: Inès Moreau\n---\n"
FILES = {
    "hortus.toml": "today = 2026-11-20\n",
    "people/zoë.md": ZOE,
    "people/ines.md": INES,
    "people/bob.md": "---\nname: Bob Stone\n---\n",
}


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)


def test_log_show_and_with_find_names_typed_without_accents(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "log", "zoe", "tea", "--date", "2026-11-19", "--with", "INES MOREAU")
    assert result.exit_code == 0, result.output
    assert (
        (root / "people/zoë.md").read_text().endswith("## 2026-11-19 tea (with [[Inès Moreau]])\n")
    )
    card = json.loads(run(root, "show", "ines", "--json").stdout)
    assert (card["name"], card["last_interaction"]) == ("Inès Moreau", "2026-11-19")
    assert json.loads(run(root, "show", "Zoe Durand", "--json").stdout)["name"] == "Zoë Durand"


def test_completion_matches_without_accents(make_vault: MakeVault) -> None:
    contacts = index_of(make_vault(FILES)).contacts
    assert completions(contacts, "zoe") == [("zoë", "Zoë Durand")]
    assert completions(contacts, "ine") == [("ines", "Inès Moreau")]


def test_a_link_without_the_accent_is_no_match_but_check_suggests_the_contact(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            **FILES,
            "journal/2026-11-18.md": "Met [[Ines Moreau]].\n\nAgain [[ines moreau]].\n",
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout == (
        "journal/2026-11-18.md:1: [[Ines Moreau]] has no page; did you mean [[Inès Moreau]]?\n"
        "journal/2026-11-18.md:3: [[ines moreau]] has no page; did you mean [[Inès Moreau]]?\n"
    )
    card = json.loads(run(root, "show", "Inès Moreau", "--json").stdout)
    assert card["last_interaction"] is None  # Obsidian would not open her page either
    status = json.loads(run(root, "status", "--json").stdout)
    assert [u["suggestion"] for u in status["unresolved"]] == ["Inès Moreau", "Inès Moreau"]
    text = run(root, "status").stdout
    assert (
        "  Ines Moreau  (2 mentions, first at journal/2026-11-18.md:1)  did you mean Inès Moreau?\n"
    ) in text
    assert run(root, "regenerate").exit_code == 0
    garden = (root / "GARDEN.md").read_text()
    assert "did you mean Inès Moreau?" in garden


def test_status_lists_a_name_without_a_page_once_with_its_count(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            **FILES,
            "journal/2026-11-01.md": "[[Carla]] [[Carla]]\n",
            "journal/2026-11-02.md": "\n[[carla]]\n",
            "journal/2026-11-03.md": "[[Dan]]\n",
        }
    )
    lines = run(root, "status").stdout.splitlines()
    assert lines[lines.index("Names without a page yet (2)") + 1 :] == [
        "  Carla  (3 mentions, first at journal/2026-11-01.md:1)",
        "  Dan  (journal/2026-11-03.md:1)",
    ]


def test_a_close_typo_is_offered_and_taken_only_with_yes(make_vault: MakeVault) -> None:
    root = make_vault(FILES)
    result = run(root, "log", "Zoe Durnd", "tea")
    assert result.exit_code == 1
    assert result.stderr == (
        "hortus: no contact called 'Zoe Durnd'; did you mean Zoë Durand? "
        "Nothing was written: add --yes to use Zoë Durand (people/zoë.md)\n"
    )
    assert (root / "people/zoë.md").read_text() == ZOE
    result = run(root, "log", "Zoe Durnd", "tea", "--date", "2026-11-19", "--yes")
    assert result.exit_code == 0, result.output
    assert (root / "people/zoë.md").read_text().endswith("## 2026-11-19 tea\n")
    assert run(root, "show", "zoe durnd", "-y").exit_code == 0
    assert run(root, "show", "zoe durnd").exit_code == 1


def test_with_skips_the_entrys_own_person_and_writes_a_name_without_a_page(
    make_vault: MakeVault,
) -> None:
    root = make_vault(FILES)
    result = run(
        root,
        "log",
        "bob",
        "walk",
        "--date",
        "2026-11-19",
        "--with",
        "Bob Stone",
        "--with",
        "Ghost Writer",
        "--with",
        "zoe",
    )
    assert result.exit_code == 0, result.output
    assert (
        (root / "people/bob.md")
        .read_text()
        .endswith("## 2026-11-19 walk (with [[Ghost Writer]], [[Zoë Durand]])\n")
    )
    assert result.stdout.splitlines()[-1] == (
        "Ghost Writer has no page yet (`hortus add 'Ghost Writer'` creates one)"
    )
    result = run(root, "log", "bob", "walk", "--with", "Bob Stne")  # a typo: a guess
    assert result.exit_code == 1 and "did you mean Bob Stone?" in result.stderr


@pytest.mark.parametrize("name", ["../evil", "..", "...", "/etc/passwd", "a\\b", "!? …", ".hidden"])
def test_add_refuses_a_name_that_reads_like_a_path_or_is_only_punctuation(
    make_vault: MakeVault, name: str
) -> None:
    root = make_vault(FILES)
    before = sorted(p.name for p in (root / "people").iterdir())
    result = run(root, "add", name)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"hortus: '{name}' is not a person's name: ")
    assert sorted(p.name for p in (root / "people").iterdir()) == before


@pytest.mark.parametrize("name", ["Seán O'Brien", "李雷", "R2-D2", "J. R. R. Tolkien"])
def test_add_takes_names_with_punctuation_in_them(make_vault: MakeVault, name: str) -> None:
    result = run(make_vault(FILES), "add", name)
    assert result.exit_code == 0, result.output
