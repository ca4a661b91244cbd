"""Which service a file to import comes from, by its header: so `hortus import linkedin` given
a Google Contacts file refuses it, naming the kind it looks like, instead of reading its
`First Name` and `Last Name` and silently dropping the e-mails, phones and birthdays.

Only columns one service writes count: both write `First Name` and `Last Name`.
"""

from __future__ import annotations

from collections.abc import Collection

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
NAMES = {"linkedin": "LinkedIn's Connections.csv", "google": "a Google Contacts CSV"}


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


def wrong_kind(expected: str, found: str | None) -> str | None:
    """The reason to refuse a file of kind `found` given to the `expected` importer."""
    if found is None or found == expected:
        return None
    what = NAMES.get(found, "a vCard file (.vcf)")
    return (
        f"it looks like {what}, not {NAMES.get(expected, 'a vCard file')}; "
        f"nothing was read (run `hortus import {found} FILE`)"
    )
