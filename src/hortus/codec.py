"""Records to JSON text and back, generically, for the on-disk cache.

Every frozen dataclass and enum defined in the modules of `_MODULES` can be stored: the encoder
walks dataclass fields, so a field added to a record needs no change here (bump
`cache.CACHE_VERSION` instead). Decoding builds only those classes and plain values: a tampered
cache can at worst make hortus compute a wrong garden until the file changes, never run code
(which is why this is not pickle). Anything unexpected raises `CodecError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
import zlib
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from types import ModuleType
from typing import Any

import hortus.garden.plants as plants
import hortus.garden.records as records
import hortus.model as model

# Where the records live (not where they are re-exported from: `hortus.garden` only re-exports).
_MODULES: tuple[ModuleType, ...] = (model, records, plants)
_TAG = "~"  # every JSON object the encoder writes is tagged; plain values stay plain


class CodecError(ValueError):
    """The value cannot be stored, or the text is not something this module wrote."""


def _registry() -> dict[str, type]:
    found: dict[str, type] = {}
    for module in _MODULES:
        for name, value in vars(module).items():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            if dataclasses.is_dataclass(value) or issubclass(value, enum.Enum):
                found[f"{module.__name__.rsplit('.', 1)[-1]}.{name}"] = value
    return found


_CLASSES = _registry()
_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """Fields in declaration order: records are stored positionally (a changed record then
    fails to decode, and is simply read again from its note)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_NAMES = {cls: name for name, cls in _CLASSES.items()}


def dumps(value: object) -> str:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def pack(value: object) -> bytes:
    """`dumps`, compressed (fast zlib): what the cache stores for each record."""
    return zlib.compress(dumps(value).encode("utf-8"), 1)


def unpack(data: object) -> Any:
    if not isinstance(data, bytes):
        raise CodecError("not a packed hortus record")
    try:
        text = zlib.decompress(data)
    except zlib.error as exc:
        raise CodecError(f"not a packed hortus record ({exc})") from exc
    return loads(text)


def loads(text: str | bytes) -> Any:
    try:
        return json.loads(text, object_hook=_decode)
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise CodecError(f"not a hortus record ({exc})") from exc


def _encode(value: object) -> object:
    kind = type(value)
    if kind in _SCALARS:
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is not None:
        return encoder(value)
    if isinstance(value, str | bool | int | float):
        raise CodecError(f"cannot store a {kind.__name__}")  # a subclass we do not know
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {_TAG: "dict", "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, Fraction):
        return {_TAG: "fraction", "v": [value.numerator, value.denominator]}
    raise CodecError(f"cannot store a {kind.__name__}")


def _record_encoder(cls: type) -> Callable[[Any], object]:
    """The encoder of one record class: its fields in order (thousands of records a second on
    a big vault's first run, hence one small function per class rather than one big test)."""
    name = _NAMES[cls]
    if issubclass(cls, enum.Enum):
        return lambda value: {_TAG: name, "v": value.value}
    names = _field_names(cls)
    get = attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)
    return lambda value: {_TAG: name, "f": [_encode(item) for item in get(value)]}


def _sequence_encoder(tag: str) -> Callable[[Any], object]:
    return lambda value: {_TAG: tag, "v": [_encode(item) for item in value]}


# Exact types only (`type(value)`): a `StrEnum` member is a `str` too, but is stored as itself.
_SCALARS = frozenset({str, bool, int, float, type(None)})
_ENCODERS: dict[type, Callable[[Any], object]] = {
    **{cls: _record_encoder(cls) for cls in _NAMES},
    tuple: _sequence_encoder("tuple"),
    frozenset: _sequence_encoder("frozenset"),
    set: _sequence_encoder("set"),
    list: lambda value: [_encode(item) for item in value],
}


_PLAIN: dict[str, Callable[[Any], object]] = {
    "tuple": tuple,
    "frozenset": lambda items: frozenset(items) if items else model.NO_TAGS,
    "set": set,
    "dict": lambda pairs: {_hashable(k): v for k, v in pairs},
    "datetime": dt.datetime.fromisoformat,
    "date": lru_cache(maxsize=1 << 14)(dt.date.fromisoformat),  # ten years of days, shared
    "fraction": lambda pair: Fraction(*pair),
}
# Names, paths and tags come back hundreds of thousands of times on a big vault: one copy each.
_SHARED_LENGTH = 64


def _hashable(key: object) -> object:
    return tuple(key) if isinstance(key, list) else key


def _decode(obj: dict[str, Any]) -> object:
    tag = obj.get(_TAG)
    if not isinstance(tag, str):
        raise CodecError("untagged object")
    plain = _PLAIN.get(tag)
    if plain is not None:
        return plain(obj["v"])
    cls = _CLASSES.get(tag)
    if cls is None:
        raise CodecError(f"unknown record {tag!r}")
    if issubclass(cls, enum.Enum):
        return cls(obj["v"])
    return cls(*(_shared(value) for value in obj["f"]))


def _shared(value: object) -> object:
    if type(value) is str and len(value) <= _SHARED_LENGTH:
        return sys.intern(value)
    return value
