"""The only module that imports vobject: one vCard's text to plain fields, plain fields to a
vCard 4.0. It absorbs vobject's quirks:

- NICKNAME is a comma-separated list (RFC 6350 §6.2.3), but vobject keeps only its first
  value: NICKNAME is registered here as a list, like CATEGORIES.
- vobject raises many kinds of exceptions on bad input (its own, `ValueError`,
  `LookupError` for an unknown CHARSET, `binascii.Error`…): any failure is this card's
  problem, returned as a message.
- vobject does not join vCard 2.1 quoted-printable soft line breaks (`=` at the end of a
  line): the importer joins them before a card reaches `read_card`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import vobject
from vobject.icalendar import MultiTextBehavior

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


def read_card(text: str) -> CardFields | str:
    """One `BEGIN:VCARD … END:VCARD` (any version) to fields, or why it cannot be read."""
    try:
        card = vobject.readOne(text, ignoreUnreadable=False)
        return _fields(card)
    except Exception as exc:  # any failure is this card's (see the module docstring)
        return _reason(exc)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"this card cannot be read ({text or type(exc).__name__})"


def _fields(card: Any) -> CardFields:
    if getattr(card, "name", "").upper() != "VCARD":
        raise ValueError("not a vCard")
    names = card.contents.get("n", [])
    family, given, additional = _name_parts(names[0].value) if names else ("", "", "")
    fn = _first(card, "fn")
    bdays = card.contents.get("bday", [])
    omit = bdays[0].params.get("X-APPLE-OMIT-YEAR", [""])[0] if bdays else ""
    return CardFields(
        name=fn or " ".join(part for part in (given, additional, family) if part),
        family=family,
        given=given,
        nicknames=_all(card, "nickname"),
        emails=_all(card, "email"),
        phones=_all(card, "tel"),
        org=(_all(card, "org") or ("",))[0],
        title=_first(card, "title"),
        bday=_first(card, "bday"),
        bday_omit_year=str(omit),
        categories=_all(card, "categories"),
        note="\n\n".join(_all(card, "note")),
        urls=_all(card, "url") + _all(card, "x-socialprofile"),
        address=_address(card),
        uid=_first(card, "uid"),
    )


def _name_parts(value: object) -> tuple[str, str, str]:
    def text(part: object) -> str:
        return " ".join(part) if isinstance(part, list) else str(part or "")

    return (
        text(getattr(value, "family", "")),
        text(getattr(value, "given", "")),
        text(getattr(value, "additional", "")),
    )


def _values(card: Any, key: str) -> list[object]:
    values: list[object] = []
    for line in card.contents.get(key, []):
        value = line.value
        values.extend(value if isinstance(value, list) else [value])
    return values


def _all(card: Any, key: str) -> tuple[str, ...]:
    return tuple(
        text for value in _values(card, key) if isinstance(value, str) and (text := value.strip())
    )


def _first(card: Any, key: str) -> str:
    return next(iter(_all(card, key)), "")


def _address(card: Any) -> str:
    for line in card.contents.get("adr", []):
        value = line.value
        parts = [
            getattr(value, "street", ""),
            " ".join(p for p in (getattr(value, "code", ""), getattr(value, "city", "")) if p),
            getattr(value, "region", ""),
            getattr(value, "country", ""),
        ]
        flat = [" ".join(p) if isinstance(p, list) else str(p) for p in parts]
        text = ", ".join(" ".join(p.split()) for p in flat if p and p.strip())
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
