"""Messages by language: every sentence the renderers show comes from one catalogue per
language (`lang/en.py`, `lang/fr.py`), with its plurals and its way of writing dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hortus.core.said import Said


@dataclass(frozen=True)
class Catalogue:
    code: str
    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, str]]  # key → (one, many), each with `{n}`
    months: tuple[str, ...]  # January … December
    months_short: tuple[str, ...]  # for the chart's axis
    is_one: Callable[[int], bool]  # which counts take the singular
    day_number: Callable[[int], str]  # 1 → "1" (en) or "1er" (fr)
    # Problems and failures, keyed by their English template (`core/said.py`); none in English.
    sentences: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def t(self, key: str, **values: object) -> str:
        return self.messages[key].format(**values)

    def say(self, sentence: Said) -> str:
        """A problem or a failure in this language (as it was written where none is known)."""
        return sentence.text(lambda template: self.sentences.get(template, template))

    def n(self, key: str, count: int) -> str:
        one, many = self.plurals[key]
        return (one if self.is_one(count) else many).format(n=count)

    def date(self, day: dt.date) -> str:
        """27 November 2026 / 27 novembre 2026."""
        return f"{self.day_month(day)} {day.year}"

    def day_month(self, day: dt.date) -> str:
        """1 December / 1er décembre."""
        return f"{self.day_number(day.day)} {self.months[day.month - 1]}"

    def month_short(self, day: dt.date) -> str:
        return self.months_short[day.month - 1]


def catalogue(code: str) -> Catalogue:
    from hortus.render.lang import en, fr

    known: Mapping[str, Catalogue] = {"en": en.CATALOGUE, "fr": fr.CATALOGUE}
    return known.get(code, en.CATALOGUE)
