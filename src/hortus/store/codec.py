"""Parsed notes to bytes and back: the on-disk cache's records, and how a note crosses from a
worker process to the main one.

msgpack through msgspec, decoded against the record classes' type hints: decoding builds only a
`Note` and the records it holds, checked field by field, so a tampered cache can at worst make
hortus compute a wrong garden until the file changes, never run code (which is why this is not
pickle). It is also ten times faster than the JSON codec it replaced (a big vault's first run
spent 2.5 s encoding records, every later run 2 s decoding them).

A record class's new field needs no change here (bump `cache.CACHE_VERSION`). Front-matter
values are what notes/read.py makes of YAML: text, None (`key:` with no value), lists and
mappings with text keys, all of which msgpack holds as they are. Any other value (only a caller
other than the reader can make one) raises `CodecError`: that note then simply keeps no record
and is read again each run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from typing import TypeVar

import msgspec

from hortus.core.model import Contact, Meta, Note


class CodecError(ValueError):
    """The value cannot be stored, or the bytes are not something this module wrote."""


def pack(note: Note) -> bytes:
    """The cache's record of `note`."""
    if note.meta.values:
        values = {key: _value(value) for key, value in note.meta.values.items()}
        note = dataclasses.replace(note, meta=Meta(values, note.meta.lines))
    try:
        return _ENCODER.encode(note)
    except (TypeError, ValueError, OverflowError) as exc:
        raise CodecError(f"cannot store this note ({exc})") from exc


def unpack(data: bytes) -> Note:
    try:
        return _NOTE.decode(data)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError) as exc:
        raise CodecError(f"not a hortus record ({exc})") from exc


def pack_contact(contact: Contact) -> bytes:
    """The cache's record of a contact (the loader keeps one per contact note)."""
    fields = {key: _value(value) for key, value in contact.fields.items()}
    try:
        return _ENCODER.encode(dataclasses.replace(contact, fields=fields))
    except (TypeError, ValueError, OverflowError) as exc:
        raise CodecError(f"cannot store this contact ({exc})") from exc


def unpack_contact(data: bytes) -> Contact:
    try:
        return _CONTACT.decode(data)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError) as exc:
        raise CodecError(f"not a hortus contact record ({exc})") from exc


_R = TypeVar("_R")


def pack_parts(value: object) -> bytes:
    """A record made only of records (dataclasses), text, numbers, exact fractions and dates
    (what one note brings to the index: index/kept.py; a contact's growth: garden/kept.py);
    raises `CodecError` for anything else."""
    try:
        return _PARTS.encode(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise CodecError(f"cannot store this record ({exc})") from exc


def parts_reader(kind: type[_R]) -> Callable[[bytes], _R]:
    """The reader of `kind`'s records, checked field by field against its type hints, as
    `unpack` reads a note: bytes that are not such a record raise `CodecError`."""
    decoder = msgspec.msgpack.Decoder(kind, dec_hook=_from_fraction)

    def read(data: bytes) -> _R:
        try:
            return decoder.decode(data)
        except (msgspec.DecodeError, ValueError, TypeError, RecursionError) as exc:
            raise CodecError(f"not a hortus record ({exc})") from exc

    return read


def _value(value: object) -> object:
    """A front-matter value checked to be one that reads back the same: exact types only, so a
    number or a date (which the reader never makes) is refused rather than turned into text."""
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is list:
        return [_value(item) for item in value]  # type: ignore[attr-defined]
    if kind is dict and all(type(key) is str for key in value):  # type: ignore[attr-defined]
        return {key: _value(item) for key, item in value.items()}  # type: ignore[attr-defined]
    raise CodecError(f"cannot store a {kind.__name__} front-matter value")


def _to_fraction(value: object) -> object:
    """A thirst is an exact `Fraction`: stored as its numerator and denominator."""
    if type(value) is Fraction:
        return (value.numerator, value.denominator)
    raise TypeError(f"cannot store a {type(value).__name__}")


def _from_fraction(kind: type, value: object) -> object:
    if kind is object:  # a front-matter value (`Contact.fields`): msgpack's own types
        return value
    if kind is Fraction and isinstance(value, list) and len(value) == 2:
        numerator, denominator = value
        if type(numerator) is int and type(denominator) is int and denominator > 0:
            return Fraction(numerator, denominator)
    raise TypeError(f"not a {kind.__name__}")


_ENCODER = msgspec.msgpack.Encoder()
_PARTS = msgspec.msgpack.Encoder(enc_hook=_to_fraction)
_NOTE = msgspec.msgpack.Decoder(Note)
_CONTACT = msgspec.msgpack.Decoder(Contact)
