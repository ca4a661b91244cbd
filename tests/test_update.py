"""`hortus import vcard FILE_OR_DIR --update [--write]`: the values a phone's cards have and the
vault does not, added byte for byte (CRLF, BOM, comments, odd key order kept), never a value
changed: conflicts are reported; a concurrent save is never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hortus.cli import main
from hortus.core.errors import ChangedWhileWritingError, WriteError
from hortus.exchange.vcf import stable_uid
from hortus.notes.read import SourceFile, decode_note
from hortus.person import append as append_module
from hortus.person.append import ATTEMPTS
from hortus.person.fields import Addition, add_fields, with_fields
from tests.conftest import MakeVault

ADA = (
    "---\n"
    "phone: +44 20 7946 0018   # the old one\n"
    "name: Ada Lovelace\n"
    "company: Analytical Engines\n"
    "emails:\n"
    "  - ada@example.com  # work\n"
    "aliases: [Ada]\n"
    "---\n"
    "# Ada\n"
    "- 2026-11-01: tea\n"
)


def card(*lines: str, uid: str = "") -> str:
    head = ["BEGIN:VCARD", "VERSION:3.0", *([f"UID:{uid}"] if uid else [])]
    return "\r\n".join([*head, *lines, "END:VCARD", ""])


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--vault", str(root), *args])


def test_extra_equal_and_conflicting_values(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"people/ada.md": ADA, "people/bob.md": "# Bob\n"})
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_text(
        card(
            "FN:Ada Lovelace",
            "TEL:+44 (20) 7946-0018",  # the same number, written otherwise: equal
            "TEL:+44 20 7946 0099",
            "EMAIL:ADA@example.com",  # equal (case)
            "EMAIL:countess@example.org",
            "NICKNAME:Ada,The Countess",
            "ORG:Babbage & Co",  # conflict
            "TITLE:Mathematician",
            "BDAY:1815-12-10",
            uid=stable_uid("people/ada"),
        )
    )
    (folder / "b.vcf").write_text(card("FN:Bob"))  # nothing new
    (folder / "c.vcf").write_text(card("FN:Nobody Known"))
    dry = run(root, "import", "vcard", str(folder), "--update")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout == (
        f"{folder}: cards compared with the vault\n"
        f"Ada Lovelace (people/ada.md) ← {folder}/a.vcf:1\n"
        "  + emails: countess@example.org\n"
        "  + phones: +44 20 7946 0099\n"
        "  + aliases: The Countess\n"
        "  + birthday: 1815-12-10\n"
        "  + role: Mathematician\n"
        "  ! company: the vault has 'Analytical Engines', the card 'Babbage & Co' (not written)\n"
        f"{folder}/c.vcf:1: Nobody Known: matches no contact; left out\n"
        "1 to update, 1 in conflict, 1 with nothing new, 1 left out. "
        "Nothing written: add --write to add them.\n"
    )
    assert (root / "people/ada.md").read_text() == ADA
    wrote = run(root, "import", "vcard", str(folder), "--update", "--write")
    assert wrote.stdout.endswith("Added values to 1 contact.\n")
    assert (root / "people/ada.md").read_text() == (
        "---\n"
        "phone: +44 20 7946 0018   # the old one\n"
        "name: Ada Lovelace\n"
        "company: Analytical Engines\n"
        "emails:\n"
        "  - ada@example.com  # work\n"
        "  - countess@example.org\n"
        "aliases: [Ada, The Countess]\n"
        "phones: [+44 20 7946 0099]\n"
        "birthday: '1815-12-10'\n"
        "role: Mathematician\n"
        "---\n"
        "# Ada\n"
        "- 2026-11-01: tea\n"
    )
    again = run(root, "import", "vcard", str(folder), "--update", "--write")
    assert "0 to update, 1 in conflict, 1 with nothing new" in again.stdout
    shown = run(root, "show", "ada", "--json").stdout
    assert "The Countess" in shown and "Mathematician" in shown


def test_crlf_and_bom_and_no_front_matter_are_kept_byte_for_byte() -> None:
    data = "\ufeff---\r\nname: Zoë\r\n---\r\n# Zoë\r\n".encode()
    new, added = with_fields("people/zoe.md", data, [Addition(("emails", "email"), ("z@x.fr",))])
    assert new == "\ufeff---\r\nname: Zoë\r\nemail: z@x.fr\r\n---\r\n# Zoë\r\n".encode()
    assert added.written == (("email", ("z@x.fr",)),)
    bare = b"# Cy\r\n- 2026-01-01: hi\r\n"
    new, _ = with_fields("people/cy.md", bare, [Addition(("company",), ("Acme",), single=True)])
    assert new == b"---\r\ncompany: Acme\r\n---\r\n" + bare


def test_values_that_need_quoting_read_back_as_written() -> None:
    data = b"---\nname: Dee\n---\n"
    odd = "#1: yes, no [maybe]"
    new, _ = with_fields("people/dee.md", data, [Addition(("role",), (odd,), single=True)])
    source = decode_note("people/dee.md", new)
    assert isinstance(source, SourceFile)
    assert source.meta.values["role"] == odd


def test_a_list_hortus_does_not_edit_is_reported_not_touched() -> None:
    data = b"---\nname: Eve\nemails: a@x.org, b@x.org\nalias: Evie\n---\n"
    new, added = with_fields(
        "people/eve.md",
        data,
        [
            Addition(("emails", "email"), ("c@x.org",)),
            Addition(("aliases", "alias"), ("E",), together=False),
        ],
    )
    assert new == data
    assert added.written == ()
    assert len(added.skipped) == 2


def test_a_broken_front_matter_is_refused() -> None:
    with pytest.raises(WriteError, match="front matter has a problem"):
        with_fields("people/x.md", b"---\nname: [unclosed\n---\n", [Addition(("role",), ("r",))])


def test_a_concurrent_save_is_kept_and_the_values_added_to_it(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})
    saved = ADA.replace("# Ada\n", "# Ada\nTyped in the editor meanwhile.\n")
    saves: list[Path] = []

    def editor_saves_once(path: Path) -> None:
        if not saves:
            saves.append(path)
            path.write_text(saved)

    monkeypatch.setattr(append_module, "between_read_and_write", editor_saves_once)
    add_fields(root, "people/ada.md", [Addition(("role",), ("Countess",), single=True)])
    assert (root / "people/ada.md").read_text() == saved.replace(
        "aliases: [Ada]\n", "aliases: [Ada]\nrole: Countess\n"
    )


def test_a_file_that_keeps_changing_is_left_as_saved(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})

    def editor_saves_every_time(path: Path) -> None:
        path.write_text(path.read_text() + "more\n")

    monkeypatch.setattr(append_module, "between_read_and_write", editor_saves_every_time)
    with pytest.raises(ChangedWhileWritingError):
        add_fields(root, "people/ada.md", [Addition(("role",), ("Countess",), single=True)])
    assert (root / "people/ada.md").read_text() == ADA + "more\n" * ATTEMPTS


def test_the_full_vdir_round_trip(make_vault: MakeVault, tmp_path: Path) -> None:
    """export, change a phone number on the phone, --update, export again."""
    root = make_vault({"people/ada.md": ADA})
    folder = tmp_path / "cards"
    run(root, "export", "vcard", "--vdir", str(folder))
    (vcf,) = folder.glob("*.vcf")
    vcf.write_bytes(vcf.read_bytes().replace(b"+44 20 7946 0018", b"+44 7700 900123"))
    assert "kept" in run(root, "export", "vcard", "--vdir", str(folder)).stdout
    update = run(root, "import", "vcard", str(folder), "--update", "--write")
    assert "  + phones: +44 7700 900123\n" in update.stdout
    assert "phones: [+44 7700 900123]\n" in (root / "people/ada.md").read_text()
    final = run(root, "export", "vcard", "--vdir", str(folder))
    assert "1 written" in final.stdout
    assert b"TEL:+44 7700 900123" in vcf.read_bytes()
    assert b"TEL:+44 20 7946 0018" in vcf.read_bytes()  # hortus never removes a value


def test_update_is_for_vcards(make_vault: MakeVault, tmp_path: Path) -> None:
    target = tmp_path / "c.csv"
    target.write_text("a,b\n")
    result = run(make_vault({"people/ada.md": ADA}), "import", "linkedin", str(target), "--update")
    assert result.exit_code == 1 and "--update reads vCards only" in result.stderr
