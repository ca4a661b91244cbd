"""What falls between two days: birthdays (with the age turned), promises due, and plans
(entries dated after today). Pure: the garden and the index of the vault's day.

Past entries are not "dates": they are what the `person` and `search` tools show. Watering
days are the garden's `needs_watering`, not dates on a calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hortus.core.model import Contact
from hortus.garden import Garden
from hortus.garden.sections import next_birthday
from hortus.index import Index

KIND_ORDER = {"birthday": 0, "promise": 1, "plan": 2}


@dataclass(frozen=True)
class DateItem:
    date: dt.date
    kind: str  # birthday, promise or plan
    names: tuple[str, ...]  # the people it is about
    text: str  # "turns 35", the promise's text, the plan's title
    path: str
    line: int
    age: int | None = None  # a birthday's age, when the year is known
    overdue: bool = False  # a promise due before today


def dates_between(garden: Garden, index: Index, start: dt.date, end: dt.date) -> list[DateItem]:
    """Every item from `start` to `end` (both included), by date, then kind, then name."""
    contacts = [plant.contact for plant in garden.plants]
    items = [
        *(b for contact in contacts for b in _birthdays(contact, start, end)),
        *(
            DateItem(
                p.due,
                "promise",
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
    return sorted(items, key=lambda i: (i.date, KIND_ORDER[i.kind], i.names, i.path, i.line))


def _birthdays(contact: Contact, start: dt.date, end: dt.date) -> list[DateItem]:
    birth = contact.birth
    found: list[DateItem] = []
    if birth is None:
        return found
    day = next_birthday(birth, start)
    while day <= end:
        age = day.year - birth.year if birth.year is not None else None
        text = f"turns {age}" if age is not None else "birthday"
        found.append(
            DateItem(
                day, "birthday", (contact.name,), text, contact.path, contact.birthday_line, age=age
            )
        )
        day = next_birthday(birth, day + dt.timedelta(days=1))
    return found


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
        DateItem(
            titles[p][0],
            "plan",
            tuple(sorted(people[p], key=str.casefold)),
            titles[p][1],
            p[0],
            p[1],
        )
        for p in people
    ]
