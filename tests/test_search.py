"""`hortus search`: every word, without case or accents, phrases, prefixes, filters, grouping
by the people an entry involves, and always the notes as they are now."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

VAULT = {
    "hortus.toml": "today = 2026-11-20\n",
    "people/zoe-durand.md": """
        ---
        name: Zoë Durand
        city: Montréal
        ---
        # Zoë Durand
        ## 2026-10-01 Sourdough class in Montréal #class
        She teaches the thesis defence workshop too.
        ## 2026-11-02 Coffee
        Talked about her sourdough starter.
        """,
    "people/ines-moreau.md": """
        ---
        name: Inès Moreau
        city: Lisbon
        ---
        - 2026-09-05: Thesis, then the defence; a walk by the river
        """,
    "journal/2026-11-10.md": "Baked sourdough with [[Zoë Durand]] and [[Inès Moreau]].\n",
    "journal/ideas.md": "# Ideas\nA sourdough bakery somewhere, one day.\n",
}


def search(root: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["--vault", str(root), "search", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def places(data: dict[str, object]) -> list[tuple[str, str, int]]:
    """(group, path, line) for every result, in the document's order."""
    found = []
    for group in data["people"]:  # type: ignore[attr-defined]
        found += [(group["name"], r["path"], r["line"]) for r in group["results"]]
    found += [("", r["path"], r["line"]) for r in data["others"]]  # type: ignore[attr-defined]
    return found


def test_words_match_without_case_or_accents(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    assert ("Zoë Durand", "people/zoe-durand.md", 6) in places(search(root, "montreal"))
    assert ("Zoë Durand", "people/zoe-durand.md", 1) in places(search(root, "MONTREAL"))
    assert {group for group, _, _ in places(search(root, "zoe"))} == {"Zoë Durand", "Inès Moreau"}
    assert ("Inès Moreau", "people/ines-moreau.md", 1) in places(search(root, "INES"))


def test_every_word_must_match(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    assert places(search(root, "sourdough", "montreal")) == [
        ("Zoë Durand", "people/zoe-durand.md", 6)
    ]


def test_an_argument_with_spaces_is_a_phrase(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    phrase = places(search(root, "thesis defence"))
    assert phrase == [("Zoë Durand", "people/zoe-durand.md", 6)]
    words = places(search(root, "thesis", "defence"))
    assert ("Inès Moreau", "people/ines-moreau.md", 5) in words
    assert len(words) == 2


def test_a_trailing_star_is_a_prefix(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    assert len(places(search(root, "sourd*"))) == len(places(search(root, "sourdough")))
    assert places(search(root, "sourd")) == []


def test_results_are_grouped_by_person_newest_first_nobody_last(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    data = search(root, "sourdough")
    assert places(data) == [
        ("Inès Moreau", "journal/2026-11-10.md", 1),
        ("Zoë Durand", "journal/2026-11-10.md", 1),
        ("Zoë Durand", "people/zoe-durand.md", 8),
        ("Zoë Durand", "people/zoe-durand.md", 6),
        ("", "journal/ideas.md", 1),
    ]
    assert data["total"] == data["shown"] == 4  # the shared entry counts once


def test_front_matter_values_are_searched(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    assert places(search(root, "lisbon")) == [("Inès Moreau", "people/ines-moreau.md", 1)]


def test_filters_person_tag_and_dates(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    inès = places(search(root, "sourdough", "--person", "Inès Moreau"))
    assert inès == [
        ("Inès Moreau", "journal/2026-11-10.md", 1),
        ("Zoë Durand", "journal/2026-11-10.md", 1),
    ]
    assert places(search(root, "sourdough", "--tag", "class")) == [
        ("Zoë Durand", "people/zoe-durand.md", 6)
    ]
    since = places(search(root, "sourdough", "--since", "2026-11-01"))
    assert {(p, line) for _, p, line in since} == {
        ("journal/2026-11-10.md", 1),
        ("people/zoe-durand.md", 8),
    }
    until = places(search(root, "sourdough", "--until", "2026-10-31"))
    assert until == [("Zoë Durand", "people/zoe-durand.md", 6)]


def test_the_limit_and_what_is_left(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    data = search(root, "sourdough", "--limit", "1")
    assert data["shown"] == 1 and data["total"] == 4
    text = CliRunner().invoke(main, ["--vault", str(root), "search", "sourdough", "--limit", "1"])
    assert "…and 3 more: 1 of 4 shown" in text.stdout


def test_a_note_edited_after_the_cache_was_written_is_found_as_it_is_now(
    make_vault: MakeVault,
) -> None:
    root = make_vault(VAULT)
    assert places(search(root, "pumpernickel")) == []
    path = root / "people/zoe-durand.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("sourdough starter", "pumpernickel"),
        encoding="utf-8",
    )
    assert places(search(root, "pumpernickel")) == [("Zoë Durand", "people/zoe-durand.md", 8)]
    assert ("Zoë Durand", "people/zoe-durand.md", 8) not in places(search(root, "starter"))
    (root / "journal/ideas.md").unlink()
    assert ("", "journal/ideas.md", 1) not in places(search(root, "sourdough"))


def test_search_syntax_typed_by_the_user_is_just_text(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    for words in (["AND"], ['"'], ["NEAR(a b)"], ["city:"], ["*"], ["-x"], ["a OR b"]):
        result = CliRunner().invoke(main, ["--vault", str(root), "search", "--", *words])
        assert result.exit_code == 0, (words, result.output)


def test_search_writes_no_note(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)

    def digests() -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file() and ".hortus" not in p.parts
        }

    before = digests()
    search(root, "sourdough")
    assert digests() == before


def test_the_terminal_shows_groups_snippets_and_places(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    result = CliRunner().invoke(main, ["--vault", str(root), "search", "lisbon"])
    assert result.stdout.splitlines() == [
        "Inès Moreau",
        "  undated  people/ines-moreau.md:1",
        "    --- name: Inès Moreau city: Lisbon ---",
    ]
    nothing = CliRunner().invoke(main, ["--vault", str(root), "search", "zebra"])
    assert nothing.stdout == "Nothing found for zebra.\n"


def test_a_control_character_in_a_note_never_reaches_the_terminal(
    make_vault: MakeVault,
) -> None:
    root = make_vault({"journal/x.md": "evil \x1b]0;pwned\x07 title\n"})
    result = CliRunner().invoke(main, ["--vault", str(root), "search", "evil"])
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert os.path.exists(root / ".hortus")
