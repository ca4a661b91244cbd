"""What `hortus search` found: the query, each hit placed as the index places its entry (its
date, the people it involves, its tags), and the hits grouped by person. Pure records and
functions; the loader finds the hits (`commands/search.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hortus.core.model import Contact

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]
    person: str | None = None
    tag: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = DEFAULT_LIMIT  # hits shown at most; 0: all


@dataclass(frozen=True)
class Found:
    id: int  # the search table's row of this part of the note
    path: str
    line: int
    date: dt.date | None  # None: a part of a note before its first dated entry
    snippet: str  # the matching text, the words marked with ⟦ ⟧
    people: tuple[Contact, ...]  # the contacts the entry involves, by name
    tags: frozenset[str]  # the entry's tags (the note's own, for a part before any entry)


@dataclass(frozen=True)
class Group:
    contact: Contact | None  # None: the hits that involve nobody
    found: tuple[Found, ...]  # newest first


@dataclass(frozen=True)
class Results:
    query: Query
    groups: tuple[Group, ...]  # people first (the one with the newest hit first), then nobody
    total: int  # every hit that matched
    shown: int  # the hits in `groups` (each counted once, however many people it involves)


def filtered(found: Sequence[Found], person: Contact | None, tag: str | None) -> list[Found]:
    """The hits that involve `person` and carry `tag` (when given), newest first."""
    kept = [
        f
        for f in found
        if (person is None or any(c.key == person.key for c in f.people))
        and (tag is None or _has_tag(f.tags, tag))
    ]
    return sorted(kept, key=_newest_first)


def results(query: Query, shown: Sequence[Found], total: int) -> Results:
    """The shown hits grouped; `total` counts every hit that matched."""
    return Results(query, groups(shown), total, len(shown))


def _has_tag(tags: frozenset[str], wanted: str) -> bool:
    """`--tag moment` matches #moment and #moment/job; compared case-insensitively."""
    want = wanted.lstrip("#").casefold()
    return any(t.casefold() == want or t.casefold().startswith(want + "/") for t in tags)


def by_name(contact: Contact) -> tuple[str, str]:
    return (contact.name.casefold(), contact.key)


def _newest_first(found: Found) -> tuple[int, str, int]:
    return (-(found.date.toordinal() if found.date else 0), found.path, found.line)


def groups(found: Sequence[Found]) -> tuple[Group, ...]:
    """One group per person involved, the person with the newest hit first (ties by name);
    the hits that involve nobody last."""
    people: dict[str, list[Found]] = {}
    contacts: dict[str, Contact] = {}
    nobody: list[Found] = []
    for item in found:  # newest first already
        if not item.people:
            nobody.append(item)
        for contact in item.people:
            people.setdefault(contact.key, []).append(item)
            contacts[contact.key] = contact
    order = sorted(people, key=lambda k: (_newest_first(people[k][0]), by_name(contacts[k])))
    groups = [Group(contacts[key], tuple(people[key])) for key in order]
    if nobody:
        groups.append(Group(None, tuple(nobody)))
    return tuple(groups)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
