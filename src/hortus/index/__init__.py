"""Notes into an `Index`: who the contacts are, and which dated entries involve each of them.

The index does not depend on today's date (so it can be cached); the garden does.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from hortus.core.config import Config, date_value
from hortus.core.model import (
    Contact,
    Entry,
    Introduction,
    Involvement,
    Note,
    Problem,
    Promise,
    Source,
    Task,
    Unresolved,
)
from hortus.core.said import said
from hortus.index.contacts import (
    Resolver,
    aliases_of,
    field_value,
    is_contact_note,
    read_contact,
    suggest,
)
from hortus.index.contacts import bare as bare
from hortus.index.contacts import fold as fold  # re-exported: names are compared the same way after
from hortus.index.contacts import names_of as names_of
from hortus.index.contacts import strip_md as strip_md
from hortus.index.duplicates import duplicate_problems
from hortus.index.introductions import INTRO_TAG, intro_entry, met_through, settled

_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Index:
    contacts: tuple[Contact, ...]
    involvements: Mapping[str, tuple[Involvement, ...]]  # by contact key, in file order
    unresolved: tuple[Unresolved, ...]
    problems: tuple[Problem, ...]
    promises: Mapping[str, tuple[Promise, ...]] = field(default_factory=dict)  # open tasks
    introductions: tuple[Introduction, ...] = ()  # one per pair, directed, by source
    related: tuple[Contact, ...] = ()  # a person index's: the people its introductions name


def build_index(
    notes: Sequence[Note], config: Config, known_problems: Iterable[Problem] = ()
) -> Index:
    """`known_problems` (files that could not be read, bad settings) join the index's own."""
    return LiveIndex(config).update(notes, known_problems)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a note says about itself: the contact it is (if any) and the problems of the
    contact's fields."""

    contact: Contact | None
    problems: tuple[Problem, ...]

    @property
    def who(self) -> tuple[str, str, tuple[str, ...]] | None:
        """What the resolver learns from the note: a contact's key, name and aliases."""
        contact = self.contact
        return None if contact is None else (contact.key, contact.name, contact.aliases)


_NO_CONTACT = _Facts(None, ())  # what most notes say about themselves: one record for them all
Facts = _Facts  # named for index/kept.py, which stores what a note brings between runs

# One involvement and the keys of the contacts it goes to: an entry that mentions six people
# is one record in six contacts' tuples (it is the same value for each), not six records.
_Shared = tuple[tuple[str, ...], Involvement]


@dataclass(frozen=True, slots=True)
class _Part:
    """What one note brings to the index, in file order."""

    involvements: tuple[_Shared, ...]
    promises: tuple[tuple[str, Promise], ...]  # (contact key, promise)
    names: tuple[Unresolved, ...]  # links to no contact: unresolved unless a note has the name
    problems: tuple[Problem, ...]
    introductions: tuple[Introduction, ...] = ()

    def contacts(self) -> set[str]:
        return {key for keys, _ in self.involvements for key in keys} | {
            key for key, _ in self.promises
        }

    def involvements_of(self, key: str) -> list[Involvement]:
        return [involvement for keys, involvement in self.involvements if key in keys]


Part = _Part  # named for index/kept.py
FindDuplicates = Callable[
    [Sequence[Contact], Resolver, Callable[[Contact, str], int]], list[Problem]
]


class LiveIndex:
    """The index, kept up to date note by note (the watcher keeps one between saves).

    A note is known by identity: the engine keeps the very same `Note` object while its file
    is unchanged. While no contact is added, removed, renamed or given other aliases, only the
    changed notes are indexed again and only the contacts they touch get new tuples (so the
    garden's memo keeps every other contact); otherwise every note is indexed again.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._reset()

    def _reset(self) -> None:
        self.notes: dict[str, Note] = {}
        self.facts: dict[str, _Facts] = {}
        self.note_names: Counter[str] = Counter()
        self.loose: dict[str, _Part] = {}  # the parts with names or problems, by path
        self.involvements: dict[str, tuple[Involvement, ...]] = {}
        self.promises: dict[str, tuple[Promise, ...]] = {}
        self.introductions: dict[str, tuple[Introduction, ...]] = {}  # by path (few notes)
        self.resolver = Resolver(())
        self.contacts: tuple[Contact, ...] | None = None  # sorted by name; None: to sort again
        self.duplicates: list[Problem] = []  # made again with `contacts`
        self.note_at: Callable[[str], Note | None] = self.notes.get  # see `restore`
        self.find_duplicates: FindDuplicates = duplicate_problems  # see `restore`
        self.kept_tuples: (
            tuple[Mapping[str, tuple[Involvement, ...]], Mapping[str, tuple[Promise, ...]]] | None
        ) = None  # see `restore_head`

    def update(self, notes: Sequence[Note], known_problems: Iterable[Problem] = ()) -> Index:
        """The index of `notes`: every note of the vault, in file order."""
        if not self.notes:
            self._rebuild(notes, {note.path: _facts(note, self.config) for note in notes})
            return self._index(known_problems)
        present = {note.path for note in notes}
        changed: dict[str, Note | None] = {
            note.path: note for note in notes if self.notes.get(note.path) is not note
        }
        changed.update((path, None) for path in self.notes if path not in present)
        return self.patch(changed, known_problems)

    def patch(
        self, changed: Mapping[str, Note | None], known_problems: Iterable[Problem] = ()
    ) -> Index:
        """The index after the notes at these paths changed (None: the note is gone), the
        others being the same objects as before. Involvements patched in keep path order."""
        fresh = {path: _facts(note, self.config) for path, note in changed.items() if note}
        gone = [path for path, note in changed.items() if note is None and path in self.notes]
        notes = [note for note in changed.values() if note is not None]
        if self._names_change(fresh, gone):
            kept = [note for path, note in self.notes.items() if path not in changed]
            self._rebuild(sorted([*kept, *notes], key=lambda n: n.path), fresh)
        else:
            self._patch(notes, fresh, gone)
        return self._index(known_problems)

    def _names_change(self, fresh: Mapping[str, _Facts], gone: Iterable[str]) -> bool:
        if any(self.facts[path].contact is not None for path in gone):
            return True
        return any(
            (old.who if (old := self.facts.get(path)) else None) != facts.who
            for path, facts in fresh.items()
        )

    def _rebuild(self, notes: Sequence[Note], fresh: Mapping[str, _Facts]) -> None:
        facts = [fresh.get(note.path) or self.facts[note.path] for note in notes]
        self._reset()
        self.resolver = Resolver(f.contact for f in facts if f.contact is not None)
        self._merge(self._add(note, f) for note, f in zip(notes, facts, strict=True))

    def restore(
        self,
        parts: Iterable[tuple[str, Part, Facts, tuple[str, ...]]],
        resolver: Resolver,
        note_at: Callable[[str], Note | None],
        find_duplicates: FindDuplicates = duplicate_problems,
    ) -> None:
        """Every note's part made already (index/kept.py keeps them between runs), in path
        order, each with the note's facts and names, and the resolver they were made with:
        the index `_rebuild` makes of those notes. `note_at` gives a note not kept here (the
        few whose lines or dates an introduction or a duplicate needs); `find_duplicates`
        may give the duplicates kept for the same contacts."""
        self._reset()
        self.resolver = resolver
        self.note_at = note_at
        self.find_duplicates = find_duplicates
        self._merge(self._take(path, part, facts, names) for path, part, facts, names in parts)

    def restore_head(
        self,
        facts: dict[str, Facts],
        loose: dict[str, Part],
        introductions: dict[str, tuple[Introduction, ...]],
        note_names: Counter[str],
        tuples: tuple[Mapping[str, tuple[Involvement, ...]], Mapping[str, tuple[Promise, ...]]],
        resolver: Resolver,
        note_at: Callable[[str], Note | None],
        find_duplicates: FindDuplicates,
    ) -> None:
        """The index from what it holds besides each note's part (index/kept.py keeps it):
        the facts of contact notes and loose notes, the loose parts, the introductions, the
        note names, and each contact's tuples (`tuples`, read when asked for)."""
        self._reset()
        self.facts, self.loose, self.introductions = facts, loose, introductions
        self.note_names = note_names
        self.kept_tuples = tuples
        self.resolver, self.note_at, self.find_duplicates = resolver, note_at, find_duplicates

    def _merge(self, parts: Iterable[Part]) -> None:
        """Each contact's involvements and promises, from every note's part in path order."""
        involvements: dict[str, list[Involvement]] = defaultdict(list)
        promises: dict[str, list[Promise]] = defaultdict(list)
        for part in parts:
            for keys, involvement in part.involvements:
                for key in keys:
                    involvements[key].append(involvement)
            for key, promise in part.promises:
                promises[key].append(promise)
        self.involvements = {key: tuple(items) for key, items in involvements.items()}
        self.promises = {key: tuple(items) for key, items in promises.items()}

    def _patch(
        self, changed: Iterable[Note], fresh: Mapping[str, _Facts], gone: Iterable[str]
    ) -> None:
        touched: set[str] = set()
        new: dict[str, _Part] = {}
        for path in gone:
            touched |= self._drop(path)
        for note in changed:
            touched |= self._drop(note.path)
            new[note.path] = self._add(note, fresh[note.path])
            touched |= new[note.path].contacts()
            contact = fresh[note.path].contact
            if contact is not None:  # a new record (same names): sorted again, garden again
                self.contacts = None
                touched.add(contact.key)
        # A touched contact's tuples: the old ones without the changed notes' items, with
        # their new items, in path order (a stable sort keeps each note's own order).
        paths = {*gone, *new}
        parts = [new[path] for path in sorted(new)]
        for key in touched:
            kept = [i for i in self.involvements.get(key, ()) if i.path not in paths]
            kept += [i for part in parts for i in part.involvements_of(key)]
            _store(self.involvements, key, tuple(sorted(kept, key=_path_of)))
            promised = [p for p in self.promises.get(key, ()) if p.path not in paths]
            promised += [p for part in parts for k, p in part.promises if k == key]
            _store(self.promises, key, tuple(sorted(promised, key=_path_of)))

    def _add(self, note: Note, facts: _Facts) -> _Part:
        self.notes[note.path] = note
        return self._take(note.path, _part(note, facts, self.resolver), facts, _note_names(note))

    def _take(self, path: str, part: _Part, facts: _Facts, names: tuple[str, ...]) -> _Part:
        """What a note brings besides its involvements and promises (merged by the caller)."""
        self.facts[path] = facts
        self.note_names.update(names)
        _store(self.introductions, path, part.introductions)
        if part.names or part.problems or facts.problems:
            self.loose[path] = part
        return part

    def _drop(self, path: str) -> set[str]:
        """Forget a note; the contact keys whose tuples must be made again (what the note
        brought is worked out again: the resolver has not changed, and keeping every note's
        part would cost more memory than the work saved)."""
        note = self.notes.pop(path, None)
        if note is None:
            return set()
        facts = self.facts.pop(path)
        self.note_names.subtract(_note_names(note))
        self.loose.pop(path, None)
        self.introductions.pop(path, None)
        return _part(note, facts, self.resolver).contacts()

    def index(self, known_problems: Iterable[Problem] = ()) -> Index:
        """The index as it stands (after `update`, `patch` or `restore`)."""
        return self._index(known_problems)

    def _index(self, known_problems: Iterable[Problem]) -> Index:
        if self.contacts is None:
            found = [f.contact for f in self.facts.values() if f.contact is not None]
            self.contacts = tuple(sorted(found, key=lambda c: (fold(c.name), c.name, c.key)))
            self.duplicates = self.find_duplicates(self.contacts, self.resolver, self._line_of)
        names = self.note_names
        unresolved = [
            name
            for part in self.loose.values()
            for name in part.names
            if not _is_note(name.target, names)
        ]
        unresolved, near = suggest(unresolved, self.contacts)
        problems = {*known_problems, *near, *self.duplicates}
        for path, part in self.loose.items():
            problems.update(part.problems)
            problems.update(self.facts[path].problems)
        involvements, promises = self.kept_tuples or (dict(self.involvements), dict(self.promises))
        return Index(
            self.contacts,
            involvements,
            tuple(sorted(unresolved, key=lambda u: (fold(u.target), u.source, u.target))),
            tuple(sorted(problems)),
            promises,
            self._introductions(),
        )

    def _introductions(self) -> tuple[Introduction, ...]:
        found = [i for path in sorted(self.introductions) for i in self.introductions[path]]
        if all(i.written for i in found):
            return settled(found, _no_dates)
        paths = {f.contact.key: path for path, f in self.facts.items() if f.contact}
        return settled(found, lambda key: _own_dates(self.note_at(paths.get(key, ""))))

    def _line_of(self, contact: Contact, key: str) -> int:
        note = self.note_at(contact.path)
        return note.meta.line_of(key) if note is not None else 1


def _no_dates(key: str) -> Sequence[dt.date]:
    return ()


def _own_dates(note: Note | None) -> list[dt.date]:
    return [entry.date for entry in note.entries] if note is not None else []


def _path_of(item: Involvement | Promise) -> str:
    return item.path


def _store(table: dict[str, tuple[_T, ...]], key: str, items: tuple[_T, ...]) -> None:
    if items:
        table[key] = items
    else:
        table.pop(key, None)


def _facts(note: Note, config: Config) -> _Facts:
    if not is_contact_note(note, config.people_folder):
        return _NO_CONTACT
    problems: list[Problem] = []
    contact = read_contact(note, config, problems)
    return _Facts(contact, tuple(problems))


def _note_names(note: Note) -> tuple[str, ...]:
    """The folded names a note answers to as a note: its path, its stem, its aliases."""
    path = strip_md(note.path)
    return (
        fold(path),
        fold(path.rsplit("/", 1)[-1]),
        *(fold(a) for a in aliases_of(note)),
    )


def _part(note: Note, facts: _Facts, resolver: Resolver) -> _Part:
    """The involvements, promises, names and problems of one note, in file order."""
    problems: list[Problem] = list(note.problems)
    names: list[Unresolved] = []
    involvements: list[_Shared] = []
    owner = facts.contact.key if facts.contact is not None else None
    # A daily note (`2026-11-20.md`) or a note with `date:` is dated as a whole: its loose
    # mentions make one more entry (none without them: it would involve nobody).
    day = None if owner else note_date(note, problems)
    dated = day is not None
    entries = list(note.entries)
    if day is not None and note.loose_mentions:
        entries.append(_whole_note_entry(note, day))
    kept = (task for task in note.tasks if task.done and task.checked)
    entries.extend(_kept_promise(task, owner is not None) for task in kept)
    introductions: list[Introduction] = []
    for entry in entries:
        involved = resolver.resolve_all(note.path, entry.mentions, problems, names)
        if owner is not None and entry.tags and INTRO_TAG in entry.tags:
            introductions += intro_entry(entry, note.path, owner, involved, problems)
        involvements.extend(_shared(entry, note.path, involved, owner))
    if facts.contact is not None and facts.contact.met_through:
        introductions += met_through(facts.contact, resolver, problems, names)
    # Names in a contact's file or a dated note are worth a page even outside entries;
    # elsewhere a loose link only needs to be unambiguous.
    extra = [*note.task_mentions, *([] if dated else note.loose_mentions)]
    resolver.resolve_all(note.path, extra, problems, names if owner or dated else None)
    promises = _promises(note, owner, resolver, day)
    return _Part(tuple(involvements), promises, tuple(names), tuple(problems), tuple(introductions))


def _promises(
    note: Note, owner: str | None, resolver: Resolver, day: dt.date | None
) -> tuple[tuple[str, Promise], ...]:
    """The open tasks: in a contact's file promises to that contact, elsewhere to the
    contacts they mention. `day` is the note's own date (a daily note), if any."""
    promises: list[tuple[str, Promise]] = []
    dated = sorted((entry.line, entry.date) for entry in note.entries) if note.tasks else []
    for task in note.tasks:
        if not task.checked:
            to = {owner} if owner else resolver.resolve_all(note.path, task.mentions, [], None)
            written = task.created or _written(dated, task.line) or day
            promises.extend((key, Promise(task, note.path, written)) for key in sorted(to))
    return tuple(promises)


def _written(dated: list[tuple[int, dt.date]], line: int) -> dt.date | None:
    """The date of the last dated entry above a task line: when it was written, about."""
    above = bisect_left(dated, (line,))
    return dated[above - 1][1] if above else None


def _shared(entry: Entry, path: str, keys: set[str], owner: str | None) -> list[_Shared]:
    """The involvements of one entry. In a contact's file the entry concerns its owner (who
    is involved whether mentioned or not) and not the others it mentions."""
    if owner is None:
        return [(tuple(sorted(keys)), Involvement(entry, path))] if keys else []
    shared: list[_Shared] = [((owner,), Involvement(entry, path, concerns=True))]
    keys.discard(owner)
    if keys:
        shared.append((tuple(sorted(keys)), Involvement(entry, path, concerns=False)))
    return shared


def _kept_promise(task: Task, in_contact_file: bool) -> Entry:
    """A checked task with a done date: the promise kept is a contact made on that day, with
    the people it was to (in a contact's file, that contact only)."""
    assert task.done is not None
    mentions = () if in_contact_file else task.mentions
    return Entry(task.done, task.line, task.text, task.tags, mentions)


def _is_note(target: str, note_names: Mapping[str, int]) -> bool:
    """A name some note (not a contact) answers to, or a daily note's date: not unresolved."""
    folded = fold(strip_md(target))
    return note_names.get(folded, 0) > 0 or _ISO_DATE_RE.fullmatch(folded) is not None


def _whole_note_entry(note: Note, day: dt.date) -> Entry:
    """The entry of a dated note's loose mentions, on the note's day."""
    return Entry(day, 1, note.h1 or note.stem, note.loose_tags, note.loose_mentions)


def note_date(note: Note, problems: list[Problem]) -> dt.date | None:
    value = field_value(note, "date")
    if value is not None:
        day = date_value(value)  # `2026-11-20`, quoted or not, maybe with a time
        if day is not None:
            return day
        line = note.meta.line_of("date")
        message = said("date {value} is not a date like 2026-11-20", value=repr(value))
        problems.append(Problem(Source(note.path, line), message))
    match = _ISO_DATE_RE.match(note.stem)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        message = said(
            "the file name starts with '{date}', which is not a real date", date=match.group(0)
        )
        problems.append(Problem(Source(note.path, 1), message))
        return None


def person_index(
    contact: Contact, contacts: Iterable[Contact], notes: Sequence[Note], config: Config
) -> Index:
    """The index restricted to one contact: its involvements and promises in `notes` (every
    note that may mention it, in path order), each mention resolved against all `contacts`
    exactly as the whole index resolves it. What `hortus show` needs, without reading the
    other notes of the vault. Its introductions are the contact's own (`notes` should hold the
    other person's file of each `#intro` entry, see `intro_partners`), and `related` the
    people they name."""
    everyone = list(contacts)
    resolver = Resolver(everyone)
    involvements: list[Involvement] = []
    promises: list[Promise] = []
    introductions: list[Introduction] = []
    for note in notes:
        part = _part(note, _facts(note, config), resolver)
        involvements += part.involvements_of(contact.key)
        promises += [promise for key, promise in part.promises if key == contact.key]
        introductions += [i for i in part.introductions if not i.written]
    for other in everyone:  # `met_through:` is front matter: the other notes may hold it
        if other.met_through:
            introductions += met_through(other, resolver, [], None)
    by_path = {note.path: note for note in notes}
    dates = {c.key: _own_dates(by_path.get(c.path)) for c in everyone}
    mine = [i for i in introductions if contact.key in (i.introducer, i.introduced)]
    own = settled(mine, lambda key: dates.get(key, ()))
    keys = {i.introducer for i in own} | {i.introduced for i in own}
    key = contact.key
    return Index(
        (contact,),
        {key: tuple(involvements)} if involvements else {},
        (),
        (),
        {key: tuple(promises)} if promises else {},
        own,
        tuple(c for c in everyone if c.key in keys - {key}),
    )


def intro_partners(notes: Iterable[Note], contacts: Iterable[Contact], config: Config) -> set[str]:
    """The files of both people of each `#intro` entry in `notes`: their own files tell who
    introduced whom (`person_index` needs them)."""
    everyone = list(contacts)
    resolver: Resolver | None = None  # made only when an `#intro` entry is found
    partners: set[str] = set()
    for note in notes:
        tagged = [e for e in note.entries if e.tags and INTRO_TAG in e.tags]
        if tagged and _facts(note, config).contact is not None:
            partners.add(note.path)
            resolver = resolver or Resolver(everyone)
            mentions = [m for entry in tagged for m in entry.mentions]
            keys = resolver.resolve_all(note.path, mentions, [], None)
            paths = {c.key: c.path for c in everyone}
            partners |= {paths[key] for key in keys}
    return partners


def entries_at(
    note: Note, resolver: Resolver, config: Config
) -> dict[int, tuple[Entry, frozenset[str]]]:
    """The note's entries by their first line, each with the contacts it involves, exactly as
    the index counts them (a contact's own file involves its contact; a daily note's loose
    mentions make an entry at line 1). What `hortus search` groups its results by."""
    part = _part(note, _facts(note, config), resolver)
    found: dict[int, tuple[Entry, frozenset[str]]] = {}
    for keys, involvement in part.involvements:
        entry = involvement.entry
        known = found.get(entry.line)
        people = frozenset(keys) | (known[1] if known else frozenset())
        found[entry.line] = (entry, people)
    return found
