"""The garden's records: what `compute_garden` returns, one immutable value per item shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from hortus.core.model import Contact, Problem, Source, Unresolved


class State(StrEnum):
    SEEDLING = "seedling"  # no interaction yet
    THRIVING = "thriving"  # thirst < 0.8
    DUE = "due"  # 0.8 ≤ thirst < 1
    THIRSTY = "thirsty"  # 1 ≤ thirst < 2
    WILTING = "wilting"  # thirst ≥ 2
    RESTING = "resting"  # paused by choice (`resting: true`, `pause_until`)


class GestureKind(StrEnum):
    MOMENT = "moment"
    ASK = "ask"
    BIRTHDAY = "birthday"
    DATE = "date"  # an anniversary, a memorial, a name day or a date of `dates:`
    PROMISE = "promise"
    THANKS = "thanks"  # thanks owed, and telling an introducer how it grew
    WATER = "water"


@dataclass(frozen=True, slots=True)
class Plant:
    """One contact as the garden sees it today."""

    contact: Contact
    last_interaction: dt.date | None
    days_since: int | None
    thirst: Fraction | None  # exact: states use it; `thirst_rounded` is for people
    state: State
    interactions: int
    monthly: tuple[int, ...] = ()  # interactions in each of the last 12 months, oldest first

    @property
    def thirst_rounded(self) -> Decimal | None:
        if self.thirst is None:
            return None
        return half_up(self.thirst, "0.01")


def half_up(value: Fraction, quantum: str = "1") -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(quantum), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class KeyMoment:
    contact: Contact
    date: dt.date
    kind: str | None  # `job` for `#moment/job`; None for a plain `#moment`
    text: str  # the entry's first line, Markdown, without the date and hortus's tags
    source: Source


@dataclass(frozen=True, slots=True)
class AskAfter:
    """Something in their life (`#ask`) that is over: ask how it went."""

    contact: Contact
    date: dt.date  # the event's day
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class BirthdaySoon:
    """A date that matters, soon: a birthday, or another of the contact's dates."""

    contact: Contact
    date: dt.date  # the next celebration (28 February for a 29 February birthday off leap years)
    in_days: int
    age: int | None  # the age turned, or the years since a dated anniversary or memorial
    source: Source  # the `birthday:` field (or the other date's)
    occasion: str = "birthday"  # birthday, anniversary, memorial, name_day, date
    label: str | None = None  # a `dates:` item's own name
    gift_ideas: tuple[str, ...] = ()  # beside a birthday or an anniversary


@dataclass(frozen=True, slots=True)
class IntroGrown:
    """A relationship someone started for you has grown: tell the one who introduced you."""

    contact: Contact  # the introducer
    introduced: Contact
    trigger: str  # interactions (the 5th), moment (the first key moment), year (since you met)
    date: dt.date  # the day it grew
    text: str  # the entry it grew on (empty for a year)
    source: Source


@dataclass(frozen=True, slots=True)
class OpenPromise:
    contact: Contact
    text: str
    due: dt.date | None
    overdue: bool
    source: Source
    written: dt.date | None = None  # when it was written down, when the vault says


@dataclass(frozen=True, slots=True)
class ThanksOwed:
    contact: Contact
    date: dt.date
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class GiveBack:
    contact: Contact
    received: int
    gave: int


@dataclass(frozen=True, slots=True)
class Breathe:
    contact: Contact
    recent: int


@dataclass(frozen=True, slots=True)
class Rediscover:
    contact: Contact
    last_interaction: dt.date | None
    starter: str | None  # the first line of their latest entry, a conversation opener


@dataclass(frozen=True, slots=True)
class Drifting:
    contact: Contact
    usual_gap_days: int
    days_since: int
    suggested_cadence: int | None


@dataclass(frozen=True, slots=True)
class Resting:
    contact: Contact
    until: dt.date | None


@dataclass(frozen=True, slots=True)
class Gesture:
    """One small thing to do today, and the item of the garden it comes from."""

    contact: Contact
    kind: GestureKind
    source: Source
    item: KeyMoment | AskAfter | BirthdaySoon | OpenPromise | ThanksOwed | IntroGrown | Plant


@dataclass(frozen=True, slots=True)
class Garden:
    today: dt.date
    today_pinned: bool  # from hortus.toml: said in the header so a frozen demo is not a surprise
    plants: tuple[Plant, ...]  # by name
    needs_watering: tuple[Plant, ...]  # thirsty and wilting, most thirsty first
    due_soon: tuple[Plant, ...]
    seedlings: tuple[Plant, ...]
    thriving: tuple[Plant, ...]
    unresolved: tuple[Unresolved, ...]
    problems: tuple[Problem, ...]
    gestures: tuple[Gesture, ...] = ()
    key_moments: tuple[KeyMoment, ...] = ()
    birthdays: tuple[BirthdaySoon, ...] = ()
    promises: tuple[OpenPromise, ...] = ()
    renew: tuple[OpenPromise, ...] = ()  # old promises: renew them, or let them go
    thanks_owed: tuple[ThanksOwed, ...] = ()
    give_back: tuple[GiveBack, ...] = ()
    breathe: tuple[Breathe, ...] = ()
    rediscover: tuple[Rediscover, ...] = ()
    drifting: tuple[Drifting, ...] = ()
    resting: tuple[Resting, ...] = ()
    everyone: tuple[Plant, ...] = ()  # closest first, then the most thirsty
    # The pages' "Key moments" (moments and events to ask after) and "Thanks owed" (thanks and
    # introducers to tell): closest first, then newest first.
    news: tuple[KeyMoment | AskAfter, ...] = ()
    thanks_all: tuple[ThanksOwed | IntroGrown, ...] = ()
    ask_after: tuple[AskAfter, ...] = ()  # shown with the key moments
    intro_grown: tuple[IntroGrown, ...] = ()  # shown with the thanks owed
    met_through: Mapping[str, tuple[Contact, ...]] = field(default_factory=dict)  # by key
    introduced: Mapping[str, tuple[Contact, ...]] = field(default_factory=dict)  # by key
    months: tuple[dt.date, ...] = ()  # the first day of each of the last 12 months, oldest first
    monthly: tuple[int, ...] = ()  # interaction entries in each of those months, whole vault
