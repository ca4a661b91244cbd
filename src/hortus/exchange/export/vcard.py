"""Every contact as a vCard 4.0 (through `vcf.py`): name, aliases as nicknames, birthday,
e-mails, phones, company and role, tags as categories, and a note naming the vault file."""

from __future__ import annotations

from collections.abc import Iterable

from hortus.core.model import Contact
from hortus.exchange.calendar import parse_birthday
from hortus.exchange.vcf import CardFields, stable_uid, write_cards

OWN_NOTE = "hortus vault file: "


def render_vcards(contacts: Iterable[Contact]) -> str:
    return write_cards([card_fields(contact) for contact in contacts])


def card_fields(contact: Contact) -> CardFields:
    words = contact.name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else ("", contact.name)
    return CardFields(
        name=contact.name,
        family=family,
        given=given,
        nicknames=contact.aliases,
        emails=field_values(contact, "email", "emails"),
        phones=field_values(contact, "phone", "phones"),
        org=_first(field_values(contact, "company")),
        title=_first(field_values(contact, "role")),
        bday=_bday(contact.birthday),
        categories=contact.tags,
        note=f"{OWN_NOTE}{contact.path}",
        urls=field_values(contact, "linkedin", "website"),
        uid=stable_uid(contact.key),
    )


def field_values(contact: Contact, *keys: str) -> tuple[str, ...]:
    """A front-matter field written as one value or a list, as text (numbers too)."""
    values: list[str] = []
    for key in keys:
        value = contact.fields.get(key)
        items = value if isinstance(value, list) else [value]
        values.extend(str(item).strip() for item in items if item is not None and str(item).strip())
    return tuple(values)


def _first(values: tuple[str, ...]) -> str:
    return values[0] if values else ""


def _bday(text: str | None) -> str:
    """vCard 4.0's date form: `18151210`, or `--1210` without a year (RFC 6350 §4.3.1)."""
    birthday = parse_birthday(text)
    if birthday is None:
        return ""
    prefix = f"{birthday.year:04d}" if birthday.year else "--"
    return f"{prefix}{birthday.month:02d}{birthday.day:02d}"
