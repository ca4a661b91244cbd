"""LinkedIn's `Connections.csv`, exactly as downloaded: a `Notes:` preamble, a blank line, then
`First Name,Last Name,URL,Email Address,Company,Position,Connected On` (`12 Mar 2021`)."""

from __future__ import annotations

import datetime as dt
import re

from hortus.core.model import Problem, Source
from hortus.core.said import said
from hortus.exchange.importers import ImportedFile, ImportedPerson, clean, unique
from hortus.exchange.importers.table import Row, import_table

REQUIRED = (("First Name", "Last Name"),)
HOW = "Connected on LinkedIn"
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DATE_RE = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -,]+(\d{4})")


def read_linkedin(data: bytes, display: str) -> ImportedFile:
    return import_table(data, display, REQUIRED, _person, "linkedin")


def _person(row: Row, display: str, problems: list[Problem]) -> ImportedPerson | None:
    cells = row.cells
    name = clean(f"{cells.get('First Name', '')} {cells.get('Last Name', '')}")
    if not name:
        problems.append(Problem(Source(display, row.line), said("no name; this row is skipped")))
        return None
    connected = cells.get("Connected On", "")
    met = connected_on(connected)
    if connected and met is None:
        message = said(
            "'Connected On' {value} is not a date like 12 Mar 2021; imported without it",
            value=repr(connected),
        )
        problems.append(Problem(Source(display, row.line), message))
    return ImportedPerson(
        line=row.line,
        name=name,
        emails=unique([cells.get("Email Address", "")]),
        company=clean(cells.get("Company")) or None,
        role=clean(cells.get("Position")) or None,
        linkedin=clean(cells.get("URL")) or None,
        met=met,
        met_how=HOW if met else "",
    )


def connected_on(text: str) -> dt.date | None:
    """`12 Mar 2021` (LinkedIn's form, English month names whatever the locale) or ISO."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DATE_RE.fullmatch(text)
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None
