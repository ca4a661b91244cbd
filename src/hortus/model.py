"""The records that flow through the pipeline: immutable, each with its source position."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, order=True, slots=True)
class Source:
    """A place in the vault: a vault-relative `/` path and a 1-based line (front matter counts)."""

    path: str
    line: int


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """Something in the user's files that hortus could not read as intended."""

    source: Source
    message: str


class MentionKind(Enum):
    WIKILINK = "wikilink"
    LINK = "link"  # an ordinary Markdown link; `target` is then a vault-relative path


@dataclass(frozen=True, slots=True)
class Mention:
    target: str
    kind: MentionKind
    line: int


@dataclass(frozen=True, slots=True)
class Entry:
    """A dated piece of a note: a dated heading section, a dated list item or a dated note."""

    date: dt.date
    line: int
    title: str
    tags: frozenset[str]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Task:
    """A task line, `- [ ] text` or `- [x] text`: a promise, never a contact by itself.

    `text` is the first line without the checkbox and the date markers; `due` comes from
    `📅 2026-12-01` or `due:2026-12-01`, `done` from `✅ 2026-11-20` or `done:2026-11-20`.
    """

    line: int
    checked: bool
    text: str
    due: dt.date | None
    done: dt.date | None
    tags: frozenset[str]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    """Front-matter values, with the line of each top-level key for problems."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True, slots=True)
class Note:
    """One Markdown file of the vault, parsed."""

    path: str
    meta: Meta
    h1: str | None
    entries: tuple[Entry, ...]
    # Mentions outside every dated entry (they water nobody but may still be unresolved names).
    loose_mentions: tuple[Mention, ...]
    loose_tags: frozenset[str]
    # Mentions on task lines (`- [ ] call [[Ada]]`): writing a promise down is not a contact.
    task_mentions: tuple[Mention, ...]
    problems: tuple[Problem, ...]
    tasks: tuple[Task, ...] = ()

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name


@dataclass(frozen=True, slots=True)
class Birthday:
    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class Contact:
    """A person: a note under the people folder or with `type: person`."""

    key: str  # the vault-relative path without `.md`: unique, stable, used for sorting ties
    name: str
    path: str
    aliases: tuple[str, ...]
    circle: str
    cadence_days: int
    birthday: str | None
    tags: tuple[str, ...]
    fields: dict[str, object]
    birth: Birthday | None = None  # `birthday` read: (year or None, month, day)
    birthday_line: int = 1
    resting: bool = False  # `resting: true`: paused by choice, with no end date
    pause_until: dt.date | None = None  # paused while today is before this date


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A wikilink to a name that has no note yet."""

    target: str
    source: Source


@dataclass(frozen=True, slots=True)
class Involvement:
    """An entry that involves a contact, and where it was written."""

    entry: Entry
    path: str
    # Whether the entry's own tags (`#moment`, `#received`…) are about this contact: in a
    # contact's file only that contact; elsewhere everyone the entry mentions.
    concerns: bool = True


@dataclass(frozen=True, slots=True)
class Promise:
    """An open task that is a promise to a contact, and where it was written."""

    task: Task
    path: str
