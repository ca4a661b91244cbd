"""Ask after it (`#ask`): news of something coming up in their life; once it is over, a gesture
and a line under key moments until you are in touch after it. Every input is in the test."""

from __future__ import annotations

import datetime as dt

import pytest

from hortus.core.config import Config
from hortus.garden import Garden, GestureKind, compute_garden
from hortus.render.i18n import catalogue
from hortus.render.markdown import render_markdown
from hortus.render.status import render_text, status_document
from hortus.render.words import suggestion
from tests.conftest import index_notes, note

TODAY = dt.date(2026, 11, 20)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def garden_of(files: dict[str, str], config: Config | None = None) -> Garden:
    index = index_notes(*(note(text, path) for path, text in files.items()))
    return compute_garden(index, TODAY, config or Config())


def ada(*lines: str) -> dict[str, str]:
    return {"people/ada.md": "---\nname: Ada Lovelace\n---\n" + "".join(f"{x}\n" for x in lines)}


def test_a_past_ask_becomes_a_gesture_and_a_line_with_the_entrys_own_words() -> None:
    garden = garden_of(ada(f"- {ago(20)}: tea", f"- {ago(2)}: her thesis defence #ask"))
    (ask,) = garden.ask_after
    assert (ask.contact.name, ask.date, ask.text) == (
        "Ada Lovelace",
        TODAY - dt.timedelta(2),
        "her thesis defence",
    )
    (gesture,) = garden.gestures
    assert gesture.kind is GestureKind.ASK
    assert (
        suggestion(gesture, catalogue("en")) == "Ask Ada Lovelace how it went: her thesis defence"
    )
    assert (gesture.source.path, gesture.source.line) == ("people/ada.md", 5)
    page = render_markdown(garden, "GARDEN.md")
    moments = page.split("## Key moments")[1].split("## ")[0]
    assert "*ask how it went* · her thesis defence" in moments


def test_a_future_ask_is_not_asked_about_yet_and_waters_nobody() -> None:
    future = (TODAY + dt.timedelta(days=22)).isoformat()
    garden = garden_of(ada(f"- {future}: her thesis defence #ask"))
    assert garden.ask_after == ()
    assert garden.gestures == ()
    assert garden.plants[0].last_interaction is None  # news, not a contact: still a seedling


def test_the_day_itself_is_too_early_and_the_window_closes_after_14_days() -> None:
    assert garden_of(ada(f"- {ago(0)}: the defence #ask")).ask_after == ()
    assert len(garden_of(ada(f"- {ago(1)}: the defence #ask")).ask_after) == 1
    assert len(garden_of(ada(f"- {ago(14)}: the defence #ask")).ask_after) == 1
    assert garden_of(ada(f"- {ago(15)}: the defence #ask")).ask_after == ()


def test_the_window_is_a_setting() -> None:
    config = Config(windows={"moments": 60, "birthdays": 14, "ask": 30})
    assert len(garden_of(ada(f"- {ago(25)}: the defence #ask"), config).ask_after) == 1


@pytest.mark.parametrize(
    ("contact_day", "asked"),
    [(3, True), (2, True), (1, False), (0, False)],  # the event was 2 days ago
)
def test_an_interaction_after_the_event_answers_it(contact_day: int, asked: bool) -> None:
    garden = garden_of(ada(f"- {ago(2)}: the defence #ask", f"- {ago(contact_day)}: call"))
    assert bool(garden.ask_after) is asked


def test_an_ask_in_a_journal_concerns_each_person_it_mentions() -> None:
    files = {
        "people/ada.md": "# Ada\n",
        "people/bob.md": "# Bob\n",
        "journal/2026-11-01.md": f"- {ago(3)}: [[Ada]] and [[Bob]] run the marathon #ask\n",
    }
    garden = garden_of(files)
    assert [a.contact.name for a in garden.ask_after] == ["Ada", "Bob"]


def test_french_wording_and_status() -> None:
    garden = garden_of(ada(f"- {ago(2)}: sa soutenance de thèse #ask"))
    (gesture,) = garden.gestures
    assert (
        suggestion(gesture, catalogue("fr"))
        == "Demander à Ada Lovelace comment ça s’est passé\u00a0: sa soutenance de thèse"
    )
    assert "Demander à Ada Lovelace comment ça s’est passé" in render_text(garden, "fr")
    (item,) = status_document(garden)["ask_after"]  # type: ignore[misc]
    assert item["suggestion"] == "Ask Ada Lovelace how it went: sa soutenance de thèse"
