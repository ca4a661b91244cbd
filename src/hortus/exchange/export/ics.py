"""Calendar events to iCalendar (RFC 5545) text; the only module that imports icalendar.

The file is the same byte for byte when nothing changed: DTSTAMP is the garden's day (at
midnight UTC), not the clock, and events come sorted. Its PRODID line marks it as hortus's,
so `regenerate` replaces only a calendar file it wrote itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar

from hortus.exchange.calendar import CalendarEvent

PRODID = "-//hortus//hortus garden calendar//EN"
NAME = "hortus garden"


def render_ics(events: Iterable[CalendarEvent], today: dt.date) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", NAME)
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for event in events:
        calendar.add_component(_event(event, stamp))
    return bytes(calendar.to_ical())


def _event(event: CalendarEvent, stamp: dt.datetime) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", event.uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", event.day)
    if event.day < dt.date.max:  # 9999-12-31 ("someday") has no next day: DTEND is optional
        item.add("dtend", event.day + dt.timedelta(days=1))
    item.add("summary", event.summary)
    if event.description:
        item.add("description", event.description)
    if event.last_day_of_february:
        item.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    elif event.yearly:
        item.add("rrule", {"freq": "yearly"})
    item.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never shows you as busy
    if event.alarm is not None:
        item.add_component(_alarm(event))
    return item


def _alarm(event: CalendarEvent) -> icalendar.Alarm:
    """A reminder that shows the event's summary, `event.alarm` after the start of its day."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event.summary)
    alarm.add("trigger", event.alarm)
    return alarm


def is_our_calendar(data: bytes) -> bool:
    """Whether a calendar file was written by hortus (its PRODID, in its first lines)."""
    head = data[:512].replace(b"\r\n", b"\n").split(b"\n")[:5]
    return f"PRODID:{PRODID}".encode() in head
