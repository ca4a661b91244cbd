"""The links a phone can act on, for a contact that has the fields: call (`tel:`), text
(`sms:`), write (`mailto:`, with a subject in the vault's language).

Only these three schemes are ever made, from values that look like a phone number or an
e-mail address (anything else gives no link), and every part is percent-encoded: a value from
the user's files can never become another kind of link. The pages escape them again as they
write them."""

from __future__ import annotations

import re
from urllib.parse import quote

from hortus.core.model import Contact
from hortus.garden.records import GestureKind
from hortus.render.i18n import Catalogue

PHONE_KEYS = ("phone", "phones", "mobile", "tel", "telephone")
EMAIL_KEYS = ("email", "emails", "mail", "e-mail")
_PHONE_RE = re.compile(r"\+?[0-9][0-9 ().-]{3,}")
_EMAIL_RE = re.compile(r"[^\s@<>\"'\\`:/?#,;()\[\]]+@[^\s@<>\"'\\`:/?#,;()\[\]]+\.[A-Za-z]{2,}")
_SUBJECTS = {
    GestureKind.BIRTHDAY: "link.subject.birthday",
    GestureKind.THANKS: "link.subject.thanks",
}


def actions(
    contact: Contact, cat: Catalogue, kind: GestureKind | None = None
) -> list[tuple[str, str]]:
    """(label, URL) for each way to reach the contact: call and text with their first phone
    number, an e-mail to their first address."""
    found = []
    phone = _first(contact, PHONE_KEYS, _PHONE_RE)
    if phone is not None:
        number = re.sub(r"[^0-9+]", "", phone)
        found += [(cat.t("link.call"), f"tel:{number}"), (cat.t("link.sms"), f"sms:{number}")]
    email = _first(contact, EMAIL_KEYS, _EMAIL_RE)
    if email is not None:
        first_name = contact.name.split()[0] if contact.name.split() else contact.name
        subject = cat.t(
            _SUBJECTS.get(kind, "link.subject") if kind else "link.subject", name=first_name
        )
        url = f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}"
        found.append((cat.t("link.mail"), url))
    return found


def _first(contact: Contact, keys: tuple[str, ...], pattern: re.Pattern[str]) -> str | None:
    for key in keys:
        value = contact.fields.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | int) and pattern.fullmatch(str(item).strip()):
                return str(item).strip()
    return None
