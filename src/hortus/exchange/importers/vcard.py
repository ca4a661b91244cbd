"""`.vcf` files from Google, Apple Contacts, Outlook and phones (vCard 2.1, 3.0 and 4.0, many
cards per file), read as a stream with bounded memory.

hortus splits the file into cards itself, line by line, before vobject (behind `vcf.py`)
reads one card at a time: so a card that never ends, 2,000 nested `BEGIN:VCARD`s or garbage
between cards is one problem at the line where it starts, and the other cards are imported.
Photos, logos, sounds and keys are skipped while reading (a 30 MB photo is never held in
memory), any line is read at most `MAX_LINE` bytes at a time, and a card larger than
`MAX_CARD` is refused. Quoted-printable soft line breaks (vCard 2.1) are joined here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import BinaryIO

from hortus.core.model import Problem, Source
from hortus.core.said import Said, said
from hortus.exchange.importers import ImportedFile, ImportedPerson, birthday_text, clean, unique
from hortus.exchange.vcf import CardFields, read_card

MAX_LINE = 64 * 1024
MAX_CARD = 1024 * 1024
SKIPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
OWN_NOTE = "hortus vault file: "  # the pointer `hortus export vcard` writes; not worth keeping
_PROPERTY_RE = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


@dataclass
class _Card:
    line: int
    lines: list[str] = field(default_factory=list)
    size: int = 0
    trouble: Said | None = None  # why the card is skipped, found while reading its lines
    skipping: bool = False  # inside a skipped property's continuation lines
    bare_base64: bool = False  # vCard 2.1 base64: unindented lines until a blank line
    soft_break: bool = False  # the last line ended with a quoted-printable `=`


class _Splitter:
    def __init__(self, display: str) -> None:
        self.display = display
        self.card: _Card | None = None
        self.people: list[ImportedPerson] = []
        self.problems: list[Problem] = []
        self.cards = 0  # cards read or reported (a run of bare BEGIN:VCARD lines counts once)
        self.unclosed: tuple[int, int] | None = None  # a run of empty unclosed cards
        self.strays: tuple[int, int] | None = None  # a run of END:VCARD outside a card
        self.outside: int | None = None  # the first line of a run of text outside cards

    def feed(self, number: int, raw: bytes, truncated: bool) -> None:
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        if number == 1:
            text = text.removeprefix("\ufeff")
        upper = text.strip().upper()
        if self.card is None:
            self._outside(number, upper)
            return
        card = self.card
        if upper == "BEGIN:VCARD":
            self._unclosed(card, number)
            self._begin(number)
        elif upper == "END:VCARD":
            self._end(card)
        else:
            self._line(card, number, text, raw, truncated)

    def _outside(self, number: int, upper: str) -> None:
        if upper == "BEGIN:VCARD":
            self._flush_runs()
            self._begin(number)
        elif upper == "END:VCARD":
            first, count = self.strays or (number, 0)
            self.strays = (first, count + 1)
        elif upper and self.outside is None:
            self.outside = number

    def _begin(self, number: int) -> None:
        self.card = _Card(number)

    def _unclosed(self, card: _Card, number: int) -> None:
        if card.lines:
            self._flush_runs()
            self._report(
                card.line,
                said("this card has no END:VCARD before line {line}; skipped", line=number),
            )
            return
        first, count = self.unclosed or (card.line, 0)
        self.unclosed = (first, count + 1)

    def _line(self, card: _Card, number: int, text: str, raw: bytes, truncated: bool) -> None:
        if card.trouble is not None or _skipped(card, text):
            return
        if card.soft_break:
            card.lines[-1] = card.lines[-1][:-1] + text
            card.soft_break = text.endswith("=")
            return
        match = _PROPERTY_RE.match(text)
        name = match.group(1).upper() if match else ""
        head = text.upper().split(":", 1)[0]
        if name in SKIPPED:
            card.skipping = True
            card.bare_base64 = "BASE64" in head or "ENCODING=B" in head
            return
        card.trouble = _trouble(card, number, name, raw, truncated)
        if card.trouble is None:
            card.lines.append(text)
            card.size += len(raw)
            card.soft_break = "QUOTED-PRINTABLE" in head and text.endswith("=")

    def _end(self, card: _Card) -> None:
        self.card = None
        self._flush_runs()
        if card.trouble is not None:
            self._report(card.line, card.trouble)
            return
        text = "\r\n".join(["BEGIN:VCARD", *card.lines, "END:VCARD", ""])
        fields = read_card(text)
        if isinstance(fields, Said):
            self._report(card.line, fields)
            return
        person = self._person(card.line, fields)
        if person is not None:
            self.cards += 1
            self.people.append(person)

    def _person(self, line: int, fields: CardFields) -> ImportedPerson | None:
        name = clean(fields.name) or clean(" ".join(fields.nicknames[:1]))
        if not name:
            self._report(line, said("no name (FN, N or NICKNAME); card skipped"))
            return None
        urls = [url for url in fields.urls if "linkedin.com/" in url.lower()]
        note = "\n".join(
            row for row in fields.note.splitlines() if not row.startswith(OWN_NOTE)
        ).strip()
        return ImportedPerson(
            line=line,
            name=name,
            aliases=unique([n for n in fields.nicknames if clean(n) != name]),
            emails=unique(list(fields.emails)),
            phones=unique(list(fields.phones)),
            company=clean(fields.org) or None,
            role=clean(fields.title) or None,
            linkedin=urls[0] if urls else None,
            birthday=self._birthday(line, fields),
            address=fields.address or None,
            tags=unique(list(fields.categories)),
            note=note,
            uid=fields.uid,
        )

    def _birthday(self, line: int, fields: CardFields) -> str | None:
        if not fields.bday:
            return None
        value = fields.bday
        if fields.bday_omit_year and value.startswith(fields.bday_omit_year):
            value = "--" + value[len(fields.bday_omit_year) :].lstrip("-")
        found = birthday_text(value)
        if found is None:
            message = said(
                "BDAY {value} is not a date; imported without it", value=repr(fields.bday)
            )
            self._report(line, message, card=False)
        return found

    def _report(self, line: int, message: Said, *, card: bool = True) -> None:
        """A problem; `card`: it stands for a card (counted in the file's total)."""
        self.cards += card
        self.problems.append(Problem(Source(self.display, line), message))

    def _flush_runs(self) -> None:
        if self.unclosed:
            first, count = self.unclosed
            message = (
                said("{count} BEGIN:VCARD lines without a card or END:VCARD; skipped", count=count)
                if count > 1
                else said("a BEGIN:VCARD without a card or END:VCARD; skipped")
            )
            self._report(first, message)
            self.unclosed = None
        if self.strays:
            first, count = self.strays
            message = (
                said("{count} END:VCARD lines without a BEGIN:VCARD; ignored", count=count)
                if count > 1
                else said("an END:VCARD without a BEGIN:VCARD; ignored")
            )
            self._report(first, message, card=False)
            self.strays = None
        if self.outside is not None:
            message = said("text outside BEGIN:VCARD … END:VCARD; ignored")
            self._report(self.outside, message, card=False)
            self.outside = None

    def finish(self, last: int) -> ImportedFile:
        if self.card is not None:
            card = self.card
            self.card = None
            if card.lines:
                self._flush_runs()
                self._report(
                    card.line,
                    said(
                        "this card has no END:VCARD (the file ends at line {line}); skipped",
                        line=last,
                    ),
                )
            else:
                first, count = self.unclosed or (card.line, 0)
                self.unclosed = (first, count + 1)
        self._flush_runs()
        return ImportedFile(tuple(self.people), tuple(sorted(self.problems)), self.cards)


def _skipped(card: _Card, text: str) -> bool:
    """Whether `text` belongs to a skipped property (a photo's folded or bare base64 lines);
    the first line that does not ends the skipping (a blank one is dropped too)."""
    if not card.skipping:
        return False
    if text[:1] in (" ", "\t") or (card.bare_base64 and text.strip() and not _is_property(text)):
        return True
    card.skipping = card.bare_base64 = False
    return not text.strip()


def _trouble(card: _Card, number: int, name: str, raw: bytes, truncated: bool) -> Said | None:
    if truncated:
        return said(
            "line {line} is longer than {size} KiB; card skipped",
            line=number,
            size=MAX_LINE // 1024,
        )
    if name == "BEGIN":
        return said("line {line} starts another object inside this card; card skipped", line=number)
    if _not_utf8(raw):
        return said("line {line} is not UTF-8; card skipped (export it as UTF-8)", line=number)
    if card.size + len(raw) > MAX_CARD:
        return said("this card is larger than {size} KiB; skipped", size=MAX_CARD // 1024)
    return None


def _is_property(text: str) -> bool:
    return _PROPERTY_RE.match(text) is not None or text.strip().upper() == "END:VCARD"


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def read_vcards(stream: BinaryIO, display: str) -> ImportedFile:
    """Every card of the file, at most `MAX_LINE` bytes of any line held at once."""
    splitter = _Splitter(display)
    number = 0
    while True:
        raw = stream.readline(MAX_LINE)
        if not raw:
            break
        number += 1
        truncated = not raw.endswith(b"\n") and len(raw) == MAX_LINE
        while truncated and (rest := stream.readline(MAX_LINE)):  # drop the rest of the line
            if rest.endswith(b"\n"):
                break
        splitter.feed(number, raw, truncated)
    return splitter.finish(number)
