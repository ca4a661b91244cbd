"""No value silently changed: every front-matter scalar comes out as the text it was written as,
in `show --json`, the vCard export, the CSV export and the cache (issue 13, YAML 1.1)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner

from hortus.cli import main
from hortus.exchange.export.csvfile import neutralise
from hortus.notes.parse import parse_note
from hortus.notes.read import split_front_matter
from hortus.store import codec
from tests.conftest import write_vault

# (as written after `phone: `, the text it must come out as). YAML 1.1 (PyYAML) read each of
# the plain ones as a number, a boolean, a null or a date; YAML 1.2's core schema most of them.
SCALARS: list[tuple[str, str]] = [
    ("0123456", "0123456"),  # octal in YAML 1.1: 42798
    ("0612345670", "0612345670"),  # a French mobile; YAML 1.2 reads 612345670
    ("+4712345678", "+4712345678"),  # YAML 1.2 reads 4712345678
    ("007", "007"),
    ("0x1F", "0x1F"),
    ("0o17", "0o17"),
    ("0b1010", "0b1010"),
    ("1e3", "1e3"),
    ("1.10", "1.10"),
    ("-0", "-0"),
    (".inf", ".inf"),
    ("-.inf", "-.inf"),
    (".nan", ".nan"),
    ("~", "~"),
    ("Null", "Null"),
    ("NO", "NO"),  # Norway
    ("off", "off"),
    ("y", "y"),
    ("yes", "yes"),
    ("True", "True"),
    ("1:20", "1:20"),  # sexagesimal in YAML 1.1: 80
    ("12:30:45", "12:30:45"),
    ("1_000", "1_000"),
    ("1,000", "1,000"),
    ("2024-01-05", "2024-01-05"),
    ("'2024-01-05'", "2024-01-05"),
    ("2024-1-5", "2024-1-5"),  # YAML 1.1 makes it 2024-01-05
    ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
    ("2026-W49-7", "2026-W49-7"),  # an ISO week date
    ('"0123"', "0123"),
    ("'+33 1 23 45 67 89'", "+33 1 23 45 67 89"),
    ("12e03", "12e03"),
]


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        f"people/case-{i:02d}.md": f"---\nname: Case {i:02d}\nphone: {written}\n---\n"
        for i, (written, _) in enumerate(SCALARS)
    }
    return write_vault(tmp_path_factory.mktemp("yaml") / "vault", files)


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--vault", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def vcard_phones(vault: Path) -> dict[str, str]:
    cards = vobject.readComponents(run(vault, "export", "vcard"))
    return {card.fn.value: card.tel.value for card in cards}


@pytest.fixture(scope="module")
def csv_phones(vault: Path) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(run(vault, "export", "csv")))
    return {row["name"]: row["phone"] for row in rows}


def test_the_table_holds_at_least_25_scalars() -> None:
    assert len(SCALARS) >= 25


@pytest.mark.parametrize(("i", "written", "text"), [(i, *case) for i, case in enumerate(SCALARS)])
def test_a_scalar_comes_out_as_written(
    vault: Path,
    vcard_phones: dict[str, str],
    csv_phones: dict[str, str],
    i: int,
    written: str,
    text: str,
) -> None:
    name = f"Case {i:02d}"
    card = json.loads(run(vault, "show", name, "--json"))
    assert card["fields"]["phone"] == text
    src = split_front_matter("people/x.md", f"---\nphone: {written}\n---\n")
    assert codec.unpack(codec.pack(parse_note(src))).meta.values == {"phone": text}  # the cache
    assert vcard_phones[name] == text
    assert csv_phones[name] == neutralise(text)  # `+4712345678` is `'+4712345678` in a sheet


def test_the_fields_hortus_reads_take_text_by_their_own_rules(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "vault",
        {
            "people/norway.md": (
                "---\nname: 0123\naliases: [NO, 1:20, ~]\ncircle: Close\ncadence: 021\n"
                "birthday: 2024-02-29\ntags: yes, 007\nresting: off\n---\n"
            ),
        },
    )
    card = json.loads(run(root, "show", "0123", "--json"))
    assert (card["name"], card["aliases"], card["circle"]) == ("0123", ["NO", "1:20"], "close")
    assert (card["cadence_days"], card["birthday"], card["tags"]) == (
        21,
        "2024-02-29",
        ["yes", "007"],
    )
    assert card["state"] != "resting"
    assert json.loads(run(root, "show", "NO", "--json"))["name"] == "0123"  # the alias "NO"


def test_check_says_a_slashed_birthday_is_ambiguous_at_its_line(tmp_path: Path) -> None:
    root = write_vault(
        tmp_path / "vault",
        {"people/ana.md": "---\nname: Ana\nbirthday: 12/10/1990\n---\n"},
    )
    result = CliRunner().invoke(main, ["--vault", str(root), "check"])
    assert result.exit_code == 1
    assert result.output == (
        "people/ana.md:3: birthday '12/10/1990' is ambiguous (day/month or month/day?): "
        "write 1990-10-12 or 1990-12-10\n"
    )
