"""render/outline.py and the pages that use it: the welcome of a new garden, short lists with
"…and N more" linked to the full lists, the table of contents, renew-or-release on every
page, `status --all` and `--section`, in English and in French. Inputs are in the tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def read(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


def test_an_empty_vault_is_welcomed_instead_of_empty_sections(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": "today = 2026-11-20\n"})
    run(root, "regenerate")
    garden = read(root, "GARDEN.md")
    assert "## Welcome to your garden" in garden
    assert '1. Add someone who matters to you: `hortus add "Sam Taylor" --circle close`' in garden
    assert "`hortus import linkedin Connections.csv`" in garden
    assert "`- 2026-11-20 coffee with [[Sam Taylor]]`" in garden
    assert "Nobody here today" not in garden and "## Today's gestures" not in garden
    html = read(root, "garden.html")
    assert '<section id="welcome">' in html and "<code>hortus import linkedin" in html
    assert html.count("<section") == 1  # only the welcome
    status = run(root, "status")
    assert status.splitlines()[2:4] == [
        "Welcome to your garden",
        "  Hardly anything is written down yet. Three ways to start:",
    ]
    assert '  1. Add someone who matters to you: hortus add "Sam Taylor" --circle close' in status


def test_a_nearly_empty_vault_is_welcomed_in_french_with_what_it_has(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "hortus.toml": 'language = "fr"\ntoday = 2026-11-20\n',
            "people/ada.md": "---\nbirthday: 1990-11-22\n---\n- 2026-11-01 thé\n",
            "people/bob.md": "# Bob\n",
        }
    )
    run(root, "regenerate")
    garden = read(root, "GARDEN.md")
    assert "## Bienvenue dans votre jardin" in garden
    assert "`hortus import linkedin Connections.csv`" in garden
    assert "## Dates à venir" in garden and "## Semis" in garden
    assert "Personne ici" not in garden and "## Problèmes" not in garden
    assert "Bienvenue dans votre jardin" in run(root, "status")
    three = make_vault({f"people/p{n}.md": "- 2026-11-01 tea\n" for n in range(3)})
    assert "Welcome" not in run(three, "status", "--today", "2026-11-20")


def test_short_lists_link_to_the_full_lists_in_both_languages(make_vault: MakeVault) -> None:
    people = {f"people/p{n:02}.md": "---\ncircle: weak\n---\n# P\n" for n in range(12)}
    lists = "[lists]\npage = 4\neveryone = 5\n"
    root = make_vault({**people, "hortus.toml": "today = 2026-11-20\n" + lists})
    run(root, "regenerate")
    garden = read(root, "GARDEN.md")
    assert "- _…and 8 more_ · [see them all](GARDEN-all.md#seedlings)" in garden
    assert "## Seedlings" in read(root, "GARDEN-all.md")
    html = read(root, "garden.html")
    assert '<li class="more">…and 7 more · <a href="garden-all.html#everyone">' in html
    assert '<a href="#everyone">Everyone</a> <span class="count">12</span>' in html
    (root / "hortus.toml").write_text(
        'language = "fr"\ntoday = 2026-11-20\n' + lists, encoding="utf-8"
    )
    run(root, "regenerate")
    garden = read(root, "GARDEN.md")
    assert "- _… et 8 autres_ · [tout voir](GARDEN-all.md#semis)" in garden
    assert "[Retour au jardin](GARDEN.md)" in read(root, "GARDEN-all.md")


def test_status_shows_short_lists_and_all_or_one_section_in_full(make_vault: MakeVault) -> None:
    people = {
        f"people/p{n}.md": f"---\nname: Person {n}\n---\n- 2026-0{1 + n % 3}-01 tea\n"
        for n in range(5)
    }
    root = make_vault(people)
    short = run(root, "status", "--today", "2026-11-20")
    assert "Needs watering (5)" in short
    assert "  …and 2 more: hortus status --section needs-watering" in short
    assert short.endswith("\nEvery list in full: hortus status --all\n")
    every = run(root, "status", "--today", "2026-11-20", "--all")
    assert "more" not in every and every.count("every 90 days (network)") == 5
    one = run(root, "status", "--today", "2026-11-20", "--section", "needs-watering")
    assert one.splitlines()[2] == "Needs watering (5)" and len(one.splitlines()) == 8
    empty = run(root, "status", "--today", "2026-11-20", "--section", "breathe")
    assert empty.splitlines()[2:] == ["Let it breathe (0)", "  Nobody here today."]


def test_renew_or_release_is_on_every_page(make_vault: MakeVault) -> None:
    ada = "# Ada\n- 2026-11-10 tea\n- [ ] the drill 📅 2026-05-01\n- [-] the tent 📅 2026-04-01\n"
    root = make_vault({"people/ada.md": ada, "hortus.toml": "today = 2026-11-20\n"})
    run(root, "regenerate")
    garden = read(root, "GARDEN.md")
    section = garden.split("## Renew or release", 1)[1].split("\n## ", 1)[0]
    assert "- [Ada](people/ada.md): the drill · due 1 May 2026 · [people/ada.md:3]" in section
    assert "the tent" not in garden and "## Promises" not in garden
    assert '<section id="renew_or_release">' in read(root, "garden.html")
    status = run(root, "status")
    assert "Renew or release (1)\n  Ada: the drill (due 1 May 2026)\n" in status
