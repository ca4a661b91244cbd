"""The one way in: every command gets the vault's notes, contacts, index and garden here.

Like beancount's `loader.load_file`, which wraps its cache for every program. Opening a
`Loader` walks the vault, compares each file's stamp with `.hortus/cache.sqlite`, reads and
parses only what changed, and brings the cache up to date (records, stamps, the contacts
table, and the search tables once they exist). Then a command asks for what it needs, and
nothing more is computed:

- `contacts()`: every contact (NAME for `log`, `open`, completion; `add`, `import`);
- `person(contact)`: one contact's index, from only the notes that may mention them (`show`);
- `index()` and `garden(day)`: the whole vault (`status`, `check`, `export`, `regenerate`);
- `output(name, key, make)`: a command's output kept for the same notes, settings and day;
- `hits(words)`: the search tables (`search`).

The cache is only ever a shortcut: whatever it holds (missing, damaged, of another version),
the answers are the ones a cold read of the notes gives; a vault where `.hortus/` cannot be
used gets a cache in memory, so every command still takes this one path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from hortus.core.model import Contact, MentionKind, Note, Problem
from hortus.core.said import Said, said
from hortus.index.contacts import fold, is_contact_note, names_of, read_contact, strip_md
from hortus.loader.vault import Day, Vault, no_gc, own_outputs
from hortus.notes.walk import Walk, walk_vault
from hortus.store import lookup
from hortus.store.cache import FORMAT, DiskCache, Row
from hortus.store.unchanged import settings_of

if TYPE_CHECKING:
    from hortus.garden import Garden
    from hortus.index import Index
    from hortus.index.kept import Head, Kept
    from hortus.index.kept import Row as KeptRow
    from hortus.store.notestore import Known, Loaded

# The parser, the index and the garden are imported where they are used: a command that
# finds nothing changed and has its output kept (a warm `status`), or that needs only the
# contacts (`log`, completion), starts without them.

# Work of at least this many notes shows a progress bar (when the command's caller gives one).
PROGRESS_FROM = 2_000

# A progress bar: given a label and a total, a context in which to report each step done.
Progress = Callable[[Said, int], AbstractContextManager[Callable[[int], None]]]


def no_progress(label: Said, total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda done: None)


@dataclass(frozen=True)
class Refreshed:
    """What opening the loader found: the notes read again (new or different bytes) and the
    notes gone since the cache was last brought up to date."""

    changed: tuple[str, ...]
    removed: tuple[str, ...]


class Loader:
    """The vault as the cache and the files agree it is now; see the module's docstring."""

    def __init__(self, vault: Vault, progress: Progress = no_progress) -> None:
        self.vault = vault
        self.progress = progress
        cache = DiskCache.open(vault.root) if vault.keep_cache else None
        self.cache = cache if cache is not None else DiskCache.in_memory()
        self._rows: dict[str, Row] | None = None
        # Results read this run that the cache keeps no record of (unreadable files, notes
        # whose front matter cannot be stored): read again by every run.
        self.unstored: dict[str, Note | Problem] = {}
        self.refused: list[Problem] = []
        self._settings = f"{FORMAT}\n{settings_of(vault.config, vault.config_problems)}"
        self._notes: dict[str, Note] | None = None
        self._index: Index | None = None
        self._contacts: tuple[Contact, ...] | None = None
        self._notes_key: str | None = None
        self._fresh: dict[str, Note] = {}
        self._present: set[str] = set()  # the notes the walk found
        self._all_read = False  # every file the cache keeps no note of was read this run
        # The contact keys whose index changed since the parts were kept (None: any).
        self._touched: set[str] | None = None
        self._head_keys: dict[str, str] = {}  # the kept tuples' seals, as the head has them
        self._whole: dict[str, KeptRow] | None = None  # every contact's tuples, made again
        self.refreshed = self._refresh()

    def close(self) -> None:
        self.cache.close()

    @property
    def rows(self) -> dict[str, Row]:
        """Every note the cache knows, with its stamp and digest (read from the cache only
        when a command needs them: a run that finds nothing changed does not)."""
        if self._rows is None:
            self._rows = self.cache.rows()
        return self._rows

    # -- bringing the cache up to date -------------------------------------------------

    def _refresh(self, walk: Walk | None = None) -> Refreshed:
        walk = walk or walk_vault(self.vault.root, own_outputs(self.vault))
        self.refused = walk.problems
        self._present = set(walk.paths)
        seen = _stamps(self.vault.root, walk.paths)
        token = _token(self._settings, seen, walk.problems)
        if token == self.cache.meta(STAMPS):
            # Every note has the stamp it had when the cache was last found whole: nothing
            # to read, not even the cache's rows (loaded when a command asks for notes).
            self._notes_key = self.cache.meta(NOTES_KEY)
            return Refreshed((), ())
        old = self.cache.rows()
        todo = _stale(walk.paths, seen, old)
        present = set(walk.paths)
        removed = tuple(sorted(rel for rel in old if rel not in present))
        rows = {rel: row for rel, row in old.items() if rel in present}
        changed: dict[str, Note | None] = {}
        new_rows: list[tuple[str, Row, bytes | None]] = []
        stamps: list[tuple[str, Row]] = []
        for loaded in self._load(todo):
            if loaded.stamp is None:
                continue  # gone while we looked: keep what we knew, the next run looks again
            s = loaded.stamp
            row = (s.size, s.mtime_ns, s.ino, s.ctime_ns, int(loaded.settled), loaded.digest)
            rows[loaded.rel] = row
            if loaded.result is None:
                stamps.append((loaded.rel, row))
                continue
            if loaded.record is None:
                self.unstored[loaded.rel] = loaded.result
            note = loaded.result if isinstance(loaded.result, Note) else None
            changed[loaded.rel] = note
            new_rows.append((loaded.rel, row, loaded.record))
        self._rows = rows
        self._fresh = {rel: note for rel, note in changed.items() if note is not None}
        if new_rows or stamps or removed:
            self.cache.save_rows(new_rows, stamps, removed)
        self._keep_contacts(changed, removed)
        self._keep_lookup(changed, removed)
        self._keep_token(token, seen)
        return Refreshed(tuple(sorted(changed)), removed)

    def _keep_token(self, token: str, seen: dict[str, Stamp4]) -> None:
        """Remember the walk's stamps as "the cache is whole" only when every note was read
        with the stamp the walk saw and is settled (a rewrite in the same clock tick could
        hide in a note read moments after it was written)."""
        rows = self._rows or {}
        whole = len(rows) == len(seen) and all(
            row[4] and row[5] and seen.get(rel) == row[:4] for rel, row in rows.items()
        )
        self.cache.set_meta(STAMPS, token if whole else "")
        if whole:
            self.cache.set_meta(NOTES_KEY, self.notes_key())

    def _load(self, todo: list[tuple[str, str | None]]) -> Iterator[Loaded]:
        if not todo:
            return
        from hortus.store.notestore import load_all

        if len(todo) < PROGRESS_FROM:
            yield from load_all(self.vault.root, todo, encode=True)
            return
        with self.progress(said("Reading notes"), len(todo)) as step:
            for loaded in load_all(self.vault.root, todo, encode=True):
                step(1)
                yield loaded

    def _keep_contacts(self, changed: dict[str, Note | None], removed: Sequence[str]) -> None:
        """The contacts table follows the notes. When it was made with other settings (or
        never), it is made again whole when first needed: from the index, when the command
        builds one anyway (a first `regenerate`), else from the notes (`contacts`)."""
        if not self._contacts_current():
            return
        fresh = {rel: self._contact_of(note) for rel, note in changed.items()}
        fresh.update((rel, None) for rel in removed)
        if fresh:
            self.cache.save_contacts(fresh)

    def _contacts_current(self) -> bool:
        return self.cache.meta("contacts") == self._settings

    def _rebuild_contacts(self, known: Iterable[Contact] | None = None) -> list[Contact]:
        if known is None:
            fresh = {rel: self._contact_of(note) for rel, note in self.notes().items()}
        else:
            fresh = {contact.path: contact for contact in known}
        self.cache.save_contacts(fresh, whole=True)
        self.cache.set_meta("contacts", self._settings)
        return [contact for contact in fresh.values() if contact is not None]

    def _contact_of(self, note: Note | None) -> Contact | None:
        if note is None or not is_contact_note(note, self.vault.config.people_folder):
            return None
        return read_contact(note, self.vault.config, [])

    def _keep_lookup(self, changed: dict[str, Note | None], removed: Sequence[str]) -> None:
        db = self.cache.db
        if not lookup.is_ready(db, FORMAT) or not (changed or removed):
            return
        texts = self._texts(note for note in changed.values() if note is not None)
        gone = [*removed, *(rel for rel, note in changed.items() if note is None)]
        lookup.update(db, texts, gone, (targets_of, self._day_of))

    def _texts(self, notes: Iterable[Note]) -> Iterator[tuple[Note, str]]:
        """Each note with its text as the lines are counted (read again: the store keeps no
        text); a note that cannot be read now is left out until its next change."""
        from hortus.notes.read import read_note

        for note in notes:
            source = read_note(self.vault.root, note.path)
            if not isinstance(source, Problem):
                yield note, source.text

    # -- what commands ask for ---------------------------------------------------------

    def notes(self) -> dict[str, Note]:
        """Every note, by path in path order: the stored records, and the notes read now."""
        if self._notes is None:
            fresh = self._fresh
            if len(fresh) < len(self.rows):
                with no_gc():
                    found = dict(self.cache.records(skip=fresh))
            else:
                found = {}
            found.update(fresh)
            found.update((r, n) for r, n in self.unstored.items() if isinstance(n, Note))
            missing: list[tuple[str, str | None]] = [
                (rel, None) for rel in self.rows if rel not in found and rel not in self.unstored
            ]
            if missing:  # the cache gives back every record it keeps: no parser to import
                self._read_missing(missing, found)
            self._notes = {rel: found[rel] for rel in sorted(found)}
        return self._notes

    def _read_missing(self, missing: list[tuple[str, str | None]], found: dict[str, Note]) -> None:
        from hortus.store.notestore import load_all

        for loaded in load_all(self.vault.root, missing):
            if isinstance(loaded.result, Note):  # a record the cache could not give back
                found[loaded.rel] = loaded.result
            elif isinstance(loaded.result, Problem):
                self.unstored[loaded.rel] = loaded.result

    def problems(self) -> list[Problem]:
        """The problems known before indexing: hortus.toml's, files refused or unreadable."""
        if not self._all_read:
            self.notes()  # reads again the unreadable files the cache keeps no record of
        unread = [p for p in self.unstored.values() if isinstance(p, Problem)]
        return sorted({*self.vault.config_problems, *self.refused, *unread})

    def index(self) -> Index:
        """The whole vault's index: from the parts kept by the last run that made one (see
        index/kept.py), only the notes changed since resolved again."""
        if self._index is None:
            current = self._contacts_current()
            with no_gc():
                self._index = self._kept_index(self.contacts() if current else None)
            if not current:
                self._rebuild_contacts(self._index.contacts)
        return self._index

    def _kept_index(self, contacts: Sequence[Contact] | None) -> Index:
        """`contacts`: the contacts table, None when it is stale (every note is resolved
        again; the parts are kept for the names the notes give)."""
        from hortus.index.kept import kept_index, names_key, touched_by

        names = names_key(contacts) if contacts is not None else ""
        since = self.cache.generation()
        made_with = f"{self._settings}\n{names}"
        if contacts is not None:
            patched = self._patched_index(contacts, made_with, since)
            if patched is not None:
                return patched
        stored, whole = self.cache.parts(made_with) if contacts is not None else ({}, False)
        people = {contact.path: contact for contact in contacts or ()}
        kept = self._usable(stored, people)
        fresh = self._notes_besides(kept)
        problems = self.problems()
        config, note_at = self.vault.config, self._note_at
        made = kept_index(config, kept, people, fresh, problems, note_at, self._duplicates)
        if made.names != names and kept:  # the table and the notes disagree: all again
            fresh = self._notes_besides({})
            made = kept_index(config, {}, {}, fresh, problems, note_at, self._duplicates)
            kept, whole = {}, False
        # The contacts the change touched: what the notes read again brought before (their
        # stored parts) and bring now. Unknown (None) when a part before is not known.
        old = [record for rel, (_, record) in stored.items() if rel not in kept]
        self._touched = touched_by(old, made.parts.values()) if whole else None
        gone = [rel for rel in stored if rel not in kept and rel not in made.parts]
        made_with = f"{self._settings}\n{made.names}"
        # The head and the tuples are kept only with the parts they were made with.
        if not (made.parts or gone or self._touched is None) or self._keep_parts(
            made_with, made.parts, gone, since
        ):
            self._keep_whole(made_with, made.index, made.head)
        return made.index

    def _patched_index(
        self, contacts: Sequence[Contact], made_with: str, since: str
    ) -> Index | None:
        """The index from the kept head and tuples, patched with the few notes changed since
        (only their parts are read, and the tuples of the contacts they touch); None when
        what is kept is missing, damaged or of other names, or many notes changed."""
        from hortus.index.kept import patched_index

        head = self._kept_head(made_with, since)
        digests = self.cache.part_digests(made_with) if head is not None else None
        if head is None or digests is None:
            return None
        current = {
            rel: row[5]
            for rel, row in self.rows.items()
            if row[5] and not isinstance(self.unstored.get(rel), Problem)
        }
        changed = [rel for rel, digest in current.items() if digests.get(rel) != digest]
        gone = [rel for rel in digests if rel not in current]
        if len(changed) + len(gone) > max(PATCH_AT_MOST, len(current) // 50):
            return None  # reading every part is then about as fast, and keeps them whole
        old = self._old_parts([*changed, *gone])
        if old is None:
            return None
        fresh = self._notes_at(changed)
        self._all_read = True  # every note without a record was among `changed`
        people = {contact.path: contact for contact in contacts}
        args = (self.problems(), self._note_at, self._duplicates)
        self._head_keys = head.keys
        patched = patched_index(self.vault.config, head, old, fresh, people, self._kept_rows, *args)
        if patched is None:
            return None
        self._touched = patched.touched
        made = {note.path for note in fresh}
        # The head and the tuples are kept only with the parts they were patched with (else
        # the next run would patch them with the same change again).
        if self._keep_parts(made_with, patched.parts, [*gone, *(set(changed) - made)], since):
            self._keep_tuples(made_with, patched.rows, patched.head, whole=False)
        return patched.index

    def _kept_head(self, made_with: str, since: str) -> Head | None:
        from hortus.index.kept import read_head

        stored = self.cache.output(HEAD, f"{made_with}\n{since}")
        head = read_head(stored) if stored is not None else None
        if head is None or self.cache.key_seals() != head.keys:
            return None
        return head

    def _old_parts(self, paths: list[str]) -> dict[str, Kept] | None:
        """The kept parts of these notes, as they were (those that had one); None when one
        cannot be read (then what it brought is not known)."""
        from hortus.index.kept import read_kept

        records = self.cache.part_records(paths)
        if records is None:
            return None
        old: dict[str, Kept] = {}
        for rel, record in records.items():
            kept = read_kept(record)
            if kept is None:
                return None
            old[rel] = kept
        return old

    def _kept_rows(self, keys: Collection[str]) -> dict[str, KeptRow]:
        """The kept tuples of these contacts, each checked against the head's seal; should
        one not be what the head says, every contact's tuples are made again from the notes
        (a damaged cache never gives a wrong garden)."""
        from hortus.index.kept import read_row

        found = self.cache.key_rows(keys)
        rows: dict[str, KeptRow] = {}
        for key in keys:
            seal, record = found.get(key, ("", b""))
            row = read_row(record) if seal and seal == self._head_keys.get(key) else None
            if row is None:
                whole = self._whole_rows()
                return {k: whole[k] for k in keys if k in whole}
            rows[key] = row
        return rows

    def _whole_rows(self) -> dict[str, KeptRow]:
        from hortus.index.kept import kept_index, rows_of

        if self._whole is None:
            notes = self._notes_besides({})
            made = kept_index(self.vault.config, {}, {}, notes, self.problems(), self._note_at)
            self._whole = rows_of(made.index)
        return self._whole

    def _keep_whole(self, made_with: str, index: Index, head: Head) -> None:
        from hortus.index.kept import rows_of

        self._keep_tuples(made_with, dict(rows_of(index)), head, whole=True)

    def _keep_tuples(
        self, made_with: str, rows: Mapping[str, KeptRow | None], head: Head, *, whole: bool
    ) -> None:
        """Each contact's tuples in `rows` kept (packed as they are written), then the head
        for the parts' generation; neither when a row cannot be stored (the next run then
        builds the index whole)."""
        from hortus.index.kept import pack

        def records() -> Iterator[tuple[str, bytes | None]]:
            for key, row in rows.items():
                record = pack(row) if row is not None else None
                if row is not None and record is None:
                    raise _UnstorableError(key)
                yield key, record

        try:
            seals = self.cache.save_key_rows(records(), whole=whole)
        except _UnstorableError:
            return
        if seals is None:
            return
        data = pack(dataclasses.replace(head, keys={**head.keys, **seals}))
        if data is not None:
            self.cache.save_output(HEAD, f"{made_with}\n{self.cache.generation()}", data)

    def _usable(
        self, stored: dict[str, tuple[str, bytes]], people: dict[str, Contact]
    ) -> dict[str, Kept]:
        """The stored parts still right: made from the bytes the note has now (its digest),
        and saying what the contacts table says about whether it is a contact."""
        from hortus.index.kept import agrees, read_kept

        rows = self.rows
        usable: dict[str, Kept] = {}
        for rel, (digest, record) in stored.items():
            row = rows.get(rel)
            if row is None or not row[5] or row[5] != digest or rel in self.unstored:
                continue
            kept = read_kept(record)
            if kept is not None and agrees(kept, people.get(rel)):
                usable[rel] = kept
        return usable

    def _notes_besides(self, kept: Mapping[str, object]) -> list[Note]:
        """Every note but those in `kept`: read from their records (all at once when they
        are many), the notes that cannot be read joining `unstored` as problems."""
        rows = self.rows
        todo = [rel for rel in rows if rel not in kept]
        if len(todo) * 4 > len(rows):
            notes = self.notes()
            return [notes[rel] for rel in todo if rel in notes]
        found = self._notes_at(todo)
        self._all_read = True  # every file without a record has been read (problems())
        return found

    def _duplicates(self, paths: Sequence[str], make: Callable[[], list[Problem]]) -> list[Problem]:
        """The duplicates of the contacts at `paths`, kept. Who may be whose duplicate depends
        only on every contact's record, and the problems' lines on the files they are at: so
        they are kept for the contacts table's records, with the digest of each such file
        (an entry added to a contact's file changes neither)."""
        from hortus.index.kept import pack_duplicates, read_duplicates

        table = self.cache.contacts_digest() if self._contacts_current() else None
        if table is None or table[1] != sorted(paths) or self._unstored_notes():
            return make()  # the table is not every contact as it is now: nothing to key by
        key = hashlib.sha256(f"{self._settings}\n{table[0]}".encode()).hexdigest()
        stored = self.cache.output("duplicates", key)
        found = read_duplicates(stored) if stored is not None else None
        if found is not None and all(_digest(self.rows.get(r)) == d for r, d in found[1]):
            return list(found[0])
        problems = make()
        at = sorted({problem.source.path for problem in problems})
        record = pack_duplicates(
            (tuple(problems), tuple((r, _digest(self.rows.get(r))) for r in at))
        )
        if record is not None:
            self.cache.save_output("duplicates", key, record)
        return problems

    def _unstored_notes(self) -> bool:
        return any(isinstance(note, Note) for note in self.unstored.values())

    def _note_at(self, rel: str) -> Note | None:
        found = self._notes_at([rel])
        return found[0] if found else None

    def _keep_parts(
        self, made_with: str, parts: Mapping[str, Kept], gone: list[str], since: str
    ) -> bool:
        """The parts made now, kept. One that cannot be stored is kept as an empty record:
        the next change of its note then cannot tell what it brought before, and every
        contact counts as touched (`touched_by`)."""
        from hortus.index.kept import pack_kept

        digests = {rel: _digest(self.rows.get(rel)) for rel in parts}
        if not all(digests.values()):
            self._touched = None  # a note kept without its part: what it brought is not known
        # Packed as they are written (50,000 records at once would be 50 MB more memory).
        rows = (
            (rel, digest, pack_kept(parts[rel]) or b"") for rel, digest in digests.items() if digest
        )
        return self.cache.save_parts(made_with, rows, gone, (since, self._touched))

    def garden(self, day: Day) -> Garden:
        """The garden: built here and nowhere else (the watcher's live one aside). Each
        contact's growth is kept for the day (garden/kept.py): only the contacts a change
        touched are grown again."""
        from hortus.garden import compute_garden
        from hortus.garden.kept import KeptGrowths, pack_growth

        index = self.index()
        generation = self.cache.generation()
        when = hashlib.sha256(f"{self._settings}\n{day.date}".encode()).hexdigest()
        touched = self._touched
        stored = self.cache.growths(generation, when) if touched is not None else {}
        memo = KeptGrowths({k: v for k, v in stored.items() if k not in (touched or ())})
        with no_gc():
            garden = compute_garden(
                index, day.date, self.vault.config, today_pinned=day.pinned, memo=memo
            )
        if memo.made:  # packed as they are written
            made = memo.made.items()
            rows = ((key, record) for key, g in made if (record := pack_growth(g)) is not None)
            self.cache.save_growths(generation, when, rows)
        return garden

    def contacts(self) -> tuple[Contact, ...]:
        """Every contact, sorted by key (from the contacts table: no note is decoded)."""
        if self._contacts is None:
            stored = self.cache.contacts() if self._contacts_current() else None
            if stored is None:  # stale, or damaged: made again from the notes
                stored = self._rebuild_contacts()
            found = {c.path: c for c in stored}
            for rel, note in self.unstored.items():
                contact = self._contact_of(note) if isinstance(note, Note) else None
                if contact is not None:
                    found[rel] = contact
            self._contacts = tuple(sorted(found.values(), key=lambda c: c.key))
        return self._contacts

    def person(self, contact: Contact, *, own_only: bool = False) -> Index:
        """`contact`'s index: their own note and the notes that mention one of their names
        (`own_only`: their own note alone, which is all `open` needs)."""
        paths = {contact.path} if own_only else self._may_involve(contact)
        notes = self._notes_at(paths)
        from hortus.index import intro_partners, person_index

        if own_only:
            # In their own file every entry involves them, whatever else it names: the
            # other contacts' names are not needed (nor the resolver of 10,000 of them).
            return person_index(contact, (contact,), notes, self.vault.config)
        # An introduction is settled from both people's own files.
        partners = intro_partners(notes, self.contacts(), self.vault.config) - paths
        notes = self._notes_at(paths | partners) if partners else notes
        return person_index(contact, self.contacts(), notes, self.vault.config)

    def _may_involve(self, contact: Contact) -> set[str]:
        """The contact's own note and every note with a mention of one of their names."""
        self._ensure_lookup()
        targets = {fold(name) for name in names_of(contact)}
        return lookup.paths_mentioning(self.cache.db, targets) | {contact.path}

    def person_garden(self, contact: Contact, day: Day) -> tuple[Index, Garden]:
        """`contact`'s index and their garden of one: their plant and promises exactly as
        the whole garden has them."""
        from hortus.garden import compute_garden

        index = self.person(contact)
        garden = compute_garden(index, day.date, self.vault.config, today_pinned=day.pinned)
        return index, garden

    def _notes_at(self, paths: Iterable[str]) -> list[Note]:
        if self._notes is not None:
            return [n for rel in sorted(paths) if (n := self._notes.get(rel)) is not None]
        wanted = set(paths) & self._present
        found = {rel: self._fresh[rel] for rel in wanted if rel in self._fresh}
        found.update(self.cache.records(wanted - set(found)))
        found.update(
            (r, n) for r, n in self.unstored.items() if r in wanted and isinstance(n, Note)
        )
        missing: list[tuple[str, str | None]] = [
            (rel, None) for rel in sorted(wanted - set(found) - set(self.unstored))
        ]
        if missing:  # (the parser's import alone costs a warm `show` a third of its time)
            from hortus.store.notestore import load_all

            for loaded in load_all(self.vault.root, missing):
                if isinstance(loaded.result, Note):  # a record the cache could not give back
                    found[loaded.rel] = loaded.result
                elif isinstance(loaded.result, Problem):  # unreadable: `problems()` tells
                    self.unstored[loaded.rel] = loaded.result
        return [found[rel] for rel in sorted(found)]

    def notes_key(self) -> str:
        """What every output depends on besides the day: the settings, the notes' hashes, the
        problems of the files that could not be read or were refused."""
        if self._notes_key is None:
            # A file that could not be read at all has no digest: its problem stands for it.
            unread = [
                repr(p)
                for rel, p in self.unstored.items()
                if isinstance(p, Problem) and not _digest(self.rows.get(rel))
            ]
            refused = [repr(p) for p in self.refused]
            parts = [self._settings, *refused, *sorted(unread)]
            parts += [f"{rel}\0{row[5]}" for rel, row in sorted(self.rows.items())]
            data = "\n".join(parts).encode("utf-8", "surrogatepass")
            self._notes_key = hashlib.sha256(data).hexdigest()
        return self._notes_key

    def day_key(self, day: Day) -> str:
        return f"{self.notes_key()} {day.date.isoformat()} {day.pinned}"

    def status(
        self,
        day: Day,
        *,
        as_json: bool = False,
        limit: int | None = None,
        section: str | None = None,
        garden: Garden | None = None,
    ) -> bytes:
        """`hortus status` for the day (as JSON, docs/json.md; or each list's first `limit`,
        or one `section` in full), kept for the notes, settings and day. `garden`: the day's
        garden when the caller has it (`regenerate` keeps the plain `status` it will be
        asked for next)."""
        from hortus.render.status import render_json, render_text

        language = self.vault.config.language

        def make() -> bytes:
            grown = garden if garden is not None else self.garden(day)
            if as_json:
                return render_json(grown, language).encode("utf-8", "surrogatepass")
            text = render_text(grown, language, limit, section)
            return text.encode("utf-8", "surrogatepass")

        shape = "json" if as_json else f"text {limit} {section}"
        return self.output(f"status {shape} {language}", self.day_key(day), make)

    def output(self, name: str, key: str, make: Callable[[], bytes]) -> bytes:
        """A command's output for `key` (see `notes_key`, `day_key`): kept from the last run
        that made it, else made now and kept."""
        stored = self.cache.output(name, key)
        if stored is not None:
            return stored
        made = make()
        self.cache.save_output(name, key, made)
        return made

    # -- the search tables ---------------------------------------------------------------

    def _ensure_lookup(self) -> None:
        """Build the search tables the first time a command needs them."""
        db = self.cache.db
        if lookup.is_ready(db, FORMAT):
            return
        notes = self.notes()
        with self.progress(said("Indexing notes for search"), len(notes)) as step:

            def texts() -> Iterator[tuple[Note, str]]:
                for pair in self._texts(notes.values()):
                    step(1)
                    yield pair

            if not lookup.build(db, texts(), (targets_of, self._day_of), FORMAT):
                raise LookupUnavailableError()

    def _day_of(self, note: Note) -> str:
        """The ISO date of a note dated as a whole (a daily note, `date:`), as the index
        dates it; "" for a contact's note or an undated one."""
        from hortus.index import note_date

        if is_contact_note(note, self.vault.config.people_folder):
            return ""
        day = note_date(note, [])
        return day.isoformat() if day is not None else ""

    def hits(
        self,
        words: Sequence[str],
        since: str | None,
        until: str | None,
        among: Contact | None = None,
        limit: int = 0,
    ) -> tuple[list[lookup.Hit], int]:
        """The parts of notes holding every word, newest first, at most `limit` (0: all),
        and how many there are in all (`among`: only in the notes that may involve that
        contact)."""
        self._ensure_lookup()
        query = lookup.fts_query(words)
        if not query:
            return [], 0
        paths = self._may_involve(among) if among is not None else None
        return lookup.search(self.cache.db, query, since, until, paths, limit)

    def snippets(self, words: Sequence[str], ids: Iterable[int]) -> dict[int, str]:
        """The words around the match in these parts of notes (`Hit.id`), marked."""
        return lookup.snippets(self.cache.db, lookup.fts_query(words), ids)

    def known(self) -> dict[str, Known]:
        """What the watcher's note store starts from: every note with its stamp and hash."""
        from hortus.store.notestore import Known, Stamp

        notes = self.notes()
        known: dict[str, Known] = {}
        for rel, row in self.rows.items():
            result = notes.get(rel) or self.unstored.get(rel)
            if result is not None:
                known[rel] = Known(Stamp(*row[:4]), row[5], result, bool(row[4]))
        return known

    def notes_at(self, paths: Iterable[str]) -> list[Note]:
        """The notes at these paths (those that exist), in path order."""
        return self._notes_at(paths)


class _UnstorableError(Exception):
    """A contact's tuples that cannot be stored: none of them are (see `_keep_tuples`)."""


class LookupUnavailableError(RuntimeError):
    """This Python's SQLite has no FTS5 (it is in every build python.org and distributions
    ship; a custom build may leave it out)."""


def targets_of(note: Note) -> set[str]:
    """Every mention target of the note, folded as the resolver folds it (a link by its path,
    a wikilink by its name): the keys of the lookup's mentions table."""
    mentions = [
        *note.loose_mentions,
        *note.task_mentions,
        *(m for entry in note.entries for m in entry.mentions),
        *(m for task in note.tasks for m in task.mentions),
    ]
    return {
        fold(m.target) if m.kind is MentionKind.LINK else fold(strip_md(m.target)) for m in mentions
    }


def _digest(row: Row | None) -> str:
    return row[5] if row is not None else ""


Stamp4 = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
STAMPS = "stamps"  # the meta key of the walk's stamps when the cache was last whole
NOTES_KEY = "notes_key"
HEAD = "index head"  # the kept output that is the index's head (index/kept.py)
PATCH_AT_MOST = 200  # notes changed above which (and 2%) the index is built whole


def _stamps(root: Path, paths: list[str]) -> dict[str, Stamp4]:
    """Each note's stamp (`os.lstat` on a joined string: faster than `DirEntry.stat` or a
    `Path`); a note gone since the walk is left out."""
    prefix = f"{root}{os.sep}"
    lstat = os.lstat
    found: dict[str, Stamp4] = {}
    for rel in paths:
        try:
            info = lstat(prefix + rel)
        except OSError:
            continue
        found[rel] = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
    return found


def _token(settings: str, seen: dict[str, Stamp4], refused: list[Problem]) -> str:
    """One hash of the settings, the files refused and every note's path and stamp."""
    digest = hashlib.blake2b(settings.encode("utf-8", "surrogatepass"), digest_size=20)
    digest.update(repr(refused).encode("utf-8", "surrogatepass"))
    digest.update("\n".join(seen).encode("utf-8", "surrogatepass"))
    digest.update(array("q", chain.from_iterable(seen.values())).tobytes())
    return digest.hexdigest()


def _stale(
    paths: list[str], seen: dict[str, Stamp4], old: dict[str, Row]
) -> list[tuple[str, str | None]]:
    """The notes to read: new, with another stamp, in doubt, or not read at all last time.
    Each with the digest the cache knows, when reading it again may find the same bytes. (A
    note kept without a record, its bytes unchanged, is read again only when a command needs
    the notes themselves: what it says is settled by its bytes.)"""
    todo: list[tuple[str, str | None]] = []
    for rel in paths:
        row = old.get(rel)
        if row is None or not row[5]:
            todo.append((rel, None))
        elif not row[4] or seen.get(rel) != row[:4]:
            todo.append((rel, row[5]))
    return todo


@contextmanager
def load(vault: Vault, progress: Progress = no_progress) -> Iterator[Loader]:
    """The vault, brought up to date with its cache, for one command."""
    loader = Loader(vault, progress)
    try:
        yield loader
    finally:
        loader.close()
