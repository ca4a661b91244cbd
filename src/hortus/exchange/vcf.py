"""The only module that imports vobject: one vCard's text to plain fields, plain fields to a
vCard 4.0. It absorbs vobject's quirks:

- NICKNAME is a comma-separated list (RFC 6350 §6.2.3), but vobject writes only a text
  value: NICKNAME is registered here as a list, like CATEGORIES.
- vobject's text behaviour keeps only what is before a value's first unescaped comma:
  `read_card` takes vobject's content lines and splits and unescapes values itself.
- vobject raises many kinds of exceptions on bad input (its own, `ValueError`,
  `LookupError` for an unknown CHARSET, `binascii.Error`…): any failure is this card's
  problem, returned as a message.
- vobject does not join vCard 2.1 quoted-printable soft line breaks (`=` at the end of a
  line): the importer joins them before a card reaches `read_card`.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import vobject
from vobject.icalendar import MultiTextBehavior

from hortus.core.said import Said, said

vobject.base.registerBehavior(MultiTextBehavior, "NICKNAME")
vobject.vcard.VCard3_0.knownChildren["NICKNAME"] = (0, None, None)

PRODID = "-//hortus//hortus export//EN"
_UID_NAMESPACE = uuid.UUID("6f1c3b1e-0d7a-4c38-9c43-6b1f1e6a9b21")


@dataclass(frozen=True)
class CardFields:
    """One vCard as plain text values (read from a file, or to be written)."""

    name: str
    family: str = ""
    given: str = ""
    nicknames: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    org: str = ""
    title: str = ""
    bday: str = ""
    bday_omit_year: str = ""  # Apple's `X-APPLE-OMIT-YEAR=1604`: the year in BDAY is a filler
    categories: tuple[str, ...] = ()
    note: str = ""
    urls: tuple[str, ...] = ()
    address: str = ""
    uid: str = ""


def read_card(text: str) -> CardFields | Said:
    """One `BEGIN:VCARD … END:VCARD` (any version) to fields, or why it cannot be read.

    vobject reads the content lines (unfolding, parameters, quoted-printable and CHARSET);
    the values are split and unescaped here, because vobject's text behaviour keeps only
    what comes before the first comma of a value (`NOTE:Hello, world` → `Hello`), and
    vCard 2.1 files and many exporters do not escape commas."""
    try:
        props: dict[str, list[tuple[str, dict[str, list[str]]]]] = {}
        for line, number in vobject.base.getLogicalLines(io.StringIO(text)):
            content = vobject.base.textLineToContentLine(line, number)
            name = str(content.name).upper()
            if name not in ("BEGIN", "END", "VERSION") and isinstance(content.value, str):
                params = {str(k).upper(): [str(v) for v in vs] for k, vs in content.params.items()}
                props.setdefault(name, []).append((content.value, params))
        return _fields(props)
    except Exception as exc:  # any failure is this card's (see the module docstring)
        return _reason(exc)


def _reason(exc: Exception) -> Said:
    text = " ".join(str(exc).split())[:120]
    return said("this card cannot be read ({reason})", reason=text or type(exc).__name__)


Props = dict[str, list[tuple[str, dict[str, list[str]]]]]


def _fields(props: Props) -> CardFields:
    n = _split(props["N"][0][0], ";") if props.get("N") else []
    family, given, additional = [*n, "", "", ""][:3]
    bdays = props.get("BDAY", [])
    omit = bdays[0][1].get("X-APPLE-OMIT-YEAR", [""])[0] if bdays else ""
    return CardFields(
        name=_first(props, "FN") or " ".join(p for p in (given, additional, family) if p.strip()),
        family=family,
        given=given,
        nicknames=_list(props, "NICKNAME"),
        emails=_texts(props, "EMAIL"),
        phones=_texts(props, "TEL"),
        org=next((_split(v, ";")[0] for v, _ in props.get("ORG", [])), "").strip(),
        title=_first(props, "TITLE"),
        bday=_first(props, "BDAY"),
        bday_omit_year=omit,
        categories=_list(props, "CATEGORIES"),
        note="\n\n".join(_texts(props, "NOTE")),
        urls=_texts(props, "URL") + _texts(props, "X-SOCIALPROFILE"),
        address=_address(props),
        uid=_first(props, "UID"),
    )


def _split(value: str, separator: str) -> list[str]:
    """Split at unescaped separators, then unescape (`\\n`, `\\,`, `\\;`, `\\\\`)."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            current.append("\n" if following in ("n", "N") else following)
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _texts(props: Props, name: str) -> tuple[str, ...]:
    values = ("".join(_split(value, "\0")).strip() for value, _ in props.get(name, []))
    return tuple(value for value in values if value)


def _list(props: Props, name: str) -> tuple[str, ...]:
    values = (part.strip() for value, _ in props.get(name, []) for part in _split(value, ","))
    return tuple(value for value in values if value)


def _first(props: Props, name: str) -> str:
    return next(iter(_texts(props, name)), "")


def _address(props: Props) -> str:
    for value, _ in props.get("ADR", []):
        parts = (_split(value, ";") + [""] * 7)[:7]
        _box, _extended, street, city, region, code, country = (" ".join(p.split()) for p in parts)
        town = " ".join(p for p in (code, city) if p)
        text = ", ".join(p for p in (street, town, region, country) if p)
        if text:
            return text
    return ""


def stable_uid(key: str) -> str:
    """The same contact gets the same UID at every export, so a CardDAV server updates it."""
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, key)}"


def write_cards(cards: Sequence[CardFields]) -> str:
    """vCard 4.0 text (CRLF line ends, lines folded at 75 octets, values escaped)."""
    return "".join(_card(fields).serialize() for fields in cards)


def _card(fields: CardFields) -> Any:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODID
    card.add("uid").value = fields.uid
    card.add("kind").value = "individual"
    card.add("fn").value = fields.name
    card.add("n").value = vobject.vcard.Name(family=fields.family, given=fields.given)
    if fields.nicknames:
        card.add("nickname").value = list(fields.nicknames)
    if fields.bday:
        card.add("bday").value = fields.bday
    for kind, values in (("email", fields.emails), ("tel", fields.phones), ("url", fields.urls)):
        for value in values:
            card.add(kind).value = value
    if fields.org:
        card.add("org").value = [fields.org]
    if fields.title:
        card.add("title").value = fields.title
    if fields.categories:
        card.add("categories").value = list(fields.categories)
    if fields.note:
        card.add("note").value = fields.note
    return card
