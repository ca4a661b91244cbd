"""A NAME typed on the command line to one contact, resolved as a `[[mention]]` is.

One convenience on top, because people type first names: when nothing matches exactly and
exactly one contact has NAME as a word of its name or an alias (`omar` → Omar Haddad), that
contact is meant. Two such contacts are ambiguous, and nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from hortus.core.errors import AmbiguousNameError, UnknownNameError
from hortus.core.model import Contact
from hortus.index import fold, names_of, strip_md

CUTOFF = 0.6  # difflib's similarity: below it a name is not worth suggesting


def resolve(contacts: Sequence[Contact], query: str) -> Contact:
    """The one contact `query` names (name, alias, file stem or path; case-insensitive, NFC).

    Raises `UnknownNameError` with the closest names, or `AmbiguousNameError` listing each.
    """
    found = matches(contacts, query) or word_matches(contacts, query)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousNameError(query, [(c.name, c.path) for c in found])
    raise UnknownNameError(query, suggestions(contacts, query))


def matches(contacts: Iterable[Contact], query: str) -> list[Contact]:
    wanted = fold(strip_md(query))
    found = [c for c in contacts if wanted in {fold(name) for name in names_of(c)}]
    return sorted(found, key=lambda c: c.key)


def word_matches(contacts: Iterable[Contact], query: str) -> list[Contact]:
    """Contacts with `query` as one word of their name or of an alias (folded)."""
    wanted = fold(query)
    found = [
        c
        for c in contacts
        if any(wanted in {fold(w) for w in name.split()} for name in (c.name, *c.aliases))
    ]
    return sorted(found, key=lambda c: c.key)


def suggestions(contacts: Sequence[Contact], query: str, limit: int = 3) -> list[str]:
    """The contacts' names closest to a typo, best first (difflib, on folded text): a close
    name, alias or single word of a name (`omar` → Omar Haddad)."""
    by_text: dict[str, list[str]] = {}
    for contact in sorted(contacts, key=lambda c: (fold(c.name), c.key)):
        for name in {contact.name, *contact.aliases, *contact.name.split()}:
            by_text.setdefault(fold(name), []).append(contact.name)
    close = difflib.get_close_matches(fold(query), list(by_text), n=limit, cutoff=CUTOFF)
    if not close:
        return []
    best = difflib.SequenceMatcher(None, fold(query), close[0]).ratio()
    near = [t for t in close if difflib.SequenceMatcher(None, fold(query), t).ratio() >= best - 0.1]
    names = dict.fromkeys(name for text in near for name in by_text[text])
    return list(names)[:limit]


def completions(contacts: Sequence[Contact], incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs for shell completion: the file stem (no spaces to quote in a shell),
    offered when the stem, the name, a word of the name or an alias starts with `incomplete`."""
    prefix = fold(incomplete)
    stems: dict[str, int] = {}
    for contact in contacts:
        stem = fold(contact.key.rsplit("/", 1)[-1])
        stems[stem] = stems.get(stem, 0) + 1
    items: list[tuple[str, str]] = []
    for contact in contacts:
        stem = contact.key.rsplit("/", 1)[-1]
        value = stem if stems[fold(stem)] == 1 else contact.key
        words = [value, *names_of(contact), *contact.name.split()]
        if any(fold(word).startswith(prefix) for word in words):
            items.append((value, contact.name))
    return sorted(items)


def mention_of(contacts: Sequence[Contact], contact: Contact) -> str:
    """The shortest `[[target]]` that means this contact and no one else: the name when it
    names them alone and holds no link syntax, else the key."""
    plain = not any(mark in contact.name for mark in "[]|#^")
    if plain and matches(contacts, contact.name) == [contact]:
        return contact.name
    return contact.key
