"""The `[calendar]` settings of hortus.toml: the calendar's alarms and which circles get their
next-watering events. Bad values are problems, and their defaults apply."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hortus.core.model import Problem
from hortus.core.said import Said, said

_TIME_RE = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
DEFAULT_WATERING = ("inner", "close")


@dataclass(frozen=True)
class CalendarSettings:
    alarms: bool = True  # false: the calendar has no alarm at all
    alarm_time: dt.time = dt.time(9, 0)  # when the alarms ring (a birthday: on the day)
    promise_days_before: int = 1  # a promise's alarm: this many days before it falls due
    # The circles whose next-watering day is an event; None: every circle.
    watering: tuple[str, ...] | None = DEFAULT_WATERING


Problem_ = Callable[[str, Said], Problem]  # (key, message) → a problem at that key's line


def read_calendar(value: object, problem: Problem_, problems: list[Problem]) -> CalendarSettings:
    """`[calendar]` read; each bad value is a problem and keeps its default."""
    default = CalendarSettings()
    if not isinstance(value, Mapping):
        problems.append(problem("calendar", said("[{table}] must be a table", table="calendar")))
        return default
    known = {"alarms", "alarm_time", "promise_days_before", "watering"}
    for key in value:
        if key not in known:
            message = said(
                "unknown calendar setting '{key}' (known: {known})",
                key=key,
                known=", ".join(sorted(known)),
            )
            problems.append(problem(f"calendar.{key}", message))
    return CalendarSettings(
        alarms=_alarms(value, default.alarms, problem, problems),
        alarm_time=_time(value, default.alarm_time, problem, problems),
        promise_days_before=_days(value, default.promise_days_before, problem, problems),
        watering=_watering(value, default.watering, problem, problems),
    )


def _alarms(
    value: Mapping[str, object], default: bool, problem: Problem_, problems: list[Problem]
) -> bool:
    alarms = value.get("alarms", default)
    if isinstance(alarms, bool):
        return alarms
    message = said("'alarms' must be true or false, not {value}", value=repr(alarms))
    problems.append(problem("calendar.alarms", message))
    return default


def _time(
    value: Mapping[str, object], default: dt.time, problem: Problem_, problems: list[Problem]
) -> dt.time:
    raw = value.get("alarm_time", None)
    if raw is None:
        return default
    if isinstance(raw, dt.time):  # TOML's own local time: 09:00:00
        return raw.replace(second=0, microsecond=0)
    match = _TIME_RE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    if match:
        return dt.time(int(match.group(1)), int(match.group(2)))
    message = said(
        "'alarm_time' must be a time like \"09:00\", not {value}; using 09:00", value=repr(raw)
    )
    problems.append(problem("calendar.alarm_time", message))
    return default


def _days(
    value: Mapping[str, object], default: int, problem: Problem_, problems: list[Problem]
) -> int:
    days = value.get("promise_days_before", default)
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 365:
        return days
    message = said(
        "'promise_days_before' must be 0 to 365 days, not {value}; using {default}",
        value=repr(days),
        default=default,
    )
    problems.append(problem("calendar.promise_days_before", message))
    return default


def _watering(
    value: Mapping[str, object],
    default: tuple[str, ...] | None,
    problem: Problem_,
    problems: list[Problem],
) -> tuple[str, ...] | None:
    raw = value.get("watering", list(default or ()))
    if isinstance(raw, str) and raw.strip().lower() == "all":
        return None
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(item.strip().lower() for item in raw)
    message = said("'watering' must be a list of circles or \"all\", not {value}", value=repr(raw))
    problems.append(problem("calendar.watering", message))
    return default
