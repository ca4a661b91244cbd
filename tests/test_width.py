"""Columns of `hortus status` measured in terminal cells, not characters (issue 13)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.render.words import display_width, pad
from tests.conftest import MakeVault


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("Ada", 3),
        ("李雷", 4),
        ("ｶﾀｶﾅ", 4),
        ("キム・ミンジ", 12),
        ("Zoe\u0308", 3),
        ("ＡＢ", 4),
        ("", 0),
    ],
)
def test_display_width(text: str, cells: int) -> None:
    assert display_width(text) == cells
    assert display_width(pad(text, 12)) == max(12, cells)


def test_status_columns_line_up_with_wide_names(make_vault: MakeVault) -> None:
    files = {
        "hortus.toml": "today = 2026-11-20\n",
        "people/li.md": "---\nname: 李雷\n---\n- 2026-11-18: tea\n",
        "people/kim.md": "---\nname: 김민준 Kim\n---\n- 2026-11-17: call\n",
        "people/ada.md": "---\nname: Ada Lovelace\n---\n- 2026-11-16: walk\n",
    }
    root = make_vault(files)
    out = CliRunner().invoke(main, ["--vault", str(root), "status"]).stdout
    rows = [line for line in out.splitlines() if "·" in line]
    assert len(rows) == 3
    # Everything before the state column has the same width in cells on every row.
    starts = {display_width(row[: row.index("thriving")]) for row in rows}
    assert len(starts) == 1, rows
