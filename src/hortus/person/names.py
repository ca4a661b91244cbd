"""A NAME typed on the command line to one contact, resolved as a `[[mention]]` is.

Two conveniences on top, because people type first names on a plain keyboard: when nothing
matches exactly and exactly one contact has NAME as a word of its name or an alias (`omar` →
Omar Haddad), that contact is meant; and when neither finds anyone, both are tried again
without accents (`zoe` → Zoë Durand, `ines moreau` → Inès Moreau). Two such contacts are
ambiguous, and nothing is written. A typo is never taken on a guess: the one close name is
offered, and taken only when the user says so (`accept_guess`, the CLI's `--yes`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence

from hortus.core.errors import AmbiguousNameError, HortusError, UnknownNameError
from hortus.core.model import Contact
from hortus.core.said import said
from hortus.index import bare, fold, names_of, strip_md

CUTOFF = 0.6  # difflib's similarity: below it a name is not worth suggesting


def resolve(contacts: Sequence[Contact], query: str, *, accept_guess: bool = False) -> Contact:
    """The one contact `query` names (name, alias, file stem or path; case-insensitive, NFC,
    then without accents). With `accept_guess`, a typo close to exactly one contact is it.

    Raises `UnknownNameError` with the closest names, or `AmbiguousNameError` listing each.
    """
    found = find(contacts, query)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousNameError(query, [(c.name, c.path) for c in found])
    close = close_contacts(contacts, query)
    if accept_guess and len(close) == 1:
        return close[0]
    guess = f"{close[0].name} ({close[0].path})" if len(close) == 1 else None
    raise UnknownNameError(query, list(dict.fromkeys(c.name for c in close)), guess)


def find(contacts: Sequence[Contact], query: str) -> list[Contact]:
    """The contacts `query` names, by the first rule that finds any (the module doc)."""
    for way in (fold, bare):
        found = matches(contacts, query, way) or word_matches(contacts, query, way)
        if found:
            return found
    return []


def matches(
    contacts: Iterable[Contact], query: str, way: Callable[[str], str] = fold
) -> list[Contact]:
    wanted = way(strip_md(query))
    found = [c for c in contacts if wanted in {way(strip_md(name)) for name in names_of(c)}]
    return sorted(found, key=lambda c: c.key)


def word_matches(
    contacts: Iterable[Contact], query: str, way: Callable[[str], str] = fold
) -> list[Contact]:
    """Contacts with `query` as one word of their name or of an alias (compared `way`)."""
    wanted = way(query)
    found = [
        c
        for c in contacts
        if any(wanted in {way(w) for w in name.split()} for name in (c.name, *c.aliases))
    ]
    return sorted(found, key=lambda c: c.key)


def suggestions(contacts: Sequence[Contact], query: str, limit: int = 3) -> list[str]:
    """The names of `close_contacts`, best first, each once."""
    return list(dict.fromkeys(c.name for c in close_contacts(contacts, query, limit)))[:limit]


def close_contacts(contacts: Sequence[Contact], query: str, limit: int = 3) -> list[Contact]:
    """The contacts closest to a typo, best first (difflib, on `bare` text): a close name,
    alias or single word of a name (`omar` → Omar Haddad)."""
    by_text: dict[str, list[Contact]] = {}
    for contact in sorted(contacts, key=lambda c: (fold(c.name), c.key)):
        for name in {contact.name, *contact.aliases, *contact.name.split()}:
            by_text.setdefault(bare(name), []).append(contact)
    wanted = bare(query)
    close = difflib.get_close_matches(wanted, list(by_text), n=limit, cutoff=CUTOFF)
    if not close:
        return []
    best = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
    near = [t for t in close if difflib.SequenceMatcher(None, wanted, t).ratio() >= best - 0.1]
    found = {contact.key: contact for text in near for contact in by_text[text]}
    return list(found.values())[:limit]


def with_targets(
    contacts: Sequence[Contact], subject: Contact, names: Iterable[str], *, accept_guess: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The `[[targets]]` of `log --with NAME…`, and the names among them without a page.

    A name that resolves is written as the shortest target that means that contact; the
    entry's own person is skipped (a note does not mention itself); a name close to no contact
    is written as typed (a page may come later) and reported; a typo close to some contact is
    refused like NAME, so nothing is written on a guess.
    """
    targets: list[str] = []
    no_page: list[str] = []
    for name in names:
        try:
            other = resolve(contacts, name, accept_guess=accept_guess)
        except UnknownNameError as exc:
            if exc.suggestions:
                raise
            typed = _plain_target(name)
            targets.append(typed)
            no_page.append(typed)
            continue
        if other.key != subject.key:
            targets.append(mention_target(contacts, other))
    return tuple(dict.fromkeys(targets)), tuple(dict.fromkeys(no_page))


def _plain_target(name: str) -> str:
    text = " ".join(name.split())
    if not text or any(mark in text for mark in "[]|#^"):
        raise HortusError(
            said("--with {name} cannot be a [[link]]: leave out [ ] | # ^", name=repr(name))
        )
    return text


def mention_target(contacts: Sequence[Contact], contact: Contact) -> str:
    """The shortest `[[target]]` that means this contact and no one else."""
    plain = not any(mark in contact.name for mark in "[]|#^")
    if plain and matches(contacts, contact.name) == [contact]:
        return contact.name
    return contact.key


def completions(contacts: Sequence[Contact], incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs for shell completion: the file stem (no spaces to quote in a shell),
    offered when the stem, the name, a word of the name or an alias starts with `incomplete`."""
    prefix, loose = fold(incomplete), bare(incomplete)
    stems: dict[str, int] = {}
    for contact in contacts:
        stem = fold(contact.key.rsplit("/", 1)[-1])
        stems[stem] = stems.get(stem, 0) + 1
    items: list[tuple[str, str]] = []
    for contact in contacts:
        stem = contact.key.rsplit("/", 1)[-1]
        value = stem if stems[fold(stem)] == 1 else contact.key
        words = [value, *names_of(contact), *contact.name.split()]
        if any(_starts(word, prefix, loose) for word in words):
            items.append((value, contact.name))
    return sorted(items)


def _starts(word: str, prefix: str, loose: str) -> bool:
    """Whether `word` starts with the folded or the bare prefix (asked for every word of every
    contact at each Tab: plain ASCII words, nearly all of them, skip the Unicode work)."""
    if word.isascii():
        plain = word.lower().lstrip()
        return plain.startswith((prefix, loose))
    return fold(word).startswith(prefix) or bare(word).startswith(loose)
