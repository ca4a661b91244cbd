"""Today's short list: a few small gestures drawn from the garden, each person at most once.

Every candidate is ranked the same way, whatever its kind: closeness first (`closeness`:
inner before close before network before weak, the distant last), then the kind's place in
`KIND_ORDER`, then the kind's own urgency (the soonest birthday, the most thirsty…). A
distant person (a weak tie or a seedling) takes at most `DISTANT_PER_KIND` gesture of each
kind a day: an import of 800 contacts with birthdays never floods the list, and a weak tie's
birthday never takes the place of a closer person who needs one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from hortus.core.model import Source
from hortus.garden.closeness import Closeness
from hortus.garden.plants import name_key
from hortus.garden.records import (
    BirthdaySoon,
    Gesture,
    GestureKind,
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
    GestureKind.BIRTHDAY,
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
    """The `limit` best-ranked candidates, a person once (at their best-ranked one), a
    distant person's kind at most `DISTANT_PER_KIND` times. `near` is each contact's
    closeness, by key."""
    chosen: list[Gesture] = []
    seen: set[str] = set()
    distant: Counter[GestureKind] = Counter()
    for candidate in sorted(candidates, key=lambda c: _rank(c, near)):
        if len(chosen) >= limit:
            break
        gesture = candidate.gesture
        if gesture.contact.key in seen:
            continue
        if near[gesture.contact.key][0]:
            if distant[gesture.kind] >= DISTANT_PER_KIND:
                continue
            distant[gesture.kind] += 1
        seen.add(gesture.contact.key)
        chosen.append(gesture)
    return tuple(chosen)


def _rank(candidate: Candidate, near: Mapping[str, Closeness]) -> tuple[object, ...]:
    gesture = candidate.gesture
    kind = KIND_ORDER.index(gesture.kind) if gesture.kind in KIND_ORDER else len(KIND_ORDER)
    return (
        near[gesture.contact.key],
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
) -> Iterator[Candidate]:
    """Unanswered moments, birthdays within 3 days, overdue promises, thanks owed, plants
    that need watering."""
    for moment in moments:
        gesture = Gesture(moment.contact, GestureKind.MOMENT, moment.source, moment)
        yield Candidate(gesture, (-moment.date.toordinal(),))
    for birthday in birthdays:
        if birthday.in_days <= BIRTHDAY_SOON_DAYS:
            gesture = Gesture(birthday.contact, GestureKind.BIRTHDAY, birthday.source, birthday)
            yield Candidate(gesture, (birthday.in_days,))
    for promise in promises:
        if promise.overdue and promise.due is not None:
            gesture = Gesture(promise.contact, GestureKind.PROMISE, promise.source, promise)
            yield Candidate(gesture, (promise.due.toordinal(),))
    for owed in thanks:
        gesture = Gesture(owed.contact, GestureKind.THANKS, owed.source, owed)
        yield Candidate(gesture, (-owed.date.toordinal(),))
    for plant in needs_watering:
        gesture = Gesture(plant.contact, GestureKind.WATER, Source(plant.contact.path, 1), plant)
        yield Candidate(gesture, (-float(plant.thirst or 0),))
