"""garden.py's sections: key moments, birthdays, promises, thanks, give back, breathe,
rediscover, drifting, resting and today's gestures. Every input is written in the test."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hortus.core.config import Config
from hortus.core.model import Birthday
from hortus.garden import Garden, GestureKind, State, compute_garden
from hortus.garden.sections import next_birthday
from hortus.index.contacts import parse_birthday
from hortus.render.status import status_document
from tests.conftest import index_notes, note

TODAY = dt.date(2026, 11, 20)  # a Friday


def ago(days: int, today: dt.date = TODAY) -> str:
    return (today - dt.timedelta(days=days)).isoformat()


def garden_of(
    files: dict[str, str], today: dt.date = TODAY, config: Config | None = None
) -> Garden:
    index = index_notes(*(note(text, path) for path, text in files.items()))
    return compute_garden(index, today, config or Config())


def names(items: tuple[object, ...]) -> list[str]:
    return [item.contact.name for item in items]  # type: ignore[attr-defined]


# --- key moments ----------------------------------------------------------------------------


def test_an_unanswered_moment_is_listed_with_its_kind_and_clean_text() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"""
                # Ada
                - {ago(30)} tea
                - {ago(3)}: she got the job at [[Bob]]'s lab! #moment/job #news
                """,
            "people/bob.md": "# Bob\n",
        }
    )
    (moment,) = garden.key_moments
    assert (moment.contact.name, moment.date, moment.kind) == (
        "Ada",
        TODAY - dt.timedelta(3),
        "job",
    )
    assert moment.text == "she got the job at [[Bob]]'s lab!"
    assert (moment.source.path, moment.source.line) == ("people/ada.md", 3)


def test_a_moment_answered_on_the_same_day_is_not_listed() -> None:
    garden = garden_of(
        {"people/ada.md": f"# Ada\n- {ago(5)} moved to Lyon #moment/move\n- {ago(5)} called her\n"}
    )
    assert garden.key_moments == ()


def test_a_moment_answered_the_day_before_is_still_listed() -> None:
    garden = garden_of(
        {"people/ada.md": f"# Ada\n- {ago(6)} called her\n- {ago(5)} moved #moment\n"}
    )
    assert [(m.kind, m.text) for m in garden.key_moments] == [(None, "moved")]


def test_the_moment_window_is_today_and_the_59_days_before() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(59)} new job #moment/job\n",
            "people/bob.md": f"# Bob\n- {ago(60)} new job #moment/job\n",
            "people/cy.md": f"# Cy\n- {ago(-1)} wedding #moment/wedding\n",
            "people/dee.md": f"# Dee\n- {ago(0)} baby #moment/baby\n",
        }
    )
    assert names(garden.key_moments) == ["Dee", "Ada"]  # newest first
    assert names(garden_of({"people/bob.md": f"# Bob\n- {ago(60)} x #moment\n"}).key_moments) == []
    window = Config(windows={"moments": 61, "birthdays": 14})
    late = garden_of({"people/bob.md": f"# Bob\n- {ago(60)} x #moment\n"}, config=window)
    assert names(late.key_moments) == ["Bob"]


def test_a_moment_concerns_the_file_owner_or_everyone_mentioned_elsewhere() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(2)} she says [[Bob]] got promoted #moment/promotion\n",
            "people/bob.md": "# Bob\n",
            "people/cy.md": "# Cy\n",
            "journal/2026-11-18.md": "[[Cy]] and [[Dee]] graduated #moment/graduation\n",
            "people/dee.md": "# Dee\n",
        }
    )
    assert sorted(names(garden.key_moments)) == ["Ada", "Cy", "Dee"]


# --- birthdays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1990-07-21", Birthday(1990, 7, 21)),
        (dt.date(1990, 7, 21), Birthday(1990, 7, 21)),
        ("--07-21", Birthday(None, 7, 21)),
        ("07-21", Birthday(None, 7, 21)),
        ("02-29", Birthday(None, 2, 29)),
        ("1990-02-30", None),
        ("13-01", None),
        ("soon", None),
        (True, None),
    ],
)
def test_birthday_forms(value: object, expected: Birthday | None) -> None:
    assert parse_birthday(value) == expected


def test_29_february_is_celebrated_on_28_february_in_other_years() -> None:
    leapling = Birthday(2004, 2, 29)
    assert next_birthday(leapling, dt.date(2027, 2, 1)) == dt.date(2027, 2, 28)
    assert next_birthday(leapling, dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)
    assert next_birthday(leapling, dt.date(2027, 3, 1)) == dt.date(2028, 2, 29)
    garden = garden_of(
        {"people/ada.md": "---\nbirthday: 2004-02-29\n---\n# Ada\n"}, dt.date(2027, 2, 28)
    )
    (birthday,) = garden.birthdays
    assert (birthday.date, birthday.in_days, birthday.age) == (dt.date(2027, 2, 28), 0, 23)


def test_birthdays_in_the_next_14_days_soonest_first_with_age_when_known() -> None:
    garden = garden_of(
        {
            "people/ada.md": "---\nbirthday: 1990-11-20\n---\n# Ada\n",  # today
            "people/bob.md": "---\nbirthday: --12-03\n---\n# Bob\n",  # in 13 days
            "people/cy.md": "---\nbirthday: 12-04\n---\n# Cy\n",  # in 14 days: outside
            "people/dee.md": "---\nbirthday: 1985-11-19\n---\n# Dee\n",  # yesterday: next year
            "people/eve.md": "---\nbirthday: 2000-12-03\n---\n# Eve\n",
        }
    )
    got = [(b.contact.name, b.in_days, b.age) for b in garden.birthdays]
    assert got == [("Ada", 0, 36), ("Bob", 13, None), ("Eve", 13, 26)]


def test_an_unreadable_birthday_is_a_problem_at_its_line() -> None:
    index = index_notes(note("---\nname: Ada\nbirthday: someday\n---\n", "people/ada.md"))
    ((source, message),) = [(p.source, p.message) for p in index.problems]
    assert (source.line, "birthday 'someday'" in message) == (3, True)


# --- promises -------------------------------------------------------------------------------


def test_promises_in_a_contact_file_and_in_other_notes() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"""
                # Ada
                - [ ] send the article 📅 {ago(1)}
                - [ ] lend her the tent due:{ago(0)}
                - [ ] bake the cake
                """,
            "people/bob.md": "# Bob\n",
            "journal/2026-11-19.md": f"""
                - [ ] call [[Bob]] about the job 📅 {ago(-3)}
                - [ ] buy milk
                - [x] return [[Bob]]'s drill
                """,
        }
    )
    got = [(p.contact.name, p.text, p.due, p.overdue) for p in garden.promises]
    assert got == [
        ("Ada", "send the article", TODAY - dt.timedelta(1), True),
        ("Ada", "lend her the tent", TODAY, False),  # due today: not overdue yet
        ("Bob", "call [[Bob]] about the job", TODAY + dt.timedelta(3), False),
        ("Ada", "bake the cake", None, False),
    ]
    assert [p.source.line for p in garden.promises] == [2, 3, 1, 4]


def test_writing_a_promise_down_is_not_a_contact_but_keeping_it_is() -> None:
    garden = garden_of(
        {
            "people/ada.md": "# Ada\n",
            "people/bob.md": "# Bob\n",
            "journal/2026-11-10.md": "- [ ] call [[Ada]]\n- [x] call [[Bob]]\n",
            "journal/2026-11-12.md": f"Busy day.\n- [x] sent [[Bob]] the photos ✅ {ago(3)}\n",
        }
    )
    plants = {p.contact.name: p for p in garden.plants}
    assert plants["Ada"].state is State.SEEDLING
    assert plants["Bob"].last_interaction == TODAY - dt.timedelta(3)
    assert plants["Bob"].interactions == 1
    assert [p.contact.name for p in garden.promises] == ["Ada"]


# --- thanks and give back -------------------------------------------------------------------


def test_thanks_owed_until_a_thanks_on_or_after_the_help() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(10)} CV advice #received\n"
            f"- {ago(10)} thanked #thanks\n",
            "people/bob.md": f"# Bob\n- {ago(9)} a note #thanks\n"
            f"- {ago(5)}: the intro to [[Carla]] #received\n",
            "people/carla.md": "# Carla\n",
            "journal/x.md": f"- {ago(2)} [[Cy]] lent me a ladder #received\n",
            "people/cy.md": "# Cy\n",
        }
    )
    got = [(t.contact.name, t.text) for t in garden.thanks_owed]
    assert got == [("Cy", "[[Cy]] lent me a ladder"), ("Bob", "the intro to [[Carla]]")]


def test_give_back_when_received_outnumber_gave_by_two_over_365_days() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(1)} a #received\n- {ago(364)} b #received\n",
            "people/bob.md": f"# Bob\n- {ago(1)} a #received\n- {ago(365)} b #received\n",
            "people/cy.md": "# Cy\n"
            + "".join(f"- {ago(d)} x #received\n" for d in (1, 2, 3))
            + f"- {ago(4)} y #gave\n- {ago(5)} z #gave\n",
        }
    )
    assert [(g.contact.name, g.received, g.gave) for g in garden.give_back] == [("Ada", 2, 0)]


# --- breathe --------------------------------------------------------------------------------


def _many(days: list[int]) -> str:
    return "".join(f"- {ago(d)} coffee\n" for d in days)


def test_breathe_counts_the_last_30_days_against_max_4_and_twice_the_cadence() -> None:
    garden = garden_of(
        {
            "people/ada.md": "---\ncircle: inner\n---\n# Ada\n" + _many([0, 5, 10, 20, 29]),
            "people/bob.md": "---\ncircle: inner\n---\n# Bob\n" + _many([0, 5, 10, 20, 30]),
            "people/cy.md": "---\ncadence: 7\n---\n# Cy\n" + _many([0, 1, 2, 3, 4, 5, 6, 7]),
            "people/dee.md": "---\ncadence: 7\n---\n# Dee\n" + _many(list(range(9))),
            "people/eve.md": "# Eve\n" + _many([0, 1, 2, 3]),
        }
    )
    assert [(b.contact.name, b.recent) for b in garden.breathe] == [("Ada", 5), ("Dee", 9)]


# --- rediscover -----------------------------------------------------------------------------


def _weak_vault(count: int) -> dict[str, str]:
    files = {
        f"people/p{n:02d}.md": f"---\ncircle: weak\n---\n# P{n:02d}\n- 2020-01-0{n % 9 + 1} met\n"
        for n in range(count)
    }
    files["people/fresh.md"] = f"---\ncircle: weak\n---\n# Fresh\n- {ago(10)} coffee\n"
    files["people/slow.md"] = "---\ncadence: 6m\n---\n# Slow\n"
    files["people/network.md"] = "# Network\n- 2020-01-01 met\n"
    return files


def test_rediscover_picks_3_dormant_weak_ties_the_same_all_week() -> None:
    files = _weak_vault(8)
    monday = dt.date(2026, 11, 16)
    week = [names(garden_of(files, monday + dt.timedelta(d)).rediscover) for d in range(7)]
    assert all(picks == week[0] for picks in week)
    assert len(week[0]) == 3
    pool = {f"P{n:02d}" for n in range(8)} | {"Slow"}
    assert set(week[0]) <= pool


def test_rediscover_moves_on_to_others_the_next_week() -> None:
    files = _weak_vault(8)  # a pool of 9: three weeks see everyone once
    seen: list[str] = []
    for week in range(3):
        seen += names(garden_of(files, dt.date(2026, 11, 16) + dt.timedelta(weeks=week)).rediscover)
    assert sorted(seen) == sorted([f"P{n:02d}" for n in range(8)] + ["Slow"])


def test_rediscover_with_a_small_pool_picks_everyone() -> None:
    garden = garden_of(
        {"people/a.md": "---\ncircle: weak\n---\n# A\n- 2020-01-01 lunch with her team\n"}
    )
    (pick,) = garden.rediscover
    assert (pick.contact.name, pick.last_interaction, pick.starter) == (
        "A",
        dt.date(2020, 1, 1),
        "lunch with her team",
    )


def test_rediscover_is_the_same_in_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    for rel, text in _weak_vault(12).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    picks = []
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "hortus",
                "--vault",
                str(root),
                "status",
                "--json",
                "--today",
                "2026-11-20",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        picks.append(json.loads(out)["rediscover"])
    assert picks[0] == picks[1] == picks[2]
    assert len(picks[0]) == 3


# --- drifting -------------------------------------------------------------------------------


def test_drifting_when_the_gap_is_over_3_times_the_median_and_not_thriving() -> None:
    garden = garden_of(
        {
            # gaps 7, 7, 8 (the same day twice counts once): median 7; 22 days > 21
            "people/ada.md": "---\ncadence: 20\n---\n# Ada\n" + _many([22, 29, 29, 36, 44]),
            # 21 days is not more than 3 × 7
            "people/bob.md": "---\ncadence: 20\n---\n# Bob\n" + _many([21, 28, 35, 42]),
            # thriving: never drifting
            "people/cy.md": "---\ncadence: 90\n---\n# Cy\n" + _many([30, 37, 44, 51]),
            # three interactions are too few
            "people/dee.md": "---\ncadence: 10\n---\n# Dee\n" + _many([40, 47, 54]),
        }
    )
    got = [
        (d.contact.name, d.usual_gap_days, d.days_since, d.suggested_cadence)
        for d in garden.drifting
    ]
    assert got == [("Ada", 7, 22, 7)]


def test_drifting_median_rounds_half_up_and_suggests_only_a_real_change() -> None:
    # gaps 7 and 8: median 7.5 → 8; cadence 10: |7.5 − 10| ≤ 5, no suggestion
    garden = garden_of(
        {"people/ada.md": "---\ncadence: 10\n---\n# Ada\n" + _many([30, 37, 37, 45])}
    )
    assert [(d.usual_gap_days, d.suggested_cadence) for d in garden.drifting] == [(8, None)]


# --- resting --------------------------------------------------------------------------------


def test_a_resting_contact_that_is_also_thirsty_only_keeps_promises_and_resting() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"""
                ---
                resting: true
                circle: weak
                birthday: 1990-11-21
                ---
                # Ada
                - {ago(800)} coffee
                - {ago(2)} new job #moment/job
                - {ago(700)} help #received
                - [ ] send the book 📅 {ago(5)}
                """,
        }
    )
    (ada,) = garden.plants
    assert ada.state is State.RESTING
    assert ada.thirst is not None and ada.thirst > 1  # would be thirsty
    assert garden.needs_watering == garden.key_moments == garden.birthdays == ()
    assert garden.thanks_owed == garden.rediscover == garden.drifting == ()
    assert [(r.contact.name, r.until) for r in garden.resting] == [("Ada", None)]
    assert [p.overdue for p in garden.promises] == [True]
    assert [g.kind for g in garden.gestures] == [GestureKind.PROMISE]


def test_pause_until_rests_only_while_today_is_before_it() -> None:
    files = {"people/ada.md": f"---\npause_until: {ago(-10)}\n---\n# Ada\n- {ago(100)} tea\n"}
    assert [(r.until) for r in garden_of(files).resting] == [TODAY + dt.timedelta(10)]
    later = garden_of(files, TODAY + dt.timedelta(10))
    assert later.resting == ()
    assert later.plants[0].state is State.THIRSTY


def test_bad_resting_values_are_problems() -> None:
    index = index_notes(note("---\nresting: maybe\npause_until: soon\n---\n", "people/ada.md"))
    assert [p.source.line for p in index.problems] == [2, 3]


# --- gestures -------------------------------------------------------------------------------


def test_within_one_circle_gestures_follow_the_kinds_order_and_name_each_person_once() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(100)} tea\n- {ago(1)} job #moment/job\n",
            "people/bob.md": "---\nbirthday: 1990-11-23\n---\n# Bob\n- 2026-11-01 tea\n",
            "people/cy.md": "---\nbirthday: 1990-11-24\n---\n# Cy\n- 2026-11-01 tea\n",
            "people/dee.md": f"# Dee\n- {ago(1)} tea\n- [ ] send the article 📅 {ago(1)}\n",
            "people/eve.md": f"# Eve\n- {ago(4)}: the intro to [[Dee]] #received\n",
            "people/fay.md": "# Fay\n- 2026-01-01 tea\n",
            "people/gus.md": "# Gus\n- 2026-07-01 tea\n",
        }
    )
    got = [(g.contact.name, g.kind) for g in garden.gestures]
    assert got == [
        ("Ada", GestureKind.MOMENT),  # also thirsty: appears once, as a moment
        ("Bob", GestureKind.BIRTHDAY),  # in 3 days; Cy's in 4 is not within 3 days
        ("Dee", GestureKind.PROMISE),
        ("Eve", GestureKind.THANKS),
        ("Fay", GestureKind.WATER),
    ]
    assert [(g.source.path, g.source.line) for g in garden.gestures][:2] == [
        ("people/ada.md", 3),
        ("people/bob.md", 2),
    ]
    short = garden_of(
        {"people/fay.md": "# Fay\n- 2020-01-01 tea\n"}, config=Config(daily_gestures=0)
    )
    assert short.gestures == ()


def test_a_thanks_suggestion_reads_well_whatever_the_entry_says() -> None:
    # An entry's text is a sentence of its own ("Helped me move"), not an object to fit in.
    garden = garden_of(
        {
            "people/sean.md": (
                f"---\nname: Seán O'Brien\n---\n- {ago(2)}: Helped me move #received\n"
            ),
        }
    )
    english = [g["suggestion"] for g in status_document(garden)["gestures"]]  # type: ignore[index]
    assert english == ["Say thanks to Seán O'Brien (you wrote: “Helped me move”)"]
    french = [g["suggestion"] for g in status_document(garden, "fr")["gestures"]]  # type: ignore[index]
    assert french == [
        "Remercier Seán O'Brien (vous aviez noté\u00a0: «\u00a0Helped me move\u00a0»)"
    ]


def test_suggestions_are_concrete_in_english_and_in_french() -> None:
    garden = garden_of(
        {
            "people/alice.md": f"---\nname: Alice\n---\n- {ago(1)} new job #moment/job\n",
            "people/bob.md": f"---\nname: Bob\n---\n- {ago(2)}: the intro to [[Carla]] #received\n",
            "people/carla.md": "---\nname: Carla\nbirthday: 1990-12-01\n---\n- 2026-11-19 tea\n",
            "people/dan.md": f"---\nname: Dan\n---\n"
            f"- {ago(1)} tea\n- [ ] send the *article* 📅 {ago(1)}\n",
            "people/eve.md": "---\nname: Eve\ncircle: inner\n---\n- 2026-10-01 tea\n",
            "people/fay.md": "---\nname: Fay\nbirthday: 1990-11-22\n---\n",
        }
    )
    english = [g["suggestion"] for g in status_document(garden)["gestures"]]  # type: ignore[index]
    assert english == [
        "Get in touch with Eve: last contact 50 days ago",  # the inner circle first
        "Keep your promise to Dan: send the article",
        "Say thanks to Bob (you wrote: “the intro to Carla”)",
        "Congratulate Alice on the new job",  # news is no contact: Alice is a seedling
        "Wish Fay a happy birthday on 22 November",  # a seedling too
    ]
    french = [g["suggestion"] for g in status_document(garden, "fr")["gestures"]]  # type: ignore[index]
    assert french == [
        "Prendre des nouvelles de Eve\u00a0: dernier contact il y a 50 jours",
        "Tenir votre promesse à Dan\u00a0: send the article",
        "Remercier Bob (vous aviez noté\u00a0: «\u00a0the intro to Carla\u00a0»)",
        "Féliciter Alice pour son nouveau poste",
        "Souhaiter un bon anniversaire à Fay le 22 novembre",
    ]


def test_a_promise_in_a_contact_file_is_to_that_contact_only_even_when_kept() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- [ ] tell [[Bob]] hi\n- [x] lent [[Bob]] it ✅ {ago(2)}\n",
            "people/bob.md": "# Bob\n",
        }
    )
    plants = {p.contact.name: p for p in garden.plants}
    assert plants["Ada"].last_interaction == TODAY - dt.timedelta(2)
    assert plants["Bob"].state is State.SEEDLING
    assert [p.contact.name for p in garden.promises] == ["Ada"]


def test_a_moment_or_a_help_without_words_still_gives_a_sentence() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"---\nname: Ada\n---\n- {ago(1)} #moment\n",
            "people/bob.md": f"---\nname: Bob\n---\n- {ago(1)}: #received\n",
        }
    )
    english = [g["suggestion"] for g in status_document(garden)["gestures"]]  # type: ignore[index]
    # Ada has no contact written down (news is none): a seedling, after Bob.
    assert english == ["Say thanks to Bob", "Reach out to Ada: something happened in their life"]


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("the *new* **job** at `Acme`", "the new job at Acme"),
        ("[[Carla Diaz|Carla]] and [[Bob Nguyen#Work]]", "Carla and Bob Nguyen"),
        ("[the site](https://example.com) ![pic](x.png)", "the site pic"),
        ("a snake_case_name and _this_", "a snake_case_name and this"),
        ("2 * 3 * 4", "2 * 3 * 4"),
    ],
)
def test_suggestions_use_plain_text(markdown: str, text: str) -> None:
    from hortus.render.words import plain

    assert plain(markdown) == text
