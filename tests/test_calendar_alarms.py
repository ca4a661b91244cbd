"""The calendar's alarms (VALARM, read back with icalendar) and which circles get watering days:
the `[calendar]` settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.calendar import CalendarSettings
from hortus.core.config import load_config
from hortus.core.model import Problem, Source
from tests.conftest import MakeVault

FILES = {
    "people/ada.md": """
        ---
        circle: inner
        birthday: 1990-12-10
        ---
        # Ada
        - 2026-11-10: tea
        - [ ] send the article 📅 2026-12-01
        """,
    "people/bob.md": "---\ncircle: close\n---\n# Bob\n- 2026-11-01: walk\n",
    "people/cy.md": "---\ncircle: network\n---\n# Cy\n- 2026-11-01: walk\n",
    "people/dee.md": "---\ncircle: weak\nbirthday: --03-04\n---\n# Dee\n- 2026-01-01: hi\n",
}


def calendar(root: Path) -> dict[str, icalendar.Event]:
    result = CliRunner().invoke(main, ["--vault", str(root), "export", "ics"])
    assert result.exit_code == 0, result.output
    parsed = icalendar.Calendar.from_ical(result.stdout.encode("utf-8"))
    return {str(event["summary"]): event for event in parsed.walk("VEVENT")}


def alarms(event: icalendar.Event) -> list[tuple[str, dt.timedelta, str]]:
    return [
        (str(a["action"]), a["trigger"].dt, str(a["description"])) for a in event.walk("VALARM")
    ]


def test_birthdays_ring_in_the_morning_and_promises_the_day_before(make_vault: MakeVault) -> None:
    events = calendar(make_vault({"hortus.toml": "today = 2026-11-20\n", **FILES}))
    assert alarms(events["Birthday: Ada"]) == [("DISPLAY", dt.timedelta(hours=9), "Birthday: Ada")]
    assert alarms(events["Birthday: Dee"]) == [("DISPLAY", dt.timedelta(hours=9), "Birthday: Dee")]
    promise = events["Promise to Ada: send the article"]
    assert alarms(promise) == [
        ("DISPLAY", dt.timedelta(hours=-15), "Promise to Ada: send the article")
    ]  # 09:00 on 30 November
    assert alarms(events["Water Ada"]) == []


def test_watering_days_only_for_the_closer_circles_by_default(make_vault: MakeVault) -> None:
    events = calendar(make_vault({"hortus.toml": "today = 2026-11-20\n", **FILES}))
    assert sorted(name for name in events if name.startswith("Water")) == ["Water Ada", "Water Bob"]


def test_the_settings_change_the_alarms_and_the_circles(make_vault: MakeVault) -> None:
    toml = (
        'today = 2026-11-20\n[calendar]\nalarm_time = "07:30"\npromise_days_before = 3\n'
        'watering = ["network", "weak"]\n'
    )
    events = calendar(make_vault({"hortus.toml": toml, **FILES}))
    assert alarms(events["Birthday: Ada"])[0][1] == dt.timedelta(hours=7, minutes=30)
    promise = alarms(events["Promise to Ada: send the article"])[0][1]
    assert promise == dt.timedelta(days=-3, hours=7, minutes=30)
    assert sorted(name for name in events if name.startswith("Water")) == ["Water Cy", "Water Dee"]


def test_one_setting_turns_every_alarm_off(make_vault: MakeVault) -> None:
    toml = 'today = 2026-11-20\nics = "garden.ics"\n[calendar]\nalarms = false\nwatering = "all"\n'
    root = make_vault({"hortus.toml": toml, **FILES})
    events = calendar(root)
    assert all(alarms(event) == [] for event in events.values())
    assert len([name for name in events if name.startswith("Water")]) == 4
    CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
    assert b"VALARM" not in (root / "garden.ics").read_bytes()


def test_bad_calendar_settings_are_problems_and_defaults_apply(tmp_path: Path) -> None:
    (tmp_path / "hortus.toml").write_text(
        '[calendar]\nalarms = "yes"\nalarm_time = "25:00"\npromise_days_before = -1\n'
        "watering = 3\nsnooze = 1\n"
    )
    config, problems = load_config(tmp_path)
    assert config.calendar == CalendarSettings()
    assert [(p.source.line, p.message.split(" ")[0]) for p in problems] == [
        (6, "unknown"),
        (2, "'alarms'"),
        (3, "'alarm_time'"),
        (4, "'promise_days_before'"),
        (5, "'watering'"),
    ]
    assert Problem(Source("hortus.toml", 6), problems[0].said) in problems
