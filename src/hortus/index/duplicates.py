"""Probable duplicates: two contacts that are likely one person written twice.

Two contacts are probably one person when they share an e-mail address or a phone number, or
when their names differ only by accents, case, punctuation, word order ("García, María" and
"Maria Garcia") or one middle name ("Maria Garcia" and "Maria Luisa Garcia"). hortus only says
so (a problem at both files); it never merges anything. A pair known to be two people is
silenced with `not_duplicate_of: "[[…]]"` in either file.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from hortus.core.model import Contact, Mention, MentionKind, Problem, Source
from hortus.core.said import Said, said
from hortus.index.contacts import Resolver

EMAIL_KEYS = ("email", "emails", "mail", "e-mail")
PHONE_KEYS = ("phone", "phones", "tel", "mobile", "telephone")
_MIN_PHONE_DIGITS = 6  # shorter numbers (extensions, "112") say nothing about who it is

LineOf = Callable[[Contact, str], int]  # the line of a front-matter key in a contact's file


@dataclass(frozen=True)
class Match:
    """A contact that is probably the same person, and why (for people)."""

    contact: Contact
    why: Said
    key: str  # the front-matter key the match is about: name, email or phone


@lru_cache(maxsize=65_536)  # the watcher asks again for every name after each contact's save
def name_words(name: str) -> tuple[str, ...]:
    """A name's words without accents, case or punctuation, sorted: "García, María" →
    ("garcia", "maria")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    cleaned = "".join(ch if ch.isalnum() else " " for ch in bare)
    return tuple(sorted(cleaned.split()))


def _without_one(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The name with one word left out: a middle name (only for names of 3 words or more, so
    "Ada Lovelace" never matches a mere "Ada"). A number is no middle name: "Alice Bauer 2"
    is how someone tells two Alice Bauers apart."""
    if len(words) < 3:
        return set()
    return {words[:at] + words[at + 1 :] for at, word in enumerate(words) if not word.isdigit()}


def _values(contact: Contact, keys: Sequence[str]) -> list[str]:
    found: list[str] = []
    fields = contact.fields
    for key in keys:
        value = fields.get(key)
        if value is None:
            continue  # most contacts have few of these keys
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                found.append(str(item).strip())
    return found


def phone_digits(text: str) -> str | None:
    """A phone number compared by its digits (a leading + kept); None when too short."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < _MIN_PHONE_DIGITS:
        return None
    return ("+" if text.lstrip().startswith("+") else "") + digits


class Matcher:
    """Contacts by the keys a probable duplicate shares with them."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.names: dict[tuple[str, ...], list[Contact]] = defaultdict(list)
        # Each name of 3 words or more under every name it holds but for one word.
        self.longer: dict[tuple[str, ...], list[Contact]] = defaultdict(list)
        self.emails: dict[str, list[Contact]] = defaultdict(list)
        self.phones: dict[str, list[Contact]] = defaultdict(list)
        for contact in contacts:
            words = name_words(contact.name)
            if words:
                self.names[words].append(contact)
            for shorter in _without_one(words):
                self.longer[shorter].append(contact)
            for email in _values(contact, EMAIL_KEYS):
                self.emails[email.casefold()].append(contact)
            for phone in _values(contact, PHONE_KEYS):
                if (digits := phone_digits(phone)) is not None:
                    self.phones[digits].append(contact)

    def matches(
        self, name: str, emails: Sequence[str] = (), phones: Sequence[str] = ()
    ) -> list[Match]:
        """Every contact a person with this name, e-mails and phones probably is, once each
        (the first reason found: e-mail, phone, then name)."""
        found: dict[str, Match] = {}
        for email in emails:
            for contact in self.emails.get(email.casefold(), ()):
                found.setdefault(
                    contact.key, Match(contact, said("same e-mail {email}", email=email), "email")
                )
        for phone in phones:
            digits = phone_digits(phone)
            for contact in self.phones.get(digits, ()) if digits else ():
                found.setdefault(
                    contact.key, Match(contact, said("same phone {phone}", phone=phone), "phone")
                )
        words = name_words(name)
        for contact in self.names.get(words, ()):
            found.setdefault(contact.key, Match(contact, _why_name(name, contact.name), "name"))
        middle = [c for shorter in _without_one(words) for c in self.names.get(shorter, ())]
        if len(words) >= 2:
            middle += self.longer.get(words, ())
        why = said("the names differ by a middle name")
        for contact in middle:
            found.setdefault(contact.key, Match(contact, why, "name"))
        return list(found.values())


def _why_name(name: str, other: str) -> Said:
    if name == other:
        return said("same name")
    return said("names differ only by accents, case or word order")


def duplicate_problems(
    contacts: Sequence[Contact], resolver: Resolver, line_of: LineOf
) -> list[Problem]:
    """A problem at both files of each probable pair not silenced by `not_duplicate_of`."""
    matcher = Matcher(contacts)
    problems: list[Problem] = []
    silenced = _silenced(contacts, resolver, line_of, problems)
    for contact in contacts:
        emails, phones = _values(contact, EMAIL_KEYS), _values(contact, PHONE_KEYS)
        for match in matcher.matches(contact.name, emails, phones):
            other = match.contact
            if other.key == contact.key or frozenset((contact.key, other.key)) in silenced:
                continue
            message = said(
                "probably the same person as {name} ({path}): {why}; "
                'if they are two people, add not_duplicate_of: "[[{key}]]"',
                name=other.name,
                path=other.path,
                why=match.why,
                key=other.key,
            )
            line = line_of(contact, _field_of(contact, match.key))
            problems.append(Problem(Source(contact.path, line), message))
    return problems


def _field_of(contact: Contact, key: str) -> str:
    """The front-matter key a match is about in this contact's file (`emails:`, `mobile:`…)."""
    keys = {"email": EMAIL_KEYS, "phone": PHONE_KEYS}.get(key, ())
    return next((k for k in keys if k in contact.fields), key)


def _silenced(
    contacts: Sequence[Contact], resolver: Resolver, line_of: LineOf, problems: list[Problem]
) -> set[frozenset[str]]:
    """The pairs `not_duplicate_of` says are two people (written in either file)."""
    pairs: set[frozenset[str]] = set()
    for contact in contacts:
        if not contact.not_duplicate_of:
            continue
        line = line_of(contact, "not_duplicate_of")
        for name in contact.not_duplicate_of:
            mention = Mention(name, MentionKind.WIKILINK, line)
            keys = resolver.resolve_all(contact.path, [mention], problems, None)
            if not keys:
                message = said("not_duplicate_of: [[{name}]] is no contact", name=name)
                problems.append(Problem(Source(contact.path, line), message))
            pairs.update(frozenset((contact.key, key)) for key in keys)
    return pairs
