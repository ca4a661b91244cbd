"""Renew or release: old promises leave the promises list for one calm section, and a promise
let go (`- [-] …`, Obsidian Tasks' cancelled task) is closed everywhere. Inputs in the tests."""

from __future__ import annotations

import datetime as dt

from hortus.core.config import DEFAULT_WINDOWS, Config
from hortus.garden import Garden, compute_garden
from hortus.index import build_index
from hortus.render.status import status_document
from tests.conftest import note

TODAY = dt.date(2026, 11, 20)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def garden_of(files: dict[str, str], config: Config | None = None) -> Garden:
    config = config or Config()
    index = build_index([note(text, path) for path, text in files.items()], config)
    return compute_garden(index, TODAY, config)


def texts(items: tuple[object, ...]) -> list[str]:
    return [item.text for item in items]  # type: ignore[attr-defined]


def test_a_task_let_go_is_closed_with_its_date_left_out() -> None:
    parsed = note(f"- [-] lend Ada the tent ❌ {ago(1)} ✅ {ago(1)}\n- [ ] open\n")
    released, still_open = parsed.tasks
    assert released.checked and released.text == "lend Ada the tent"
    assert released.done is None  # letting go is no contact made
    assert not still_open.checked


def test_a_promise_let_go_never_shows_again_and_is_never_broken() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(3)} tea\n"
            f"- [-] post the book 📅 {ago(200)} ❌ {ago(1)}\n"
            f"- [-] call her back\n",
        }
    )
    assert garden.promises == () and garden.renew == () and garden.gestures == ()
    document = status_document(garden)
    assert document["promises"] == [] and document["renew_or_release"] == []
    plant = garden.plants[0]
    assert plant.last_interaction == TODAY - dt.timedelta(3)  # `❌` is no contact


def test_old_promises_move_to_renew_or_release_oldest_last() -> None:
    garden = garden_of(
        {
            "people/ada.md": f"# Ada\n- {ago(3)} tea\n"
            f"- [ ] the drill 📅 {ago(31)}\n"  # overdue by 31 days: renew
            f"- [ ] the tent 📅 {ago(30)}\n"  # by 30: still a promise
            f"- [ ] the recipe 📅 {ago(400)}\n",
            "people/bob.md": f"# Bob\n## {ago(91)}\n- [ ] the photos\n"  # written 91 days ago
            f"## {ago(90)}\n- [ ] the map\n"  # 90 days: still a promise
            f"- [ ] the scarf ➕ {ago(500)}\n",  # its own date wins
            "people/cy.md": "# Cy\n- [ ] the song\n",  # nothing says when: stays
            "2026-01-05.md": "- [ ] the letter for [[Cy]]\n",  # a daily note dates it
        }
    )
    assert texts(garden.renew) == [
        "the drill",
        "the photos",
        "the letter for [[Cy]]",
        "the recipe",
        "the scarf",
    ]
    assert sorted(texts(garden.promises)) == ["the map", "the song", "the tent"]
    assert all(g.item not in garden.renew for g in garden.gestures)


def test_the_renew_windows_are_settable() -> None:
    files = {"people/ada.md": f"# Ada\n- [ ] the drill 📅 {ago(10)}\n- [ ] the map ➕ {ago(20)}\n"}
    config = Config(windows={**DEFAULT_WINDOWS, "renew_overdue": 5, "renew_undated": 15})
    assert texts(garden_of(files, config).renew) == ["the drill", "the map"]
    assert texts(garden_of(files).renew) == []
