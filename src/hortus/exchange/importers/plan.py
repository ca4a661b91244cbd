"""What an import would do, decided before anything is written (the dry run), and the writing.

Each person read from the file is either *created* (through `create.py`, so file names and
refusals are exactly `hortus add`'s), *already there* (a contact with the same name, alias,
file name or e-mail, compared case-insensitively: never overwritten), or a *problem* at the
file line where its row or card starts. A person to create whose name differs from a contact's
only by accents, word order or a middle name, or who shares a phone with one, is *probably
already there*: said in the report, and created all the same (hortus never merges; `hortus
check` then names the pair until `not_duplicate_of` says they are two people)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, fields, replace
from pathlib import Path

from hortus.core.config import Config
from hortus.core.errors import HortusError
from hortus.core.model import Contact, Problem, Source
from hortus.core.said import Said, said
from hortus.exchange.importers import ImportedFile, ImportedPerson
from hortus.index import fold, names_of
from hortus.index.duplicates import Matcher
from hortus.person.create import Creator, NewContact, safe_stem
from hortus.render.terminal import CONTROL_RE

DEFAULT_CIRCLE = "weak"
LABELS = {"linkedin": "LinkedIn", "google": "Google Contacts", "vcard": "vCard"}
_TAG_RE = re.compile(r"[\w/-]*[^\W\d_][\w/-]*")
_FENCE_RE = re.compile(r"~{3,}")
_NOTE_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # keeps \t \n \r


@dataclass(frozen=True)
class Planned:
    person: ImportedPerson
    new: NewContact
    path: str  # the file it would create, vault-relative


@dataclass(frozen=True)
class Existing:
    person: ImportedPerson
    contact: Contact
    why: str  # "same name", "same e-mail ada@example.com"…


@dataclass(frozen=True)
class Probable:
    """A person to create who is probably already in the vault under another spelling."""

    person: ImportedPerson
    contact: Contact
    why: Said  # "names differ only by accents, case or word order", "same phone …"


@dataclass(frozen=True)
class ImportPlan:
    display: str  # the file as the user named it
    kind: str
    circle: str
    records: int
    create: tuple[Planned, ...]
    existing: tuple[Existing, ...]
    problems: tuple[Problem, ...]
    probable: tuple[Probable, ...] = ()  # planned all the same: hortus never merges


def plan_import(
    imported: ImportedFile,
    *,
    display: str,
    kind: str,
    circle: str | None,
    contacts: Sequence[Contact],
    config: Config,
) -> ImportPlan:
    """Decide, for each person, create / already there / problem. Pure: reads nothing."""
    chosen = fold(circle) if circle else DEFAULT_CIRCLE
    if chosen not in config.circles:
        known = ", ".join(sorted(config.circles))
        raise HortusError(
            said(
                "unknown circle '{circle}' (known: {known}; add yours to hortus.toml)",
                circle=circle,
                known=known,
            )
        )
    planner = _Planner(display, chosen, contacts, config.people_folder, LABELS.get(kind, kind))
    for person in imported.people:
        planner.add(person)
    problems = sorted([*imported.problems, *planner.problems])
    return ImportPlan(
        display,
        kind,
        chosen,
        imported.records,
        tuple(planner.create),
        tuple(planner.existing),
        tuple(problems),
        tuple(planner.probable),
    )


class _Planner:
    def __init__(
        self, display: str, circle: str, contacts: Sequence[Contact], folder: str, label: str
    ) -> None:
        self.display, self.circle, self.folder, self.label = display, circle, folder, label
        self.emails = _emails_of(contacts)
        self.names = _names_of(contacts)
        self.matcher = Matcher(contacts)
        self.probable: list[Probable] = []
        self.create: list[Planned] = []
        self.existing: list[Existing] = []
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}  # folded name, alias, e-mail or file name → its line
        self.taken = _Taken(self.names, self.seen)

    def add(self, person: ImportedPerson) -> None:
        person = without_controls(person)
        found = _existing(person, self.names, self.emails)
        if found is not None:
            self.existing.append(found)
            return
        try:
            stem = safe_stem(person.name)
        except HortusError as exc:
            self._problem(person, said("{reason}; skipped", reason=exc.said))
            return
        keys = {fold(person.name), fold(stem), *(fold(e) for e in person.emails)}
        earlier = sorted(self.seen[key] for key in keys if key in self.seen)
        if earlier:
            self._problem(
                person,
                said(
                    "{name} is already at line {line} of this file; skipped",
                    name=person.name,
                    line=earlier[0],
                ),
            )
            return
        self.seen.update(dict.fromkeys(keys, person.line))
        new = new_contact(person, self.circle, self.taken, self.label)
        self.seen.update(dict.fromkeys((fold(alias) for alias in new.aliases), person.line))
        self.create.append(Planned(person, new, f"{self.folder}/{stem}.md"))
        matches = self.matcher.matches(person.name, person.emails, person.phones)
        self.probable.extend(Probable(person, m.contact, m.why) for m in matches)

    def _problem(self, person: ImportedPerson, message: Said) -> None:
        self.problems.append(Problem(Source(self.display, person.line), message))


class _Taken:
    """The keys of several mappings as one container, without copying them for every row
    (a copy a row made a 10,000-row import quadratic)."""

    def __init__(self, *maps: Mapping[str, object]) -> None:
        self.maps = maps

    def __contains__(self, key: object) -> bool:
        return any(key in found for found in self.maps)


def without_controls(person: ImportedPerson) -> ImportedPerson:
    """The person with every control character dropped from every value (tabs and line
    breaks kept in the notes): an ESC sequence in a vCard `FN` never reaches a new note's
    heading, and from there a terminal."""
    changes: dict[str, object] = {}
    for item in fields(person):
        value = getattr(person, item.name)
        if isinstance(value, str):
            keep = _NOTE_CONTROL_RE if item.name == "note" else CONTROL_RE
            changes[item.name] = keep.sub("", value)
        elif isinstance(value, tuple):
            changes[item.name] = tuple(CONTROL_RE.sub("", v) for v in value)
    return replace(person, **changes)  # type: ignore[arg-type]


def _emails_of(contacts: Sequence[Contact]) -> dict[str, Contact]:
    found: dict[str, Contact] = {}
    for contact in contacts:
        value = contact.fields.get("email", contact.fields.get("emails"))
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str) and item.strip():
                found.setdefault(fold(item), contact)
    return found


def _names_of(contacts: Sequence[Contact]) -> dict[str, Contact]:
    """Every name a `[[mention]]` may use for each contact (as `names.matches` compares)."""
    found: dict[str, Contact] = {}
    for contact in sorted(contacts, key=lambda c: c.key):
        for name in names_of(contact):
            found.setdefault(fold(name), contact)
    return found


def _existing(
    person: ImportedPerson, names: dict[str, Contact], emails: dict[str, Contact]
) -> Existing | None:
    same = names.get(fold(person.name))
    if same is not None:
        return Existing(person, same, _why(person.name, same))
    try:
        same = names.get(fold(safe_stem(person.name)))
    except HortusError:
        same = None
    if same is not None:
        return Existing(person, same, "same file name")
    for email in person.emails:
        if fold(email) in emails:
            return Existing(person, emails[fold(email)], f"same e-mail {email}")
    return None


def _why(name: str, contact: Contact) -> str:
    if fold(name) == fold(contact.name):
        return "same name"
    if fold(name) in {fold(alias) for alias in contact.aliases}:
        return "same alias"
    return "same file name"


def new_contact(
    person: ImportedPerson, circle: str, taken: Container[str], label: str
) -> NewContact:
    """The contact file's fields, in hortus's own names; aliases that already name someone
    (`taken`: folded names, aliases, file names, e-mails) are left out: they would make
    `[[links]]` ambiguous."""
    own = fold(person.name)
    aliases = tuple(a for a in person.aliases if fold(a) not in taken and fold(a) != own)
    fields: list[tuple[str, str | tuple[str, ...]]] = []
    for key, values in (("email", person.emails), ("phone", person.phones)):
        if values:
            fields.append((key, values[0] if len(values) == 1 else values))
    for key, value in (
        ("company", person.company),
        ("role", person.role),
        ("linkedin", person.linkedin),
        ("address", person.address),
    ):
        if value:
            fields.append((key, value))
    return NewContact(
        name=person.name,
        circle=circle,
        aliases=aliases,
        tags=tuple(t.lstrip("#") for t in person.tags if _TAG_RE.fullmatch(t.lstrip("#"))),
        birthday=person.birthday,
        fields=tuple(fields),
        body=_body(person, label),
    )


def _body(person: ImportedPerson, label: str) -> str:
    """The `met` date as a dated `#news` entry (news, not a conversation: the person stays a
    seedling), then the imported notes in a fence, so nothing in them is read as an entry,
    a `[[link]]` or a tag."""
    parts: list[str] = []
    if person.met is not None:
        parts.append(f"- {person.met.isoformat()}: {person.met_how} #news\n")
    if person.note.strip():
        longest = max((len(m.group(0)) for m in _FENCE_RE.finditer(person.note)), default=2)
        fence = "~" * (longest + 1)
        note = "\n".join(line.rstrip() for line in person.note.strip().splitlines())
        parts.append(f"Notes from {label}:\n\n{fence}\n{note}\n{fence}\n")
    return "\n".join(parts)


@dataclass(frozen=True)
class Written:
    created: tuple[Planned, ...]
    problems: tuple[Problem, ...]  # a file that could not be created after all


# As the loader's: (label, total) → a context giving `update(steps)`; the CLI draws a bar.
Progress = Callable[[Said, int], AbstractContextManager[Callable[[int], None]]]
PROGRESS_EVERY = 500  # an import smaller than this is done before anyone would wonder


def _no_progress(label: Said, total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda done: None)


def write_plan(
    root: Path,
    config: Config,
    contacts: Sequence[Contact],
    plan: ImportPlan,
    today: dt.date,
    progress: Progress | None = None,
) -> Written:
    """Create each planned file (never replacing one); a refusal is that person's problem.
    Linear in the rows: the names taken and the folder are read once (`Creator`). An import
    of `PROGRESS_EVERY` files or more tells `progress` of each file."""
    created: list[Planned] = []
    problems: list[Problem] = []
    creator = Creator(root, config, contacts, today)
    total = len(plan.create)
    shown = progress if progress is not None and total >= PROGRESS_EVERY else _no_progress
    try:
        with shown(said("Creating files"), total) as update:
            for planned in plan.create:
                try:
                    rel = creator.create(planned.new)
                    created.append(Planned(planned.person, planned.new, rel))
                except HortusError as exc:
                    line = planned.person.line
                    problems.append(Problem(Source(plan.display, line), exc.said))
                update(1)
    finally:
        creator.finish()
    return Written(tuple(created), tuple(problems))
