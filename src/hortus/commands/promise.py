"""Promises from the terminal: `hortus log NAME TEXT --promise [--due DATE]` and
`hortus done NAME [TEXT] [--line N]`, composed from the loader (who NAME is, which promises are
open) and `person/promise.py` (the byte edits)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hortus.core.errors import HortusError
from hortus.core.said import said
from hortus.garden import OpenPromise
from hortus.index import fold
from hortus.loader.load import load
from hortus.loader.vault import Day, Vault
from hortus.person.append import Logged, check_tag
from hortus.person.names import mention_target, resolve
from hortus.person.promise import NewPromise, add_promise, mark_kept


def log_promise(
    vault: Vault,
    name: str,
    text: str,
    *,
    due: dt.date | None,
    tags: Sequence[str] = (),
    with_names: Sequence[str] = (),
    accept_guess: bool = False,
) -> Logged:
    """Append an open promise to NAME's file; NAME and every `--with` resolve first."""
    if not text.strip():
        raise HortusError(said("nothing to promise: the text is empty"))
    with load(vault) as loader:
        contacts = loader.contacts()
    contact = resolve(contacts, name, accept_guess=accept_guess)
    others = tuple(mention_target(contacts, resolve(contacts, other)) for other in with_names)
    checked = tuple(check_tag(tag) for tag in tags)
    promise = NewPromise(text, due, checked, others, vault.config.language)
    return add_promise(vault.root, contact.path, promise)


def open_promises(
    vault: Vault, name: str, day: Day, *, accept_guess: bool = False
) -> tuple[str, tuple[OpenPromise, ...]]:
    """NAME's open promises (in their own file and every note that promises them something),
    as the garden orders them; with the contact's name."""
    with load(vault) as loader:
        contact = resolve(loader.contacts(), name, accept_guess=accept_guess)
        _, garden = loader.person_garden(contact, day)
    return contact.name, tuple(p for p in garden.promises if p.contact.key == contact.key)


def choose(
    promises: Sequence[OpenPromise], text: str | None, line: str | None
) -> tuple[OpenPromise, ...]:
    """The promises `TEXT` (words in the promise, case and accents ignored; an exact text wins)
    and `--line` (`N` or `PATH:N`, as `done` lists them) leave."""
    found = tuple(promises)
    if text:
        wanted = fold(" ".join(text.split()))
        exact = tuple(p for p in found if fold(p.text) == wanted)
        found = exact or tuple(p for p in found if wanted in fold(p.text))
    if line:
        found = tuple(p for p in found if _at(p, line))
    return found


def _at(promise: OpenPromise, line: str) -> bool:
    place = line.strip()
    source = promise.source
    if ":" in place:
        return place == f"{source.path}:{source.line}"
    return place.isdigit() and int(place) == source.line


def keep(vault: Vault, promise: OpenPromise, day: dt.date) -> Logged:
    """Mark the promise kept on `day`: its checkbox ticked and `✅ DATE` added, one line."""
    source = promise.source
    return mark_kept(vault.root, source.path, source.line, promise.text, day)
