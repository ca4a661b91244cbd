"""Rows of the pages kept between renders, for the watcher.

A plant's row is a pure function of the plant, the language and the page's folder. The
garden's memo keeps the very same `Plant` object for every contact no changed note touched,
so the watcher renders again only the rows of the contacts a save changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


class Rows:
    def __init__(self) -> None:
        # kind → id of the item → (the item, its text); a dict per kind spares a key tuple per
        # row (garden-all.html at L asks for 70,000 rows a render).
        self._kept: dict[str, dict[int, tuple[object, str]]] = {}
        self._next: dict[str, dict[int, tuple[object, str]]] = {}

    def row(self, item: _T, kind: str, make: Callable[[_T], str]) -> str:
        """`make(item)`, or the text it gave for this very object and `kind`, earlier in this
        render (garden.html shows a thirsty plant twice) or in the last one."""
        now = self._next.get(kind)
        if now is None:
            now = self._next[kind] = {}
        key = id(item)
        kept = now.get(key) or self._kept.get(kind, {}).get(key)
        if kept is None or kept[0] is not item:  # the object itself is kept: its id stays its own
            kept = (item, make(item))
        now[key] = kept
        return kept[1]

    def settle(self) -> None:
        """After a render: forget the rows it did not use."""
        self._kept, self._next = self._next, {}
