"""People by front-matter value: "who do I know at Stripe" → everyone with a field that says so.

A value matches when the text appears in it at the start of a word, compared without case or
accents (`stripe` finds `Stripe, Inc.` and `ana@stripe.com`, `zurich` finds `Zürich`; `ai` does
not find `Paris`). Every front-matter field is looked at (company, city, email, anything the
user keeps), and the circle and tags; a list is matched item by item. Names and aliases are
not fields: the `person` tool finds people by name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hortus.core.model import Contact
from hortus.render.card import plain_value


@dataclass(frozen=True)
class FieldMatch:
    contact: Contact
    field: str  # the front-matter key, as written
    value: str  # the matching value (one item of a list)


def folded(text: str) -> str:
    """Case and accents dropped: `Zürich` → `zurich`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def field_matches(
    contacts: Sequence[Contact], text: str, field: str | None = None
) -> list[FieldMatch]:
    """Each contact's values that match `text` (only in `field`, when given), by name."""
    pattern = re.compile(r"(?<!\w)" + re.escape(folded(text.strip())))
    wanted = folded(field.strip()) if field else None
    found = [
        FieldMatch(contact, key, value)
        for contact in contacts
        for key, value in values_of(contact)
        if (wanted is None or folded(key) == wanted) and pattern.search(folded(value))
    ]
    return sorted(found, key=lambda m: (folded(m.contact.name), m.contact.key, m.field))


def values_of(contact: Contact) -> Iterator[tuple[str, str]]:
    """(key, text) for the circle, each tag and each field's value (lists item by item)."""
    yield "circle", contact.circle
    for tag in contact.tags:
        yield "tags", tag
    for key, value in contact.fields.items():
        for text in _texts(plain_value(value)):
            yield key, text


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)
