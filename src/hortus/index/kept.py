"""The index kept between runs: what each note brings to it, one record per note.

What a note brings to the index (its involvements and the contacts each goes to, its
promises, the names it links that are no contact, its problems, its introductions, the names
it answers to) depends only on the note's bytes, the settings and every contact's key, name
and aliases (the resolver). So a part made by an earlier run from a note with the same digest,
under the same settings and names, is the part a full build would make now: the loader keeps
the parts in `.hortus/cache.sqlite`, and after a few notes changed only those are decoded and
resolved again. Merging the parts into each contact's tuples, the duplicates and the
suggestions are done again every time from all the parts, exactly as `LiveIndex` does after
resolving every note, so the index is the one a cold build makes. (Resolving is what costs:
merging 50,000 parts takes a tenth of the time.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from hortus.core.config import Config
from hortus.core.model import Contact, Note, Problem
from hortus.index import (
    _NO_CONTACT,
    Facts,
    FindDuplicates,
    Index,
    LiveIndex,
    Part,
    _facts,
    _note_names,
    _part,
)
from hortus.index.contacts import Resolver
from hortus.index.duplicates import duplicate_problems
from hortus.store.codec import CodecError, pack_parts, parts_reader


@dataclass(frozen=True, slots=True)
class Kept:
    """What one note brings to the index, as stored between runs."""

    part: Part
    owner: str | None  # the key of the contact the note is (its record is the contacts table's)
    problems: tuple[Problem, ...]  # the problems of its contact fields
    names: tuple[str, ...]  # the folded names it answers to as a note


_read = parts_reader(Kept)


def pack_kept(kept: Kept) -> bytes | None:
    """The stored record of a part; None when it cannot be stored (its note is then resolved
    again each run, which is only slower)."""
    try:
        return pack_parts(kept)
    except CodecError:
        return None


def read_kept(data: bytes) -> Kept | None:
    """A stored part, or None when the bytes are not one (the note is resolved again)."""
    try:
        return _read(data)
    except CodecError:
        return None


def touched_by(old: Iterable[bytes], new: Iterable[Kept]) -> set[str] | None:
    """The contact keys whose involvements, promises or record changed, given the records
    of the changed notes' parts before (gone notes' too) and their parts now; None when a
    record before cannot be read (so what it brought is not known)."""
    keys: set[str] = set()
    for record in old:
        kept = read_kept(record)
        if kept is None:
            return None
        keys |= _keys_of(kept)
    for kept in new:
        keys |= _keys_of(kept)
    return keys


def _keys_of(kept: Kept) -> set[str]:
    found = kept.part.contacts()
    return found | {kept.owner} if kept.owner is not None else found


def names_key(contacts: Iterable[Contact]) -> str:
    """What a resolver is made of: every contact's path, key, name and aliases (in path order,
    the order the resolver is made in: twins' folded keys depend on it)."""
    rows = sorted((c.path, c.key, c.name, c.aliases) for c in contacts)
    return hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()


# The duplicates (they depend only on the contact notes' bytes and the settings), kept.
KeptDuplicates = Callable[[Sequence[str], Callable[[], list[Problem]]], list[Problem]]
LineOf = Callable[[Contact, str], int]
_read_problems = parts_reader(tuple[Problem, ...])


def pack_problems(problems: Sequence[Problem]) -> bytes | None:
    try:
        return pack_parts(tuple(problems))
    except CodecError:
        return None


def read_problems(data: bytes) -> list[Problem] | None:
    try:
        return list(_read_problems(data))
    except CodecError:
        return None


@dataclass(frozen=True)
class Made:
    """An index made from kept parts and notes resolved now."""

    index: Index
    parts: dict[str, Kept]  # the parts made now, to keep
    names: str  # `names_key` of the contacts it was resolved with


def agrees(kept: Kept, contact: Contact | None) -> bool:
    """A kept part is the note's own only while the contacts table says the same about
    whether the note is a contact, and which."""
    return kept.owner == (contact.key if contact is not None else None)


def kept_index(
    config: Config,
    kept: Mapping[str, Kept],
    contacts: Mapping[str, Contact],
    fresh: Iterable[Note],
    known_problems: Iterable[Problem],
    note_at: Callable[[str], Note | None],
    kept_duplicates: KeptDuplicates | None = None,
) -> Made:
    """The index of every note: those in `kept` by their part (each agreeing with its contact
    in `contacts`, by path), those in `fresh` resolved now. The caller checks that the names
    it was resolved with (`Made.names`) are those the kept parts were made with.
    `kept_duplicates(paths, make)`: the duplicates kept for the contact notes at `paths` as
    they are now, else `make()` (kept for them)."""
    notes = {note.path: note for note in fresh}
    facts = {path: _facts(note, config) for path, note in notes.items()}
    people = {path: c for path, c in contacts.items() if path in kept}
    people.update((path, f.contact) for path, f in facts.items() if f.contact is not None)
    resolver = Resolver(people[path] for path in sorted(people))
    made = {path: _kept_of(note, facts[path], resolver) for path, note in notes.items()}
    every = {**kept, **made}
    live = LiveIndex(config)
    parts = (
        (path, every[path].part, _facts_of(path, every[path], people), every[path].names)
        for path in sorted(every)
    )
    find: FindDuplicates = duplicate_problems
    if kept_duplicates is not None:
        memo = kept_duplicates

        def find_kept(
            people: Sequence[Contact], resolver: Resolver, line_of: LineOf
        ) -> list[Problem]:
            paths = [contact.path for contact in people]
            return memo(paths, lambda: duplicate_problems(people, resolver, line_of))

        find = find_kept
    live.restore(parts, resolver, lambda path: notes.get(path) or note_at(path), find)
    return Made(live.index(known_problems), made, names_key(people.values()))


def _kept_of(note: Note, facts: Facts, resolver: Resolver) -> Kept:
    owner = facts.contact.key if facts.contact is not None else None
    return Kept(_part(note, facts, resolver), owner, facts.problems, _note_names(note))


def _facts_of(path: str, kept: Kept, people: Mapping[str, Contact]) -> Facts:
    if kept.owner is None:
        return _NO_CONTACT
    return Facts(people[path], kept.problems)
