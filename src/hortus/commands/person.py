"""The commands about one person — log, add, show, open, name completion — composed from
the library: resolve the NAME against the loader's contacts (no note is parsed for it), then
one write under the vault's lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from hortus.core.errors import HortusError
from hortus.core.model import Contact
from hortus.files.lock import vault_lock
from hortus.garden.card import Card, build_card, last_own_entry_line
from hortus.loader.load import load
from hortus.loader.vault import Day, Vault
from hortus.person.append import Logged, NewEntry, append_entry, check_tag
from hortus.person.create import NewContact, create_contact
from hortus.person.editor import draft, editor_command, run_editor
from hortus.person.names import completions, matches, resolve


def log_entry(
    vault: Vault,
    name: str,
    text: str | None,
    *,
    date: dt.date,
    tags: Sequence[str] = (),
    with_names: Sequence[str] = (),
    env: Mapping[str, str],
) -> Logged | None:
    """Append a dated entry to NAME's file; with no `text`, ask the editor for it (None when
    the user wrote nothing). NAME and every `--with` must resolve before anything is written."""
    with load(vault) as loader:
        contacts = loader.contacts()
    contact = resolve(contacts, name)
    others = tuple(_mention(contacts, resolve(contacts, other)) for other in with_names)
    entry = NewEntry(date, text or "", tuple(check_tag(tag) for tag in tags), others)
    if text is not None:
        if not text.strip():
            raise HortusError("nothing to log: the text is empty")
        return append_entry(vault.root, contact.path, entry)
    intro = _draft_intro(contact, date)
    with draft(vault.root, env, intro) as written:
        if not written:
            return None
        return append_entry(vault.root, contact.path, replace(entry, text=written))


def _draft_intro(contact: Contact, date: dt.date) -> str:
    return (
        f"# Write above the line what to log for {contact.name} on {date.isoformat()}.\n"
        f"# The first line is the title; it goes to the end of {contact.path}.\n"
        "# Everything from the line on is ignored. Leave it empty to log nothing.\n"
    )


def _mention(contacts: Sequence[Contact], contact: Contact) -> str:
    """The shortest `[[target]]` that means this contact and no one else."""
    plain = not any(mark in contact.name for mark in "[]|#^")
    if plain and matches(contacts, contact.name) == [contact]:
        return contact.name
    return contact.key


def add_contact(vault: Vault, new: NewContact, today: dt.date) -> str:
    """Create the contact's file; the vault is read under the write lock, so two `add`s of
    the same person cannot both succeed."""
    new = replace(new, tags=tuple(check_tag(tag) for tag in new.tags))
    with vault_lock(vault.root), load(vault) as loader:
        contacts = loader.contacts()
        return create_contact(vault.root, vault.config, contacts, new, today)


def contact_card(vault: Vault, name: str, day: Day) -> Card:
    """NAME's card, from their own note and the notes that mention them."""
    with load(vault) as loader:
        contact = resolve(loader.contacts(), name)
        index, garden = loader.person_garden(contact, day)
    return build_card(index, garden, contact)


def open_contact(vault: Vault, name: str, env: Mapping[str, str]) -> str:
    """Open the contact's file in the user's editor, at its last entry; returns its path."""
    with load(vault) as loader:
        contact = resolve(loader.contacts(), name)
        line = last_own_entry_line(loader.person(contact, own_only=True), contact)
    run_editor(editor_command(env, str(vault.root / contact.path), line))
    return contact.path


def complete_names(vault: Vault, incomplete: str) -> list[tuple[str, str]]:
    with load(vault) as loader:
        return completions(loader.contacts(), incomplete)
