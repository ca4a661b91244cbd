"""Today's short list: a few small gestures drawn from the garden, each person at most once.

Every candidate is ranked the same way, whatever its kind: closeness first (`closeness`:
inner before close before network before weak, the distant last), then the kind's place in
`KIND_ORDER`, then the kind's own urgency (the soonest birthday, the most thirsty…).

How many of one kind: among the people close enough, one kind takes at most half the list
(3 of 5) while another kind asks, so five wilting friends leave room for a close friend's
birthday tomorrow; the places left are filled in rank order. A distant person (a weak tie or
a seedling) gets a place only when no closer person asks for one, and at most
`DISTANT_PER_KIND` gesture of each kind a day: an import of 800 contacts with birthdays never
floods the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from hortus.core.model import Source
from hortus.garden.closeness import FAR, Closeness
from hortus.garden.plants import name_key
from hortus.garden.records import (
    AskAfter,
    BirthdaySoon,
    Gesture,
    GestureKind,
    IntroGrown,
    KeyMoment,
    OpenPromise,
    Plant,
    ThanksOwed,
)

BIRTHDAY_SOON_DAYS = 3  # "within 3 days": in_days ≤ 3
DISTANT_PER_KIND = 1
# Within the same closeness: answering news first, then a date that will not wait, then
# what is owed, then plain watering. A kind missing here goes after these.
KIND_ORDER = (
    GestureKind.MOMENT,
    GestureKind.ASK,
    GestureKind.BIRTHDAY,
    GestureKind.DATE,
    GestureKind.PROMISE,
    GestureKind.THANKS,
    GestureKind.WATER,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gesture that could be today's, and its urgency among those of its kind (smaller is
    more urgent; compared only with candidates of the same kind)."""

    gesture: Gesture
    urgency: tuple[float, ...]


def gestures(
    candidates: Iterable[Candidate], near: Mapping[str, Closeness], limit: int
) -> tuple[Gesture, ...]:
    """The `limit` best-ranked candidates, a person once (at their best-ranked one), in rank
    order. Chosen in three passes: the people close enough (not distant) with one kind
    taking at most half the list while other kinds wait (`per_kind`); then the same people
    whatever the kind, if places are left; then the distant, `DISTANT_PER_KIND` of a kind.
    `near` is each contact's closeness, by key."""
    ranked = sorted(candidates, key=lambda c: _rank(c, near))
    close = [c for c in ranked if not near.get(c.gesture.contact.key, FAR)[0]]
    distant = [c for c in ranked if near.get(c.gesture.contact.key, FAR)[0]]
    picked: list[Candidate] = []
    seen: set[str] = set()
    per_kind = -(-limit // 2)
    for pool, cap in ((close, per_kind), (close, limit), (distant, DISTANT_PER_KIND)):
        _pick(pool, cap, limit, picked, seen)
    return tuple(c.gesture for c in sorted(picked, key=lambda c: _rank(c, near)))


def _pick(
    pool: Iterable[Candidate], cap: int, limit: int, picked: list[Candidate], seen: set[str]
) -> None:
    """Add to `picked` the candidates of `pool` whose person is not yet in, while fewer than
    `limit` are picked and their kind has fewer than `cap` (counted in this pass and before)."""
    kinds = Counter(c.gesture.kind for c in picked if c in pool)
    for candidate in pool:
        if len(picked) >= limit:
            return
        gesture = candidate.gesture
        if gesture.contact.key in seen or kinds[gesture.kind] >= cap:
            continue
        kinds[gesture.kind] += 1
        seen.add(gesture.contact.key)
        picked.append(candidate)


def _rank(candidate: Candidate, near: Mapping[str, Closeness]) -> tuple[object, ...]:
    gesture = candidate.gesture
    kind = KIND_ORDER.index(gesture.kind) if gesture.kind in KIND_ORDER else len(KIND_ORDER)
    return (
        near.get(gesture.contact.key, FAR),
        kind,
        str(gesture.kind),
        candidate.urgency,
        name_key(gesture.contact),
        gesture.source,
    )


def candidates(
    moments: Iterable[KeyMoment],
    birthdays: Iterable[BirthdaySoon],
    promises: Iterable[OpenPromise],
    thanks: Iterable[ThanksOwed],
    needs_watering: Iterable[Plant],
    asks: Iterable[AskAfter] = (),
    grown: Iterable[IntroGrown] = (),
) -> Iterator[Candidate]:
    """Unanswered moments, events to ask after, birthdays and other dates within 3 days,
    overdue promises, thanks owed and introducers to tell, plants that need watering."""
    for moment in moments:
        gesture = Gesture(moment.contact, GestureKind.MOMENT, moment.source, moment)
        yield Candidate(gesture, (-moment.date.toordinal(),))
    for ask in asks:
        gesture = Gesture(ask.contact, GestureKind.ASK, ask.source, ask)
        yield Candidate(gesture, (-ask.date.toordinal(),))
    for birthday in birthdays:
        if birthday.in_days <= BIRTHDAY_SOON_DAYS:
            kind = GestureKind.BIRTHDAY if birthday.occasion == "birthday" else GestureKind.DATE
            gesture = Gesture(birthday.contact, kind, birthday.source, birthday)
            yield Candidate(gesture, (birthday.in_days,))
    for promise in promises:
        if promise.overdue and promise.due is not None:
            gesture = Gesture(promise.contact, GestureKind.PROMISE, promise.source, promise)
            yield Candidate(gesture, (promise.due.toordinal(),))
    for owed in thanks:
        gesture = Gesture(owed.contact, GestureKind.THANKS, owed.source, owed)
        yield Candidate(gesture, (-owed.date.toordinal(),))
    for loop in grown:  # telling an introducer how it grew: a thanks too
        gesture = Gesture(loop.contact, GestureKind.THANKS, loop.source, loop)
        yield Candidate(gesture, (-loop.date.toordinal(),))
    for plant in needs_watering:
        gesture = Gesture(plant.contact, GestureKind.WATER, Source(plant.contact.path, 1), plant)
        yield Candidate(gesture, (-float(plant.thirst or 0),))
