"""A CSV export as the services write it: UTF-8 (with or without a BOM), a preamble before the
header row (LinkedIn's `Notes:`), commas or semicolons, quoted cells over several lines.

Rows come out with the file line where they start. An unterminated quote would swallow every
row after it into one cell: such a row is reported at its line and reading resumes on the next
line. A cell larger than the cap is reported too. Never raises on the file's content."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from hortus.core.errors import ImportFileError
from hortus.core.model import Problem, Source
from hortus.core.said import Said, said
from hortus.exchange.importers import (
    ImportedFile,
    ImportedPerson,
    table_kind,
    text_kind,
    wrong_kind,
)

# A row to a person, or None after adding the row's problem to the list.
PersonOf = Callable[["Row", str, list[Problem]], ImportedPerson | None]

HEADER_SEARCH_LINES = 10
MAX_CELL = 128 * 1024  # the csv module's own default cap, said out loud
DELIMITERS = (",", ";", "\t")
MAX_PROBLEMS = 1_000  # past this many bad rows the file is not what it claims to be


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]


def import_table(
    data: bytes,
    display: str,
    required: Sequence[Sequence[str]],
    person_of: PersonOf,
    kind: str | None = None,
) -> ImportedFile:
    """Every row of a CSV export as a person, or as a problem at the row's line. `kind`: the
    service the file must come from; a file whose header is another's is refused."""
    text = decode(data, display)
    try:
        table = read_table(text, display, required)
    except ImportFileError:
        if kind is not None and (reason := wrong_kind(kind, text_kind(text))):
            raise ImportFileError(display, reason) from None
        raise
    reason = wrong_kind(kind, table_kind(table.header)) if kind is not None else None
    if reason is not None:
        raise ImportFileError(display, reason)
    people: list[ImportedPerson] = []
    problems = list(table.problems)
    for row in table.rows:
        person = person_of(row, display, problems)
        if person is not None:
            people.append(person)
    records = len(table.rows) + len(table.problems)  # rows read, and rows that could not be
    return ImportedFile(tuple(people), tuple(sorted(problems)), records)


def decode(data: bytes, display: str) -> str:
    """UTF-8 with or without a BOM; anything else is refused with where it fails."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(display, said("it is UTF-16; export it again as UTF-8 CSV"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = said(
            "line {line} is not UTF-8 (byte {byte}); hortus reads CSV files as UTF-8: "
            "export it again as 'CSV UTF-8'",
            line=line,
            byte=exc.start,
        )
        raise ImportFileError(display, reason) from None


def read_table(text: str, display: str, required: Sequence[Sequence[str]]) -> Table:
    """Find the header (a line among the first ten holding every column of one of the
    `required` sets), then read every row after it."""
    lines = text.splitlines(keepends=True)
    found = _find_header(lines, required)
    if found is None:
        wanted = _any_of([", ".join(columns) for columns in required])
        reason = said(
            "no header row with {wanted} in the first {lines} lines",
            wanted=wanted,
            lines=HEADER_SEARCH_LINES,
        )
        raise ImportFileError(display, reason)
    at, delimiter, header = found
    rows, problems = _rows(lines, at + 1, delimiter, header, display)
    return Table(tuple(header), tuple(rows), tuple(problems))


def _any_of(options: Sequence[str]) -> str | Said:
    """`a`, `a or b`, `a or b or c`: the header rows one may have."""
    if len(options) == 1:
        return options[0]
    return said("{first} or {rest}", first=options[0], rest=_any_of(options[1:]))


def _find_header(
    lines: Sequence[str], required: Sequence[Sequence[str]]
) -> tuple[int, str, list[str]] | None:
    for at, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        for delimiter in DELIMITERS:
            cells = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])]
            if any(all(column in cells for column in columns) for columns in required):
                return at, delimiter, cells
    return None


class _Lines:
    """The file's lines for `csv.reader`, with a position that can be moved back."""

    def __init__(self, lines: Sequence[str], start: int) -> None:
        self.lines = lines
        self.pos = start

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def _rows(
    lines: Sequence[str], start: int, delimiter: str, header: list[str], display: str
) -> tuple[list[Row], list[Problem]]:
    source = _Lines(lines, start)
    reader = csv.reader(source, delimiter=delimiter)
    rows: list[Row] = []
    problems: list[Problem] = []
    previous_limit = csv.field_size_limit(MAX_CELL)
    try:
        while len(problems) < MAX_PROBLEMS:
            begin = source.pos
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                spans = source.pos - begin
                problems.append(Problem(Source(display, begin + 1), _why(exc, spans)))
                source.pos = begin + 1
                reader = csv.reader(source, delimiter=delimiter)
                continue
            if _swallowed(cells, source.pos - begin, delimiter, len(header)):
                message = said(
                    "a quote here is never closed; this row is skipped (check its quotes)"
                )
                problems.append(Problem(Source(display, begin + 1), message))
                source.pos = begin + 1
                continue
            if any(cell.strip() for cell in cells):
                rows.append(Row(begin + 1, _cells(header, cells)))
    finally:
        csv.field_size_limit(previous_limit)
    if len(problems) >= MAX_PROBLEMS:
        message = said(
            "{count} unreadable rows; the rest of the file was not read", count=MAX_PROBLEMS
        )
        problems.append(Problem(Source(display, source.pos + 1), message))
    return rows, problems


def _why(exc: csv.Error, spans: int) -> Said:
    if "field larger" in str(exc):
        size = MAX_CELL // 1024
        if spans > 1:  # over several lines, it is most often a quote that is never closed
            return said(
                "a quote here is never closed, or a cell is larger than {size} KiB; "
                "this row is skipped",
                size=size,
            )
        return said("a cell is larger than {size} KiB; this row is skipped", size=size)
    return said("this row cannot be read as CSV ({reason}); it is skipped", reason=exc)


def _swallowed(cells: list[str], spans: int, delimiter: str, columns: int) -> bool:
    """A row over several lines whose cells hold what looks like whole rows, or that ran to
    the end of the file: an opening quote that was never closed."""
    if spans <= 1:
        return False
    if len(cells) < columns:
        return True
    needed = max(columns - 1, 1)
    return any(line.count(delimiter) >= needed for cell in cells for line in cell.split("\n")[1:])


def _cells(header: list[str], cells: list[str]) -> dict[str, str]:
    return {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header)}
