"""The records that flow through the pipeline: immutable, each with its source position."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from typing import Any, ClassVar

from hortus.core.said import Said

# The one empty set of tags: most entries have none, and every `frozenset()` is a new object
# of its own, and a big vault holds hundreds of thousands of them.
NO_TAGS: frozenset[str] = frozenset()


def tag_set(tags: Iterable[str]) -> frozenset[str]:
    found = frozenset(tags)
    return found if found else NO_TAGS


def _share_no_tags(record: object, name: str) -> None:
    """Make an empty tag set of a record `NO_TAGS` (records decoded from the cache come with
    their own); called from `__post_init__`, which decoding calls too."""
    tags = getattr(record, name)
    if not tags and tags is not NO_TAGS:
        object.__setattr__(record, name, NO_TAGS)


class Record:
    """The base of the records: pickled as a call of their constructor. Parse results cross
    from the worker processes to the main one, and slotted dataclasses' own way (a state
    dictionary, set field by field in Python) is 2.5 times slower both ways."""

    __slots__ = ()
    _state: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = tuple(cls.__dict__.get("__slots__", ()))
        if names:  # the class `dataclass(slots=True)` makes (the first one has no slots yet)
            getter = attrgetter(*names)
            cls._state = getter if len(names) > 1 else lambda record: (getter(record),)

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        cls = type(self)
        return (cls, cls._state(self))


@dataclass(frozen=True, order=True, slots=True)
class Source(Record):
    """A place in the vault: a vault-relative `/` path and a 1-based line (front matter counts)."""

    path: str
    line: int


@dataclass(frozen=True, order=True, slots=True)
class Problem(Record):
    """Something in the user's files that hortus could not read as intended. Always one line
    at one place: a parser's message with line breaks is joined (it would read as several)."""

    source: Source
    said: Said  # in English, `message`; in the vault's language, `Catalogue.say`

    @property
    def message(self) -> str:
        return str(self.said)


class MentionKind(Enum):
    WIKILINK = "wikilink"
    LINK = "link"  # an ordinary Markdown link; `target` is then a vault-relative path


@dataclass(frozen=True, slots=True)
class Mention(Record):
    target: str
    kind: MentionKind
    line: int

    def __post_init__(self) -> None:
        # One copy of each name, however many notes mention it (a big vault's cache holds
        # many mentions of far fewer names).
        object.__setattr__(self, "target", sys.intern(self.target))


@dataclass(frozen=True, slots=True)
class Entry(Record):
    """A dated piece of a note: a dated heading section, a dated list item or a dated note."""

    date: dt.date
    line: int
    title: str
    tags: frozenset[str]
    mentions: tuple[Mention, ...]

    def __post_init__(self) -> None:
        _share_no_tags(self, "tags")


@dataclass(frozen=True, slots=True)
class Task(Record):
    """A task line, `- [ ] text`, `- [x] text` or `- [-] text` (let go): a promise, never a
    contact by itself. `checked` is true for the last two: the promise is closed.

    `text` is the first line without the checkbox and the date markers; `due` comes from
    `📅 2026-12-01` or `due:2026-12-01`, `done` from `✅ 2026-11-20` or `done:2026-11-20`
    (never on a task let go), `created` from `➕ 2026-11-01` or `created:2026-11-01`; a
    task's `❌ 2026-12-06` or `cancelled:…` is read and left out of its text.
    """

    line: int
    checked: bool
    text: str
    due: dt.date | None
    done: dt.date | None
    tags: frozenset[str]
    mentions: tuple[Mention, ...]
    created: dt.date | None = None

    def __post_init__(self) -> None:
        _share_no_tags(self, "tags")


@dataclass(frozen=True, slots=True)
class Meta(Record):
    """Front-matter values, with the line of each top-level key for problems."""

    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True, slots=True)
class Note(Record):
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

    def __post_init__(self) -> None:
        _share_no_tags(self, "loose_tags")

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name


@dataclass(frozen=True, slots=True)
class Birthday(Record):
    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class NamedDate(Record):
    """A date that matters besides the birthday: `anniversary`, `memorial`, `name_day`, or one
    of the free `dates:` map (`occasion` is then `date` and `label` its key)."""

    occasion: str
    label: str | None
    when: Birthday
    line: int


@dataclass(frozen=True, slots=True)
class Contact(Record):
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
    dates: tuple[NamedDate, ...] = ()  # anniversary, memorial, name_day and `dates:`
    gift_ideas: tuple[str, ...] = ()
    met_through: tuple[str, ...] = ()  # the names `met_through:` gives, resolved by the index
    met_through_line: int = 1
    not_duplicate_of: tuple[str, ...] = ()  # names of contacts that only look like this one


@dataclass(frozen=True, slots=True)
class Unresolved(Record):
    """A wikilink to a name that has no note yet."""

    target: str
    source: Source
    # The one contact the name means once accents and case are set aside (`[[Ines Moreau]]`
    # for Inès Moreau): Obsidian would not open her page, so it is a suggestion, not a match.
    suggestion: str | None = None


@dataclass(frozen=True, slots=True)
class Introduction(Record):
    """Who introduced you to whom (contact keys), and where it is written.

    From `met_through:` the direction is written (`written` is True); from an `#intro` entry
    in one of the two files it is not, and the garden decides it from what came before.
    """

    introducer: str
    introduced: str
    date: dt.date | None  # the `#intro` entry's date; None for `met_through:`
    source: Source
    written: bool


@dataclass(frozen=True, slots=True)
class Involvement(Record):
    """An entry that involves a contact, and where it was written."""

    entry: Entry
    path: str
    # Whether the entry's own tags (`#moment`, `#received`…) are about this contact: in a
    # contact's file only that contact; elsewhere everyone the entry mentions.
    concerns: bool = True


@dataclass(frozen=True, slots=True)
class Promise(Record):
    """An open task that is a promise to a contact, and where it was written."""

    task: Task
    path: str
    # When it was written down: its `➕` date, else the dated entry above it, else the date of
    # its note (a daily note); None when nothing says (it then never counts as old).
    written: dt.date | None = None
