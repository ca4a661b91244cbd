"""`hortus.toml` into a frozen `Config`; a bad value becomes a problem and its default applies."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from hortus.core.calendar import CalendarSettings, read_calendar
from hortus.core.model import Problem, Source
from hortus.core.reasons import os_reason
from hortus.core.said import Said, said

CONFIG_NAME = "hortus.toml"
DEFAULT_CIRCLE = "network"
DEFAULT_CIRCLES: Mapping[str, int] = {"inner": 14, "close": 30, "network": 90, "weak": 365}

_UNIT_DAYS = {"d": 1, "day": 1, "w": 7, "week": 7, "m": 30, "month": 30, "y": 365, "year": 365}
MAX_CADENCE_DAYS = 36_500
_NAMED_CADENCES = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 90, "yearly": 365}
_CADENCE_RE = re.compile(r"(\d+)\s*(d|w|m|y|days?|weeks?|months?|years?)")
# A day, or a day and a time of it (`2026-11-16T19:30`, `2026-11-16 19:30:00+01:00`).
_ISO_DAY_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[Tt ] *\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r" *(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
_TOML_LINE_RE = re.compile(r"at line (\d+)")
LANGUAGES = ("en", "fr")
DEFAULT_WINDOWS: Mapping[str, int] = {
    "moments": 60,
    "birthdays": 14,
    "ask": 14,
    "renew_overdue": 30,  # a promise overdue by more than this moves to "Renew or release"
    "renew_undated": 90,  # and an undated one written down more than this long ago
}
# How many people each section shows before "…and N more": on the pages (the web page's
# "Everyone" its own number), and in `status`.
DEFAULT_LISTS: Mapping[str, int] = {"page": 8, "everyone": 24, "status": 3}


def parse_cadence(value: object) -> int | None:
    """Days between contacts, from `21`, `3w`, `2 months`, `monthly`…; None when unreadable
    (or longer than a century, which no calendar date can follow)."""
    days = _cadence_days(value)
    return days if days is None or days <= MAX_CADENCE_DAYS else None


def _cadence_days(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in _NAMED_CADENCES:
        return _NAMED_CADENCES[text]
    if text.isdigit():
        return int(text) or None
    match = _CADENCE_RE.fullmatch(text)
    if match is None:
        return None
    days = int(match.group(1)) * _UNIT_DAYS[match.group(2).rstrip("s")]
    return days or None


@dataclass(frozen=True)
class Config:
    people_folder: str = "people"
    garden: str = "GARDEN.md"
    today: dt.date | None = None
    circles: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CIRCLES))
    ics: str | None = None  # a calendar file `regenerate` writes beside the garden
    language: str = "en"
    daily_gestures: int = 5
    windows: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_WINDOWS))
    garden_html: str | None = None  # None: `garden.html` beside the garden page
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    lists: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_LISTS))
    # The circles from closest to most distant: their order in `[circles]` (see `_circle_order`).
    circle_order: tuple[str, ...] = tuple(DEFAULT_CIRCLES)
    # Two outputs set to one path (case-insensitively): why, and then no page is written.
    collision: Said | None = None

    @property
    def html_path(self) -> str:
        if self.garden_html is not None:
            return self.garden_html
        return posixpath.join(posixpath.dirname(self.garden), "garden.html")

    @property
    def all_path(self) -> str:
        """The full lists in Markdown, beside the garden page: `GARDEN.md` → `GARDEN-all.md`."""
        return full_lists_path(self.garden)

    @property
    def html_all_path(self) -> str:
        return full_lists_path(self.html_path)


def full_lists_path(page: str) -> str:
    """The page of full lists beside `page`: its name with `-all` before the extension."""
    stem, dot, extension = page.rpartition(".")
    if not dot or "/" in extension:
        return page + "-all"
    return f"{stem}-all.{extension}"


CONFIG_TEMPLATE = """\
# hortus settings. Every setting is optional: the values shown are the defaults.

# The folder (relative to this file) whose Markdown files are contacts, matched
# case-insensitively. A note anywhere else is a contact when its front matter
# says `type: person`.
# people_folder = "people"

# Where the garden overview is written, relative to this file.
# garden = "GARDEN.md"

# The garden as a web page (one self-contained file). Default: beside the garden page.
# garden_html = "garden.html"

# A calendar of birthdays, promises and watering days, written by `regenerate`
# beside the garden, for any calendar app to subscribe to (off unless set).
# ics = "garden.ics"

# The language of the garden pages and of `hortus status`: "en" or "fr".
# language = "en"

# How many small gestures the garden suggests for today.
# daily_gestures = 5

# Pin the date the garden is computed for (handy for demos and tests).
# `hortus regenerate --today 2026-11-20` wins over it; without either, the clock.
# today = 2026-11-20

# How often you would like to be in touch with each circle: days, or `3w`, `2m`,
# `1y`, `6 weeks`, `monthly`… A contact's own `cadence:` wins. A contact
# without a circle is in `network`. Add circles of your own here.
[circles]
inner = 14
close = 30
network = 90
weak = 365

# Windows, in days: key moments from the last `moments` days that you have not answered
# yet; birthdays and other dates in the next `birthdays` days; how many days after an
# `#ask` event the garden suggests asking how it went. A promise overdue by more than
# `renew_overdue` days, or without a date and written down more than `renew_undated`
# days ago, moves to "Renew or release".
[windows]
moments = 60
birthdays = 14
ask = 14
renew_overdue = 30
renew_undated = 90

# How many people each section shows before "…and N more": on GARDEN.md and
# garden.html (`page`; `everyone` for the web page's "Everyone"), and in `hortus status`.
# The full lists are on GARDEN-all.md and garden-all.html, and in `hortus status --all`.
[lists]
page = 8
everyone = 24
status = 3

# The calendar (`ics` above, and `hortus export ics`): alarms on birthdays (at
# `alarm_time` on the day) and on promises (`promise_days_before` days before they fall
# due, at `alarm_time`); set `alarms` to false for none at all. The next-watering
# days are events only for the circles in `watering` (or "all"), so that importing
# hundreds of acquaintances does not flood your calendar.
[calendar]
alarms = true
alarm_time = "09:00"
promise_days_before = 1
watering = ["inner", "close"]
"""


def load_config(root: Path) -> tuple[Config, list[Problem]]:
    """Read `root/hortus.toml` if it exists; every bad value is a problem, never an exception."""
    path = root / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), []
    except OSError as exc:
        return Config(), [_problem(1, said("cannot read the settings: {why}", why=os_reason(exc)))]
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Config(), [_problem(1, said("the settings are not valid UTF-8; defaults apply"))]
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE_RE.search(str(exc))
        line = int(match.group(1)) if match else 1
        return Config(), [
            _problem(line, said("the settings are not valid TOML ({why}); defaults apply", why=exc))
        ]
    return _from_mapping(data, _key_lines(raw))


def _from_mapping(
    data: Mapping[str, object], lines: Mapping[str, int]
) -> tuple[Config, list[Problem]]:
    problems: list[Problem] = []
    known = {"people_folder", "garden", "today", "circles", "ics", "language", "daily_gestures"}
    known |= {"windows", "garden_html", "lists", "calendar"}
    for key in data:
        if key not in known:
            problems.append(
                _problem(lines.get(key, 1), said("unknown setting '{key}' (ignored)", key=key))
            )
    people = _relative_path(data, "people_folder", "people", lines, problems)
    garden = _relative_path(data, "garden", "GARDEN.md", lines, problems)
    today = _today(data.get("today"), lines.get("today", 1), problems)
    circles = _circles(data.get("circles", {}), lines, problems)
    order = _circle_order(circles, data.get("circles"))
    html: str | None = None
    if "garden_html" in data:
        html = _relative_path(data, "garden_html", "garden.html", lines, problems)
        if html == posixpath.join(posixpath.dirname(garden), "garden.html"):
            html = None  # the default: kept as None so that it follows `garden`
    config = Config(
        people,
        garden,
        today,
        circles,
        ics=_ics(data, garden, lines, problems),
        language=_language(data.get("language", "en"), lines.get("language", 1), problems),
        daily_gestures=_count(data, "daily_gestures", 5, lines, problems),
        windows=_table(data.get("windows", {}), "windows", DEFAULT_WINDOWS, lines, problems),
        garden_html=html,
        calendar=read_calendar(
            data.get("calendar", {}),
            lambda key, message: _problem(lines.get(key, 1), message),
            problems,
        ),
        lists=_table(data.get("lists", {}), "lists", DEFAULT_LISTS, lines, problems),
        circle_order=order,
    )
    collision = _collision(config, lines)
    if collision is not None:
        line, message = collision
        problems.append(_problem(line, message))
        config = replace(config, collision=message)
    return config, problems


def _collision(config: Config, lines: Mapping[str, int]) -> tuple[int, Said] | None:
    """Two outputs on one path would overwrite each other (`ics = "garden.html"` puts the
    calendar over the page). Compared case-insensitively: on many disks they are one file."""
    outputs = [("garden", config.garden), ("garden_html", config.html_path)]
    if config.ics:
        outputs.append(("ics", config.ics))
    seen: dict[str, str] = {}
    for key, path in outputs:
        folded = posixpath.normpath(path).casefold()
        if folded in seen:
            message = said(
                "'{first}' and '{key}' both name '{path}' (one file on many disks); "
                "no page is written until they differ",
                first=seen[folded],
                key=key,
                path=path,
            )
            return lines.get(key, lines.get(seen[folded], 1)), message
        seen[folded] = key
    return None


def _language(value: object, line: int, problems: list[Problem]) -> str:
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    known = ", ".join(f'"{code}"' for code in LANGUAGES)
    message = said(
        'language {value} is not one of {known}; using "en"', value=repr(value), known=known
    )
    problems.append(_problem(line, message))
    return "en"


def _count(
    data: Mapping[str, object],
    key: str,
    default: int,
    lines: Mapping[str, int],
    problems: list[Problem],
) -> int:
    value = data.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    message = said(
        "'{key}' must be a whole number, 0 or more, not {value}; using {default}",
        key=key,
        value=repr(value),
        default=default,
    )
    problems.append(_problem(lines.get(key, 1), message))
    return default


def _table(
    value: object,
    table: str,
    defaults: Mapping[str, int],
    lines: Mapping[str, int],
    problems: list[Problem],
) -> dict[str, int]:
    """A table of whole numbers above zero (`[windows]`, `[lists]`), its defaults filled in."""
    found = dict(defaults)
    if not isinstance(value, dict):
        problems.append(
            _problem(lines.get(table, 1), said("[{table}] must be a table", table=table))
        )
        return found
    for name, number in value.items():
        line = lines.get(f"{table}.{name}", 1)
        if name not in defaults:
            known = ", ".join(sorted(defaults))
            values = {"name": name, "known": known}
            message = (
                said("unknown window '{name}' (known: {known}; ignored)", **values)
                if table == "windows"
                else said("unknown list '{name}' (known: {known}; ignored)", **values)
            )
            problems.append(_problem(line, message))
        elif isinstance(number, int) and not isinstance(number, bool) and number > 0:
            found[name] = number
        else:
            problems.append(_problem(line, _not_a_number(table, name, number, found[name])))
    return found


def _not_a_number(table: str, name: str, number: object, using: int) -> Said:
    values = {"name": name, "value": repr(number), "default": using}
    if table == "windows":
        return said(
            "window '{name}' must be a number of days, not {value}; using {default}", **values
        )
    return said(
        "list '{name}' must be a whole number above 0, not {value}; using {default}", **values
    )


def _ics(
    data: Mapping[str, object], garden: str, lines: Mapping[str, int], problems: list[Problem]
) -> str | None:
    """The calendar file, if set: a path inside the vault, not the garden page, not a note."""
    if "ics" not in data:
        return None
    value = _relative_path(data, "ics", "", lines, problems)
    if not value:
        return None
    if value.lower().endswith(".md") or value.lower() == garden.lower():
        message = said(
            "'ics' must not be a Markdown note or the garden ('{value}'); no calendar written",
            value=value,
        )
        problems.append(_problem(lines.get("ics", 1), message))
        return None
    return value


def _relative_path(
    data: Mapping[str, object],
    key: str,
    default: str,
    lines: Mapping[str, int],
    problems: list[Problem],
) -> str:
    value = data.get(key, default)
    if isinstance(value, str):
        parts = [p for p in value.replace("\\", "/").split("/") if p not in ("", ".")]
        if parts and ".." not in parts and not value.startswith("/"):
            return "/".join(parts)
    message = (
        said("'{key}' must be a path inside the vault; using '{default}'", key=key, default=default)
        if default
        else said("'{key}' must be a path inside the vault; ignored", key=key)
    )
    problems.append(_problem(lines.get(key, 1), message))
    return default


def date_value(value: object) -> dt.date | None:
    """A date from a settings or front-matter value: a TOML date (a datetime's day) or the text
    `YYYY-MM-DD`, maybe with a time (front matter is text: notes/read.py); None for anything
    else, including the other ISO forms (`20261120`, `2026-W47-5`) few people read as a day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _ISO_DAY_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is not None:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


# The days a garden can be computed for: every window, birthday and watering day around
# them must stay inside the calendar (years 1 to 9999). Notes may hold any date.
FIRST_TODAY = dt.date(1900, 1, 1)
LAST_TODAY = dt.date(9000, 12, 31)


def today_problem(day: dt.date) -> Said | None:
    """Why `day` cannot be the garden's today, or None."""
    if FIRST_TODAY <= day <= LAST_TODAY:
        return None
    return said(
        "{day} is outside the days a garden is computed for ({first} to {last})",
        day=day.isoformat(),
        first=FIRST_TODAY,
        last=LAST_TODAY,
    )


def _today(value: object, line: int, problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    day = date_value(value)
    if day is not None and not isinstance(value, dt.datetime):
        why = today_problem(day)
        if why is None:
            return day
        problems.append(_problem(line, said("'today': {why}; using the clock", why=why)))
        return None
    message = said("'today' must be a date like 2026-11-20, not {value}", value=repr(value))
    problems.append(_problem(line, message))
    return None


def _circle_order(circles: Mapping[str, int], table: object) -> tuple[str, ...]:
    """Closest first: the circles in the order `[circles]` lists them. A default circle the
    table leaves out goes before the first listed circle with a longer cadence, so
    `[circles] family = 7` alone puts family before inner, and `acquaintances = 730` after weak."""
    listed = [name.strip().lower() for name in table] if isinstance(table, dict) else []
    order = [name for name in dict.fromkeys(listed) if name in circles]
    for name in DEFAULT_CIRCLES:
        if name in order:
            continue
        later = [i for i, other in enumerate(order) if circles[other] > circles[name]]
        order.insert(later[0] if later else len(order), name)
    return tuple(order)


def _circles(value: object, lines: Mapping[str, int], problems: list[Problem]) -> dict[str, int]:
    circles = dict(DEFAULT_CIRCLES)
    if not isinstance(value, dict):
        problems.append(
            _problem(lines.get("circles", 1), said("[{table}] must be a table", table="circles"))
        )
        return circles
    for name, cadence in value.items():
        key = name.strip().lower()
        days = parse_cadence(cadence)
        if days is None and key in _SETTINGS:
            message = said(
                "'{name}' is a setting, but it is under [circles]: move it above that line",
                name=name,
            )
            problems.append(_problem(lines.get(f"circles.{name}", 1), message))
            continue
        if days is None:
            days = circles.get(key, DEFAULT_CIRCLES[DEFAULT_CIRCLE])
            message = said(
                "circle '{name}' has an unreadable cadence {cadence}; using {days} days",
                name=name,
                cadence=repr(cadence),
                days=days,
            )
            problems.append(_problem(lines.get(f"circles.{name}", 1), message))
        circles[key] = days
    return circles


_SETTINGS = frozenset({"people_folder", "garden", "today", "ics"})
_KEY_RE = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_TABLE_RE = re.compile(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")


def _key_lines(raw: bytes) -> dict[str, int]:
    """Line of each simple `key =` (as `table.key` inside a table), to place problems."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(raw.decode("utf-8-sig", "replace").split("\n"), start=1):
        if table_match := _TABLE_RE.match(line):
            table = table_match.group(1)
            lines.setdefault(table, number)
        elif key_match := _KEY_RE.match(line):
            key = f"{table}.{key_match.group(1)}" if table else key_match.group(1)
            lines.setdefault(key, number)
    return lines


def _problem(line: int, message: Said) -> Problem:
    return Problem(Source(CONFIG_NAME, line), message)
