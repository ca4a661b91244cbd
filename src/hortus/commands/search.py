"""`hortus search`: entries and notes that hold every word, grouped by the people they involve.

The words are matched by the loader's search tables (SQLite FTS5, case- and accent-
insensitive); each hit is then placed as the index places its entry: the contacts it involves
(resolved against every contact, as the garden resolves them), its date and its tags. It never
writes a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from hortus.core.model import Contact, Entry
from hortus.index import entries_at
from hortus.index.contacts import Resolver
from hortus.index.search import Found, Query, Results, by_name, filtered, iso, results
from hortus.loader.load import Loader, Progress, load, no_progress
from hortus.loader.vault import Vault
from hortus.person.names import resolve
from hortus.store.lookup import Hit


def search(vault: Vault, query: Query, progress: Progress = no_progress) -> Results:
    """Without filters only the newest `limit` hits are placed (a common word may be in
    every note); with `--person` or `--tag`, the hits in the notes that may involve the
    person are all placed, then filtered exactly."""
    with load(vault, progress) as loader:
        contacts = loader.contacts()
        person = resolve(contacts, query.person) if query.person else None
        filtering = person is not None or query.tag is not None
        limit = 0 if filtering else query.limit
        since, until = iso(query.since), iso(query.until)
        hits, total = loader.hits(query.words, since, until, person, limit)
        found = filtered(_placed(loader, hits, contacts), person, query.tag)
        total = len(found) if filtering else total
        shown = found[: query.limit] if query.limit else found
        texts = loader.snippets(query.words, [f.id for f in shown])
    shown = [replace(f, snippet=texts.get(f.id, "")) for f in shown]
    return results(query, shown, total)


def _placed(loader: Loader, hits: Sequence[Hit], contacts: Sequence[Contact]) -> list[Found]:
    """Each hit with its date, people and tags, as the index has its entry."""
    resolver = Resolver(contacts)
    by_key = {contact.key: contact for contact in contacts}
    owners = {contact.path: contact.key for contact in contacts}
    notes = {note.path: note for note in loader.notes_at({hit.path for hit in hits})}
    entries: dict[str, dict[int, tuple[Entry, frozenset[str]]]] = {}
    placed: list[Found] = []
    for hit in hits:
        note = notes.get(hit.path)
        if note is None:
            continue  # gone since the tables were written: the next run drops it
        if hit.path not in entries:
            entries[hit.path] = entries_at(note, resolver, loader.vault.config)
        entry, keys = entries[hit.path].get(hit.line, (None, frozenset[str]()))
        if entry is None and hit.path in owners:  # a contact's own words about them
            keys = frozenset({owners[hit.path]})
        people = tuple(sorted((by_key[k] for k in keys if k in by_key), key=by_name))
        day = dt.date.fromisoformat(hit.date) if hit.date else (entry.date if entry else None)
        tags = entry.tags if entry else note.loose_tags
        placed.append(Found(hit.id, hit.path, hit.line, day, "", people, tags))
    return placed
