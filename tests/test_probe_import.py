"""Issue 13, item 7: `import` is linear in the rows, and says how far it got.

Each test failed before the change: every new file listed the whole people folder (twice),
and the planner copied the set of names taken for every row.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.config import Config
from hortus.exchange.importers import ImportedFile, ImportedPerson
from hortus.exchange.importers import plan as planning
from hortus.exchange.importers.plan import plan_import, write_plan
from hortus.person import create
from tests.conftest import MakeVault

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


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
    make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planning, "PROGRESS_EVERY", 2)
    root = make_vault({"hortus.toml": ""})
    rows = "".join(f"P{n},F{n},,p{n}@example.com,,,\n" for n in range(5))
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--vault", str(root), "import", "linkedin", str(source), "--write"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "created 2 of 5 files…",
        "created 4 of 5 files…",
        "created 5 of 5 files…",
    ]
    assert len(list((root / "people").iterdir())) == 5
