"""garden.py: interactions, thirst and states for a given today; the JSON status document."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

import pytest

from hortus.garden import Garden, Plant, State, compute_garden, is_interaction
from hortus.render.status import render_json, status_document
from tests.conftest import MakeVault, index_notes, index_of, note

TODAY = dt.date(2026, 11, 20)


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def garden_of(files: dict[str, str], today: dt.date = TODAY) -> Garden:
    return compute_garden(index_notes(*(note(text, path) for path, text in files.items())), today)


def plant(garden: Garden, name: str) -> Plant:
    (found,) = [p for p in garden.plants if p.contact.name == name]
    return found


def names(plants: tuple[Plant, ...]) -> list[str]:
    return [p.contact.name for p in plants]


# --- interaction, plan, news ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "tags", "expected"),
    [
        (TODAY, frozenset(), True),
        (TODAY - dt.timedelta(days=400), frozenset({"coffee"}), True),
        (TODAY + dt.timedelta(days=1), frozenset(), False),
        (TODAY, frozenset({"news"}), False),
        (TODAY, frozenset({"moment"}), False),
        (TODAY, frozenset({"moment/job"}), False),
        (TODAY, frozenset({"moment/baby/second"}), False),
        (TODAY, frozenset({"momentous"}), True),
        (TODAY, frozenset({"newsletter"}), True),
        (TODAY, frozenset({"work/news"}), True),
    ],
)
def test_is_interaction(date: dt.date, tags: frozenset[str], expected: bool) -> None:
    assert is_interaction(date, tags, TODAY) is expected


def test_plans_and_news_do_not_water(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": f"""
                # Ada
                - {days_ago(30)} coffee
                - {days_ago(5)} got the job #moment/job
                - {days_ago(4)} moved house #news
                - {days_ago(3)} engaged #Moment
                - {days_ago(-1)} dinner planned
                """,
            "journal/plans.md": f"- {days_ago(-7)} trip with [[Ada]]\n",
        }
    )
    ada = plant(compute_garden(index_of(root), TODAY), "Ada")
    assert ada.last_interaction == TODAY - dt.timedelta(days=30)
    assert ada.days_since == 30
    assert ada.interactions == 1


def test_an_entry_dated_today_is_an_interaction() -> None:
    garden = garden_of({"people/ada.md": f"# Ada\n- {TODAY.isoformat()} tea\n"})
    ada = plant(garden, "Ada")
    assert (ada.last_interaction, ada.days_since, ada.thirst) == (TODAY, 0, Fraction(0))
    assert ada.state is State.THRIVING


def test_a_plan_becomes_an_interaction_once_its_day_has_come() -> None:
    files = {"people/ada.md": "# Ada\n- 2026-11-25 dinner\n"}
    assert plant(garden_of(files), "Ada").state is State.SEEDLING
    later = plant(garden_of(files, dt.date(2026, 11, 25)), "Ada")
    assert (later.state, later.days_since) == (State.THRIVING, 0)


def test_news_on_a_section_covers_the_items_inside_it_that_are_not_entries() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"""
                # Ada
                ## {days_ago(2)} Heard from Bob #news
                - she is moving
                - {days_ago(1)} but we called too
                """,
        }
    )
    ada = plant(garden, "Ada")
    assert ada.last_interaction == TODAY - dt.timedelta(days=1)
    assert ada.interactions == 1


# --- last interaction, days since, cadence --------------------------------------------------


def test_last_interaction_is_the_latest_across_notes() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"---\nname: Ada\ncircle: inner\n---\n- {days_ago(40)} walk\n",
            "journal/2026-11-13.md": "Lunch with [[Ada]].\n",
            "journal/log.md": f"- {days_ago(20)} call with [[Ada]]\n",
        }
    )
    ada = plant(garden, "Ada")
    assert ada.last_interaction == dt.date(2026, 11, 13)
    assert ada.days_since == 7
    assert ada.contact.cadence_days == 14
    assert ada.thirst == Fraction(1, 2)
    assert ada.interactions == 3


@pytest.mark.parametrize(
    ("front_matter", "cadence"),
    [
        ("", 90),
        ("circle: inner", 14),
        ("circle: close", 30),
        ("circle: weak", 365),
        ("circle: inner\ncadence: 10", 10),
        ("circle: weak\ncadence: 2w", 14),
        ("cadence: monthly", 30),
        ("circle: inner\ncadence: whenever", 14),
        ("circle: nowhere", 90),
    ],
)
def test_cadence_comes_from_the_contact_else_its_circle(front_matter: str, cadence: int) -> None:
    garden = garden_of({"people/ada.md": f"---\nname: Ada\n{front_matter}\n---\n"})
    assert plant(garden, "Ada").contact.cadence_days == cadence


# --- thirst and states ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "state"),
    [
        (0, State.THRIVING),
        (7, State.THRIVING),
        (8, State.DUE),
        (9, State.DUE),
        (10, State.THIRSTY),
        (19, State.THIRSTY),
        (20, State.WILTING),
        (400, State.WILTING),
    ],
)
def test_state_boundaries_with_cadence_10(days: int, state: State) -> None:
    garden = garden_of({"people/ada.md": f"---\nname: Ada\ncadence: 10\n---\n- {days_ago(days)}\n"})
    ada = plant(garden, "Ada")
    assert ada.thirst == Fraction(days, 10)
    assert ada.state is state


def test_states_use_the_exact_thirst_not_the_rounded_one() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"---\nname: Ada\ncadence: 5000\n---\n- {days_ago(3998)}\n",
            "people/bob.md": f"---\nname: Bob\ncadence: 1000\n---\n- {days_ago(999)}\n",
            "people/cy.md": f"---\nname: Cy\ncadence: 1000\n---\n- {days_ago(1999)}\n",
        }
    )
    ada, bob, cy = plant(garden, "Ada"), plant(garden, "Bob"), plant(garden, "Cy")
    assert (str(ada.thirst_rounded), ada.state) == ("0.80", State.THRIVING)
    assert (str(bob.thirst_rounded), bob.state) == ("1.00", State.DUE)
    assert (str(cy.thirst_rounded), cy.state) == ("2.00", State.THIRSTY)


def test_seedlings_have_no_interaction_yet() -> None:
    garden = garden_of(
        {
            "people/ada.md": "# Ada\nLoves [[Bob]].\n",
            "people/bob.md": "# Bob\n- 2026-12-01 first meeting planned\n",
            "people/cy.md": "# Cy\n- 2026-11-01 engaged #news\n- [ ] 2026-11-02 call\n",
        }
    )
    for name in ("Ada", "Bob", "Cy"):
        seedling = plant(garden, name)
        assert seedling.state is State.SEEDLING
        assert seedling.last_interaction is None
        assert seedling.days_since is None
        assert seedling.thirst is None
        assert seedling.thirst_rounded is None
        assert seedling.interactions == 0
    assert names(garden.seedlings) == ["Ada", "Bob", "Cy"]
    assert garden.needs_watering == ()


def test_garden_sections_and_needs_watering_order() -> None:
    def person(name: str, cadence: int, days: int) -> str:
        return f"---\nname: {name}\ncadence: {cadence}\n---\n- {days_ago(days)}\n"

    garden = garden_of(
        {
            "people/a.md": person("Wren", 10, 15),  # 1.5 thirsty
            "people/b.md": person("bea", 10, 30),  # 3.0 wilting
            "people/c.md": person("Abe", 10, 15),  # 1.5 thirsty, ties with Wren
            "people/d.md": person("Cal", 7, 14),  # 2.0 wilting
            "people/e.md": person("Dot", 10, 10),  # 1.0 thirsty
            "people/f.md": person("Eli", 10, 9),  # 0.9 due
            "people/g.md": person("Fay", 10, 8),  # 0.8 due
            "people/h.md": person("Gus", 10, 2),  # 0.2 thriving
            "people/i.md": "# Hal\n",  # seedling
            "people/j.md": person("Ann", 10, 15),  # 1.5, lower-case sorts with the rest
        }
    )
    assert names(garden.needs_watering) == ["bea", "Cal", "Abe", "Ann", "Wren", "Dot"]
    assert names(garden.due_soon) == ["Eli", "Fay"]
    assert names(garden.thriving) == ["Gus"]
    assert names(garden.seedlings) == ["Hal"]
    assert names(garden.plants) == [
        "Abe",
        "Ann",
        "bea",
        "Cal",
        "Dot",
        "Eli",
        "Fay",
        "Gus",
        "Hal",
        "Wren",
    ]


def test_garden_carries_today_unresolved_and_problems(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": "---\nname: Ada\ncircle: besties\n---\nSister of [[Zed]].\n",
        }
    )
    garden = compute_garden(index_of(root), TODAY, today_pinned=True)
    assert garden.today == TODAY
    assert garden.today_pinned is True
    assert [(u.target, u.source.line) for u in garden.unresolved] == [("Zed", 5)]
    assert [(p.source.path, p.source.line) for p in garden.problems] == [("people/ada.md", 3)]


# --- interactions count ---------------------------------------------------------------------


def test_interactions_count_entries_not_mentions() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {days_ago(9)} tea with myself, [[Ada]]\n",
            "people/bob.md": "# Bob\n",
            "journal/log.md": f"""
                - {days_ago(3)} [[Ada]] and [[Ada|her]] and [[people/ada]] with [[Bob]]
                  - later [[Ada]] again
                - {days_ago(2)} [Ada](../people/ada.md) alone
                - {days_ago(1)} heard about [[Ada]] #news
                - {days_ago(-3)} plan with [[Ada]]
                """,
        }
    )
    ada, bob = plant(garden, "Ada"), plant(garden, "Bob")
    assert (ada.interactions, ada.days_since) == (3, 2)
    assert (bob.interactions, bob.days_since) == (1, 3)


# --- the JSON status document ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "days", "thirst"),
    [
        (8, 1, 0.13),
        (8, 5, 0.63),
        (8, 3, 0.38),
        (8, 7, 0.88),
        (40, 1, 0.03),
        (3, 1, 0.33),
        (3, 2, 0.67),
        (200, 1, 0.01),
        (400, 1, 0.0),
        (10, 0, 0.0),
        (7, 20, 2.86),
    ],
)
def test_status_json_thirst_rounds_half_up_to_two_decimals(
    cadence: int, days: int, thirst: float
) -> None:
    garden = garden_of(
        {"people/ada.md": f"---\nname: Ada\ncadence: {cadence}\n---\n- {days_ago(days)}\n"}
    )
    document: Any = status_document(garden)
    (ada,) = document["contacts"]
    assert ada["thirst"] == thirst


def test_status_document_shape(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ada.md": """
                ---
                name: Ada Lovelace
                aliases: [Ada, Countess]
                circle: inner
                tags: [maths]
                ---
                Knows [[Zed]].
                - 2026-11-12 tea
                - 2026-11-02 walk
                """,
            "people/bob.md": "---\ncircle: besties\n---\n# Bob\n",
        }
    )
    document: Any = status_document(compute_garden(index_of(root), TODAY))
    assert document == {
        "today": "2026-11-20",
        "contacts": [
            {
                "name": "Ada Lovelace",
                "path": "people/ada.md",
                "circle": "inner",
                "cadence_days": 14,
                "last_interaction": "2026-11-12",
                "days_since": 8,
                "thirst": 0.57,
                "state": "thriving",
                "interactions": 2,
                "aliases": ["Ada", "Countess"],
                "tags": ["maths"],
            },
            {
                "name": "Bob",
                "path": "people/bob.md",
                "circle": "network",
                "cadence_days": 90,
                "last_interaction": None,
                "days_since": None,
                "thirst": None,
                "state": "seedling",
                "interactions": 0,
                "aliases": [],
                "tags": [],
            },
        ],
        "needs_watering": [],
        **{
            key: []
            for key in (
                "gestures",
                "key_moments",
                "birthdays",
                "promises",
                "renew_or_release",
                "thanks_owed",
                "give_back",
                "breathe",
                "rediscover",
                "drifting",
                "resting",
                "ask_after",
                "intro_grown",
            )
        },
        "unresolved": [{"target": "Zed", "path": "people/ada.md", "line": 7, "suggestion": None}],
        "problems": [
            {
                "path": "people/bob.md",
                "line": 2,
                "message": document["problems"][0]["message"],
            }
        ],
    }
    assert "besties" in document["problems"][0]["message"]
    assert json.loads(render_json(compute_garden(index_of(root), TODAY))) == document


def test_status_document_needs_watering_lists_names_most_thirsty_first() -> None:
    garden = garden_of(
        {
            "people/a.md": f"---\nname: Ada\ncadence: 10\n---\n- {days_ago(12)}\n",
            "people/b.md": f"---\nname: Bob\ncadence: 10\n---\n- {days_ago(25)}\n",
            "people/c.md": f"---\nname: Cy\ncadence: 10\n---\n- {days_ago(8)}\n",
        }
    )
    document: Any = status_document(garden)
    assert document["needs_watering"] == ["Bob", "Ada"]
    states = {c["name"]: c["state"] for c in document["contacts"]}
    assert states == {"Ada": "thirsty", "Bob": "wilting", "Cy": "due"}
