"""Close the loop with the one who introduced you: `met_through:` and `#intro` entries (written
in either file), "met through" in `show` and on garden.html, and the introducer loop, fired
once at the first of its three triggers. Every input is written in the test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.config import Config
from hortus.garden import Garden, GestureKind, compute_garden
from hortus.render.html import render_html
from hortus.render.i18n import catalogue
from hortus.render.words import suggestion, suggestion_for
from tests.conftest import MakeVault, index_notes, note

TODAY = dt.date(2026, 11, 20)
BOB = "---\nname: Bob Nguyen\n---\n- 2026-01-10: board games\n"


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def garden_of(files: dict[str, str]) -> Garden:
    index = index_notes(*(note(text, path) for path, text in files.items()))
    return compute_garden(index, TODAY, Config())


def carla(front: str, *entries: str) -> str:
    return f"---\nname: Carla Diaz\n{front}---\n" + "".join(f"{e}\n" for e in entries)


@pytest.mark.parametrize(
    "front",
    [
        'met_through: "[[Bob Nguyen]]"\n',
        "met_through: [[Bob Nguyen]]\n",  # unquoted: YAML reads a list in a list
        "met_through:\n  - Bob Nguyen\n",
        'met_through: "[[people/bob|Bob]]"\n',
    ],
)
def test_met_through_is_a_mention_resolved_like_any_other(front: str) -> None:
    garden = garden_of({"people/bob.md": BOB, "people/carla.md": carla(front)})
    assert {key: [c.name for c in people] for key, people in garden.met_through.items()} == {
        "people/carla": ["Bob Nguyen"]
    }


def test_met_through_a_name_without_a_page_is_listed_as_such() -> None:
    index = index_notes(note(carla('met_through: "[[Tom]]"\n'), "people/carla.md"))
    assert [(u.target, u.source.line) for u in index.unresolved] == [("Tom", 3)]


@pytest.mark.parametrize(
    ("files"),
    [
        {  # in the introducer's file
            "people/bob.md": BOB + f"- {ago(30)}: introduced me to [[Carla Diaz]] #intro\n",
            "people/carla.md": carla(""),
        },
        {  # in the new person's file
            "people/bob.md": BOB,
            "people/carla.md": carla("", f"- {ago(30)}: met through [[Bob Nguyen]] #intro"),
        },
    ],
)
def test_an_intro_entry_in_either_file_says_who_introduced_whom(files: dict[str, str]) -> None:
    garden = garden_of(files)
    assert [c.name for c in garden.met_through["people/carla"]] == ["Bob Nguyen"]
    assert "people/bob" not in garden.met_through


def test_an_intro_entry_must_mention_one_other_person() -> None:
    index = index_notes(note(BOB + "- 2026-02-01: a lovely dinner #intro\n", "people/bob.md"))
    (problem,) = index.problems
    assert (problem.source.line, problem.message[:7]) == (5, "#intro:")


def test_the_fifth_interaction_fires_the_loop_with_its_own_words() -> None:
    entries = [f"- {ago(days)}: coffee" for days in (40, 30, 20, 10)]
    entries.append(f"- {ago(5)}: started a project together")
    garden = garden_of(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n', *entries),
        }
    )
    (grown,) = garden.intro_grown
    assert (grown.contact.name, grown.introduced.name, grown.trigger) == (
        "Bob Nguyen",
        "Carla Diaz",
        "interactions",
    )
    assert (grown.date, grown.source.line) == (TODAY - dt.timedelta(5), 9)
    gesture = next(g for g in garden.gestures if g.contact.name == "Bob Nguyen")
    assert gesture.kind is GestureKind.THANKS
    assert suggestion(gesture, catalogue("en")) == (
        "Tell Bob Nguyen how it grew with Carla Diaz: started a project together"
    )
    assert suggestion(gesture, catalogue("fr")) == (
        "Raconter à Bob Nguyen où vous en êtes avec Carla Diaz\u00a0: started a project together"
    )


def test_four_interactions_are_not_yet_grown() -> None:
    entries = [f"- {ago(days)}: coffee" for days in (40, 30, 20, 10)]
    garden = garden_of(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n', *entries),
        }
    )
    assert garden.intro_grown == ()


def test_the_first_key_moment_fires_the_loop() -> None:
    garden = garden_of(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla(
                'met_through: "[[Bob Nguyen]]"\n',
                f"- {ago(20)}: climbing",
                f"- {ago(3)}: she opened her own studio #moment/company",
            ),
        }
    )
    (grown,) = garden.intro_grown
    assert (grown.trigger, grown.text) == ("moment", "she opened her own studio")


def test_a_year_since_you_met_fires_the_loop() -> None:
    garden = garden_of(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla(
                'met_through: "[[Bob Nguyen]]"\n', "- 2025-11-15: first climb"
            ),
        }
    )
    (grown,) = garden.intro_grown
    assert (grown.trigger, grown.date) == ("year", dt.date(2026, 11, 15))
    assert suggestion_for(grown, catalogue("en")) == (
        "Tell Bob Nguyen that you have known Carla Diaz for a year now"
    )


def test_the_first_trigger_fires_once_and_an_interaction_with_the_introducer_closes_it() -> None:
    entries = [f"- {ago(days)}: coffee" for days in (300, 200, 100, 60, 50)]
    entries.append(f"- {ago(10)}: she moved to Lisbon #moment/move")
    files = {"people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n', *entries)}
    # The 5th interaction (50 days ago) came first; the later moment and the year do not fire.
    (grown,) = garden_of({**files, "people/bob.md": BOB}).intro_grown
    assert (grown.trigger, grown.date) == ("interactions", TODAY - dt.timedelta(50))
    # Told Bob since: the loop is closed for good, even with the later triggers.
    told = BOB + f"- {ago(40)}: lunch, told him about Carla\n"
    assert garden_of({**files, "people/bob.md": told}).intro_grown == ()
    # An interaction with Bob before the trigger does not close it.
    early = BOB + f"- {ago(55)}: lunch\n"
    assert len(garden_of({**files, "people/bob.md": early}).intro_grown) == 1


def test_met_through_and_intro_for_the_same_pair_make_one_introduction() -> None:
    entries = [f"- {ago(days)}: coffee" for days in (50, 40, 30, 20, 10)]
    garden = garden_of(
        {
            "people/bob.md": BOB + f"- {ago(60)}: intro to [[Carla Diaz]] #intro #received\n",
            "people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n', *entries),
        }
    )
    assert len(garden.intro_grown) == 1
    assert [c.name for c in garden.met_through["people/carla"]] == ["Bob Nguyen"]


def test_show_prints_met_through_and_whom_they_introduced(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n'),
            "people/dan.md": "---\nname: Dan\nmet_through: [[Bob Nguyen]]\n---\n",
        }
    )
    assert "  met through  Bob Nguyen\n" in _run(root, "show", "Carla")
    assert "  introduced you to  Carla Diaz, Dan\n" in _run(root, "show", "Bob")
    card = json.loads(_run(root, "show", "Bob", "--json"))
    assert (card["met_through"], card["introduced"]) == ([], ["Carla Diaz", "Dan"])


def test_garden_html_shows_it_on_the_persons_row() -> None:
    garden = garden_of(
        {"people/bob.md": BOB, "people/carla.md": carla('met_through: "[[Bob Nguyen]]"\n')}
    )
    page = render_html(garden, "garden.html")
    rows = page.split('<section id="everyone"')[1].split("</li>")
    row = next(row for row in rows if ">Carla Diaz</a>" in row)
    link = '<a class="who" href="people/bob.md">Bob Nguyen</a>'
    assert f'<span class="meta met">met through {link}</span>' in row
    french = render_html(garden, "garden.html", "fr")
    assert "rencontre grâce à <a" in french


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--vault", str(root), *args, "--today", "2026-11-20"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_settles_an_intro_entry_from_both_files(make_vault: MakeVault) -> None:
    """`show` reads only the notes about one person, and the other person's own file: the
    direction comes out as in the garden, whichever of the two is shown."""
    root = make_vault(
        {
            "people/bob.md": BOB,
            "people/carla.md": carla("", "- 2026-11-16: met through [[Bob Nguyen]] #intro"),
            "journal/2026-11-18.md": "- 2026-11-18: climbing with [[Carla Diaz]]\n",
        }
    )
    assert "  introduced you to  Carla Diaz\n" in _run(root, "show", "Bob")
    assert "  met through  Bob Nguyen\n" in _run(root, "show", "Carla")
