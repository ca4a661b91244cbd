"""Each importer recognises its own file and refuses another service's, naming the kind it
looks like (issue 13: a Google file read as LinkedIn lost every e-mail, phone and birthday)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

LINKEDIN = (
    'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Jane,Roe,https://www.linkedin.com/in/jane,jane@example.com,Acme,CTO,12 Mar 2021\n"
)
GOOGLE = (
    "\ufeffFirst Name,Middle Name,Last Name,Nickname,Birthday,Notes,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Organization Name,Organization Title\n"
    "Jane,,Roe,,1990-04-12,,* myContacts,Home,jane@example.com,Mobile,0612345678,Acme,CTO\n"
)
OLD_GOOGLE = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value\nJane Roe,Jane,,Roe,,,* myContacts,* Home,j@example.com\n"
)
VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Roe\nEMAIL:jane@example.com\nEND:VCARD\n"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("kind", "content", "looks", "expected"),
    [
        ("linkedin", GOOGLE, "google", "a Google Contacts CSV, not LinkedIn's Connections.csv"),
        ("linkedin", OLD_GOOGLE, "google", "a Google Contacts CSV, not LinkedIn's"),
        ("linkedin", VCARD, "vcard", "a vCard file (.vcf), not LinkedIn's Connections.csv"),
        ("google", LINKEDIN, "linkedin", "LinkedIn's Connections.csv, not a Google Contacts CSV"),
        ("google", VCARD, "vcard", "a vCard file (.vcf), not a Google Contacts CSV"),
        ("vcard", LINKEDIN, "linkedin", "LinkedIn's Connections.csv, not a vCard file"),
        ("vcard", GOOGLE, "google", "a Google Contacts CSV, not a vCard file"),
    ],
)
def test_a_file_of_another_kind_is_refused_naming_its_kind(
    make_vault: MakeVault, tmp_path: Path, kind: str, content: str, looks: str, expected: str
) -> None:
    root = make_vault({"hortus.toml": ""})
    file = tmp_path / "contacts-from-somewhere"
    file.write_text(content, encoding="utf-8")
    code, err = run(root, "import", kind, str(file), "--write")
    assert code == 1
    assert f"it looks like {expected}" in err
    assert f"run `hortus import {looks} FILE`" in err and err.count("\n") == 1
    assert not (root / "people").exists()


@pytest.mark.parametrize(
    ("kind", "content"), [("linkedin", LINKEDIN), ("google", GOOGLE), ("google", OLD_GOOGLE)]
)
def test_each_importer_takes_its_own_kind(
    make_vault: MakeVault, tmp_path: Path, kind: str, content: str
) -> None:
    root = make_vault({"hortus.toml": ""})
    file = tmp_path / "contacts.csv"
    file.write_text(content, encoding="utf-8")
    assert run(root, "import", kind, str(file), "--write")[0] == 0
    assert (root / "people/jane-roe.md").exists()
