"""The assistant's answers (`hortus.assistant`), in process: field matching, dates between two
days, capped lists, answers that follow the notes. tests/test_mcp.py speaks to the real server."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hortus.assistant import sdk_missing
from hortus.assistant.answers import Answers, ArgumentError
from hortus.assistant.fields import field_matches, folded
from hortus.loader import load, open_vault
from tests.conftest import MakeVault

PINNED = "today = 2026-11-20\n"


def answers(root: Any) -> Answers:
    return Answers(root, lambda: dt.date(1999, 1, 1))  # the pinned day wins over the clock


def test_fields_match_at_a_word_start_without_case_or_accents(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/ana.md": "---\nname: Ana\ncompany: Stripe, Inc.\ncity: Zürich\n---\n",
            "people/bo.md": "---\nname: Bo\nemail: bo@stripe.com\ncity: Paris\n---\n",
            "people/cy.md": "---\nname: Cy\ncompany: Stripes Bakery\ntags: [ai]\n---\n",
            "people/di.md": "---\nname: Di\nlinks: {work: 'https://pinstripe.example'}\n---\n",
        }
    )
    with load(open_vault(root)) as loader:
        contacts = loader.contacts()

    def found(text: str, field: str | None = None) -> list[tuple[str, str, str]]:
        return [(m.contact.name, m.field, m.value) for m in field_matches(contacts, text, field)]

    assert found("stripe") == [
        ("Ana", "company", "Stripe, Inc."),
        ("Bo", "email", "bo@stripe.com"),
        ("Cy", "company", "Stripes Bakery"),
    ]
    assert found("Stripe", field="Company") == [
        ("Ana", "company", "Stripe, Inc."),
        ("Cy", "company", "Stripes Bakery"),
    ]
    assert found("zurich") == [("Ana", "city", "Zürich")]
    assert found("ai") == [("Cy", "tags", "ai")]  # not Paris
    assert found("network") == [(n, "circle", "network") for n in ("Ana", "Bo", "Cy", "Di")]
    assert folded("ÉCOLE Straße") == "ecole strasse"


def test_people_by_field_gives_the_fields_line_and_caps_the_list(make_vault: MakeVault) -> None:
    files = {
        f"people/p{n:02}.md": f"---\nname: Person {n:02}\ncircle: close\ncompany: Acme\n---\n"
        for n in range(25)
    }
    answer = answers(make_vault(files)).people_by_field("acme")
    people = answer["people"]
    assert isinstance(people, dict)
    assert (len(people["items"]), people["more"]) == (20, 5)
    assert people["items"][0] == {
        "name": "Person 00",
        "field": "company",
        "value": "Acme",
        "source": "people/p00.md:4",
    }


BIRTHDAYS = {
    "hortus.toml": PINNED,
    "people/leap.md": "---\nname: Leap\nbirthday: 2000-02-29\n---\n",
    "people/yearless.md": (
        "---\nname: Yearless\nbirthday: --01-02\nanniversary: 2010-12-24\n"
        "dates:\n  first climb: 2019-11-30\n---\n"
    ),
    "people/ada.md": (
        "---\nname: Ada\n---\n- [ ] send the photos 📅 2026-11-10\n"
        "- [ ] return the drill 📅 2027-02-01\n- 2027-01-05: dinner with [[Bo]]\n"
    ),
    "people/bo.md": "---\nname: Bo\n---\n- 2026-11-19: lunch\n",
    "journal/2026-11-01.md": "Old news with [[Bo]]\n",
}


def test_dates_between_two_days(make_vault: MakeVault) -> None:
    tools = answers(make_vault(BIRTHDAYS))
    answer = tools.dates("2026-11-01", "2027-03-01")
    dates = answer["dates"]
    assert isinstance(dates, dict) and dates["more"] == 0
    assert dates["items"] == [
        {
            "date": "2026-11-10",
            "kind": "promise",
            "people": ["Ada"],
            "text": "send the photos",
            "overdue": True,
            "source": "people/ada.md:4",
        },
        {
            "date": "2026-11-30",
            "kind": "date",
            "people": ["Yearless"],
            "text": "first climb",
            "years": 7,
            "source": "people/yearless.md:5",  # the `dates:` key
        },
        {
            "date": "2026-12-24",
            "kind": "anniversary",
            "people": ["Yearless"],
            "years": 16,
            "source": "people/yearless.md:4",
        },
        {
            "date": "2027-01-02",
            "kind": "birthday",
            "people": ["Yearless"],
            "age": None,
            "source": "people/yearless.md:3",
        },
        {
            "date": "2027-01-05",
            "kind": "plan",
            "people": ["Ada", "Bo"],
            "text": "dinner with [[Bo]]",
            "source": "people/ada.md:6",
        },
        {
            "date": "2027-02-01",
            "kind": "promise",
            "people": ["Ada"],
            "text": "return the drill",
            "overdue": False,
            "source": "people/ada.md:5",
        },
        {  # 29 February, off leap years
            "date": "2027-02-28",
            "kind": "birthday",
            "people": ["Leap"],
            "age": 27,
            "source": "people/leap.md:3",
        },
    ]
    # Past entries (lunch with Bo, the journal) are not dates; a single day works.
    single = tools.dates("2027-01-05", "2027-01-05")["dates"]
    assert isinstance(single, dict) and [d["kind"] for d in single["items"]] == ["plan"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-02-30", "2026-03-01", "start '2026-02-30' is not a date like 2026-11-20"),
        ("2026-12-01", "2026-11-01", "end 2026-11-01 is before start 2026-12-01"),
        ("2026-01-01", "2027-01-02", "ask for at most 366 days at a time"),
    ],
)
def test_dates_refuses_what_is_not_a_range(
    make_vault: MakeVault, start: str, end: str, message: str
) -> None:
    tools = answers(make_vault(BIRTHDAYS))
    with pytest.raises(ArgumentError) as caught:
        tools.dates(start, end)
    assert caught.value.message == message


def test_a_long_garden_is_capped_with_a_count_of_the_rest(make_vault: MakeVault) -> None:
    files = {
        f"people/p{n:02}.md": f"---\nname: Person {n:02}\ncircle: close\n---\n- 2025-01-01: met\n"
        for n in range(14)
    }
    files["hortus.toml"] = PINNED
    garden = answers(make_vault(files)).garden()
    watering = garden["needs_watering"]
    assert isinstance(watering, dict)
    assert (len(watering["items"]), watering["more"]) == (10, 4)
    assert garden["people"] == 14


def test_answers_follow_the_notes_as_they_are_now(make_vault: MakeVault) -> None:
    bo = "---\nname: Bo\n---\n- 2026-11-19: lunch\n"
    root = make_vault({"people/bo.md": bo, "hortus.toml": PINNED})
    tools = answers(root)
    first = (tools.person("bo"), tools.garden(), tools.dates("2026-11-20", "2026-12-31"))
    assert tools.garden() == first[1]  # kept: nothing changed
    (root / "people/bo.md").write_text(bo + "- 2026-12-24: dinner\n- [ ] bring wine\n")
    second = (tools.person("bo"), tools.garden(), tools.dates("2026-11-20", "2026-12-31"))
    assert [i["title"] for i in first[0]["recent"]["items"]] == ["lunch"]
    assert [i["title"] for i in second[0]["recent"]["items"]] == ["dinner", "lunch"]
    assert first[1]["promises"] == {"items": [], "more": 0}
    assert second[1]["promises"]["items"][0]["text"] == "bring wine"
    assert first[2]["dates"] == {"items": [], "more": 0}
    assert second[2]["dates"]["items"][0]["text"] == "dinner"
    (root / "hortus.toml").write_text("today = 2026-11-21\n")  # another day: another garden
    assert tools.garden()["today"] == "2026-11-21"


def test_the_sdk_counts_as_missing_when_it_cannot_be_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    assert sdk_missing() is False
    monkeypatch.setitem(sys.modules, "mcp", None)
    assert sdk_missing() is True


def test_the_garden_lists_old_promises_to_renew_or_release(make_vault: MakeVault) -> None:
    bo = "---\nname: Bo\n---\n- 2026-11-19: lunch\n- [ ] the drill 📅 2026-09-01\n- [ ] wine\n"
    root = make_vault({"people/bo.md": bo, "hortus.toml": PINNED})
    garden = answers(root).garden()
    renew = garden["renew_or_release"]
    assert isinstance(renew, dict)
    assert [item["text"] for item in renew["items"]] == ["the drill"]
    assert [item["text"] for item in garden["promises"]["items"]] == ["wine"]  # type: ignore[index]
