"""Every date that matters besides the birthday: anniversaries, memorials, name days and the
free `dates:` map, soon. They join the birthdays in one list ("Dates soon")."""

from __future__ import annotations

import datetime as dt

from hortus.core.model import NamedDate, Source
from hortus.garden.plants import Life
from hortus.garden.records import BirthdaySoon
from hortus.garden.sections import next_birthday

GIFT_OCCASIONS = frozenset({"birthday", "anniversary"})  # where `gift_ideas` are shown
COUNTED = frozenset({"anniversary", "memorial", "date"})  # years counted when the year is known


def dates_of(life: Life, today: dt.date, window: int) -> list[BirthdaySoon]:
    """The contact's other dates in the next `window` days (29 February kept on the 28th off
    leap years, like a birthday)."""
    return [soon for named in life.contact.dates if (soon := _soon(life, named, today, window))]


def _soon(life: Life, named: NamedDate, today: dt.date, window: int) -> BirthdaySoon | None:
    when = named.when
    day = next_birthday(when, today)
    in_days = (day - today).days
    if in_days > window - 1:
        return None
    counted = named.occasion in COUNTED and when.year is not None
    years = day.year - when.year if counted and when.year is not None else None
    contact = life.contact
    gifts = contact.gift_ideas if named.occasion in GIFT_OCCASIONS else ()
    source = Source(contact.path, named.line)
    return BirthdaySoon(contact, day, in_days, years, source, named.occasion, named.label, gifts)
