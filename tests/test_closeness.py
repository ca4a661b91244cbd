"""garden/closeness.py and gestures.py: every list and today's gestures are ranked by
closeness (the circles' order in hortus.toml, the distant last), then by urgency; a distant
person takes at most one gesture of each kind a day. Every input is written in the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hortus.core.config import Config, load_config
from hortus.garden import Garden, GestureKind, compute_garden
from hortus.index import build_index
from tests.conftest import note, write_vault

TODAY = dt.date(2026, 11, 20)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def garden_of(files: dict[str, str], config: Config | None = None, limit: int = 5) -> Garden:
    config = config or Config(daily_gestures=limit)
    notes = [note(_named(text, path), path) for path, text in files.items()]
    index = build_index(notes, config)
    return compute_garden(index, TODAY, config)


def _named(text: str, path: str) -> str:
    """`people/import-001.md` is "Import 001"."""
    name = path.rsplit("/", 1)[-1][:-3].replace("-", " ").title()
    return text.replace("---\n", f"---\nname: {name}\n", 1)


def person(circle: str, last: int | None = None, birthday: str | None = None) -> str:
    front = f"---\ncircle: {circle}\n" + (f"birthday: {birthday}\n" if birthday else "") + "---\n"
    return front + (f"- {ago(last)} tea\n" if last is not None else "")


def names(items: tuple[object, ...]) -> list[str]:
    return [item.contact.name for item in items]  # type: ignore[attr-defined]


def test_needs_watering_puts_closeness_before_thirst() -> None:
    garden = garden_of(
        {
            "people/wendy.md": person("weak", 2000),  # thirst 5.5
            "people/nora.md": person("network", 400),  # thirst 4.4
            "people/cleo.md": person("close", 45),  # thirst 1.5
            "people/ines.md": person("inner", 20),  # thirst 1.4
            "people/ivan.md": person("inner", 60),  # thirst 4.3: the thirstiest of the inner
        }
    )
    assert names(garden.needs_watering) == ["Ivan", "Ines", "Cleo", "Nora", "Wendy"]


def test_a_weak_ties_birthday_never_takes_a_gesture_from_a_closer_person() -> None:
    birthday = "1990-11-20"  # today
    garden = garden_of(
        {
            "people/wendy.md": person("weak", 10, birthday),
            "people/sam.md": person("network", birthday=birthday),  # a seedling
            "people/ines.md": person("inner", 20),
            "people/cleo.md": person("close", 45),
        },
        limit=2,
    )
    got = [(g.contact.name, g.kind) for g in garden.gestures]
    assert got == [("Ines", GestureKind.WATER), ("Cleo", GestureKind.WATER)]


def test_eight_hundred_birthdays_of_imported_contacts_never_flood_the_gestures() -> None:
    files = {
        f"people/import-{n:03}.md": person("network" if n % 2 else "weak", birthday="1990-11-21")
        for n in range(800)
    }
    files["people/ines.md"] = person("inner", 20)
    files["people/nora.md"] = person("network", 10, birthday="1985-11-22")
    garden = garden_of(files)
    got = [(g.contact.name, g.kind) for g in garden.gestures]
    assert got == [
        ("Ines", GestureKind.WATER),
        ("Nora", GestureKind.BIRTHDAY),
        ("Import 001", GestureKind.BIRTHDAY),  # one distant birthday a day: network before weak
    ]
    assert len(garden.birthdays) == 801  # the list still has them all, closest first
    assert names(garden.birthdays)[:2] == ["Nora", "Import 001"]


def test_a_distant_person_takes_one_gesture_of_each_kind_a_day() -> None:
    garden = garden_of(
        {
            "people/wendy.md": person("weak", 2000, "1990-11-21"),
            "people/will.md": person("weak", 1000),
            "people/walt.md": person("weak", 3000),
            "people/sam.md": "---\ncircle: inner\n---\n- [ ] lend [[Sam]] the tent 📅 "
            + ago(3)
            + "\n",
        }
    )
    got = [(g.contact.name, g.kind) for g in garden.gestures]
    assert got == [
        ("Sam", GestureKind.PROMISE),  # an inner seedling, still distant: a promise
        ("Wendy", GestureKind.BIRTHDAY),  # one birthday
        ("Walt", GestureKind.WATER),  # and one watering: the thirstiest weak tie
    ]


def test_within_a_circle_the_most_urgent_comes_first_in_every_list() -> None:
    garden = garden_of(
        {
            "people/ann.md": person("close", 5, "1990-11-29"),
            "people/bea.md": person("close", 5, "1990-11-21"),
            "people/cid.md": person("inner", 5, "1990-12-01"),
            "people/dan.md": f"---\ncircle: close\n---\n- {ago(5)} tea\n"
            f"- [ ] call back 📅 {ago(2)}\n- [ ] the book 📅 {ago(9)}\n",
        }
    )
    assert names(garden.birthdays) == ["Cid", "Bea", "Ann"]
    assert [p.text for p in garden.promises] == ["the book", "call back"]


def test_the_circles_keep_the_order_hortus_toml_gives_them(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path,
        {"hortus.toml": "[circles]\nfamily = 21\ninner = 14\nacquaintances = 730\n"},
    )
    config = load_config(root)[0]
    assert config.circle_order == ("family", "inner", "close", "network", "weak", "acquaintances")
    garden = garden_of(
        {
            "people/ines.md": person("inner", 30),  # thirst 2.1
            "people/fred.md": person("family", 30),  # thirst 1.4, but family comes first
            "people/nora.md": person("network", 200),
        },
        config,
    )
    assert names(garden.needs_watering) == ["Fred", "Ines", "Nora"]


def test_a_default_circle_left_out_of_the_table_goes_by_its_cadence(tmp_path: Path) -> None:
    root = write_vault(tmp_path, {"hortus.toml": "[circles]\nfamily = 7\n"})
    assert load_config(root)[0].circle_order == ("family", "inner", "close", "network", "weak")
    root = write_vault(tmp_path / "b", {"hortus.toml": "[circles]\nweak = 400\nclose = 21\n"})
    assert load_config(root)[0].circle_order == ("inner", "network", "weak", "close")


def test_one_kind_takes_at_most_half_the_gestures_while_a_close_person_asks() -> None:
    files = {f"people/inner-{n}.md": person("inner", 40 + n) for n in range(6)}
    files["people/cleo.md"] = person("close", 5, "1990-11-21")  # birthday tomorrow
    files["people/wendy.md"] = person("weak", 10, "1990-11-20")  # a weak tie's, today
    got = [(g.contact.name, g.kind) for g in garden_of(files).gestures]
    assert got == [
        ("Inner 5", GestureKind.WATER),  # the thirstiest first
        ("Inner 4", GestureKind.WATER),
        ("Inner 3", GestureKind.WATER),  # three of five: half, rounded up
        ("Inner 2", GestureKind.WATER),  # the place left goes to the next inner, not to Wendy
        ("Cleo", GestureKind.BIRTHDAY),
    ]
