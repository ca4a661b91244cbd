"""`hortus export vcard --vdir DIR`: one UID.vcf per contact, written only when its bytes change,
the cards of contacts that are gone removed (only those hortus wrote), a card changed on the
other side kept while it holds values the vault lacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from hortus.cli import main
from hortus.exchange.export.vdir import MANIFEST
from tests.conftest import MakeVault

FILES = {
    "people/ada.md": "---\nname: Ada Lovelace\nphone: +44 20 7946 0018\n---\n# Ada\n",
    "people/bob.md": "---\nname: Bob Stone\n---\n# Bob\n",
}


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--vault", str(root), *args])


def cards(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_one_card_per_contact_and_a_second_run_writes_nothing(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault(FILES)
    folder = tmp_path / "contacts"
    first = run(root, "export", "vcard", "--vdir", str(folder))
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{folder}: 2 written, 0 unchanged, 0 removed (contacts gone).\n"
    written = cards(folder)
    vcfs = sorted(name for name in written if name.endswith(".vcf"))
    assert len(vcfs) == 2 and MANIFEST in written
    for name in vcfs:
        data = written[name]
        assert (
            data.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") and data.count(b"BEGIN:VCARD") == 1
        )
        assert f"UID:urn:uuid:{name.removesuffix('.vcf')}\r\n".encode() in data
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    second = run(root, "export", "vcard", "--vdir", str(folder))
    assert second.stdout == f"{folder}: 0 written, 2 unchanged, 0 removed (contacts gone).\n"
    assert cards(folder) == written
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps


def test_a_changed_contact_rewrites_its_card_only(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault(FILES)
    folder = tmp_path / "contacts"
    run(root, "export", "vcard", "--vdir", str(folder))
    before = cards(folder)
    (root / "people/bob.md").write_text("---\nname: Bob Stone\nrole: baker\n---\n# Bob\n")
    result = run(root, "export", "vcard", "--vdir", str(folder))
    assert result.stdout == f"{folder}: 1 written, 1 unchanged, 0 removed (contacts gone).\n"
    after = cards(folder)
    changed = [name for name in before if before[name] != after[name]]
    assert len(changed) == 2 and MANIFEST in changed
    assert any(b"TITLE:baker\r\n" in data for data in after.values())


def test_the_cards_of_contacts_gone_are_removed_but_no_other_file(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault(FILES)
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "from-the-server.vcf").write_bytes(b"BEGIN:VCARD\r\nFN:Cy\r\nEND:VCARD\r\n")
    (folder / "notes.txt").write_text("mine")
    run(root, "export", "vcard", "--vdir", str(folder))
    (root / "people/bob.md").unlink()
    result = run(root, "export", "vcard", "--vdir", str(folder))
    assert result.stdout == f"{folder}: 0 written, 1 unchanged, 1 removed (contacts gone).\n"
    names = sorted(cards(folder))
    assert "from-the-server.vcf" in names and "notes.txt" in names
    assert len([n for n in names if n.endswith(".vcf")]) == 2
    manifest = json.loads((folder / MANIFEST).read_text())
    assert len(manifest["files"]) == 1


def test_a_card_changed_on_the_phone_is_kept_until_its_values_are_in_the_vault(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault(FILES)
    folder = tmp_path / "contacts"
    run(root, "export", "vcard", "--vdir", str(folder))
    (ada,) = [p for p in folder.glob("*.vcf") if b"Ada" in p.read_bytes()]
    phoned = ada.read_bytes().replace(b"TEL:+44 20 7946 0018", b"TEL:+44 20 7946 0099")
    ada.write_bytes(phoned)
    kept = run(root, "export", "vcard", "--vdir", str(folder))
    assert f"kept {ada.name}: changed since hortus wrote it" in kept.stdout
    assert ada.read_bytes() == phoned
    (root / "people/ada.md").unlink()  # gone from the vault, changed on the phone: still kept
    assert f"kept {ada.name}" in run(root, "export", "vcard", "--vdir", str(folder)).stdout
    assert ada.read_bytes() == phoned


def test_vdir_is_for_vcards_only(make_vault: MakeVault, tmp_path: Path) -> None:
    result = run(make_vault(FILES), "export", "ics", "--vdir", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "--vdir writes vCards into a folder" in result.stderr
