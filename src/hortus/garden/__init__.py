"""The garden: a pure function of the index and a date. `today` is a parameter, never the clock.

`records` holds what the garden is made of, `plants` the per-contact thirst and states,
`sections` the lists that serve each habit (key moments, promises, thanks…), `gestures`
today's short list drawn from them.
"""

from __future__ import annotations

import datetime as dt

from hortus.config import Config
from hortus.garden.gestures import gestures
from hortus.garden.plants import (
    NEWS_TAGS,
    Life,
    is_interaction,
    is_resting,
    life_of,
    month_starts,
    plant,
)
from hortus.garden.records import (
    BirthdaySoon,
    Breathe,
    Drifting,
    Garden,
    Gesture,
    GestureKind,
    GiveBack,
    KeyMoment,
    OpenPromise,
    Plant,
    Rediscover,
    Resting,
    State,
    ThanksOwed,
)
from hortus.garden.sections import (
    birthdays,
    breathe,
    drifting,
    give_back,
    key_moments,
    promises,
    rediscover,
    resting,
    thanks_owed,
)
from hortus.index import Index, fold

__all__ = [
    "NEWS_TAGS",
    "BirthdaySoon",
    "Breathe",
    "Drifting",
    "Garden",
    "Gesture",
    "GestureKind",
    "GiveBack",
    "KeyMoment",
    "OpenPromise",
    "Plant",
    "Rediscover",
    "Resting",
    "State",
    "ThanksOwed",
    "compute_garden",
    "is_interaction",
]

_DEFAULT = Config()


def compute_garden(
    index: Index, today: dt.date, config: Config = _DEFAULT, *, today_pinned: bool = False
) -> Garden:
    lives = [life_of(c, index, today) for c in index.contacts]
    plants = tuple(plant(life, today) for life in lives)
    awake = [p for p in plants if p.state is not State.RESTING]
    by_thirst = sorted(awake, key=lambda p: (-(p.thirst or 0), _name_key(p)))
    active = [life for life in lives if not is_resting(life.contact, today)]
    moments = key_moments(active, today, config.windows["moments"])
    soon = birthdays(active, today, config.windows["birthdays"])
    open_promises = promises(lives, today)
    owed = thanks_owed(active, today)
    needs_watering = tuple(p for p in by_thirst if p.state in (State.THIRSTY, State.WILTING))
    months, monthly = _vault_months(lives, today)
    return Garden(
        today=today,
        today_pinned=today_pinned,
        plants=plants,
        needs_watering=needs_watering,
        due_soon=tuple(p for p in by_thirst if p.state is State.DUE),
        seedlings=tuple(p for p in plants if p.state is State.SEEDLING),
        thriving=tuple(p for p in plants if p.state is State.THRIVING),
        unresolved=index.unresolved,
        problems=index.problems,
        gestures=gestures(
            moments, soon, open_promises, owed, needs_watering, config.daily_gestures
        ),
        key_moments=moments,
        birthdays=soon,
        promises=open_promises,
        thanks_owed=owed,
        give_back=give_back(active, today),
        breathe=breathe(active, today),
        rediscover=rediscover(active, {p.contact.key: p for p in plants}, today),
        drifting=drifting(active, {p.contact.key: p for p in plants}),
        resting=resting([life.contact for life in lives], today),
        months=months,
        monthly=monthly,
    )


def _vault_months(lives: list[Life], today: dt.date) -> tuple[tuple[dt.date, ...], tuple[int, ...]]:
    """Interaction entries per month over the last 12 months, each entry counted once."""
    starts = month_starts(today)
    seen = {
        (i.path, i.entry.line, i.entry.date)
        for life in lives
        for i in life.interactions
        if i.entry.date >= starts[0]
    }
    counts = [0] * len(starts)
    for _, _, day in seen:
        counts[_month_index(day, starts[0])] += 1
    return starts, tuple(counts)


def _month_index(day: dt.date, first: dt.date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def _name_key(plant: Plant) -> tuple[str, str, str]:
    return (fold(plant.contact.name), plant.contact.name, plant.contact.key)
