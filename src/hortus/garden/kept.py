"""Each contact's growth kept between runs, for one day: after one note changed, growing every
plant again was the garden's main cost (1.2 s of 1.5 at 10,000 contacts).

A growth (`Growth`) depends only on its contact's record, the contact's involvements and
promises, the day and the settings. The loader keeps each contact's growth with the day, the
settings and the generation of the index's kept parts it was grown from, and carries it to the
next generation unless a changed note touched that contact (store/cache.py `save_parts`). A
kept growth is stored without its `life` (`compute_garden` makes it again from the index for
the few contacts that need it), and is used only for the very contact record the index has now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from hortus.core.config import Config
from hortus.core.model import Contact, Source
from hortus.garden import GardenMemo, Growth
from hortus.garden.records import (
    AskAfter,
    BirthdaySoon,
    Breathe,
    Drifting,
    GiveBack,
    KeyMoment,
    OpenPromise,
    Plant,
    Resting,
    ThanksOwed,
)
from hortus.index import Index
from hortus.store.codec import CodecError, pack_parts, parts_reader

_NameKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class _Kept:
    """A `Growth` as stored: every field but `life` (its types written out for the reader)."""

    plant: Plant
    name: _NameKey
    near: tuple[bool, int]
    moments: tuple[KeyMoment, ...]
    birthday: BirthdaySoon | None
    dates: tuple[BirthdaySoon, ...]
    asks: tuple[AskAfter, ...]
    promises: tuple[tuple[tuple[bool, dt.date, _NameKey, Source], OpenPromise], ...]
    thanks: tuple[ThanksOwed, ...]
    give_back: GiveBack | None
    breathe: Breathe | None
    drifting: Drifting | None
    resting: Resting | None
    rediscover: tuple[str, _NameKey] | None
    recent: frozenset[tuple[str, int, dt.date]]


_FIELDS = tuple(f.name for f in fields(_Kept))
_read = parts_reader(_Kept)


def pack_growth(growth: Growth) -> bytes | None:
    """The stored record of a growth; None when it cannot be stored (grown again next run)."""
    try:
        return pack_parts(_Kept(*(getattr(growth, name) for name in _FIELDS)))
    except CodecError:
        return None


def read_growth(data: bytes) -> Growth | None:
    """A stored growth, without its life; None when the bytes are not one."""
    try:
        kept = _read(data)
    except CodecError:
        return None
    return Growth(life=None, **{name: getattr(kept, name) for name in _FIELDS})


class KeptGrowths(GardenMemo):
    """The garden's memo from the growths kept for today: a contact not in `kept`, or whose
    record is not the one kept, is grown (and listed in `made`, to be kept)."""

    def __init__(self, kept: Mapping[str, bytes]) -> None:
        super().__init__()
        self._stored = kept
        self.made: dict[str, Growth] = {}

    def grow(self, contact: Contact, index: Index, today: dt.date, config: Config) -> Growth:
        data = self._stored.get(contact.key)
        if data is not None:
            growth = read_growth(data)
            if growth is not None and growth.plant.contact == contact:
                return growth
        growth = super().grow(contact, index, today, config)
        self.made[contact.key] = growth
        return growth
