"""The daily digest (`hortus digest`): today's gestures and what the next days bring, short.

A pure function of the index, the garden and a number of days. It stays short for any vault:
each list keeps its first few items (in the garden's own order) and counts the rest, so a
vault of 10,000 people gives the same two dozen lines at most as a vault of ten. An item that
is already one of today's gestures is not said twice.

"The next N days" is today and the N−1 days after it, as everywhere in the garden; a promise
that fell due up to N−1 days ago is listed too, marked overdue, unless it is a gesture.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hortus.core.model import Contact, Source
from hortus.garden.dates import dates_of
from hortus.garden.plants import NEWS_TAGS, Life
from hortus.garden.records import BirthdaySoon, Garden, Gesture, KeyMoment, State
from hortus.garden.sections import birthday_of
from hortus.index import Index

DEFAULT_DAYS = 7
MAX_DAYS = 366
MAX_GESTURES = 5
MAX_COMING = 7
MAX_MOMENTS = 3


class ComingKind(StrEnum):
    BIRTHDAY = "birthday"
    DATE = "date"  # an anniversary, a memorial, a name day, a `dates:` item
    PROMISE = "promise"
    PLAN = "plan"  # an entry dated after today


@dataclass(frozen=True, slots=True)
class Coming:
    """Something on a day of the next N days."""

    date: dt.date
    kind: ComingKind
    contacts: tuple[Contact, ...]  # a plan may involve several people
    text: str  # the promise or the plan, Markdown; "" for a date
    age: int | None  # the age a birthday turns (the years of a dated anniversary), if known
    source: Source
    soon: BirthdaySoon | None = None  # a birthday or another date, as the garden has them
    overdue: bool = False  # a promise whose due date is before today


@dataclass(frozen=True, slots=True)
class Digest:
    today: dt.date
    days: int
    gestures: tuple[Gesture, ...]
    coming: tuple[Coming, ...]
    coming_more: int  # how many more the next days bring than `coming` shows
    moments: tuple[KeyMoment, ...]  # unanswered key moments that are not a gesture
    moments_more: int

    @property
    def empty(self) -> bool:
        return not (self.gestures or self.coming or self.moments)


def build_digest(index: Index, garden: Garden, days: int = DEFAULT_DAYS) -> Digest:
    """The digest for `garden.today` and the `days` days from it (today included)."""
    today = garden.today
    last = today + dt.timedelta(days=max(1, min(days, MAX_DAYS)) - 1)
    gestures = garden.gestures[:MAX_GESTURES]
    said = {g.source for g in gestures}
    coming = sorted(
        (c for c in _coming(index, garden, last) if c.source not in said), key=_coming_order
    )
    moments = [m for m in garden.key_moments if m.source not in said]
    return Digest(
        today,
        days,
        gestures,
        tuple(coming[:MAX_COMING]),
        max(0, len(coming) - MAX_COMING),
        tuple(moments[:MAX_MOMENTS]),
        max(0, len(moments) - MAX_MOMENTS),
    )


def _coming(index: Index, garden: Garden, last: dt.date) -> list[Coming]:
    return [*_birthdays(garden, last), *_promises(garden, last), *_plans(index, garden, last)]


def _birthdays(garden: Garden, last: dt.date) -> list[Coming]:
    """Birthdays and the other dates that matter in the window (not while resting)."""
    window = (last - garden.today).days + 1
    found = []
    for plant in garden.plants:
        contact = plant.contact
        if plant.state is State.RESTING or not (contact.birth or contact.dates):
            continue
        life = Life(contact, (), ())  # a date needs only the contact
        birthday = birthday_of(life, garden.today, window)
        for soon in (*((birthday,) if birthday else ()), *dates_of(life, garden.today, window)):
            kind = ComingKind.BIRTHDAY if soon.occasion == "birthday" else ComingKind.DATE
            found.append(Coming(soon.date, kind, (contact,), "", soon.age, soon.source, soon))
    return found


def _promises(garden: Garden, last: dt.date) -> list[Coming]:
    """Open promises falling due in the window, and those that fell due as many days before
    today (one a week late is still news; one from three years ago is on the garden page)."""
    first = garden.today - (last - garden.today)
    return [
        Coming(p.due, ComingKind.PROMISE, (p.contact,), p.text, None, p.source, overdue=p.overdue)
        for p in garden.promises
        if p.due is not None and first <= p.due <= last
    ]


def _plans(index: Index, garden: Garden, last: dt.date) -> list[Coming]:
    """Entries dated after today, one item per entry with everyone it involves."""
    people: dict[Source, list[Contact]] = {}
    titles: dict[Source, tuple[dt.date, str]] = {}
    resting = {p.contact.key for p in garden.resting}
    for contact in index.contacts:
        if contact.key in resting:
            continue
        for inv in index.involvements.get(contact.key, ()):
            entry = inv.entry
            if garden.today < entry.date <= last and not _is_news(entry.tags):
                source = Source(inv.path, entry.line)
                people.setdefault(source, []).append(contact)
                titles[source] = (entry.date, entry.title)
    return [
        Coming(titles[s][0], ComingKind.PLAN, tuple(who), titles[s][1], None, s)
        for s, who in people.items()
    ]


def _is_news(tags: frozenset[str]) -> bool:
    return any(tag.split("/", 1)[0] in NEWS_TAGS for tag in tags)


def _coming_order(item: Coming) -> tuple[dt.date, int, int, str, Source]:
    """By day; on one day birthdays, other dates, then promises, then plans; closer circles
    first (a big import of weak ties must not push an inner-circle birthday out of the list)."""
    kinds = list(ComingKind)
    closeness = min(contact.cadence_days for contact in item.contacts)
    name = item.contacts[0].name.casefold()
    return (item.date, kinds.index(item.kind), closeness, name, item.source)
