"""Per contact: the entries about them, their interactions, thirst and state."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from hortus.core.model import Contact, Involvement, Promise
from hortus.garden.records import Plant, State
from hortus.index import Index, fold

NEWS_TAGS = frozenset({"news", "moment", "ask"})
# What an entry says about someone.
OWN_TAGS = frozenset({"moment", "received", "gave", "thanks", "ask", "intro"})
MONTHS_SHOWN = 12
_DUE_FROM = Fraction(4, 5)  # the thirst at which a plant is due (made once: Fractions are slow)
# hortus's own tags, left out of the `text` of an entry shown in the garden.
_OWN_TAG_RE = re.compile(
    r"(?<![\w#&/\\])#(?:moment(?:/[\w/-]*)?|news|received|gave|thanks|ask|intro)(?![\w/-])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Life:
    """A contact with every entry that involves them, and those that are interactions."""

    contact: Contact
    involvements: tuple[Involvement, ...]
    interactions: tuple[Involvement, ...]
    promises: tuple[Promise, ...] = ()  # open tasks that are promises to this contact
    tagged: Mapping[str, tuple[Involvement, ...]] = field(default_factory=dict)
    dates: tuple[dt.date, ...] = ()  # the interactions' dates, sorted

    @property
    def last(self) -> dt.date | None:
        return self.dates[-1] if self.dates else None

    def concerning(self, tag: str) -> tuple[Involvement, ...]:
        """Entries about this contact tagged `tag` (or `tag/…`), dated today or before."""
        return self.tagged.get(tag, ())


def _by_own_tag(involvements: Iterable[Involvement]) -> dict[str, tuple[Involvement, ...]]:
    """One pass over a contact's entries: those that concern them, by hortus's own tags."""
    found: dict[str, list[Involvement]] = {}
    for inv in involvements:
        tags = inv.entry.tags
        if tags and inv.concerns:
            for root in _own_roots(tags):
                found.setdefault(root, []).append(inv)
    return {tag: tuple(items) for tag, items in found.items()}


@lru_cache(maxsize=1024)  # a vault has few sets of tags, on hundreds of thousands of entries
def _own_roots(tags: frozenset[str]) -> frozenset[str]:
    return frozenset({tag.split("/", 1)[0] for tag in tags} & OWN_TAGS)


def is_interaction(entry_date: dt.date, tags: frozenset[str], today: dt.date) -> bool:
    """A contact made: not a plan (dated after today), not news (`#news`, `#moment…`)."""
    return entry_date <= today and not (tags and is_news(tags))


@lru_cache(maxsize=1024)  # a vault has few sets of tags, on hundreds of thousands of entries
def is_news(tags: frozenset[str]) -> bool:
    """`#news`, `#ask` or `#moment` (`#moment/job` too) among an entry's tags."""
    return any(tag.split("/", 1)[0] in NEWS_TAGS for tag in tags)


def is_resting(contact: Contact, today: dt.date) -> bool:
    """Paused by choice: `resting: true`, or `pause_until` while today is before that date."""
    return contact.resting or (contact.pause_until is not None and today < contact.pause_until)


def life_of(contact: Contact, index: Index, today: dt.date) -> Life:
    # Comprehensions rather than a loop of appends: a big vault has hundreds of thousands of
    # involvements, and most entries have no tags (so no news to look for).
    every = index.involvements.get(contact.key, ())
    involvements = [i for i in every if i.entry.date <= today]
    interactions = [i for i in involvements if not (i.entry.tags and is_news(i.entry.tags))]
    return Life(
        contact,
        tuple(involvements),
        tuple(interactions),
        index.promises.get(contact.key, ()),
        _by_own_tag(involvements),
        tuple(sorted([i.entry.date for i in interactions])),
    )


def plant(life: Life, today: dt.date) -> Plant:
    contact = life.contact
    dates = life.dates
    monthly = _monthly(dates, today)
    resting = is_resting(contact, today)
    if not dates:
        state = State.RESTING if resting else State.SEEDLING
        return Plant(contact, None, None, None, state, 0, monthly)
    last = dates[-1]
    days_since = (today - last).days
    thirst = Fraction(days_since, contact.cadence_days)
    state = State.RESTING if resting else _state(thirst)
    return Plant(contact, last, days_since, thirst, state, len(dates), monthly)


def _state(thirst: Fraction) -> State:
    if thirst < _DUE_FROM:
        return State.THRIVING
    if thirst < 1:
        return State.DUE
    if thirst < 2:
        return State.THIRSTY
    return State.WILTING


@lru_cache(maxsize=8)  # asked for each contact's growth
def month_starts(today: dt.date) -> tuple[dt.date, ...]:
    """The first day of each of the last 12 months, today's month last."""
    total = today.year * 12 + today.month - 1
    firsts = (total - back for back in range(MONTHS_SHOWN - 1, -1, -1))
    return tuple(dt.date(m // 12, m % 12 + 1, 1) for m in firsts)


def _monthly(dates: Sequence[dt.date], today: dt.date) -> tuple[int, ...]:
    """Interactions per month shown, from their sorted dates (none after today): only the
    dates since the first month shown are read, not years of them."""
    counts = [0] * MONTHS_SHOWN
    now = today.year * 12 + today.month - 1
    for day in dates[bisect_left(dates, month_starts(today)[0]) :]:
        back = now - (day.year * 12 + day.month - 1)
        if 0 <= back < MONTHS_SHOWN:
            counts[MONTHS_SHOWN - 1 - back] += 1
    return tuple(counts)


def entry_text(title: str) -> str:
    """An entry's first line as shown: without the date (already gone) and hortus's tags."""
    return " ".join(_OWN_TAG_RE.sub("", title).split())


def name_key(contact: Contact) -> tuple[str, str, str]:
    return (fold(contact.name), contact.name, contact.key)
