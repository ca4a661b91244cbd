"""The one-line summary shared by `regenerate`, `status` and the garden's header."""

from __future__ import annotations

from hortus.garden import Garden
from hortus.render import words
from hortus.render.i18n import catalogue


def summary(garden: Garden, language: str = "en") -> str:
    return words.summary(garden, catalogue(language))


def regenerated(summary: str, path: str, written: bool, language: str = "en") -> str:
    """`Wrote GARDEN.md: 14 contacts, …` or `… is already up to date: …`, from the garden's
    `summary` (regenerate's warm path has the summary, not the garden)."""
    cat = catalogue(language)
    key = "regenerated" if written else "up_to_date"
    return cat.t(key, path=path, summary=summary)


def calendar_written(path: str, written: bool, events: int, language: str = "en") -> str:
    """`Wrote garden.ics: 5 calendar events.` or `… is already up to date: …`."""
    cat = catalogue(language)
    key = "calendar.written" if written else "calendar.up_to_date"
    return cat.t(key, path=path, events=cat.n("events", events))
