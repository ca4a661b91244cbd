"""How wide text shows in a terminal, so the columns of `hortus status` line up with names in
Chinese, Japanese or Korean (two cells a character) and with combining accents (none)."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Terminal cells: East Asian wide and full-width characters take two, combining marks and
    format characters (zero-width joiner, variation selectors' kin) none, the rest one."""
    return sum(_cells(char) for char in text)


def _cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (`str.ljust` counts characters)."""
    return text + " " * max(0, width - display_width(text))
