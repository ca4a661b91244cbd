"""Today's short list: a few small gestures drawn from the garden, each person at most once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hortus.core.model import Source
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


def gestures(
    moments: Iterable[KeyMoment],
    birthdays: Iterable[BirthdaySoon],
    promises: Iterable[OpenPromise],
    thanks: Iterable[ThanksOwed],
    needs_watering: Iterable[Plant],
    limit: int,
    *,
    asks: Iterable[AskAfter] = (),
    grown: Iterable[IntroGrown] = (),
) -> tuple[Gesture, ...]:
    """In this order: unanswered moments, events to ask after, birthdays and other dates within
    3 days, overdue promises, thanks owed, introducers to tell, the most thirsty; a person
    appears once, at their first item; at most `limit`."""
    chosen: list[Gesture] = []
    seen: set[str] = set()
    found = _candidates(moments, birthdays, promises, thanks, needs_watering, asks, grown)
    for gesture in found:
        if len(chosen) >= limit:
            break
        if gesture.contact.key not in seen:
            seen.add(gesture.contact.key)
            chosen.append(gesture)
    return tuple(chosen)


def _candidates(
    moments: Iterable[KeyMoment],
    birthdays: Iterable[BirthdaySoon],
    promises: Iterable[OpenPromise],
    thanks: Iterable[ThanksOwed],
    needs_watering: Iterable[Plant],
    asks: Iterable[AskAfter],
    grown: Iterable[IntroGrown],
) -> Iterator[Gesture]:
    for moment in moments:
        yield Gesture(moment.contact, GestureKind.MOMENT, moment.source, moment)
    for ask in asks:
        yield Gesture(ask.contact, GestureKind.ASK, ask.source, ask)
    for birthday in birthdays:
        if birthday.in_days <= BIRTHDAY_SOON_DAYS:
            kind = GestureKind.BIRTHDAY if birthday.occasion == "birthday" else GestureKind.DATE
            yield Gesture(birthday.contact, kind, birthday.source, birthday)
    for promise in promises:
        if promise.overdue:
            yield Gesture(promise.contact, GestureKind.PROMISE, promise.source, promise)
    for owed in thanks:
        yield Gesture(owed.contact, GestureKind.THANKS, owed.source, owed)
    for loop in grown:
        yield Gesture(loop.contact, GestureKind.THANKS, loop.source, loop)
    for plant in needs_watering:
        source = Source(plant.contact.path, 1)
        yield Gesture(plant.contact, GestureKind.WATER, source, plant)
