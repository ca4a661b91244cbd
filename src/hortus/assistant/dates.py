"""What falls between two days: every date that matters (birthdays with the age turned,
anniversaries, memorials, name days, the `dates:` map), promises due, and plans (entries dated
after today). Pure: the garden and the index of the vault's day.

Past entries are not "dates": they are what the `person` and `search` tools show. Watering
days are the garden's `needs_watering`, not dates on a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from hortus.core.model import Birthday, Contact
from hortus.garden import Garden
from hortus.garden.dates import COUNTED, GIFT_OCCASIONS
from hortus.garden.sections import next_birthday
from hortus.index import Index

PROMISE, PLAN = "promise", "plan"


@dataclass(frozen=True)
class DateItem:
    date: dt.date
    kind: str  # birthday, anniversary, memorial, name_day, date (of `dates:`), promise or plan
    names: tuple[str, ...]  # the people it is about
    text: str  # the date's label, the promise's text, the plan's title ("" for a birthday)
    path: str
    line: int
    years: int | None = None  # the age turned, or the years since (anniversary, memorial…)
    overdue: bool = False  # a promise due before today
    gift_ideas: tuple[str, ...] = ()  # beside a birthday or an anniversary, as on the page


def dates_between(garden: Garden, index: Index, start: dt.date, end: dt.date) -> list[DateItem]:
    """Every item from `start` to `end` (both included), by date, then the dates that matter,
    the promises, the plans, then name."""
    contacts = [plant.contact for plant in garden.plants]
    items = [
        *(item for contact in contacts for item in _dates(contact, start, end)),
        *(
            DateItem(
                p.due,
                PROMISE,
                (p.contact.name,),
                p.text,
                p.source.path,
                p.source.line,
                overdue=p.overdue,
            )
            for p in garden.promises
            if p.due is not None and start <= p.due <= end
        ),
        *_plans(index, max(start, garden.today + dt.timedelta(days=1)), end),
    ]
    order = {PROMISE: 1, PLAN: 2}
    return sorted(items, key=lambda i: (i.date, order.get(i.kind, 0), i.names, i.path, i.line))


def _dates(contact: Contact, start: dt.date, end: dt.date) -> Iterator[DateItem]:
    """The contact's birthday and other dates, each celebration in the range."""
    kept: list[tuple[str, str | None, Birthday, int]] = [
        (d.occasion, d.label, d.when, d.line) for d in contact.dates
    ]
    if contact.birth is not None:
        kept.insert(0, ("birthday", None, contact.birth, contact.birthday_line))
    for occasion, label, when, line in kept:
        counted = occasion == "birthday" or occasion in COUNTED
        gifts = contact.gift_ideas if occasion in GIFT_OCCASIONS else ()
        day = next_birthday(when, start)
        while day <= end:
            years = day.year - when.year if counted and when.year is not None else None
            yield DateItem(
                day,
                occasion,
                (contact.name,),
                label or "",
                contact.path,
                line,
                years,
                gift_ideas=gifts,
            )
            day = next_birthday(when, day + dt.timedelta(days=1))


def _plans(index: Index, start: dt.date, end: dt.date) -> list[DateItem]:
    """Entries dated from `start` to `end`, each once with everyone it involves."""
    names = {contact.key: contact.name for contact in index.contacts}
    people: dict[tuple[str, int], list[str]] = {}
    titles: dict[tuple[str, int], tuple[dt.date, str]] = {}
    for key, involvements in index.involvements.items():
        for involvement in involvements:
            entry = involvement.entry
            if start <= entry.date <= end:
                place = (involvement.path, entry.line)
                people.setdefault(place, []).append(names.get(key, key))
                titles[place] = (entry.date, entry.title)
    return [
        DateItem(titles[p][0], PLAN, tuple(sorted(people[p], key=str.casefold)), titles[p][1], *p)
        for p in people
    ]
