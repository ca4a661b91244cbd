"""The garden's sections, shared by every page: their order, their short lists, the welcome.

The order follows what a person acts on first: today's gestures, then who needs watering,
then the news, dates and debts that will not wait (key moments, birthdays, promises, thanks),
then what is coming (due soon), then the slower lists (give back, drifting, weak ties, old
promises to renew or release, breathe, resting), then the garden at rest (seedlings,
thriving, the chart, everyone), and last the housekeeping (names without a page, problems).

Each section shows its first few items (`[lists] page` on GARDEN.md and garden.html,
`[lists] status` in `hortus status`), then "…and N more", which links to the full list on
GARDEN-all.md and garden-all.html (`hortus status --all` or `--section NAME` in a terminal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from hortus.core.model import Unresolved
from hortus.garden import Garden
from hortus.index import fold

ORDER = (
    "gestures",
    "needs_watering",
    "key_moments",
    "birthdays",
    "promises",
    "thanks_owed",
    "due_soon",
    "give_back",
    "drifting",
    "rediscover",
    "renew_or_release",
    "breathe",
    "resting",
    "seedlings",
    "thriving",
    "chart",
    "everyone",
    "unresolved",
    "problems",
)
# Below this many people with a contact written down, the pages welcome instead of showing
# a column of empty sections.
WELCOME_BELOW = 3
_SLUG_DROP_RE = re.compile(r"[^\w\- ]")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Lists:
    """How a page lists: `limit` items per section (None: all; `everyone`, if given, for the
    web page's "Everyone"), "…and N more" linking to `full` (a vault-relative page, None: no
    link), and `back` to the short page."""

    limit: int | None = None
    full: str | None = None
    back: str | None = None
    everyone: int | None = None

    def cut(self, items: Sequence[_T], key: str = "") -> tuple[Sequence[_T], int]:
        """The items shown, and how many are left for the full list."""
        limit = self.everyone if key == "everyone" and self.everyone else self.limit
        if limit is None or len(items) <= limit:
            return items, 0
        return items[:limit], len(items) - limit


def page_lists(limits: Mapping[str, int], short: str, full: str) -> tuple[Lists, Lists]:
    """How the short page (`short`) and the page of full lists (`full`) list: the first few
    of each section (`[lists] page`, `everyone`) linking to `full`, and everything linking
    back to `short`."""
    return Lists(limits["page"], full, everyone=limits["everyone"]), Lists(None, back=short)


def records(garden: Garden) -> dict[str, Sequence[object]]:
    """Each section's full list, by key (the chart's: its months, when any has a count)."""
    return {
        "chart": garden.monthly if any(garden.monthly) else (),
        "gestures": garden.gestures,
        "needs_watering": garden.needs_watering,
        "key_moments": garden.news,  # with the events to ask after
        "birthdays": garden.birthdays,
        "promises": garden.promises,
        "thanks_owed": garden.thanks_all,  # with the introducers to tell
        "due_soon": garden.due_soon,
        "give_back": garden.give_back,
        "drifting": garden.drifting,
        "rediscover": garden.rediscover,
        "renew_or_release": garden.renew,
        "breathe": garden.breathe,
        "resting": garden.resting,
        "seedlings": garden.seedlings,
        "thriving": garden.thriving,
        "everyone": garden.everyone,
        "unresolved": unresolved_groups(garden.unresolved),
        "problems": garden.problems,
    }


# Shown even with nothing in them: they say something kind ("Nothing asks for you today",
# "Every name has a page"), or the chart's empty year. Other empty sections are left out.
ALWAYS = frozenset({"gestures", "chart", "unresolved", "problems"})


def shows(key: str, found: Mapping[str, Sequence[object]], new: bool) -> bool:
    """Whether a page shows a section: when something is in it, or when it is one of
    `ALWAYS`, except in a new garden's welcome, which shows only what is there."""
    return bool(found.get(key)) or (key in ALWAYS and not new)


def unresolved_groups(unresolved: Sequence[Unresolved]) -> list[list[Unresolved]]:
    """The names without a page, each with every place it is written (they come sorted)."""
    return [list(group) for _, group in groupby(unresolved, key=lambda u: fold(u.target))]


def is_new(garden: Garden) -> bool:
    """An empty or nearly empty vault: fewer than `WELCOME_BELOW` people with a contact
    written down."""
    met = 0
    for plant in garden.plants:
        met += plant.last_interaction is not None
        if met >= WELCOME_BELOW:
            return False
    return True


def slug(title: str) -> str:
    """A heading's anchor as GitHub writes it: lower case, punctuation dropped, `-` for spaces."""
    return _SLUG_DROP_RE.sub("", title.strip().lower()).replace(" ", "-")


def section_name(key: str) -> str:
    """The name `hortus status --section` takes: `needs-watering`."""
    return key.replace("_", "-")
