"""The commands about one person — log, add, show, open, name completion — composed from
the library: resolve the NAME against the loader's contacts (no note is parsed for it), then
one write under the vault's lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from hortus.core.errors import HortusError
from hortus.core.model import Contact
from hortus.core.said import said
from hortus.files.lock import vault_lock
from hortus.loader.load import load
from hortus.loader.vault import Day, Vault
from hortus.person.names import completions, resolve, with_targets

if TYPE_CHECKING:
    from hortus.garden.card import Card
    from hortus.person.append import Logged
    from hortus.person.create import NewContact

# Each command imports the writer, the editor or the garden's card it uses: a Tab completion
# needs none of them, `open` no parser, `log` no garden.


def log_entry(
    vault: Vault,
    name: str,
    text: str | None,
    *,
    date: dt.date,
    tags: Sequence[str] = (),
    with_names: Sequence[str] = (),
    env: Mapping[str, str],
    accept_guess: bool = False,
) -> Logged | None:
    """Append a dated entry to NAME's file; with no `text`, ask the editor for it (None when
    the user wrote nothing). NAME and every `--with` are checked before anything is written
    (`with_targets`); `accept_guess` takes a typo's one close contact (`--yes`)."""
    with load(vault) as loader:
        contacts = loader.contacts()
    contact = resolve(contacts, name, accept_guess=accept_guess)
    others, no_page = with_targets(contacts, contact, with_names, accept_guess=accept_guess)
    from hortus.person.append import NewEntry, append_entry, check_tag
    from hortus.person.editor import draft

    checked = tuple(check_tag(tag) for tag in tags)
    entry = NewEntry(date, text or "", checked, others, vault.config.language)
    if text is not None:
        if not text.strip():
            raise HortusError(said("nothing to log: the text is empty"))
        return replace(append_entry(vault.root, contact.path, entry), no_page=no_page)
    intro = _draft_intro(contact, date, vault.config.language)
    with draft(vault.root, env, intro) as written:
        if not written:
            return None
        logged = append_entry(vault.root, contact.path, replace(entry, text=written))
        return replace(logged, no_page=no_page)


def _draft_intro(contact: Contact, date: dt.date, language: str) -> str:
    from hortus.render.i18n import catalogue

    text = catalogue(language).t(
        "draft.intro", name=contact.name, date=date.isoformat(), path=contact.path
    )
    return "".join(f"# {line}\n" for line in text.split("\n"))


def add_contact(vault: Vault, new: NewContact, today: dt.date) -> str:
    """Create the contact's file; the vault is read under the write lock, so two `add`s of
    the same person cannot both succeed."""
    from hortus.person.append import check_tag
    from hortus.person.create import check_typed_name, create_contact

    check_typed_name(new.name)
    new = replace(new, tags=tuple(check_tag(tag) for tag in new.tags))
    with vault_lock(vault.root), load(vault) as loader:
        contacts = loader.contacts()
        return create_contact(vault.root, vault.config, contacts, new, today)


def contact_card(vault: Vault, name: str, day: Day, *, accept_guess: bool = False) -> Card:
    """NAME's card, from their own note and the notes that mention them."""
    with load(vault) as loader:
        contact = resolve(loader.contacts(), name, accept_guess=accept_guess)
        index, garden = loader.person_garden(contact, day)
    from hortus.garden.card import build_card

    return build_card(index, garden, contact)


def open_contact(
    vault: Vault, name: str, env: Mapping[str, str], *, accept_guess: bool = False
) -> str:
    """Open the contact's file in the user's editor, at its last entry; returns its path."""
    with load(vault) as loader:
        contact = resolve(loader.contacts(), name, accept_guess=accept_guess)
        from hortus.garden.card import last_own_entry_line

        line = last_own_entry_line(loader.person(contact, own_only=True), contact)
    from hortus.person.editor import editor_command, run_editor

    run_editor(editor_command(env, str(vault.root / contact.path), line))
    return contact.path


def complete_names(vault: Vault, incomplete: str) -> list[tuple[str, str]]:
    with load(vault) as loader:
        return completions(loader.contacts(), incomplete)
