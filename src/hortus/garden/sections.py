"""The garden's lists, each serving one habit. Pure functions of the contacts' lives and today.

Windows: "the last N days" is today and the N−1 days before; "the next N days" is
`0 ≤ in_days ≤ N−1`. Every list breaks ties by name (then by place).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import pairwise

from hortus.garden.plants import Life, entry_text, is_resting, name_key
from hortus.garden.records import (
    BirthdaySoon,
    Breathe,
    Drifting,
    GiveBack,
    KeyMoment,
    OpenPromise,
    Plant,
    Rediscover,
    Resting,
    State,
    ThanksOwed,
    half_up,
)
from hortus.model import Birthday, Contact, Source

GIVE_BACK_DAYS = 365
GIVE_BACK_MARGIN = 2
BREATHE_DAYS = 30
REDISCOVER_PICKS = 3
WEAK_CADENCE = 180
DRIFT_MIN_INTERACTIONS = 4
DRIFT_FACTOR = 3


def key_moments(lives: Iterable[Life], today: dt.date, window: int) -> tuple[KeyMoment, ...]:
    """`#moment` entries of the last `window` days with no interaction on or after them."""
    since = today - dt.timedelta(days=window - 1)
    found = []
    for life in lives:
        last = life.last
        for inv in life.concerning("moment"):
            day = inv.entry.date
            if day >= since and (last is None or last < day):
                kind = _moment_kind(inv.entry.tags)
                source = Source(inv.path, inv.entry.line)
                found.append(
                    KeyMoment(life.contact, day, kind, entry_text(inv.entry.title), source)
                )
    found.sort(key=lambda m: (-m.date.toordinal(), name_key(m.contact), m.source))
    return tuple(found)


def _moment_kind(tags: frozenset[str]) -> str | None:
    kinds = sorted(t.split("/", 1)[1] for t in tags if t.startswith("moment/"))
    return kinds[0] if kinds else None


def birthdays(lives: Iterable[Life], today: dt.date, window: int) -> tuple[BirthdaySoon, ...]:
    found = []
    for life in lives:
        birth = life.contact.birth
        if birth is None:
            continue
        day = next_birthday(birth, today)
        in_days = (day - today).days
        if in_days <= window - 1:
            age = day.year - birth.year if birth.year is not None else None
            source = Source(life.contact.path, life.contact.birthday_line)
            found.append(BirthdaySoon(life.contact, day, in_days, age, source))
    found.sort(key=lambda b: (b.in_days, name_key(b.contact)))
    return tuple(found)


def next_birthday(birth: Birthday, today: dt.date) -> dt.date:
    """The next celebration on or after today; 29 February is kept on 28 February off leap years."""
    for year in (today.year, today.year + 1):
        try:
            day = dt.date(year, birth.month, birth.day)
        except ValueError:
            day = dt.date(year, birth.month, birth.day - 1)
        if day >= today:
            return day
    raise AssertionError("a birthday always comes within a year")  # pragma: no cover


def promises(lives: Iterable[Life], today: dt.date) -> tuple[OpenPromise, ...]:
    """Open promises, resting contacts included: overdue first, then by due date, then undated."""
    found = [
        OpenPromise(
            life.contact,
            p.task.text,
            p.task.due,
            p.task.due is not None and p.task.due < today,
            Source(p.path, p.task.line),
        )
        for life in lives
        for p in life.promises
    ]
    found.sort(key=lambda p: (p.due is None, p.due or today, name_key(p.contact), p.source))
    return tuple(found)


def thanks_owed(lives: Iterable[Life], today: dt.date) -> tuple[ThanksOwed, ...]:
    """`#received` entries with no `#thanks` entry for that person on or after their date."""
    found = []
    for life in lives:
        thanked = max((i.entry.date for i in life.concerning("thanks")), default=None)
        for inv in life.concerning("received"):
            if thanked is None or thanked < inv.entry.date:
                text = entry_text(inv.entry.title)
                source = Source(inv.path, inv.entry.line)
                found.append(ThanksOwed(life.contact, inv.entry.date, text, source))
    found.sort(key=lambda t: (-t.date.toordinal(), name_key(t.contact), t.source))
    return tuple(found)


def give_back(lives: Iterable[Life], today: dt.date) -> tuple[GiveBack, ...]:
    """People who helped more than they were helped lately: an opportunity, not a score."""
    since = today - dt.timedelta(days=GIVE_BACK_DAYS - 1)
    found = []
    for life in lives:
        received = sum(i.entry.date >= since for i in life.concerning("received"))
        gave = sum(i.entry.date >= since for i in life.concerning("gave"))
        if received - gave >= GIVE_BACK_MARGIN:
            found.append(GiveBack(life.contact, received, gave))
    return tuple(sorted(found, key=lambda g: name_key(g.contact)))


def breathe(lives: Iterable[Life], today: dt.date) -> tuple[Breathe, ...]:
    """More interactions in the last 30 days than max(4, 2 × 30 / cadence): let it breathe."""
    since = today - dt.timedelta(days=BREATHE_DAYS - 1)
    found = []
    for life in lives:
        recent = len(life.dates) - bisect_left(life.dates, since)
        limit = max(Fraction(4), Fraction(2 * BREATHE_DAYS, life.contact.cadence_days))
        if recent > limit:
            found.append(Breathe(life.contact, recent))
    return tuple(sorted(found, key=lambda b: name_key(b.contact)))


def rediscover(
    lives: Iterable[Life], plants: Mapping[str, Plant], today: dt.date
) -> tuple[Rediscover, ...]:
    """Up to 3 dormant weak ties, the same all week; the next week moves on through the pool."""
    pool = [
        life for life in lives if _is_weak(life.contact) and _is_dormant(plants[life.contact.key])
    ]
    pool.sort(key=lambda life: (_stable_hash(life.contact.key), name_key(life.contact)))
    if not pool:
        return ()
    week = (today - dt.timedelta(days=today.weekday())).toordinal() // 7
    start = week * REDISCOVER_PICKS % len(pool)
    count = min(REDISCOVER_PICKS, len(pool))
    picks = [pool[(start + step) % len(pool)] for step in range(count)]
    found = [_rediscover(life, plants[life.contact.key]) for life in picks]
    return tuple(sorted(found, key=lambda r: name_key(r.contact)))


def _is_weak(contact: Contact) -> bool:
    return contact.circle == "weak" or contact.cadence_days >= WEAK_CADENCE


def _is_dormant(plant: Plant) -> bool:
    return plant.thirst is None or plant.thirst >= 1


def _stable_hash(key: str) -> str:
    """The same in every process, whatever PYTHONHASHSEED (unlike `hash`)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _rediscover(life: Life, plant: Plant) -> Rediscover:
    latest = max(
        life.involvements, key=lambda i: (i.entry.date, i.path, i.entry.line), default=None
    )
    starter = entry_text(latest.entry.title) if latest is not None else None
    return Rediscover(life.contact, plant.last_interaction, starter or None)


def drifting(lives: Iterable[Life], plants: Mapping[str, Plant]) -> tuple[Drifting, ...]:
    """A current gap more than 3 times the usual one (the median between interaction days)."""
    found = []
    for life in lives:
        plant = plants[life.contact.key]
        if plant.interactions < DRIFT_MIN_INTERACTIONS or plant.state is State.THRIVING:
            continue
        median = _median_gap(sorted(set(life.dates)))
        if median is None or plant.days_since is None:
            continue
        if plant.days_since > DRIFT_FACTOR * median:
            usual = int(half_up(median))
            cadence = life.contact.cadence_days
            suggested = usual if abs(median - cadence) > Fraction(cadence, 2) else None
            found.append(Drifting(life.contact, usual, plant.days_since, suggested))
    return tuple(sorted(found, key=lambda d: name_key(d.contact)))


def _median_gap(days: Sequence[dt.date]) -> Fraction | None:
    gaps = sorted((later - earlier).days for earlier, later in pairwise(days))
    if not gaps:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return Fraction(gaps[middle])
    return Fraction(gaps[middle - 1] + gaps[middle], 2)


def resting(contacts: Iterable[Contact], today: dt.date) -> tuple[Resting, ...]:
    found = [
        Resting(c, c.pause_until if c.pause_until and c.pause_until > today else None)
        for c in contacts
        if is_resting(c, today)
    ]
    return tuple(sorted(found, key=lambda r: name_key(r.contact)))
