"""The garden's dates as calendar events, pure: birthdays and the other dates that matter
(yearly), promises with a due date (all-day), and the day each contact of the closer circles
will need watering next (the `[calendar]` settings say which circles). `export/ics.py` writes
them.

Birthdays, the other dates and promises carry an alarm (unless `alarms = false`): a birthday
or an anniversary on the morning of the day, a promise the day before it falls due, both at
`alarm_time`. An alarm is an offset from the start of the all-day event, so it rings at that
time wherever the phone is.

Every event has a stable UID (from the contact's path, or the promise's file and text), so a
calendar that subscribes to the exported file updates its events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from hortus.core.calendar import CalendarSettings
from hortus.core.model import Contact
from hortus.garden import Garden, Plant, State
from hortus.index.contacts import parse_birthday as read_birthday


class Birthday(NamedTuple):
    year: int | None
    month: int
    day: int


class PromiseRecord(NamedTuple):
    """An open promise (`- [ ] … 📅 2026-12-01`) to someone, where it is written."""

    name: str
    text: str
    due: dt.date
    path: str
    line: int


@dataclass(frozen=True, order=True)
class CalendarEvent:
    day: dt.date
    summary: str
    uid: str
    description: str = ""
    yearly: bool = False
    # A 29 February birthday: every year on the last day of February (the 28th, or the 29th).
    last_day_of_february: bool = False
    alarm: dt.timedelta | None = None  # from the start of the event's day; None: no alarm


def parse_birthday(text: str | None) -> Birthday | None:
    """`1815-12-10`, `--12-10` or `12-10` (no year), read as the index reads the field;
    None when it is not a real date."""
    birth = read_birthday(text)
    return None if birth is None else Birthday(birth.year, birth.month, birth.day)


def promise_records(garden: Garden) -> list[PromiseRecord]:
    """The garden's open promises that have a due date: every calendar (`regenerate`'s and
    `hortus export ics`) takes its promises from here."""
    return [
        PromiseRecord(p.contact.name, p.text, p.due, p.source.path, p.source.line)
        for p in (*garden.promises, *garden.renew)  # still open, old or not
        if p.due is not None
    ]


_SETTINGS = CalendarSettings()


def calendar_events(
    garden: Garden, promises: Iterable[PromiseRecord] = (), settings: CalendarSettings = _SETTINGS
) -> list[CalendarEvent]:
    """Every event, sorted by day, then summary."""
    contacts = [plant.contact for plant in garden.plants]
    on_the_day, days_before = _alarms(settings)
    circles = settings.watering
    watered = [p for p in garden.plants if circles is None or p.contact.circle in circles]
    events = [
        *birthday_events(contacts, on_the_day),
        *date_events(contacts, on_the_day),
        *watering_events(watered, garden.today),
        *promise_events(promises, days_before),
    ]
    return sorted(events)


def _alarms(settings: CalendarSettings) -> tuple[dt.timedelta | None, dt.timedelta | None]:
    """The birthday alarm and the promise alarm, as offsets from the start of their day."""
    if not settings.alarms:
        return None, None
    time = settings.alarm_time
    at = dt.timedelta(hours=time.hour, minutes=time.minute)
    return at, at - dt.timedelta(days=settings.promise_days_before)


def birthday_events(
    contacts: Iterable[Contact], alarm: dt.timedelta | None = None
) -> list[CalendarEvent]:
    events = []
    for contact in contacts:
        birthday = parse_birthday(contact.birthday)
        if birthday is None:
            continue
        leap_day = (birthday.month, birthday.day) == (2, 29)
        # Without a year, the series starts in 2000 (a leap year, so 29 February exists).
        first = dt.date(birthday.year or 2000, birthday.month, birthday.day)
        born = f"born {birthday.year}. " if birthday.year else ""
        events.append(
            CalendarEvent(
                day=first,
                summary=f"Birthday: {contact.name}",
                uid=uid("birthday", contact.key),
                description=f"{born}{contact.path}",
                yearly=True,
                last_day_of_february=leap_day,
                alarm=alarm,
            )
        )
    return events


# The summaries of the other dates: a memorial with gentle words, never "happy".
OCCASIONS = {"anniversary": "Anniversary", "memorial": "In memory", "name_day": "Name day"}


def date_events(
    contacts: Iterable[Contact], alarm: dt.timedelta | None = None
) -> list[CalendarEvent]:
    """Each anniversary, memorial, name day and `dates:` item, yearly like a birthday."""
    events = []
    for contact in contacts:
        for named in contact.dates:
            when = named.when
            what = OCCASIONS.get(named.occasion) or _capitalised(named.label or "Date")
            since = f"since {when.year}. " if when.year else ""
            events.append(
                CalendarEvent(
                    day=dt.date(when.year or 2000, when.month, when.day),
                    summary=f"{what}: {contact.name}",
                    uid=uid(named.occasion, f"{contact.key}\n{named.label or ''}"),
                    description=f"{since}{contact.path}:{named.line}",
                    yearly=True,
                    last_day_of_february=(when.month, when.day) == (2, 29),
                    alarm=alarm,
                )
            )
    return events


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def next_watering(plant: Plant, today: dt.date) -> dt.date | None:
    """The day the contact will need watering: last contact + cadence, or today when that day
    has passed. None for a seedling (no contact yet: an import of 800 people adds no events),
    and when that day would be past 9999-12-31."""
    if plant.last_interaction is None:
        return None
    try:
        due = plant.last_interaction + dt.timedelta(days=plant.contact.cadence_days)
    except OverflowError:
        return None  # an entry dated near 9999-12-31: no watering day inside the calendar
    return max(due, today)


def watering_events(plants: Iterable[Plant], today: dt.date) -> list[CalendarEvent]:
    events = []
    for plant in plants:
        day = next_watering(plant, today)
        if day is None or plant.last_interaction is None or plant.state is State.RESTING:
            continue  # a resting relationship is paused by choice: no watering day
        contact = plant.contact
        events.append(
            CalendarEvent(
                day=day,
                summary=f"Water {contact.name}",
                uid=uid("water", contact.key),
                description=(
                    f"Last contact {plant.last_interaction.isoformat()}; every "
                    f"{contact.cadence_days} days ({contact.circle}). {contact.path}"
                ),
            )
        )
    return events


def promise_events(
    promises: Iterable[PromiseRecord], alarm: dt.timedelta | None = None
) -> list[CalendarEvent]:
    """One all-day event on each promise's due date. The UID comes from the file and the
    promise's text, so moving the line or changing the date updates the same event."""
    return [
        CalendarEvent(
            day=promise.due,
            summary=f"Promise to {promise.name}: {promise.text}",
            uid=uid("promise", f"{promise.path}\n{promise.name}\n{promise.text}"),
            description=f"{promise.path}:{promise.line}",
            alarm=alarm,
        )
        for promise in promises
    ]


def uid(kind: str, key: str) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return f"{kind}-{digest}@hortus"
