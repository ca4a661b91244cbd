"""Closeness: the first key of every list of the garden and of today's gestures.

The inner circle before close, close before network, network before weak (the order of
`[circles]` in hortus.toml, see `Config.circle_order`), and the distant last: weak ties
(circle `weak` or a cadence of 180 days or more) and seedlings (nobody written down yet).
Within the same closeness each list puts its most urgent first.
"""

from __future__ import annotations

from collections.abc import Mapping

from hortus.core.config import Config
from hortus.core.model import Contact
from hortus.garden.records import Plant, State

WEAK_CADENCE = 180

# (distant, the circle's rank): smaller is closer.
Closeness = tuple[bool, int]
FAR: Closeness = (True, 1_000_000)  # someone the garden has no plant for (an introducer's…)


def is_weak_tie(contact: Contact) -> bool:
    return contact.circle == "weak" or contact.cadence_days >= WEAK_CADENCE


def is_distant(plant: Plant) -> bool:
    """A weak tie or a seedling: ranked after everyone closer, and at most one gesture of
    each kind a day (`gestures`)."""
    return plant.state is State.SEEDLING or is_weak_tie(plant.contact)


def circle_ranks(config: Config) -> Mapping[str, int]:
    return {name: rank for rank, name in enumerate(config.circle_order)}


def closeness(plant: Plant, ranks: Mapping[str, int]) -> Closeness:
    """A circle missing from the order (the index maps unknown circles to `network`, so only
    a hand-made contact) goes after the known ones."""
    return (is_distant(plant), ranks.get(plant.contact.circle, len(ranks)))
