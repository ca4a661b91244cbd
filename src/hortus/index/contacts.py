"""A contact's note into a `Contact`: its name, aliases, circle, cadence, birthday and pauses,
read from the front matter, each value that cannot be read a problem at its line.

Also the one way names are compared (`fold`), which the index and everything after it use,
and the `Resolver` that tells which contacts a mention's text names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from anyascii import anyascii

from hortus.core.address import EMAIL_KEYS, is_email_address
from hortus.core.config import DEFAULT_CIRCLE, Config, date_value, parse_cadence
from hortus.core.model import (
    Birthday,
    Contact,
    Mention,
    MentionKind,
    NamedDate,
    Note,
    Problem,
    Source,
    Unresolved,
)
from hortus.core.said import Said, said

_KNOWN_FIELDS = frozenset(
    {"name", "aliases", "alias", "circle", "cadence", "birthday", "tags", "resting", "pause_until"}
    | {"anniversary", "memorial", "name_day", "dates", "gift_ideas", "met_through"}
    | {"not_duplicate_of"}
)
DATE_FIELDS = ("anniversary", "memorial", "name_day")  # read like `birthday`; `dates:` too
_LINK_TEXT_RE = re.compile(r"!?\[\[([^\[\]|#\n]*)(?:#[^\[\]|\n]*)?(?:\|[^\[\]\n]*)?\]\]")
_BIRTHDAY_RE = re.compile(r"(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})")
# `12/10/1990` or `12.10.90`: day and month cannot be told apart, so hortus guesses neither.
_SLASHED_RE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
# Front matter arrives as text (notes/read.py); these are the only words a field hortus reads
# takes for "not set" and for yes/no, whatever their case.
_UNSET_WORDS = frozenset({"~", "null"})
_BOOLEAN_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_LINK = MentionKind.LINK  # looked up once: an enum member read from its class costs 50 ns


def fold(text: str) -> str:
    """The form two names are compared in: Unicode NFC, case-folded, outer spaces dropped."""
    if text.isascii():
        return text.lower().strip()  # the same, for the names most people have
    return unicodedata.normalize("NFC", text).casefold().strip()


def bare(text: str) -> str:
    """A name as typed on a plain keyboard: folded and transliterated (anyascii), so `zoe`
    is Zoë, `soren` Søren and `ines` Inès. Only for finding what a person meant, never for
    deciding what a `[[link]]` means."""
    if text.isascii():
        return fold(text)
    return fold(anyascii(fold(text)))


def bare_names(contacts: Iterable[Contact]) -> dict[str, frozenset[str]]:
    """Every name, alias and file stem, `bare`, with the keys of the contacts it may mean."""
    found: dict[str, set[str]] = defaultdict(set)
    for contact in contacts:
        for name in names_of(contact):
            found[bare(strip_md(name))].add(contact.key)
    return {name: frozenset(keys) for name, keys in found.items()}


def suggest(
    unresolved: Sequence[Unresolved], contacts: Sequence[Contact]
) -> tuple[list[Unresolved], list[Problem]]:
    """Unresolved names that mean exactly one contact but for accents and case get that
    contact as a suggestion, and a problem at their line (`check` shows it)."""
    if not unresolved:
        return [], []
    table = bare_names(contacts)
    names = {c.key: c.name for c in contacts}
    out: list[Unresolved] = []
    problems: list[Problem] = []
    for item in unresolved:
        keys = table.get(bare(strip_md(item.target)), frozenset())
        if len(keys) != 1:
            out.append(item)
            continue
        name = names[next(iter(keys))]
        out.append(Unresolved(item.target, item.source, name))
        message = said(
            "[[{target}]] has no page; did you mean [[{name}]]?", target=item.target, name=name
        )
        problems.append(Problem(item.source, message))
    return out, problems


def strip_md(path: str) -> str:
    return path[:-3] if path.lower().endswith(".md") else path


def is_contact_note(note: Note, people_folder: str) -> bool:
    if fold(note.path).startswith(_folder_prefix(people_folder)):
        return True
    kind = field_value(note, "type")
    return isinstance(kind, str) and fold(kind) == "person"


@lru_cache(maxsize=8)  # asked for every note of the vault, of one or two folders
def _folder_prefix(people_folder: str) -> str:
    return fold(people_folder) + "/"


def read_contact(note: Note, config: Config, problems: list[Problem]) -> Contact:
    """The contact a note is about; problems with its fields are added to `problems`."""
    meta = note.meta
    key = strip_md(note.path)
    circle = _circle(note, config, problems)
    _check_emails(note, problems)
    return Contact(
        key=key,
        name=_name(note, problems),
        path=note.path,
        aliases=aliases_of(note),
        circle=circle,
        cadence_days=_cadence(note, config.circles[circle], problems),
        birthday=_text(field_value(note, "birthday")),
        tags=tuple(tag.lstrip("#") for tag in _as_list(field_value(note, "tags"))),
        fields={k: v for k, v in meta.values.items() if k not in _KNOWN_FIELDS},
        birth=_birthday(note, problems),
        birthday_line=meta.line_of("birthday"),
        resting=_resting(note, problems),
        pause_until=_pause_until(note, problems),
        dates=_named_dates(note, problems),
        gift_ideas=tuple(_as_list(field_value(note, "gift_ideas"), split=False)),
        met_through=link_targets(meta.values.get("met_through")),
        met_through_line=meta.line_of("met_through"),
        not_duplicate_of=link_targets(meta.values.get("not_duplicate_of")),
    )


def link_targets(value: object) -> tuple[str, ...]:
    """The names a front-matter field links to: `"[[Bob Nguyen]]"`, `Bob Nguyen`, a list of
    them, or the nested list YAML makes of an unquoted `[[Bob Nguyen]]`."""
    if isinstance(value, list):
        return tuple(name for item in value for name in link_targets(item))
    if not isinstance(value, str):
        return ()
    found = [match.group(1).strip() for match in _LINK_TEXT_RE.finditer(value)]
    if not found and value.strip():
        found = [value.strip()]
    return tuple(name for name in found if name)


def _named_dates(note: Note, problems: list[Problem]) -> tuple[NamedDate, ...]:
    """`anniversary`, `memorial`, `name_day` and each `dates:` item, read like `birthday`."""
    values = note.meta.values
    found: list[NamedDate] = []
    for key in DATE_FIELDS:
        if values.get(key) is not None:
            found += _named_date(note, key, None, values[key], problems)
    table = values.get("dates")
    line = note.meta.line_of("dates")
    if isinstance(table, dict):
        for label, value in table.items():
            found += _named_date(note, "date", str(label).strip(), value, problems, line)
    elif table is not None:
        message = said(
            "dates should be a mapping like {example}",
            example='{"started at Brightline": 2024-01-15}',
        )
        problems.append(Problem(Source(note.path, line), message))
    return tuple(found)


def _named_date(
    note: Note,
    occasion: str,
    label: str | None,
    value: object,
    problems: list[Problem],
    line: int | None = None,
) -> list[NamedDate]:
    where = line if line is not None else note.meta.line_of(occasion)
    when = parse_birthday(value)
    if when is None:
        message = (
            said(
                "{label} in dates {value} is not a date like 2016-06-18, --06-18 or 06-18",
                label=repr(label),
                value=repr(value),
            )
            if label is not None
            else said(
                "{key} {value} is not a date like 2016-06-18, --06-18 or 06-18",
                key=occasion,
                value=repr(value),
            )
        )
        problems.append(Problem(Source(note.path, where), message))
        return []
    return [NamedDate(occasion, label, when, where)]


def field_value(note: Note, key: str) -> object:
    """A front-matter field hortus reads, None when it is absent, empty, `~` or `null`."""
    value = note.meta.values.get(key)
    if isinstance(value, str) and (not value.strip() or value.strip().casefold() in _UNSET_WORDS):
        return None
    return value


def parse_birthday(value: object) -> Birthday | None:
    """`1992-03-08`, `--03-08` or `03-08`; None when it is not a real day of the year."""
    if isinstance(value, dt.date):
        return Birthday(value.year, value.month, value.day)
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    match = _BIRTHDAY_RE.fullmatch(str(value).strip())
    if match is None:
        return None
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February is a real birthday
    except ValueError:
        return None
    return Birthday(year, month, day)


def _check_emails(note: Note, problems: list[Problem]) -> None:
    """An e-mail field holds addresses only: `a@b.com?bcc=…` would become a link that sends
    a hidden copy (`core/address.py`)."""
    for key, value in note.meta.values.items():
        if fold(key) not in EMAIL_KEYS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip() and not is_email_address(item):
                message = said(
                    "{key} {value} is not an e-mail address (name@domain and nothing more); "
                    "no link is made of it",
                    key=key,
                    value=repr(item),
                )
                problems.append(Problem(Source(note.path, note.meta.line_of(key)), message))


def _birthday(note: Note, problems: list[Problem]) -> Birthday | None:
    value = field_value(note, "birthday")
    if value is None:
        return None
    birth = parse_birthday(value)
    if birth is None:
        problems.append(Problem(Source(note.path, note.meta.line_of("birthday")), _why(value)))
    return birth


def _why(value: object) -> Said:
    """Why a birthday is not read; a slashed date is ambiguous, so the message offers both."""
    match = _SLASHED_RE.fullmatch(str(value).strip())
    if match is not None:
        first, second, year = match.groups()
        year = year if len(year) == 4 else f"??{year}"
        one, two = f"{int(first):02d}", f"{int(second):02d}"
        return said(
            "birthday {value} is ambiguous (day/month or month/day?): write {one} or {other}",
            value=repr(value),
            one=f"{year}-{two}-{one}",
            other=f"{year}-{one}-{two}",
        )
    return said(
        "birthday {value} is not a date like 1990-07-21, --07-21 or 07-21", value=repr(value)
    )


def _resting(note: Note, problems: list[Problem]) -> bool:
    value = field_value(note, "resting")
    if value is None:
        return False
    answer = _BOOLEAN_WORDS.get(str(value).strip().casefold())
    if answer is not None:
        return answer
    message = said("resting {value} should be true or false; read as false", value=repr(value))
    problems.append(Problem(Source(note.path, note.meta.line_of("resting")), message))
    return False


def _pause_until(note: Note, problems: list[Problem]) -> dt.date | None:
    value = field_value(note, "pause_until")
    if value is None:
        return None
    day = date_value(value)
    if day is not None:
        return day
    message = said("pause_until {value} is not a date like 2027-03-01", value=repr(value))
    problems.append(Problem(Source(note.path, note.meta.line_of("pause_until")), message))
    return None


def _name(note: Note, problems: list[Problem]) -> str:
    value = field_value(note, "name")
    fallback = note.h1 or note.stem
    if isinstance(value, list | dict):
        message = said(
            "name should be one line of text, not a list or a mapping; using '{name}'",
            name=fallback,
        )
        problems.append(Problem(Source(note.path, note.meta.line_of("name")), message))
        return fallback
    return (_text(value) or "").strip() or fallback


def _circle(note: Note, config: Config, problems: list[Problem]) -> str:
    value = field_value(note, "circle")
    if value is None:
        return DEFAULT_CIRCLE
    name = fold(str(value))
    if name in config.circles:
        return name
    known = ", ".join(sorted(config.circles))
    message = said(
        "unknown circle '{value}' (known: {known}); treated as {circle}",
        value=value,
        known=known,
        circle=DEFAULT_CIRCLE,
    )
    problems.append(Problem(Source(note.path, note.meta.line_of("circle")), message))
    return DEFAULT_CIRCLE


def _cadence(note: Note, circle_days: int, problems: list[Problem]) -> int:
    value = field_value(note, "cadence")
    if value is None:
        return circle_days
    days = parse_cadence(value)
    if days is not None:
        return days
    message = said(
        "cadence '{value}' is not readable (write days like 21, or 3w, 2m, 1y, monthly…); "
        "using the circle's {days} days",
        value=value,
        days=circle_days,
    )
    problems.append(Problem(Source(note.path, note.meta.line_of("cadence")), message))
    return circle_days


def aliases_of(note: Note) -> tuple[str, ...]:
    """`aliases:` (or `alias:`) as a list of names, a YAML list or a comma-separated string."""
    return tuple(_as_list(_alias_value(note)))


def _alias_value(note: Note) -> object:
    key = "aliases" if "aliases" in note.meta.values else "alias"
    return field_value(note, key)


def _as_list(value: object, *, split: bool = True) -> list[str]:
    """A YAML list or an Obsidian-style comma-separated string (one item when not `split`),
    as clean strings."""
    if value is None:
        return []
    if isinstance(value, list):
        items: list[object] = list(value)
    else:
        items = list(str(value).split(",")) if split else [str(value)]
    texts = (str(item).strip() for item in items if item is not None)
    return [text for text in texts if text and text.casefold() not in _UNSET_WORDS]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def names_of(contact: Contact) -> tuple[str, ...]:
    """Every text a mention of `contact` may use: its path and file stem, its name, its aliases."""
    return (contact.key, contact.key.rsplit("/", 1)[-1], contact.name, *contact.aliases)


class Resolver:
    """Mention targets to contacts: by file stem, path, name or alias, compared folded.

    Its tables are fixed once made (a change of names makes a new resolver), so what a target
    resolves to is worked out once per distinct text: a big vault has hundreds of thousands of
    mentions of a few tens of thousands of texts.
    """

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_path: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self._links: dict[str, frozenset[str]] = {}  # a link's target → its contact (or none)
        self._named: dict[str, frozenset[str]] = {}  # a wikilink's target → the contacts named
        self._sets: dict[frozenset[str], frozenset[str]] = {}  # each answer once (memory)
        for contact in contacts:
            self._add(contact)

    def _add(self, contact: Contact) -> None:
        self.names[contact.key] = contact.name
        for name in names_of(contact):
            self.by_name[fold(name)].add(contact.key)
        self.by_path[fold(contact.key)] = contact.key

    def resolve_all(
        self,
        path: str,
        mentions: Iterable[Mention],
        problems: list[Problem],
        unresolved: list[Unresolved] | None,
    ) -> set[str]:
        """The contacts `mentions` name; ambiguous names become problems, and names of no
        contact go to `unresolved` (when given)."""
        found: set[str] = set()
        for mention in mentions:
            keys = self._keys(mention)
            if len(keys) == 1:
                found |= keys
            elif mention.kind is _LINK:
                continue  # a link to a file that is no contact: neither a problem nor a name
            elif keys:
                problems.append(self._ambiguous(path, mention, keys))
            elif unresolved is not None:
                unresolved.append(Unresolved(mention.target, Source(path, mention.line)))
        return found

    def _keys(self, mention: Mention) -> frozenset[str]:
        """The contacts a mention's target names: a link's by path, a wikilink's by name."""
        target = mention.target
        link = mention.kind is _LINK
        memo = self._links if link else self._named
        keys = memo.get(target)
        if keys is None:
            keys = memo[target] = self._look_up(target, link)
        return keys

    def _look_up(self, target: str, link: bool) -> frozenset[str]:
        if link:
            key = self.by_path.get(fold(target))
            keys = frozenset(() if key is None else (key,))
        else:
            keys = frozenset(self.by_name.get(fold(strip_md(target)), ()))
        return self._sets.setdefault(keys, keys)  # one set per contact, however many texts

    def _ambiguous(self, path: str, mention: Mention, keys: frozenset[str]) -> Problem:
        options = ", ".join(f"{self.names[k]} ({k}.md)" for k in sorted(keys))
        message = said(
            "[[{target}]] could mean {options}; it counts for none of them "
            "(link to the file path, e.g. [[{path}]])",
            target=mention.target,
            options=options,
            path=sorted(keys)[0],
        )
        return Problem(Source(path, mention.line), message)
