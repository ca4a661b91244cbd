"""The garden: a pure function of the index and a date. `today` is a parameter, never the clock.

`records` holds what the garden is made of, `plants` the per-contact thirst and states,
`sections` the lists that serve each habit (key moments, promises, thanks…), `gestures`
today's short list drawn from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any, Protocol, TypeVar

from hortus.core.config import DEFAULT_WINDOWS, Config
from hortus.core.model import Contact, Source
from hortus.garden.asks import ask_order, asks_of
from hortus.garden.closeness import FAR, Closeness, circle_ranks, closeness, is_weak_tie
from hortus.garden.dates import dates_of
from hortus.garden.gestures import candidates, gestures
from hortus.garden.introductions import grown_order, intro_grown, introduced, met_through
from hortus.garden.plants import (
    MONTHS_SHOWN,
    NEWS_TAGS,
    Life,
    is_interaction,
    life_of,
    month_starts,
    name_key,
    plant,
)
from hortus.garden.records import (
    AskAfter,
    BirthdaySoon,
    Breathe,
    Drifting,
    Garden,
    Gesture,
    GestureKind,
    GiveBack,
    IntroGrown,
    KeyMoment,
    OpenPromise,
    Plant,
    Rediscover,
    Resting,
    State,
    ThanksOwed,
)
from hortus.garden.sections import (
    birthday_of,
    birthday_order,
    breathe_of,
    drifting_of,
    give_back_of,
    is_to_renew,
    moment_order,
    moments_of,
    promise_order,
    promises_of,
    rediscover,
    rediscover_rank,
    renew_order,
    resting_of,
    thanks_of,
    thanks_order,
)
from hortus.index import Index

__all__ = [
    "NEWS_TAGS",
    "AskAfter",
    "BirthdaySoon",
    "Breathe",
    "Drifting",
    "Garden",
    "GardenMemo",
    "Gesture",
    "GestureKind",
    "GiveBack",
    "IntroGrown",
    "KeyMoment",
    "OpenPromise",
    "Plant",
    "Rediscover",
    "Resting",
    "State",
    "ThanksOwed",
    "compute_garden",
    "is_interaction",
    "is_weak_tie",
]

_DEFAULT = Config()
ASK_DAYS = DEFAULT_WINDOWS["ask"]
_NameKey = tuple[str, str, str]


class _HasContact(Protocol):
    @property
    def contact(self) -> Contact: ...


_H = TypeVar("_H", bound=_HasContact)


class _Dated(_HasContact, Protocol):
    @property
    def date(self) -> dt.date: ...


_D = TypeVar("_D", bound=_Dated)
_PromiseKey = tuple[bool, dt.date, _NameKey, Source]


@dataclass(frozen=True, slots=True)
class Growth:
    """All the garden draws from one contact on one day; the lists are gathered and ordered
    by `compute_garden`."""

    life: Life | None  # None for a growth kept between runs (garden/kept.py): see `_life`
    plant: Plant
    name: _NameKey
    near: Closeness
    moments: tuple[KeyMoment, ...]
    birthday: BirthdaySoon | None
    dates: tuple[BirthdaySoon, ...]  # anniversaries, memorials, name days… soon
    asks: tuple[AskAfter, ...]
    promises: tuple[tuple[_PromiseKey, OpenPromise], ...]  # each with its place in the list
    thanks: tuple[ThanksOwed, ...]
    give_back: GiveBack | None
    breathe: Breathe | None
    drifting: Drifting | None
    resting: Resting | None
    rediscover: tuple[str, _NameKey] | None
    recent: frozenset[tuple[str, int, dt.date]]  # interaction entries in the months shown


class GardenMemo:
    """The watcher's memory between saves: a contact's growth is reused while its record,
    its involvements and its promises are the very same objects (the incremental index keeps
    them for contacts no changed note touches) and the day and settings are the same."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple[object, ...], Growth]] = {}
        self._next: dict[str, tuple[tuple[object, ...], Growth]] = {}

    def grow(self, contact: Contact, index: Index, today: dt.date, config: Config) -> Growth:
        involvements = index.involvements.get(contact.key, ())
        promised = index.promises.get(contact.key, ())
        kept = self._kept.get(contact.key)
        if kept is not None:
            (old_contact, old_involvements, old_promised, old_today, old_config), growth = kept
            if (
                old_contact is contact
                and old_involvements is involvements
                and old_promised is promised
                and old_today == today
                and old_config is config
            ):
                self._next[contact.key] = kept
                return growth
        growth = _grow(life_of(contact, index, today), today, config, circle_ranks(config))
        self._next[contact.key] = ((contact, involvements, promised, today, config), growth)
        return growth

    def settle(self) -> None:
        """Forget the contacts this garden did not ask for (deleted, renamed)."""
        self._kept, self._next = self._next, {}


def _grow(life: Life, today: dt.date, config: Config, ranks: Mapping[str, int]) -> Growth:
    grown = plant(life, today)
    awake = grown.state is not State.RESTING
    return Growth(
        life=life,
        plant=grown,
        name=name_key(life.contact),
        near=closeness(grown, ranks),
        moments=tuple(moments_of(life, today, config.windows["moments"])) if awake else (),
        birthday=birthday_of(life, today, config.windows["birthdays"]) if awake else None,
        dates=tuple(dates_of(life, today, config.windows["birthdays"])) if awake else (),
        asks=tuple(asks_of(life, today, config.windows.get("ask", ASK_DAYS))) if awake else (),
        promises=tuple((promise_order(p, today), p) for p in promises_of(life, today)),
        thanks=tuple(thanks_of(life)) if awake else (),
        give_back=give_back_of(life, today) if awake else None,
        breathe=breathe_of(life, today) if awake else None,
        drifting=drifting_of(life, grown) if awake else None,
        resting=resting_of(life.contact, today),
        rediscover=rediscover_rank(life, grown) if awake else None,
        recent=_recent(life, month_starts(today)[0]),
    )


def _recent(life: Life, first_month: dt.date) -> frozenset[tuple[str, int, dt.date]]:
    """The interaction entries since `first_month` (most contacts have none: their sorted
    dates say so without reading every entry)."""
    if not life.dates or life.dates[-1] < first_month:
        return frozenset()
    return frozenset(
        (i.path, i.entry.line, i.entry.date)
        for i in life.interactions
        if i.entry.date >= first_month
    )


def compute_garden(
    index: Index,
    today: dt.date,
    config: Config = _DEFAULT,
    *,
    today_pinned: bool = False,
    memo: GardenMemo | None = None,
) -> Garden:
    """Every list ranked by closeness first (`closeness`), then by its own urgency."""
    memo = memo or GardenMemo()
    grown = [memo.grow(contact, index, today, config) for contact in index.contacts]
    memo.settle()
    near = {g.plant.contact.key: g.near for g in grown}
    plants = tuple(g.plant for g in grown)
    ranked = [g.plant for g in sorted(grown, key=lambda g: (g.near, _thirst_order(g)))]
    moments = _gather((g.moments for g in grown), moment_order, near)
    soon = _gather(
        ((g.birthday, *g.dates) if g.birthday else g.dates for g in grown), birthday_order, near
    )
    asks = _gather((g.asks for g in grown), ask_order, near)
    lives = _Lives(grown, index, today)
    loops = tuple(sorted(intro_grown(index.introductions, lives, today), key=grown_order))
    people = {c.key: c for c in (*index.contacts, *index.related)}
    renew, open_promises = _split_promises(grown, today, config, near)
    owed = _gather((g.thanks for g in grown), thanks_order, near)
    needs_watering = tuple(p for p in ranked if p.state in (State.THIRSTY, State.WILTING))
    pool = [
        (g.rediscover, partial(_life, g, index, today), g.plant)
        for g in grown
        if g.rediscover is not None
    ]
    found = candidates(moments, soon, open_promises, owed, needs_watering, asks, loops)
    return Garden(
        today=today,
        today_pinned=today_pinned,
        plants=plants,
        needs_watering=needs_watering,
        due_soon=tuple(p for p in ranked if p.state is State.DUE),
        seedlings=tuple(p for p in ranked if p.state is State.SEEDLING),
        thriving=tuple(p for p in ranked if p.state is State.THRIVING),
        unresolved=index.unresolved,
        problems=index.problems,
        gestures=gestures(found, near, config.daily_gestures),
        key_moments=moments,
        birthdays=soon,
        promises=open_promises,
        renew=renew,
        thanks_owed=owed,
        give_back=_gather(((g.give_back,) if g.give_back else () for g in grown), _by_name, near),
        breathe=_gather(((g.breathe,) if g.breathe else () for g in grown), _by_name, near),
        rediscover=rediscover(pool, today),
        drifting=_gather(((g.drifting,) if g.drifting else () for g in grown), _by_name, near),
        everyone=tuple(ranked),
        news=_newest((*moments, *asks), near),
        thanks_all=_newest((*owed, *loops), near),
        resting=_gather(((g.resting,) if g.resting else () for g in grown), _by_name, near),
        ask_after=asks,
        intro_grown=loops,
        met_through=met_through(index.introductions, people),
        introduced=introduced(index.introductions, people),
        months=month_starts(today),
        monthly=_vault_months(grown, today),
    )


def _life(growth: Growth, index: Index, today: dt.date) -> Life:
    """A contact's life: the growth's own, or made again from the index (exactly as growing
    made it) for a growth kept between runs, which is stored without it."""
    return growth.life if growth.life is not None else life_of(growth.plant.contact, index, today)


class _Lives(Mapping[str, Life]):
    """Every grown contact's life by key, each made when first asked for (only the few an
    introduction names are)."""

    def __init__(self, grown: Iterable[Growth], index: Index, today: dt.date) -> None:
        self._grown = {g.plant.contact.key: g for g in grown}
        self._index = index
        self._today = today

    def __getitem__(self, key: str) -> Life:
        return _life(self._grown[key], self._index, self._today)

    def __contains__(self, key: object) -> bool:
        return key in self._grown

    def __iter__(self) -> Iterator[str]:
        return iter(self._grown)

    def __len__(self) -> int:
        return len(self._grown)


def _split_promises(
    grown: list[Growth], today: dt.date, config: Config, near: Mapping[str, Closeness]
) -> tuple[tuple[OpenPromise, ...], tuple[OpenPromise, ...]]:
    """(renew or release, the promises list): the old ones leave the list for a calm section."""
    every = list(chain.from_iterable(g.promises for g in grown))
    old = [(key, p) for key, p in every if is_to_renew(p, today, config.windows)]
    kept = [(key, p) for key, p in every if not is_to_renew(p, today, config.windows)]
    kept.sort(key=lambda item: (near.get(item[1].contact.key, FAR), item[0]))
    renew = sorted((p for _, p in old), key=renew_order)
    return tuple(renew), tuple(p for _, p in kept)


def _newest(items: Iterable[_D], near: Mapping[str, Closeness]) -> tuple[_D, ...]:
    """Two lists shown as one: closest first, then newest first (the first list's item first
    on a tie: the sort is stable)."""
    return tuple(sorted(items, key=lambda i: (near.get(i.contact.key, FAR), -i.date.toordinal())))


def _by_name(item: _HasContact) -> _NameKey:
    return name_key(item.contact)


def _thirst_order(growth: Growth) -> tuple[float, _NameKey]:
    """Most thirsty first, then by name. The float is exact enough: two different thirsts
    (days over a cadence of days, both below a million) differ by more than its rounding."""
    plant = growth.plant
    if plant.days_since is None:
        return (-0.0, growth.name)
    return (-(plant.days_since / plant.contact.cadence_days), growth.name)


def _gather(
    parts: Iterable[tuple[_H, ...]], order: Callable[[_H], Any], near: Mapping[str, Closeness]
) -> tuple[_H, ...]:
    """The items of every contact, closest first, then in the list's own order."""
    return tuple(
        sorted(
            chain.from_iterable(parts),
            key=lambda item: (near.get(item.contact.key, FAR), order(item)),
        )
    )


def _vault_months(grown: list[Growth], today: dt.date) -> tuple[int, ...]:
    """Interaction entries per month over the last 12 months, each entry counted once."""
    first = month_starts(today)[0]
    seen: set[tuple[str, int, dt.date]] = set().union(*(g.recent for g in grown))
    counts = [0] * MONTHS_SHOWN
    for _, _, day in seen:
        counts[(day.year - first.year) * 12 + day.month - first.month] += 1
    return tuple(counts)
