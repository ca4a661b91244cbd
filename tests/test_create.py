"""`hortus add`: safe file names, the vault's template, refusals, never replacing a file."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from pathlib import Path

import pytest

from hortus.commands.person import add_contact
from hortus.core.config import Config
from hortus.core.errors import ContactExistsError, HortusError, WriteError
from hortus.loader import open_vault
from hortus.person import create
from hortus.person.create import NewContact, create_contact, safe_stem
from tests.conftest import MakeVault, index_of

DAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Zoë Durand", "zoe-durand"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Pat O'Neill", "pat-o-neill"),
        ("  José  María  ", "jose-maria"),
        ("Grüße/../etc", "grusse-etc"),
        ("王小明", "wangxiaoming"),
        ("CON", "con-contact"),
    ],
)
def test_safe_file_names(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewContact("Ada", circle="best"), "unknown circle 'best' (known: close, inner, network"),
        (NewContact("Ada", cadence="often"), "cadence 'often' is not readable"),
        (NewContact("Ada", birthday="1815-13-10"), "birthday '1815-13-10' is not a date"),
        (NewContact("Ada", birthday="10 Dec"), "birthday '10 Dec' is not a date"),
    ],
)
def test_fields_that_would_be_problems_are_refused(
    make_vault: MakeVault, new: NewContact, message: str
) -> None:
    root = make_vault({"hortus.toml": ""})
    with pytest.raises(HortusError, match=re.escape(message)):
        add(root, new)
    assert not (root / "people").exists()


def test_a_name_without_letters_or_digits_is_refused() -> None:
    with pytest.raises(HortusError, match="cannot make a file name"):
        safe_stem("---")


def add(root: Path, new: NewContact) -> str:
    return add_contact(open_vault(root), new, DAY)


def test_without_a_template(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": ""})
    new = NewContact(
        "Zoë Durand", "close", "3w", ("Zo", "yes"), ("climbing",), birthday="1994-05-02"
    )
    assert add(root, new) == "people/zoe-durand.md"
    assert (root / "people/zoe-durand.md").read_text() == (
        "---\nname: Zoë Durand\naliases: [Zo, 'yes']\ncircle: close\ncadence: 3w\n"
        "birthday: 1994-05-02\ntags: [climbing]\n---\n\n# Zoë Durand\n"
    )
    (contact,) = index_of(root).contacts
    assert (contact.name, contact.aliases, contact.cadence_days) == (
        "Zoë Durand",
        ("Zo", "yes"),
        21,
    )


TEMPLATE = """\
---
type: person
name: "{{title}}"   # filled in by Obsidian
aliases:
  - someone
circle: network
cadence:
tags: []
---

# {{title}}

Added on {{date:DD.MM.YYYY}} ({{date}}).
"""


def test_the_vaults_template_is_used_and_only_given_fields_change(make_vault: MakeVault) -> None:
    root = make_vault({"templates/person.md": TEMPLATE})
    add(root, NewContact('Ada "the Countess" Lovelace', circle="inner", tags=("math",)))
    assert (root / "people/ada-the-countess-lovelace.md").read_text() == (
        '---\ntype: person\nname: Ada "the Countess" Lovelace\naliases:\n  - someone\n'
        'circle: inner\ncadence:\ntags: [math]\n---\n\n# Ada "the Countess" Lovelace\n\n'
        "Added on 27.11.2026 (2026-11-27).\n"
    )


def test_a_template_without_front_matter_gets_one(make_vault: MakeVault) -> None:
    root = make_vault({"templates/person.md": "# {{title}}\n\nNotes.\n"})
    add(root, NewContact("Ada", birthday="--12-10"))
    assert (root / "people/ada.md").read_text() == (
        "---\nname: Ada\nbirthday: --12-10\n---\n# Ada\n\nNotes.\n"
    )


def test_a_broken_template_is_refused(make_vault: MakeVault) -> None:
    root = make_vault({"templates/person.md": "---\nname: [x\n---\n"})
    with pytest.raises(HortusError, match=r"templates/person\.md"):
        add(root, NewContact("Ada"))
    assert not (root / "people").exists()


def test_the_people_folder_is_found_case_insensitively(make_vault: MakeVault) -> None:
    root = make_vault({"People/bo.md": "# Bo\n"})
    assert add(root, NewContact("Ada")) == "People/ada.md"


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewContact("ada lovelace"), "the name 'ada lovelace' already belongs to Ada Lovelace"),
        (NewContact("Ada", aliases=("Countess",)), "the alias 'Countess' already belongs to"),
        (NewContact("Ada-Lovelace!"), "the file name 'ada-lovelace' already belongs to"),
        (NewContact("Lovelace", aliases=("people/ada-lovelace",)), "the alias"),
    ],
)
def test_a_name_alias_or_file_name_already_taken_is_refused(
    make_vault: MakeVault, new: NewContact, message: str
) -> None:
    files = {"people/ada-lovelace.md": "---\nname: Ada Lovelace\naliases: [Countess]\n---\n"}
    root = make_vault(files)
    with pytest.raises(ContactExistsError, match=message):
        add(root, new)
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada-lovelace.md"]


def test_a_case_twin_on_disk_blocks_the_name(make_vault: MakeVault) -> None:
    root = make_vault({"people/Ada.md": b"\xff\xfe binary, unreadable"})
    with pytest.raises(WriteError, match=r"Ada\.md already exists there"):
        add(root, NewContact("Ada"))
    assert (root / "people/Ada.md").read_bytes() == b"\xff\xfe binary, unreadable"


def test_an_existing_file_is_never_replaced(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the file appears after every check (a race), the exclusive link refuses it."""
    root = make_vault({"people/ada.md": "mine\n"})
    monkeypatch.setattr(create, "_list", lambda folder: [])  # the twin check sees nothing
    with pytest.raises(WriteError, match="already exists; nothing was created"):
        create_contact(root, Config(), [], NewContact("Ada"), DAY)
    assert (root / "people/ada.md").read_text() == "mine\n"


def test_two_adds_of_one_person_at_once_create_one_file(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": ""})
    results: list[str] = []

    def run() -> None:
        try:
            results.append(add(root, NewContact("Zoë Durand", circle="close")))
        except HortusError as exc:
            results.append(exc.message)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results)[0] == "people/zoe-durand.md"
    assert results.count("people/zoe-durand.md") == 1
    assert [p.name for p in (root / "people").iterdir()] == ["zoe-durand.md"]


def test_a_people_folder_linked_outside_the_vault_is_refused(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = make_vault({"hortus.toml": ""})
    os.symlink(outside, root / "people")
    with pytest.raises(WriteError, match="symbolic link; hortus never writes through links"):
        add(root, NewContact("Ada"))
    assert list(outside.iterdir()) == []


def test_a_template_whose_front_matter_is_followed_by_text_at_once(
    make_vault: MakeVault,
) -> None:
    template = '---\ntype: person\nname: "{{title}}"\ncircle: network\n---\n# {{title}}\n'
    root = make_vault({"templates/person.md": template})
    add(root, NewContact("Ada", circle="inner", aliases=("Countess",), birthday="--12-10"))
    assert (root / "people/ada.md").read_text() == (
        "---\ntype: person\nname: Ada\ncircle: inner\naliases: [Countess]\n"
        "birthday: --12-10\n---\n# Ada\n"
    )
