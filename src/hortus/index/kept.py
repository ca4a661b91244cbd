"""The index kept between runs, so that after a few notes changed only they are read again.

What a note brings to the index (its part: its involvements and the contacts each goes to, its
promises, the names it links that are no contact, its problems, its introductions, the names
it answers to) depends only on the note's bytes, the settings and every contact's key, name
and aliases (the resolver). So a part made by an earlier run from a note with the same digest,
under the same settings and names, is the part a full build would make now. The loader keeps,
in `.hortus/cache.sqlite`, every note's part, every contact's tuples (involvements and
promises: `Row`) and the `Head` (all the rest), and after a few notes changed:

- `patched_index`: their parts before and now give the contacts they touched; only those
  contacts' tuples are read and patched (the old items of the changed notes out, the new ones
  in, in path order, as a merge of every part gives them), and the head likewise; the other
  contacts' tuples are read only if asked for (the garden keeps their growths: garden/kept.py);
- `kept_index`, when the head or the tuples cannot be used: every kept part is read and merged
  again as `LiveIndex` merges them, only the changed notes resolved again;
- both give the index a cold build gives; a change of names or settings makes every part again.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from hortus.core.config import Config
from hortus.core.model import Contact, Introduction, Involvement, Note, Problem, Promise, Unresolved
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
_T = TypeVar("_T")


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
# The duplicates found, and the digest of each file they are at.
Duplicates = tuple[tuple[Problem, ...], tuple[tuple[str, str], ...]]
_read_duplicates = parts_reader(tuple[tuple[Problem, ...], tuple[tuple[str, str], ...]])


def pack_duplicates(found: Duplicates) -> bytes | None:
    try:
        return pack_parts(found)
    except CodecError:
        return None


def read_duplicates(data: bytes) -> Duplicates | None:
    try:
        return _read_duplicates(data)
    except CodecError:
        return None


@dataclass(frozen=True)
class Made:
    """An index made from kept parts and notes resolved now."""

    index: Index
    parts: dict[str, Kept]  # the parts made now, to keep
    names: str  # `names_key` of the contacts it was resolved with
    head: Head  # what to keep besides the parts and the tuples (its `keys` to fill in)


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
    head = head_of(every)
    return Made(live.index(known_problems), made, names_key(people.values()), head)


def _kept_of(note: Note, facts: Facts, resolver: Resolver) -> Kept:
    owner = facts.contact.key if facts.contact is not None else None
    return Kept(_part(note, facts, resolver), owner, facts.problems, _note_names(note))


def _facts_of(path: str, kept: Kept, people: Mapping[str, Contact]) -> Facts:
    if kept.owner is None:
        return _NO_CONTACT
    return Facts(people[path], kept.problems)


# -- the index without its parts: after a few notes changed, only their parts and the tuples
# of the contacts they touch are read (the garden keeps the other contacts' growths).

Row = tuple[tuple[Involvement, ...], tuple[Promise, ...]]  # a contact's tuples
Rows = Callable[[Collection[str]], dict[str, Row]]  # the rows kept for these keys


@dataclass(frozen=True, slots=True)
class Loose:
    """What a note with unresolved names or problems brings besides its tuples."""

    names: tuple[Unresolved, ...]
    problems: tuple[Problem, ...]
    contact_problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Head:
    """All the index holds besides each contact's tuples, kept with the parts' generation."""

    loose: dict[str, Loose]
    introductions: dict[str, tuple[Introduction, ...]]
    names: dict[str, int]  # the folded names notes answer to, with how many notes do
    keys: dict[str, str]  # each contact key that has a row of tuples, with the row's seal


_read_head = parts_reader(Head)
_read_row = parts_reader(tuple[tuple[Involvement, ...], tuple[Promise, ...]])


def read_head(data: bytes) -> Head | None:
    try:
        return _read_head(data)
    except CodecError:
        return None


def read_row(data: bytes) -> Row | None:
    try:
        return _read_row(data)
    except CodecError:
        return None


def pack(value: Head | Row) -> bytes | None:
    try:
        return pack_parts(value)
    except CodecError:
        return None


def head_of(every: Mapping[str, Kept]) -> Head:
    """The head of an index of these parts (its `keys` to be filled in as rows are kept)."""
    loose = {
        path: Loose(k.part.names, k.part.problems, k.problems)
        for path, k in every.items()
        if k.part.names or k.part.problems or k.problems
    }
    introductions = {p: k.part.introductions for p, k in every.items() if k.part.introductions}
    names: Counter[str] = Counter()
    for kept in every.values():
        names.update(kept.names)
    return Head(loose, introductions, dict(names), {})


def rows_of(index: Index) -> dict[str, Row]:
    """Each contact's tuples, as kept."""
    keys = {*index.involvements, *index.promises}
    return {key: (index.involvements.get(key, ()), index.promises.get(key, ())) for key in keys}


@dataclass(frozen=True)
class Patched:
    """An index patched with a few notes' parts: what to keep of it."""

    index: Index
    parts: dict[str, Kept]  # the parts made now
    rows: dict[str, Row | None]  # the touched contacts' rows (None: none left)
    head: Head  # its `keys` without the touched contacts (filled in as their rows are kept)
    touched: set[str]


def patched_index(
    config: Config,
    head: Head,
    old: Mapping[str, Kept],
    fresh: Iterable[Note],
    contacts: Mapping[str, Contact],
    rows: Rows,
    known_problems: Iterable[Problem],
    note_at: Callable[[str], Note | None],
    kept_duplicates: KeptDuplicates,
) -> Patched | None:
    """The index after the notes in `old` (their parts before) changed to `fresh` (the
    others' parts are in the tuples `rows` reads, and in `head`); None when the contacts
    table and the notes disagree (the caller builds the index whole)."""
    notes = {note.path: note for note in fresh}
    facts = {path: _facts(note, config) for path, note in notes.items()}
    gone = [path for path in old if path not in notes]
    if any(contacts.get(p) != f.contact for p, f in facts.items()) or any(
        p in contacts for p in gone
    ):
        return None
    resolver = Resolver(contacts[path] for path in sorted(contacts))
    made = {path: _kept_of(note, facts[path], resolver) for path, note in notes.items()}
    touched: set[str] = set().union(*(_keys_of(k) for k in (*old.values(), *made.values())))
    changed = {*old, *made}
    before = rows([key for key in touched if key in head.keys])
    fresh_rows = _patched_rows(touched, before, [made[p] for p in sorted(made)], changed)
    new_head = _patched_head(head, old, made, touched)
    tuples = _KeptRows({*new_head.keys, *(k for k, r in fresh_rows.items() if r)}, fresh_rows, rows)
    live = LiveIndex(config)
    loose = {p: Part((), (), x.names, x.problems) for p, x in new_head.loose.items()}
    every_facts = {p: Facts(c, _contact_problems(new_head, p)) for p, c in contacts.items()}
    every_facts.update((p, _NO_CONTACT) for p in loose if p not in contacts)
    live.restore_head(
        every_facts,
        loose,
        dict(new_head.introductions),
        Counter(new_head.names),
        (_Tuples(tuples, 0), _Tuples(tuples, 1)),
        resolver,
        lambda path: notes.get(path) or note_at(path),
        _kept_finder(kept_duplicates),
    )
    return Patched(live.index(known_problems), made, fresh_rows, new_head, touched)


def _contact_problems(head: Head, path: str) -> tuple[Problem, ...]:
    loose = head.loose.get(path)
    return loose.contact_problems if loose is not None else ()


def _patched_rows(
    touched: Iterable[str], before: Mapping[str, Row], parts: Sequence[Kept], changed: set[str]
) -> dict[str, Row | None]:
    """Each touched contact's tuples: the kept ones without the changed notes' items, with
    their new items, in path order (a stable sort keeps each note's own order): what merging
    every part in path order gives."""
    found: dict[str, Row | None] = {}
    for key in touched:
        involvements, promises = before.get(key, ((), ()))
        found_inv = [i for i in involvements if i.path not in changed]
        found_inv += [i for kept in parts for i in kept.part.involvements_of(key)]
        found_pro = [p for p in promises if p.path not in changed]
        found_pro += [p for kept in parts for k, p in kept.part.promises if k == key]
        found_inv.sort(key=_path_of)
        found_pro.sort(key=_path_of)
        found[key] = (tuple(found_inv), tuple(found_pro)) if found_inv or found_pro else None
    return found


def _path_of(item: Involvement | Promise) -> str:
    return item.path


def _patched_head(
    head: Head, old: Mapping[str, Kept], made: Mapping[str, Kept], touched: set[str]
) -> Head:
    changed = {*old, *made}
    names = Counter(head.names)
    for kept in old.values():
        names.subtract(kept.names)
    for kept in made.values():
        names.update(kept.names)
    new = head_of(made)
    loose = {p: x for p, x in head.loose.items() if p not in changed} | new.loose
    intros = {p: i for p, i in head.introductions.items() if p not in changed}
    intros |= new.introductions
    keys = {key: seal for key, seal in head.keys.items() if key not in touched}
    return Head(loose, intros, {n: c for n, c in names.items() if c > 0}, keys)


def _kept_finder(kept_duplicates: KeptDuplicates) -> FindDuplicates:
    def find_kept(people: Sequence[Contact], resolver: Resolver, line_of: LineOf) -> list[Problem]:
        paths = [contact.path for contact in people]
        return kept_duplicates(paths, lambda: duplicate_problems(people, resolver, line_of))

    return find_kept


class _KeptRows:
    """Each contact's tuples: the patched ones, else read when first asked for."""

    def __init__(self, keys: set[str], patched: Mapping[str, Row | None], rows: Rows) -> None:
        self.keys = keys
        self._found: dict[str, Row] = {k: r for k, r in patched.items() if r is not None}
        self._rows = rows

    def row(self, key: str) -> Row | None:
        if key not in self.keys:
            return None
        if key not in self._found:
            self._found.update(self._rows([key]))
        return self._found.get(key)

    def all(self) -> None:
        """Every row read at once (for a caller that goes through every contact)."""
        self._found.update(self._rows([key for key in self.keys if key not in self._found]))


class _Tuples(Mapping[str, tuple[_T, ...]]):
    """One of the index's mappings (`which`: 0 involvements, 1 promises) over kept rows."""

    def __init__(self, rows: _KeptRows, which: int) -> None:
        self._rows = rows
        self._which = which

    def __getitem__(self, key: str) -> tuple[_T, ...]:
        row = self._rows.row(key)
        items: tuple[_T, ...] = row[self._which] if row is not None else ()  # type: ignore[assignment]
        if not items:
            raise KeyError(key)
        return items

    def __iter__(self) -> Iterator[str]:
        self._rows.all()
        return iter([key for key in sorted(self._rows.keys) if key in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)
