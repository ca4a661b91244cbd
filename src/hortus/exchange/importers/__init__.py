"""People from other services' files: each importer turns a file into `ImportedPerson` records
and problems (`file:line: message`), and never touches the vault; `plan.py` decides what to do
with them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from hortus.core.model import Problem
from hortus.core.said import Said, said

# A file larger than this is not a contact export; it is refused before anything is read.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
KINDS = ("linkedin", "google", "vcard")

_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NO_YEAR_RE = re.compile(r"(?:--)?(\d{2})-?(\d{2})")
_VCARD_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class ImportedPerson:
    """One person read from an import file, in hortus's own field names."""

    line: int  # where the row or card starts in the file (1-based)
    name: str
    aliases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    linkedin: str | None = None
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without a year
    address: str | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    met: dt.date | None = None  # written as a dated `#news` entry, never as a conversation
    met_how: str = ""
    uid: str = ""  # a vCard's UID (hortus's own export writes one per contact)


@dataclass(frozen=True)
class ImportedFile:
    """What an importer read: the people, the problems, and how many rows or cards it saw."""

    people: tuple[ImportedPerson, ...]
    problems: tuple[Problem, ...]
    records: int  # rows or cards, good and bad


def birthday_text(value: str) -> str | None:
    """`1990-04-12`, `19900412`, `--0412`, `--04-12`, `04-12` → `1990-04-12` or `--04-12`;
    None when it is not a real date (29 February is checked against a leap year)."""
    text = value.strip()
    for pattern in (_ISO_RE, _VCARD_DATE_RE):
        match = pattern.fullmatch(text[:10] if "T" in text else text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _checked(year, month, day, f"{year:04d}-{month:02d}-{day:02d}")
    match = _NO_YEAR_RE.fullmatch(text)
    if match:
        month, day = (int(part) for part in match.groups())
        return _checked(2000, month, day, f"--{month:02d}-{day:02d}")
    return None


def _checked(year: int, month: int, day: int, text: str) -> str | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return text


def clean(text: str | None) -> str:
    """One line of text, NFC (macOS writes `é` as `e` + an accent), outer spaces dropped, inner
    runs of whitespace made single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def unique(items: list[str]) -> tuple[str, ...]:
    """Non-empty items, first spelling kept, duplicates (case-insensitive) dropped."""
    seen: dict[str, str] = {}
    for item in items:
        text = clean(item)
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return tuple(seen.values())


# Which service a file to import comes from, by its header: so `hortus import linkedin` given a
# Google Contacts file refuses it, naming the kind it looks like, instead of reading its
# `First Name` and `Last Name` and silently dropping the e-mails, phones and birthdays. Only
# columns one service writes count: both write `First Name` and `Last Name`.
# Columns only LinkedIn's Connections.csv has.
LINKEDIN_MARKS = frozenset({"Connected On", "Position"})
# Columns only Google Contacts' CSV (new and old header) has.
GOOGLE_MARKS = frozenset(
    {
        "Middle Name",
        "Given Name",
        "Family Name",
        "Additional Name",
        "Nickname",
        "Labels",
        "Group Membership",
        "Organization Name",
        "Organization Title",
        "Organization 1 - Name",
        "E-mail 1 - Value",
        "Phone 1 - Value",
    }
)
NAMES = {"linkedin": said("LinkedIn's Connections.csv"), "google": said("a Google Contacts CSV")}


def table_kind(header: Collection[str]) -> str | None:
    """`linkedin` or `google` when the header has columns of that service only; else None."""
    linkedin = any(column in LINKEDIN_MARKS for column in header)
    google = any(column in GOOGLE_MARKS for column in header)
    if linkedin != google:
        return "linkedin" if linkedin else "google"
    return None


def text_kind(text: str) -> str | None:
    """What a file that is not the expected kind looks like, from its first lines: a vCard, or
    a CSV whose header (anywhere in them) names a service."""
    head = text[:8192]
    if "BEGIN:VCARD" in head.upper():
        return "vcard"
    for line in head.splitlines()[:10]:
        for delimiter in (",", ";", "\t"):
            cells = {cell.strip().strip('"') for cell in line.split(delimiter)}
            kind = table_kind(cells)
            if kind is not None:
                return kind
    return None


def wrong_kind(expected: str, found: str | None) -> Said | None:
    """The reason to refuse a file of kind `found` given to the `expected` importer."""
    if found is None or found == expected:
        return None
    return said(
        "it looks like {what}, not {expected}; nothing was read (run `hortus import {found} FILE`)",
        what=NAMES.get(found, said("a vCard file (.vcf)")),
        expected=NAMES.get(expected, said("a vCard file")),
        found=found,
    )
