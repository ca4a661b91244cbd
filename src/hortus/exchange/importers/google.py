"""Google Contacts' CSV export (UTF-8 with a BOM): `First Name`, `Last Name`, `Nickname`,
`Birthday`, `Notes`, `Labels`, `E-mail 1 - Value`, `Phone 1 - Value`, `Organization Name`,
`Organization Title`…; several values in one cell are separated by ` ::: `. The older header
(`Given Name`, `Family Name`, `Group Membership`, `Organization 1 - Name`) is read too."""

from __future__ import annotations

import re

from hortus.core.model import Problem, Source
from hortus.core.said import said
from hortus.exchange.importers import ImportedFile, ImportedPerson, birthday_text, clean, unique
from hortus.exchange.importers.table import Row, import_table

REQUIRED = (("First Name", "Last Name"), ("Given Name", "Family Name"), ("Name", "Nickname"))
SEPARATOR = " ::: "
SYSTEM_LABELS = frozenset({"* mycontacts", "mycontacts"})
_NUMBERED_RE = re.compile(r"(E-mail|Phone|Website) (\d+) - Value")
_TAG_CHARS_RE = re.compile(r"[^\w/-]+")


def read_google(data: bytes, display: str) -> ImportedFile:
    return import_table(data, display, REQUIRED, _person, "google")


def _person(row: Row, display: str, problems: list[Problem]) -> ImportedPerson | None:
    cells = row.cells

    def cell(*names: str) -> str:
        return next((cells[n] for n in names if cells.get(n, "").strip()), "")

    parts = (cell("First Name", "Given Name"), cell("Middle Name", "Additional Name"))
    name = clean(" ".join((*parts, cell("Last Name", "Family Name")))) or clean(cell("Name"))
    nickname = clean(cell("Nickname"))
    if not name and nickname:
        name, nickname = nickname, ""
    if not name:
        problems.append(Problem(Source(display, row.line), said("no name; this row is skipped")))
        return None
    birthday_cell = cell("Birthday")
    birthday = birthday_text(birthday_cell) if birthday_cell else None
    if birthday_cell and birthday is None:
        message = said(
            "birthday {value} is not a date like 1990-04-12 or --04-12; skipped",
            value=repr(birthday_cell),
        )
        problems.append(Problem(Source(display, row.line), message))
    return ImportedPerson(
        line=row.line,
        name=name,
        aliases=unique(split(nickname)),
        emails=unique(_numbered(cells, "E-mail")),
        phones=unique(_numbered(cells, "Phone")),
        company=clean(split(cell("Organization Name", "Organization 1 - Name"))[0]) or None,
        role=clean(split(cell("Organization Title", "Organization 1 - Title"))[0]) or None,
        birthday=birthday,
        address=clean(split(cell("Address 1 - Formatted"))[0]) or None,
        tags=labels_to_tags(cell("Labels", "Group Membership")),
        note=cell("Notes").strip(),
    )


def split(value: str) -> list[str]:
    """`a ::: b` → [a, b]; always at least one item."""
    return [part.strip() for part in value.split(SEPARATOR.strip())] or [""]


def _numbered(cells: dict[str, str], kind: str) -> list[str]:
    values: list[tuple[int, str]] = []
    for column, value in cells.items():
        match = _NUMBERED_RE.fullmatch(column)
        if match and match.group(1) == kind:
            values.extend((int(match.group(2)), part) for part in split(value))
    return [value for _, value in sorted(values, key=lambda item: item[0])]


def labels_to_tags(value: str) -> tuple[str, ...]:
    """Google's labels as hortus tags: `* myContacts` dropped, `* starred` → `starred`,
    `Climbing Club` → `climbing-club`; a label without a letter is dropped."""
    tags: list[str] = []
    for label in split(value):
        if label.casefold() in SYSTEM_LABELS:
            continue
        tag = _TAG_CHARS_RE.sub("-", label.removeprefix("*").strip().lower()).strip("-")
        if any(ch.isalpha() for ch in tag):
            tags.append(tag)
    return unique(tags)
