"""Exports parsed back by the libraries, field by field; the calendar's dates; the round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import icalendar
import pytest
import vobject
from click.testing import CliRunner
from dateutil.rrule import rrulestr

from hortus.cli import main
from hortus.core.calendar import CalendarSettings
from hortus.exchange.calendar import (
    PromiseRecord,
    calendar_events,
    next_watering,
    parse_birthday,
    promise_events,
)
from hortus.exchange.export.csvfile import neutralise
from hortus.loader import build_garden, open_vault
from tests.conftest import MakeVault, index_of

TODAY = "2026-11-20"
ADA = """\
---
name: Ada Lovelace
aliases: [Ada, Countess]
circle: inner
birthday: 1815-12-10
tags: [math, friends]
email: [ada@example.com, countess@example.org]
phone: "+44 20 7946 0018"
company: Analytical Engines
role: Poet; of science, too
linkedin: https://www.linkedin.com/in/ada
---
## 2026-11-10 Tea
"""
ZOE = """\
---
name: Zoë Durand
birthday: --02-29
email: zoe@example.fr
---
- 2026-01-05: call
"""
FORMULA = """\
---
name: "=HYPERLINK(\\"http://evil\\")"
company: "@SUM(1+1)"
phone: "+1 555 0100"
---
"""
VAULT = {
    "hortus.toml": f"today = {TODAY}\n",
    "people/ada-lovelace.md": ADA,
    "people/zoe-durand.md": ZOE,
    "people/seedling.md": "---\nname: New Person\nbirthday: 12-31\n---\n",
    "people/formula.md": FORMULA,
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_vcard_export_read_back_by_vobject(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(VAULT)
    code, _, _ = run(root, "export", "vcard", "-o", str(tmp_path / "all.vcf"))
    assert code == 0
    out = (tmp_path / "all.vcf").read_bytes().decode("utf-8")
    lines = out.split("\r\n")
    assert lines[-1] == "" and all(len(line.encode()) <= 75 for line in lines)
    cards = {card.fn.value: card for card in vobject.readComponents(out)}
    assert set(cards) == {"Ada Lovelace", "Zoë Durand", "New Person", '=HYPERLINK("http://evil")'}
    ada = cards["Ada Lovelace"]
    assert ada.version.value == "4.0"
    assert (ada.n.value.family, ada.n.value.given) == ("Lovelace", "Ada")
    assert ada.nickname.value == ["Ada", "Countess"]
    assert ada.bday.value == "18151210"
    assert [e.value for e in ada.contents["email"]] == ["ada@example.com", "countess@example.org"]
    assert ada.tel.value == "+44 20 7946 0018"
    assert ada.org.value == ["Analytical Engines"]
    assert ada.title.value == "Poet; of science, too"
    assert ada.categories.value == ["math", "friends"]
    assert ada.note.value == "hortus vault file: people/ada-lovelace.md"
    assert ada.url.value == "https://www.linkedin.com/in/ada"
    assert ada.uid.value.startswith("urn:uuid:")
    assert cards["Zoë Durand"].bday.value == "--0229"
    assert "bday" not in cards['=HYPERLINK("http://evil")'].contents


def test_vcard_uids_are_stable(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    first = run(root, "export", "vcard")[1]
    (root / "people/zoe-durand.md").write_text(ZOE + "- 2026-02-01: more\n", encoding="utf-8")
    assert run(root, "export", "vcard")[1] == first


def test_round_trip_vcard_into_an_empty_vault(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(VAULT)
    out = tmp_path / "all.vcf"
    assert run(root, "export", "vcard", "-o", str(out))[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "hortus.toml").write_text("")
    code, text, _ = run(empty, "import", "vcard", str(out), "--write")
    assert code == 0
    assert text.endswith("Created 4 contacts (circle weak), 0 already there, 0 problems.\n")

    def people(folder: Path) -> set[tuple[object, ...]]:
        return {
            (c.name, parse_birthday(c.birthday), c.aliases, str(c.fields.get("email")), c.tags)
            for c in index_of(folder).contacts
        }

    assert people(empty) == people(root)
    again = run(empty, "import", "vcard", str(out))[1]
    assert again.endswith(
        "0 to create (circle weak), 4 already there, 0 problems. Nothing to write.\n"
    )
    assert "hortus vault file" not in (empty / "people/ada-lovelace.md").read_text(encoding="utf-8")


def ics_events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_ics_export_read_back_by_icalendar(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    code, out, _ = run(root, "export", "ics")
    assert code == 0
    data = out.encode("utf-8")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["prodid"]) == "-//hortus//hortus garden calendar//EN"
    events = ics_events(data)
    assert set(events) == {
        "Birthday: Ada Lovelace",
        "Birthday: Zoë Durand",
        "Birthday: New Person",
        "Water Ada Lovelace",  # inner; Zoë (network) gets no watering day by default
    }
    ada = events["Birthday: Ada Lovelace"]
    assert ada["dtstart"].dt == dt.date(1815, 12, 10)
    assert ada["dtend"].dt == dt.date(1815, 12, 11)
    assert ada["rrule"].to_ical() == b"FREQ=YEARLY"
    assert str(ada["description"]) == "born 1815. people/ada-lovelace.md"
    assert str(ada["transp"]) == "TRANSPARENT"
    assert events["Birthday: New Person"]["dtstart"].dt == dt.date(2000, 12, 31)
    water = events["Water Ada Lovelace"]
    assert water["dtstart"].dt == dt.date(2026, 11, 24)  # 2026-11-10 + 14 days (inner)
    assert "Last contact 2026-11-10" in str(water["description"])
    uids = [str(event["uid"]) for event in events.values()]
    assert len(set(uids)) == len(uids)
    assert all(e["dtstamp"].dt == dt.datetime(2026, 11, 20, tzinfo=dt.UTC) for e in events.values())


def test_a_29_february_birthday_falls_on_28_february_in_other_years(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    event = ics_events(run(root, "export", "ics")[1].encode())["Birthday: Zoë Durand"]
    assert event["dtstart"].dt == dt.date(2000, 2, 29)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=dt.datetime(2000, 2, 29))
    after = rule.between(dt.datetime(2026, 1, 1), dt.datetime(2029, 1, 1))
    assert [d.date() for d in after] == [
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    ]


def test_ics_is_byte_identical_when_nothing_changed_and_uids_survive_edits(
    make_vault: MakeVault,
) -> None:
    root = make_vault(VAULT)
    first = run(root, "export", "ics")[1]
    assert run(root, "export", "ics")[1] == first
    (root / "people/ada-lovelace.md").write_text(ADA + "## 2026-11-18 Call\n", encoding="utf-8")
    before = {s: str(e["uid"]) for s, e in ics_events(first.encode()).items()}
    after = ics_events(run(root, "export", "ics")[1].encode())
    assert {s: str(e["uid"]) for s, e in after.items()} == before
    assert after["Water Ada Lovelace"]["dtstart"].dt == dt.date(2026, 12, 2)


def test_promises_become_all_day_events_with_stable_uids(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    garden = build_garden(open_vault(root), None, dt.date(2026, 1, 1))
    promise = PromiseRecord(
        "Ada Lovelace", "send her the book", dt.date(2026, 12, 1), "people/ada-lovelace.md", 14
    )
    moved = promise._replace(line=20, due=dt.date(2026, 12, 3))
    (event,) = promise_events([promise])
    assert (event.day, event.summary, event.description) == (
        dt.date(2026, 12, 1),
        "Promise to Ada Lovelace: send her the book",
        "people/ada-lovelace.md:14",
    )
    assert promise_events([moved])[0].uid == event.uid
    assert event in calendar_events(garden, [promise], CalendarSettings(alarms=False))
    from hortus.exchange.export.ics import render_ics

    parsed = ics_events(render_ics(calendar_events(garden, [promise]), garden.today))
    item = parsed["Promise to Ada Lovelace: send her the book"]
    assert (item["dtstart"].dt, "rrule" in item) == (dt.date(2026, 12, 1), False)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1815-12-10", (1815, 12, 10)),
        ("--12-10", (None, 12, 10)),
        ("12-10", (None, 12, 10)),
        ("--02-29", (None, 2, 29)),
        ("2001-02-29", None),
        ("13-01", None),
        ("10 Dec", None),
        (None, None),
    ],
)
def test_parse_birthday(text: str | None, parsed: tuple[int | None, int, int] | None) -> None:
    assert parse_birthday(text) == parsed


def test_seedlings_have_no_watering_day(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    garden = build_garden(open_vault(root), None, dt.date(2026, 11, 20))
    days = {p.contact.name: next_watering(p, garden.today) for p in garden.plants}
    assert days["New Person"] is None
    assert days["Ada Lovelace"] == dt.date(2026, 11, 24)


def test_csv_export_has_the_gardens_fields_and_neutralises_formulas(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    code, out, _ = run(root, "export", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    by_path = {row["path"]: row for row in rows}
    ada = by_path["people/ada-lovelace.md"]
    assert ada["name"] == "Ada Lovelace"
    assert (ada["circle"], ada["cadence_days"], ada["state"]) == ("inner", "14", "thriving")
    assert (ada["last_interaction"], ada["days_since"], ada["thirst"]) == (
        "2026-11-10",
        "10",
        "0.71",
    )
    assert ada["next_watering"] == "2026-11-24"
    assert ada["email"] == "ada@example.com; countess@example.org"
    assert ada["phone"] == "'+44 20 7946 0018"
    evil = by_path["people/formula.md"]
    assert evil["name"] == '\'=HYPERLINK("http://evil")'
    assert (evil["company"], evil["phone"]) == ("'@SUM(1+1)", "'+1 555 0100")
    assert by_path["people/seedling.md"]["state"] == "seedling"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"), ("ok", "ok")],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_export_to_a_file(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(VAULT)
    target = tmp_path / "garden.csv"
    code, out, err = run(root, "export", "csv", "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_bytes().startswith(b"\xef\xbb\xbfname,path,")
    code, _, err = run(root, "export", "csv", "-o", str(root / "people/ada-lovelace.md"))
    assert code == 1 and "it is a Markdown note" in err
    assert (root / "people/ada-lovelace.md").read_text(encoding="utf-8") == ADA


def test_regenerate_writes_the_calendar_when_set_and_only_its_own(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({**VAULT, "hortus.toml": f'today = {TODAY}\nics = "garden.ics"\n'})
    code, out, _ = run(root, "regenerate")
    assert code == 0
    assert out.splitlines()[1] == "Wrote garden.ics: 4 calendar events."
    data = (root / "garden.ics").read_bytes()
    run(root, "export", "ics", "-o", str(tmp_path / "export.ics"))
    assert data == (tmp_path / "export.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hortus//")
    assert run(root, "regenerate")[1].splitlines()[1] == (
        "garden.ics is already up to date: 4 calendar events."
    )
    (root / "garden.ics").write_text("BEGIN:VCALENDAR\r\nPRODID:-//me//EN\r\n")
    code, _, err = run(root, "regenerate", "--today", "2026-11-21")
    assert code == 1 and "garden.ics exists and was not written by hortus" in err
    assert (root / "garden.ics").read_bytes() == b"BEGIN:VCALENDAR\r\nPRODID:-//me//EN\r\n"


def test_without_the_setting_no_calendar_is_written(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    code, out, _ = run(root, "regenerate")
    assert (code, len(out.splitlines())) == (0, 1)
    assert not (root / "garden.ics").exists()


def test_regenerates_calendar_has_the_gardens_dated_promises_and_no_resting_watering(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "hortus.toml": f'today = {TODAY}\nics = "garden.ics"\n[calendar]\nwatering = "all"\n',
            "people/ada.md": "# Ada\n- 2026-11-01 tea\n- [ ] send the article 📅 2026-12-01\n",
            "people/bob.md": "---\nresting: true\n---\n# Bob\n- 2026-11-01 tea\n- [ ] undated\n",
        }
    )
    code, out, _ = run(root, "regenerate")
    assert code == 0, out
    data = (root / "garden.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "SUMMARY:Promise to Ada: send the article" in data
    assert "Water Ada" in data and "Water Bob" not in data
    assert "undated" not in data
