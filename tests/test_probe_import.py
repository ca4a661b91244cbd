"""Issue 13, item 7: `import` is linear in the rows, and says how far it got.

Each test failed before the change: every new file listed the whole people folder (twice),
and the planner copied the set of names taken for every row.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from hortus.core.config import Config
from hortus.core.said import Said
from hortus.exchange.importers import ImportedFile, ImportedPerson
from hortus.exchange.importers import plan as planning
from hortus.exchange.importers.plan import plan_import, write_plan
from hortus.person import create
from tests.conftest import MakeVault


def _people(count: int) -> ImportedFile:
    people = tuple(
        ImportedPerson(line=n + 2, name=f"Person{n} Family{n}", emails=(f"p{n}@example.com",))
        for n in range(count)
    )
    return ImportedFile(people, (), count)


def _plan_seconds(count: int) -> float:
    imported = _people(count)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        plan_import(
            imported, display="x.csv", kind="linkedin", circle=None, contacts=[], config=Config()
        )
        best = min(best, time.perf_counter() - started)
    return best


def test_planning_an_import_is_linear_in_its_rows() -> None:
    small, large = _plan_seconds(2_000), _plan_seconds(8_000)
    assert large / small < 8, (small, large)  # linear: ~4; a copy of the names per row: ~16


def test_writing_an_import_lists_the_people_folder_once(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"hortus.toml": "", "people/ada.md": "---\nname: Ada\n---\n"})
    listed: list[Path] = []
    real = create._list

    def counting(folder: Path) -> list[Path]:
        listed.append(folder)
        return real(folder)

    monkeypatch.setattr(create, "_list", counting)
    plan = plan_import(
        _people(300), display="x.csv", kind="linkedin", circle=None, contacts=[], config=Config()
    )
    written = write_plan(root, Config(), [], plan, dt.date(2026, 11, 27))
    assert len(written.created) == 300 and written.problems == ()
    assert len(list((root / "people").iterdir())) == 301
    assert len(listed) <= 2  # the vault root (to find `people/`), then `people/` itself


def test_a_large_import_says_how_far_it_got(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `PROGRESS_EVERY` files on, each file created moves the CLI's progress bar."""
    monkeypatch.setattr(planning, "PROGRESS_EVERY", 4)
    root = make_vault({"hortus.toml": ""})
    told: list[tuple[str, int]] = []
    steps: list[int] = []

    @contextmanager
    def progress(label: Said, total: int) -> Iterator[Callable[[int], None]]:
        told.append((str(label), total))
        yield steps.append

    for count, expected in ((3, []), (5, [("Creating files", 5)])):
        told.clear()
        steps.clear()
        imported = ImportedFile(
            tuple(ImportedPerson(line=n + 2, name=f"P{count}x{n} F") for n in range(count)),
            (),
            count,
        )
        plan = plan_import(
            imported, display="x.csv", kind="linkedin", circle=None, contacts=[], config=Config()
        )
        written = write_plan(root, Config(), [], plan, dt.date(2026, 11, 27), progress)
        assert len(written.created) == count
        assert told == expected
        assert steps == ([1] * count if expected else [])
