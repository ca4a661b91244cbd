"""One person, once: `hortus check` names probable duplicates at both files (same e-mail or
phone, names that differ only by accents, case, word order or a middle name), never merges,
and `not_duplicate_of` silences a pair; `hortus import` says who is probably there already."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.index.duplicates import name_words
from tests.conftest import MakeVault, index_notes, note


def person(name: str, extra: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n"


def problems_of(files: dict[str, str]) -> list[tuple[str, int, str]]:
    index = index_notes(*(note(text, path) for path, text in files.items()))
    return [(p.source.path, p.source.line, p.message) for p in index.problems]


@pytest.mark.parametrize(
    ("one", "other", "why"),
    [
        ("Zoe Durand", "Zoë Durand", "names differ only by accents, case or word order"),
        ("Maria Garcia", "García, María", "names differ only by accents, case or word order"),
        ("ada lovelace", "Ada Lovelace", "names differ only by accents, case or word order"),
        ("Maria Garcia", "Maria Luisa Garcia", "the names differ by a middle name"),
        ("Ada Lovelace", "Ada Lovelace", "same name"),
    ],
)
def test_names_that_differ_only_in_form_are_reported_at_both_files(
    one: str, other: str, why: str
) -> None:
    found = problems_of({"people/a.md": person(one), "people/b.md": person(other)})
    assert [(path, line) for path, line, _ in found] == [("people/a.md", 2), ("people/b.md", 2)]
    assert found[0][2] == (
        f"probably the same person as {other} (people/b.md): {why}; "
        'if they are two people, add not_duplicate_of: "[[people/b]]"'
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ada Lovelace", "Ada Byron"),
        ("Ada", "Ada Lovelace"),
        ("Jo Kim", "Jo Park Lee"),
        ("Alice Bauer", "Alice Bauer 2"),  # a number tells two people apart on purpose
    ],
)
def test_different_names_are_not_duplicates(one: str, other: str) -> None:
    assert problems_of({"people/a.md": person(one), "people/b.md": person(other)}) == []


def test_the_same_email_or_phone_is_reported_at_its_line() -> None:
    found = problems_of(
        {
            "people/a.md": person("Ada", "email: ADA@example.com\n"),
            "people/b.md": person("Countess", "emails: [x@y.org, ada@example.com]\n"),
            "people/c.md": person("Grace", "phone: +1 555 0100 200\n"),
            "people/d.md": person("Amazing Grace", "mobile: '+1 (555) 0100-200'\n"),
        }
    )
    assert [(path, line, message.split(":")[1]) for path, line, message in found] == [
        (
            "people/a.md",
            3,
            " same e-mail ADA@example.com; if they are two people, add not_duplicate_of",
        ),
        (
            "people/b.md",
            3,
            " same e-mail ada@example.com; if they are two people, add not_duplicate_of",
        ),
        (
            "people/c.md",
            3,
            " same phone +1 555 0100 200; if they are two people, add not_duplicate_of",
        ),
        (
            "people/d.md",
            3,
            " same phone +1 (555) 0100-200; if they are two people, add not_duplicate_of",
        ),
    ]


@pytest.mark.parametrize("where", ["people/a.md", "people/b.md"])
def test_not_duplicate_of_in_either_file_silences_the_pair(where: str) -> None:
    files = {"people/a.md": person("Maria Garcia"), "people/b.md": person("María García")}
    target = "people/b" if where == "people/a.md" else "Maria Garcia"
    files[where] = files[where].replace("---\n", f'---\nnot_duplicate_of: "[[{target}]]"\n', 1)
    assert problems_of(files) == []


def test_not_duplicate_of_naming_no_contact_is_a_problem() -> None:
    found = problems_of({"people/a.md": person("Ada", 'not_duplicate_of: "[[Nobody]]"\n')})
    assert found == [("people/a.md", 3, "not_duplicate_of: [[Nobody]] is no contact")]


def test_name_words() -> None:
    assert name_words("García, María") == ("garcia", "maria")
    assert name_words("Seán O'Brien") == ("brien", "o", "sean")


def test_check_reports_both_files_and_writes_nothing(make_vault: MakeVault) -> None:
    root = make_vault(
        {"people/zoe.md": person("Zoe Durand"), "people/zoe2.md": person("Zoë Durand")}
    )
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    result = CliRunner().invoke(main, ["--vault", str(root), "check"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "people/zoe.md:2: probably the same person as Zoë Durand (people/zoe2.md): names "
        "differ only by accents, case or word order; if they are two people, add "
        'not_duplicate_of: "[[people/zoe2]]"',
        "people/zoe2.md:2: probably the same person as Zoe Durand (people/zoe.md): names "
        "differ only by accents, case or word order; if they are two people, add "
        'not_duplicate_of: "[[people/zoe]]"',
    ]
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before  # never merges


def test_the_import_dry_run_names_people_probably_there_already(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": "", "people/maria.md": person("María García")})
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Maria,Garcia,,,,,\n"
        "Jane,Roe,,,,,\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--vault", str(root), "import", "linkedin", str(csv)])
    assert result.exit_code == 0, result.output
    assert (
        "probably already there: Maria Garcia may be María García (people/maria.md; names "
        "differ only by accents, case or word order; line 2)\n"
    ) in result.stdout
    assert "Jane Roe may be" not in result.stdout
