"""`hortus import`: the dry run, --write through create.py, people already there, the garden."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault, index_of
from tests.test_import_csv import LINKEDIN

ADA = """\
---
name: Ada Lovelace
aliases: [Countess]
email: [ada@example.com, ADA@work.example]
---
## 2026-11-10 Tea
"""


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".hortus" not in p.parts
    }


def linkedin_file(tmp_path: Path, text: str = LINKEDIN) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_dry_run_says_everything_and_writes_nothing(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": "", "people/ada.md": ADA})
    before = files(root)
    code, out, err = run(root, "import", "linkedin", str(linkedin_file(tmp_path)))
    assert (code, err) == (0, "")
    csv = tmp_path / "Connections.csv"
    assert out == (
        f"{csv} (LinkedIn): 4 rows\n"
        "would create people/jane-roe.md  Jane Roe\n"
        "would create people/lukasz-nowak.md  Łukasz Nowak\n"
        "would create people/bob-stone.md  Bob Stone\n"
        f"{csv}:7: no name; this row is skipped\n"
        f"{csv}:8: 'Connected On' 'sometime' is not a date like 12 Mar 2021; imported without it\n"
        "3 to create (circle weak), 0 already there, 2 problems. "
        "Nothing written: add --write to create them.\n"
    )
    assert files(root) == before


def test_write_creates_seedlings_in_the_weak_circle(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"hortus.toml": "today = 2026-11-20\n", "people/ada.md": ADA})
    code, out, _ = run(root, "import", "linkedin", str(linkedin_file(tmp_path)), "--write")
    assert code == 0
    assert "created people/jane-roe.md  Jane Roe\n" in out
    assert out.endswith("Created 3 contacts (circle weak), 0 already there, 2 problems.\n")
    assert (root / "people/jane-roe.md").read_text(encoding="utf-8") == (
        "---\n"
        "name: Jane Roe\n"
        "circle: weak\n"
        "email: jane@example.com\n"
        "company: Acme, Inc.\n"
        "role: Staff Engineer\n"
        "linkedin: https://www.linkedin.com/in/janeroe\n"
        "---\n\n# Jane Roe\n\n- 2021-03-12: Connected on LinkedIn #news\n"
    )
    index = index_of(root)
    assert index.problems == ()
    code, out, _ = run(root, "status", "--json")
    assert '"needs_watering": []' in out
    code, out, _ = run(root, "show", "Jane Roe")
    assert "seedling" in out and "12 March 2021  news" in out


def test_people_already_there_are_never_touched(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"hortus.toml": "", "people/ada.md": ADA, "people/bob.md": "# Bob\n"})
    text = (
        "First Name,Last Name,Email Address\n"
        "ada,LOVELACE,\n"  # same name, other case
        "The,Countess,\n"  # not Ada's alias 'Countess': someone new
        "Countess,,\n"  # Ada's alias
        "Augusta,King,ada@work.example\n"  # same e-mail, other case
        "Bob,,\n"  # same file name
        "Cy,Twombly,cy@example.com\n"
        "Cy,Twombly,\n"  # twice in this file
        "Cyrus,T,CY@example.com\n"  # the same e-mail twice in this file
    )
    before = files(root)
    code, out, _ = run(root, "import", "linkedin", str(linkedin_file(tmp_path, text)), "--write")
    assert code == 0
    csv = tmp_path / "Connections.csv"
    assert out.splitlines()[1:] == [
        "created people/the-countess.md  The Countess",
        "created people/cy-twombly.md  Cy Twombly",
        "already there: ada LOVELACE is people/ada.md (same name; line 2)",
        "already there: Countess is people/ada.md (same alias; line 4)",
        "already there: Augusta King is people/ada.md (same e-mail ada@work.example; line 5)",
        "already there: Bob is people/bob.md (same name; line 6)",
        f"{csv}:8: Cy Twombly is already at line 7 of this file; skipped",
        f"{csv}:9: Cyrus T is already at line 7 of this file; skipped",
        "Created 2 contacts (circle weak), 4 already there, 2 problems.",
    ]
    after = files(root)
    assert {k: v for k, v in after.items() if k in before} == before


def test_circle_option_and_an_unknown_circle(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"hortus.toml": "[circles]\nalumni = 180\n"})
    path = str(linkedin_file(tmp_path))
    code, _, err = run(root, "import", "linkedin", path, "--circle", "besties")
    assert code == 1
    assert "unknown circle 'besties' (known: alumni, close, inner, network, weak" in err
    code, _, _ = run(root, "import", "linkedin", path, "--circle", "Alumni", "--write")
    assert code == 0
    assert "circle: alumni\n" in (root / "people/jane-roe.md").read_text(encoding="utf-8")


def test_an_unusable_file_exits_non_zero_and_writes_nothing(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": ""})
    empty = tmp_path / "empty.vcf"
    empty.write_text("not a card\n")
    code, out, err = run(root, "import", "vcard", str(empty), "--write")
    assert (code, out) == (1, "")
    assert (
        err
        == f"hortus: cannot import {empty}: there is no BEGIN:VCARD in it; nothing was imported\n"
    )
    code, _, err = run(root, "import", "google", str(tmp_path / "missing.csv"))
    assert code == 1 and "No such file or directory" in err
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, _, err = run(root, "import", "google", str(fifo))
    assert code == 1 and "it is not a regular file" in err
    assert not (root / "people").exists()


def test_unsafe_names_become_safe_files_inside_the_vault(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": ""})
    text = (
        "First Name,Last Name,Company\n"
        "../../etc,passwd,\n"
        "CON,,\n"
        "a/b,c\\d,\n"
        "***,,\n"
        '"=HYPERLINK(""http://evil"")",,"@SUM(1+1)"\n'
    )
    code, out, _ = run(root, "import", "linkedin", str(linkedin_file(tmp_path, text)), "--write")
    assert code == 0
    csv = tmp_path / "Connections.csv"
    assert out.splitlines()[1:] == [
        "created people/etc-passwd.md  ../../etc passwd",
        "created people/con-contact.md  CON",
        "created people/a-b-c-d.md  a/b c\\d",
        'created people/hyperlink-http-evil.md  =HYPERLINK("http://evil")',
        f"{csv}:5: cannot make a file name from '***'; use letters or digits; skipped",
        "Created 4 contacts (circle weak), 0 already there, 1 problem.",
    ]
    assert sorted(p.name for p in (root / "people").iterdir()) == [
        "a-b-c-d.md",
        "con-contact.md",
        "etc-passwd.md",
        "hyperlink-http-evil.md",
    ]
    names = sorted(c.name for c in index_of(root).contacts)
    assert names == ["../../etc passwd", '=HYPERLINK("http://evil")', "CON", "a/b c\\d"]
    assert index_of(root).problems == ()


def test_google_import_with_a_template_aliases_tags_birthdays_and_fenced_notes(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    from tests.test_import_csv import GOOGLE

    template = '---\ntype: person\nname: "{{title}}"\ncircle: network\n---\n# {{title}}\n\n## Log\n'
    root = make_vault(
        {"hortus.toml": "", "templates/person.md": template, "people/bob.md": "# Bob\n"}
    )
    path = tmp_path / "contacts.csv"
    path.write_bytes(GOOGLE.encode("utf-8"))
    code, out, _ = run(root, "import", "google", str(path), "--write")
    assert code == 0, out
    text = (root / "people/ada-king-lovelace.md").read_text(encoding="utf-8")
    assert text == (
        "---\n"
        "type: person\n"
        "name: Ada King Lovelace\n"
        "circle: weak\n"
        "aliases: [Ada, Countess]\n"
        "birthday: 1815-12-10\n"
        "tags: [friends, climbing-club]\n"
        "email: [ada@example.com, ada@work.example, countess@example.org]\n"
        "phone: [+44 20 7946 0018, 020 7946 0019, 0612345678]\n"
        "company: Analytical Engines\n"
        "role: Poet\n"
        "address: 1 Rue X 69001 Lyon\n"
        "---\n"
        "# Ada King Lovelace\n\n"
        "## Log\n\n"
        "Notes from Google Contacts:\n\n"
        "~~~\n"
        "Met at the Babbage party.\n"
        "Loves #math and [[Charles]].\n"
        "~~~\n"
    )
    index = index_of(root)
    ada = next(c for c in index.contacts if c.name == "Ada King Lovelace")
    assert ada.fields["phone"] == ["+44 20 7946 0018", "020 7946 0019", "0612345678"]
    assert ada.birthday == "1815-12-10"
    assert index.unresolved == ()  # [[Charles]] in the imported notes is not a mention
    assert "already there: Bob Stone" not in out  # Bob Stone is not Bob
    assert "birthday: --04-12\n" in (root / "people/bob-stone.md").read_text(encoding="utf-8")


def test_an_alias_that_names_someone_else_is_left_out(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": "", "people/ada.md": ADA})
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Augusta Byron\nNICKNAME:Countess,Gus\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Gus Grissom\nNICKNAME:Gus,Augusta Byron\nEND:VCARD\n"
    )
    code, _, _ = run(root, "import", "vcard", str(path), "--write")
    assert code == 0
    aliases = {c.name: c.aliases for c in index_of(root).contacts}
    assert aliases == {"Ada Lovelace": ("Countess",), "Augusta Byron": ("Gus",), "Gus Grissom": ()}
