"""Every date that matters: anniversary, memorial, name_day and `dates:` beside the birthday,
read with the birthday's parser, shown under "Dates soon", in the gestures, in `show` and in
the calendar; `gift_ideas` beside a birthday or an anniversary. Inputs are in the test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.config import Config
from hortus.core.model import Birthday
from hortus.exchange.calendar import calendar_events
from hortus.exchange.export.ics import render_ics
from hortus.garden import Garden, GestureKind, compute_garden
from hortus.render.i18n import catalogue
from hortus.render.markdown import render_markdown
from hortus.render.words import suggestion
from tests.conftest import MakeVault, index_notes, note

TODAY = dt.date(2026, 11, 20)


def garden_of(front: str, today: dt.date = TODAY) -> Garden:
    text = f"---\nname: Ada Lovelace\n{front}---\n"
    return compute_garden(index_notes(note(text, "people/ada.md")), today, Config())


def test_each_kind_of_date_is_read_like_a_birthday() -> None:
    (contact,) = index_notes(
        note(
            """
            ---
            name: Ada
            anniversary: 2016-11-26
            memorial: --11-22
            name_day: 12-10
            dates: {"started at Brightline": 2024-01-15}
            ---
            """,
            "people/ada.md",
        )
    ).contacts
    assert [(d.occasion, d.label, d.when, d.line) for d in contact.dates] == [
        ("anniversary", None, Birthday(2016, 11, 26), 3),
        ("memorial", None, Birthday(None, 11, 22), 4),
        ("name_day", None, Birthday(None, 12, 10), 5),
        ("date", "started at Brightline", Birthday(2024, 1, 15), 6),
    ]
    assert "anniversary" not in contact.fields  # read by hortus, like `birthday`


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ('anniversary: "2016-02-30"\n', 2, "anniversary '2016-02-30' is not a date"),
        ("memorial: soon\n", 2, "memorial 'soon' is not a date"),
        ('dates: {"first job": someday}\n', 2, "'first job' in dates 'someday' is not a date"),
        ("dates: [2020-01-01]\n", 2, "dates should be a mapping"),
    ],
)
def test_an_unreadable_date_is_a_problem_at_its_line(front: str, line: int, message: str) -> None:
    index = index_notes(note(f"---\n{front}---\n", "people/ada.md"))
    (problem,) = index.problems
    assert problem.source.line == line
    assert message in problem.message


def test_dates_soon_holds_birthdays_and_the_other_dates_soonest_first() -> None:
    garden = garden_of(
        "birthday: 1990-12-01\nanniversary: 2016-11-26\nmemorial: 2023-11-22\n"
        'dates: {"started at Brightline": 2025-11-30}\n'
    )
    assert [(b.occasion, b.in_days, b.age) for b in garden.birthdays] == [
        ("memorial", 2, 3),
        ("anniversary", 6, 10),
        ("date", 10, 1),
        ("birthday", 11, 36),
    ]
    page = render_markdown(garden, "GARDEN.md")
    assert "## Dates soon" in page
    assert "· in 2 days · in memory · 3 years" in page
    assert "· in 6 days · anniversary · 10 years" in page
    assert "· in 10 days · started at Brightline · 1 year" in page


def test_a_memorial_is_never_happy() -> None:
    garden = garden_of("memorial: --11-21\n")
    (gesture,) = garden.gestures
    assert gesture.kind is GestureKind.DATE
    text = suggestion(gesture, catalogue("en"))
    assert text == "Send Ada Lovelace a gentle word tomorrow, a day of remembrance"
    french = suggestion(gesture, catalogue("fr"))
    assert french == "Envoyer un mot doux à Ada Lovelace demain, un jour de souvenir"
    page = render_markdown(garden, "GARDEN.md", "fr")
    assert "- 21 novembre · [Ada Lovelace](people/ada.md) · demain · en mémoire\n" in page
    for words in (text, french):
        assert "happy" not in words.lower() and "bon" not in words.lower()


@pytest.mark.parametrize(
    ("front", "english", "french"),
    [
        (
            "anniversary: 2016-11-20\n",
            "Wish Ada Lovelace a happy anniversary today",
            "Souhaiter un bon anniversaire de couple à Ada Lovelace aujourd’hui",
        ),
        (
            "name_day: --11-23\n",
            "Wish Ada Lovelace a happy name day on 23 November",
            "Souhaiter une bonne fête à Ada Lovelace le 23 novembre",
        ),
        (
            'dates: {"started at Brightline": 2024-11-21}\n',
            "Think of Ada Lovelace tomorrow: started at Brightline",
            "Penser à Ada Lovelace demain\u00a0: started at Brightline",
        ),
    ],
)
def test_gestures_for_the_other_dates(front: str, english: str, french: str) -> None:
    (gesture,) = garden_of(front).gestures
    assert suggestion(gesture, catalogue("en")) == english
    assert suggestion(gesture, catalogue("fr")) == french


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 2, 20), dt.date(2027, 2, 28)),  # kept on 28 February off leap years
        (dt.date(2028, 2, 20), dt.date(2028, 2, 29)),
    ],
)
def test_a_29_february_anniversary(today: dt.date, expected: dt.date) -> None:
    (soon,) = garden_of("anniversary: 2016-02-29\n", today).birthdays
    assert (soon.date, soon.age) == (expected, expected.year - 2016)


def test_a_29_february_anniversary_in_the_calendar_is_the_last_day_of_february() -> None:
    garden = garden_of("anniversary: 2016-02-29\n")
    (event,) = calendar_events(garden)
    assert (event.summary, event.day, event.last_day_of_february) == (
        "Anniversary: Ada Lovelace",
        dt.date(2016, 2, 29),
        True,
    )


def test_gift_ideas_beside_a_birthday_or_an_anniversary_only() -> None:
    garden = garden_of(
        "birthday: --11-25\nanniversary: --11-26\nname_day: --11-27\n"
        "gift_ideas: [a headlamp, the ceramics class]\n"
    )
    assert [b.gift_ideas for b in garden.birthdays] == [
        ("a headlamp", "the ceramics class"),
        ("a headlamp", "the ceramics class"),
        (),
    ]
    page = render_markdown(garden, "GARDEN.md")
    assert page.count("gift ideas: a headlamp, the ceramics class") == 2


def test_the_calendar_has_every_date_yearly_with_gentle_words() -> None:
    garden = garden_of(
        'memorial: 2023-11-22\nname_day: --12-10\ndates: {"started at Brightline": 2024-01-15}\n'
    )
    data = render_ics(calendar_events(garden), TODAY)
    events = {str(e["summary"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert set(events) == {
        "In memory: Ada Lovelace",
        "Name day: Ada Lovelace",
        "Started at Brightline: Ada Lovelace",
    }
    assert all(str(e["rrule"]["freq"][0]) == "YEARLY" for e in events.values())
    assert events["In memory: Ada Lovelace"].decoded("dtstart") == dt.date(2023, 11, 22)


def test_show_lists_the_dates_and_gift_ideas(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": """
                ---
                name: Ada Lovelace
                anniversary: 2016-06-18
                dates: {"started at Brightline": 2024-01-15}
                gift_ideas: [a headlamp]
                ---
                """
        }
    )
    out = _run(root, "show", "Ada")
    assert "  dates       18 June 2016  anniversary\n" in out
    assert "              15 January 2024  started at Brightline\n" in out
    assert "  gift ideas  a headlamp\n" in out
    card = json.loads(_run(root, "show", "Ada", "--json"))
    assert card["dates"] == [
        {"occasion": "anniversary", "label": None, "date": "2016-06-18"},
        {"occasion": "date", "label": "started at Brightline", "date": "2024-01-15"},
    ]
    assert card["gift_ideas"] == ["a headlamp"]


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--vault", str(root), *args, "--today", "2026-11-20"])
    assert result.exit_code == 0, result.output
    return result.stdout
