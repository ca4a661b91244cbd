"""Dates as typed on the command line, in English and French, resolved against the vault's day."""

from __future__ import annotations

import datetime as dt

import pytest

from hortus.core.dates import read_date

FRIDAY = dt.date(2026, 11, 27)  # a Friday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-20", dt.date(2026, 11, 20)),
        ("today", FRIDAY),
        ("Today", FRIDAY),
        ("aujourd'hui", FRIDAY),
        ("aujourd’hui", FRIDAY),
        ("yesterday", dt.date(2026, 11, 26)),
        ("hier", dt.date(2026, 11, 26)),
        ("avant-hier", dt.date(2026, 11, 25)),
        ("-3d", dt.date(2026, 11, 24)),
        ("-3j", dt.date(2026, 11, 24)),
        ("-2w", dt.date(2026, 11, 13)),
        ("+2d", dt.date(2026, 11, 29)),
        ("10d", dt.date(2026, 12, 7)),
        ("monday", dt.date(2026, 11, 23)),
        ("lundi", dt.date(2026, 11, 23)),
        ("Thursday", dt.date(2026, 11, 26)),
        ("jeu.", dt.date(2026, 11, 26)),
        ("friday", dt.date(2026, 11, 20)),  # the last one *before* today: a week ago
        ("vendredi", dt.date(2026, 11, 20)),
        ("samedi", dt.date(2026, 11, 21)),
        ("sun", dt.date(2026, 11, 22)),
    ],
)
def test_date_words(typed: str, expected: dt.date) -> None:
    word = read_date(typed)
    assert word is not None
    assert word.on(FRIDAY) == expected


@pytest.mark.parametrize("typed", ["", "tomorrowish", "2026-13-01", "-3x", "-99999999d", "3"])
def test_what_is_not_a_date(typed: str) -> None:
    assert read_date(typed) is None
