"""The garden: a pure function of the index and a date. `today` is a parameter, never the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from hortus.index import Index, fold
from hortus.model import Contact, Involvement, Problem, Unresolved

NEWS_TAGS = frozenset({"news", "moment"})


class State(StrEnum):
    SEEDLING = "seedling"  # no interaction yet
    THRIVING = "thriving"  # thirst < 0.8
    DUE = "due"  # 0.8 ≤ thirst < 1
    THIRSTY = "thirsty"  # 1 ≤ thirst < 2
    WILTING = "wilting"  # thirst ≥ 2


@dataclass(frozen=True)
class Plant:
    """One contact as the garden sees it today."""

    contact: Contact
    last_interaction: dt.date | None
    days_since: int | None
    thirst: Fraction | None  # exact: states use it; `thirst_rounded` is for people
    state: State
    interactions: int

    @property
    def thirst_rounded(self) -> Decimal | None:
        if self.thirst is None:
            return None
        exact = Decimal(self.thirst.numerator) / Decimal(self.thirst.denominator)
        return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
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


def is_interaction(entry_date: dt.date, tags: frozenset[str], today: dt.date) -> bool:
    """A contact made: not a plan (dated after today), not news (`#news`, `#moment…`)."""
    if entry_date > today:
        return False
    return not any(tag.split("/", 1)[0] in NEWS_TAGS for tag in tags)


def compute_garden(index: Index, today: dt.date, *, today_pinned: bool = False) -> Garden:
    plants = tuple(_plant(c, index.involvements.get(c.key, ()), today) for c in index.contacts)
    by_thirst = sorted(plants, key=lambda p: (-(p.thirst or 0), _name_key(p)))
    return Garden(
        today=today,
        today_pinned=today_pinned,
        plants=plants,
        needs_watering=tuple(p for p in by_thirst if p.state in (State.THIRSTY, State.WILTING)),
        due_soon=tuple(p for p in by_thirst if p.state is State.DUE),
        seedlings=tuple(p for p in plants if p.state is State.SEEDLING),
        thriving=tuple(p for p in plants if p.state is State.THRIVING),
        unresolved=index.unresolved,
        problems=index.problems,
    )


def _plant(contact: Contact, involvements: tuple[Involvement, ...], today: dt.date) -> Plant:
    dates = [
        i.entry.date for i in involvements if is_interaction(i.entry.date, i.entry.tags, today)
    ]
    if not dates:
        return Plant(contact, None, None, None, State.SEEDLING, 0)
    last = max(dates)
    days_since = (today - last).days
    thirst = Fraction(days_since, contact.cadence_days)
    return Plant(contact, last, days_since, thirst, _state(thirst), len(dates))


def _state(thirst: Fraction) -> State:
    if thirst < Fraction(4, 5):
        return State.THRIVING
    if thirst < 1:
        return State.DUE
    if thirst < 2:
        return State.THIRSTY
    return State.WILTING


def _name_key(plant: Plant) -> tuple[str, str, str]:
    return (fold(plant.contact.name), plant.contact.name, plant.contact.key)
