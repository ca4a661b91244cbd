"""The garden's lists, each serving one habit: what one contact's life gives each list today.

Pure functions of one life (and its plant) and today; `compute_garden` gathers them over every
contact and orders each list (the `*_order` keys), so a watcher can keep the part of a contact
whose notes did not change.

Windows: "the last N days" is today and the N−1 days before; "the next N days" is
`0 ≤ in_days ≤ N−1`. Every list breaks ties by name (then by place).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from itertools import pairwise

from hortus.core.model import Birthday, Contact, Source
from hortus.garden.closeness import is_weak_tie
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

GIVE_BACK_DAYS = 365
GIVE_BACK_MARGIN = 2
BREATHE_DAYS = 30
REDISCOVER_PICKS = 3
DRIFT_MIN_INTERACTIONS = 4
DRIFT_FACTOR = 3


def moments_of(life: Life, today: dt.date, window: int) -> list[KeyMoment]:
    """`#moment` entries of the last `window` days with no interaction on or after them."""
    since = today - dt.timedelta(days=window - 1)
    found = []
    last = life.last
    for inv in life.concerning("moment"):
        day = inv.entry.date
        if day >= since and (last is None or last < day):
            kind = _moment_kind(inv.entry.tags)
            source = Source(inv.path, inv.entry.line)
            found.append(KeyMoment(life.contact, day, kind, entry_text(inv.entry.title), source))
    return found


def moment_order(moment: KeyMoment) -> tuple[int, tuple[str, str, str], Source]:
    return (-moment.date.toordinal(), name_key(moment.contact), moment.source)


def _moment_kind(tags: frozenset[str]) -> str | None:
    kinds = sorted(t.split("/", 1)[1] for t in tags if t.startswith("moment/"))
    return kinds[0] if kinds else None


def birthday_of(life: Life, today: dt.date, window: int) -> BirthdaySoon | None:
    birth = life.contact.birth
    if birth is None:
        return None
    day = next_birthday(birth, today)
    in_days = (day - today).days
    if in_days > window - 1:
        return None
    age = day.year - birth.year if birth.year is not None else None
    source = Source(life.contact.path, life.contact.birthday_line)
    gifts = life.contact.gift_ideas
    return BirthdaySoon(life.contact, day, in_days, age, source, gift_ideas=gifts)


def birthday_order(birthday: BirthdaySoon) -> tuple[int, tuple[str, str, str], Source]:
    return (birthday.in_days, name_key(birthday.contact), birthday.source)


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


def promises_of(life: Life, today: dt.date) -> list[OpenPromise]:
    """Open promises, resting contacts included."""
    return [
        OpenPromise(
            life.contact,
            p.task.text,
            p.task.due,
            p.task.due is not None and p.task.due < today,
            Source(p.path, p.task.line),
            p.written,
        )
        for p in life.promises
    ]


def promise_order(
    promise: OpenPromise, today: dt.date
) -> tuple[bool, dt.date, tuple[str, str, str], Source]:
    """Overdue first, then by due date, then undated."""
    return (promise.due is None, promise.due or today, name_key(promise.contact), promise.source)


def is_to_renew(promise: OpenPromise, today: dt.date, windows: Mapping[str, int]) -> bool:
    """Overdue by more than `renew_overdue` days, or undated and written down more than
    `renew_undated` days ago: time to renew it, or to let it go."""
    if promise.due is not None:
        return (today - promise.due).days > windows["renew_overdue"]
    return promise.written is not None and (today - promise.written).days > windows["renew_undated"]


def renew_order(promise: OpenPromise) -> tuple[int, tuple[str, str, str], Source]:
    """The most recent first, the oldest last: by due date, else by when it was written."""
    day = promise.due or promise.written
    return (-day.toordinal() if day else 0, name_key(promise.contact), promise.source)


def thanks_of(life: Life) -> list[ThanksOwed]:
    """`#received` entries with no `#thanks` entry for that person on or after their date."""
    found = []
    thanked = max((i.entry.date for i in life.concerning("thanks")), default=None)
    for inv in life.concerning("received"):
        if thanked is None or thanked < inv.entry.date:
            text = entry_text(inv.entry.title)
            source = Source(inv.path, inv.entry.line)
            found.append(ThanksOwed(life.contact, inv.entry.date, text, source))
    return found


def thanks_order(owed: ThanksOwed) -> tuple[int, tuple[str, str, str], Source]:
    return (-owed.date.toordinal(), name_key(owed.contact), owed.source)


def give_back_of(life: Life, today: dt.date) -> GiveBack | None:
    """Someone who helped more than they were helped lately: an opportunity, not a score."""
    since = today - dt.timedelta(days=GIVE_BACK_DAYS - 1)
    received = sum(i.entry.date >= since for i in life.concerning("received"))
    gave = sum(i.entry.date >= since for i in life.concerning("gave"))
    return GiveBack(life.contact, received, gave) if received - gave >= GIVE_BACK_MARGIN else None


def breathe_of(life: Life, today: dt.date) -> Breathe | None:
    """More interactions in the last 30 days than max(4, 2 × 30 / cadence): let it breathe."""
    since = today - dt.timedelta(days=BREATHE_DAYS - 1)
    recent = len(life.dates) - bisect_left(life.dates, since)
    if recent <= 4:  # the limit is never below 4: spare the exact comparison below
        return None
    limit = max(Fraction(4), Fraction(2 * BREATHE_DAYS, life.contact.cadence_days))
    return Breathe(life.contact, recent) if recent > limit else None


def rediscover_rank(life: Life, plant: Plant) -> tuple[str, tuple[str, str, str]] | None:
    """A dormant weak tie's place in the week's rotation (None for everyone else)."""
    if not (is_weak_tie(life.contact) and _is_dormant(plant)):
        return None
    return (_stable_hash(life.contact.key), name_key(life.contact))


def rediscover(
    pool: Sequence[tuple[tuple[str, tuple[str, str, str]], Callable[[], Life], Plant]],
    today: dt.date,
) -> tuple[Rediscover, ...]:
    """Up to 3 dormant weak ties, the same all week; the next week moves on through the pool.
    `pool` holds each candidate's `rediscover_rank`, how to get its life (made only for the
    few picked) and plant."""
    if not pool:
        return ()
    ordered = sorted(pool, key=lambda item: item[0])
    week = (today - dt.timedelta(days=today.weekday())).toordinal() // 7
    start = week * REDISCOVER_PICKS % len(ordered)
    count = min(REDISCOVER_PICKS, len(ordered))
    picks = [ordered[(start + step) % len(ordered)] for step in range(count)]
    found = [_rediscover(life(), plant) for _, life, plant in picks]
    return tuple(sorted(found, key=lambda r: name_key(r.contact)))


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


def drifting_of(life: Life, plant: Plant) -> Drifting | None:
    """A current gap more than 3 times the usual one (the median between interaction days)."""
    if plant.interactions < DRIFT_MIN_INTERACTIONS or plant.state is State.THRIVING:
        return None
    median = _median_gap(list(dict.fromkeys(life.dates)))  # the days, sorted as the dates are
    if median is None or plant.days_since is None or plant.days_since <= DRIFT_FACTOR * median:
        return None
    usual = int(half_up(median))
    cadence = life.contact.cadence_days
    suggested = usual if abs(median - cadence) > Fraction(cadence, 2) else None
    return Drifting(life.contact, usual, plant.days_since, suggested)


def _median_gap(days: Sequence[dt.date]) -> Fraction | None:
    gaps = sorted((later - earlier).days for earlier, later in pairwise(days))
    if not gaps:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return Fraction(gaps[middle])
    return Fraction(gaps[middle - 1] + gaps[middle], 2)


def resting_of(contact: Contact, today: dt.date) -> Resting | None:
    if not is_resting(contact, today):
        return None
    until = contact.pause_until
    return Resting(contact, until if until and until > today else None)
