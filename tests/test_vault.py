"""Reading the vault: what is skipped, what is refused, and where each problem is reported.

Every vault is written inside its test; large, binary and special files (FIFO, symlinks) are
made at test time. Each test checks the problem's path, line and the key words of its message,
that the rest of the vault is still indexed, and that `hortus regenerate` leaves the user's
files exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.core.model import Contact
from hortus.index import Index
from hortus.notes.read import MAX_NOTE_BYTES, read_note, walk_vault
from hortus.render.markdown import MARKER
from tests.conftest import MakeVault, index_of

TODAY = "2026-11-20"

# A healthy contact that every vault holds: it must be indexed whatever else goes wrong.
GRACE = """\
---
name: Grace Hopper
circle: close
---
## 2026-11-01 Coffee
"""

ADA = """\
---
name: Ada Lovelace
circle: inner
---
# Ada
"""


# ---------------------------------------------------------------------------------------------
# helpers


def contact(index: Index, path: str) -> Contact:
    found = [c for c in index.contacts if c.path == path]
    assert len(found) == 1, [c.path for c in index.contacts]
    return found[0]


def contact_paths(index: Index) -> list[str]:
    return sorted(c.path for c in index.contacts)


def problems(index: Index) -> list[tuple[str, int, str]]:
    return [(p.source.path, p.source.line, p.message) for p in index.problems]


def only_problem(index: Index, path: str) -> tuple[int, str]:
    """The one problem in the vault, which must be about `path`; its line and message."""
    found = problems(index)
    assert [p[0] for p in found] == [path], found
    return found[0][1], found[0][2]


def assert_rest_indexed(index: Index) -> None:
    grace = contact(index, "people/grace.md")
    assert (grace.name, grace.circle, grace.cadence_days) == ("Grace Hopper", "close", 30)
    dates = [i.entry.date for i in index.involvements[grace.key]]
    assert dates == [dt.date(2026, 11, 1)]


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under `root`, links and FIFOs neither followed nor opened: kind, mode, bytes."""
    seen: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            full = Path(folder) / name
            rel = full.relative_to(root).as_posix()
            info = os.lstat(full)
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = ("link", os.readlink(full))
            elif stat.S_ISREG(info.st_mode):
                seen[rel] = ("file", info.st_mode, info.st_mtime_ns, full.read_bytes())
            else:
                seen[rel] = ("other", info.st_mode)
    return seen


def regenerate_keeps_user_files(root: Path) -> str:
    """Run `hortus regenerate`; every file but the garden pages is untouched. Returns GARDEN.md."""
    before = {k: v for k, v in snapshot(root).items() if not k.startswith(".hortus/")}
    for page in ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html"):
        before.pop(page, None)
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(("Wrote GARDEN.md, garden.html: ", "Already up to date "))
    after = snapshot(root)
    garden: bytes = after.pop("GARDEN.md")[3]
    for rel in [rel for rel in after if rel.startswith(".hortus/")]:
        del after[rel]  # hortus's own state: the cache and the locks
    if ".hortus" not in before:
        after.pop(".hortus", None)
    for page in ("garden.html", "GARDEN-all.md", "garden-all.html"):
        after.pop(page)
    assert after == before
    return garden.decode("utf-8")


def check_lines(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["--vault", str(root), "check"])
    return result.exit_code, result.output.splitlines()


# ---------------------------------------------------------------------------------------------
# skip rules


def test_dot_folders_are_never_read(make_vault: MakeVault) -> None:
    # Each would be a contact (and a problem) if it were read.
    ghost = "---\ntype: person\nname: Ghost\ncircle: nowhere\n---\n## 2026-02-30 [[Nobody]]\n"
    root = make_vault(
        {
            "people/grace.md": GRACE,
            ".git/people/ghost.md": ghost,
            ".obsidian/ghost.md": ghost,
            ".trash/people/ghost.md": ghost,
            ".hortus/ghost.md": ghost,
            "people/.trash/ghost.md": ghost,
        }
    )
    index = index_of(root)
    assert contact_paths(index) == ["people/grace.md"]
    assert problems(index) == []
    assert index.unresolved == ()
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_templates_folders_are_never_read(make_vault: MakeVault) -> None:
    template = (
        "---\ntype: person\nname: {{title}}\ncircle: {{circle}\n---\n- {{date}} met [[{{name}}]]\n"
    )
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "templates/person.md": template,
            "people/Templates/contact.md": template,
        }
    )
    index = index_of(root)
    assert contact_paths(index) == ["people/grace.md"]
    assert problems(index) == []
    assert index.unresolved == ()
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_the_generated_garden_is_never_indexed(make_vault: MakeVault) -> None:
    # A page hortus wrote (marker line) whose text would water Ada if it were read as a note.
    garden = f"{MARKER}\n## 2026-11-19 Tea with [[Ada Lovelace]] and [[Nobody Yet]]\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": ADA, "GARDEN.md": garden})
    assert "GARDEN.md" not in walk_vault(root, frozenset({"garden.md"})).paths
    index = index_of(root)
    ada = contact(index, "people/ada.md")
    assert ada.key not in index.involvements
    assert index.unresolved == ()
    assert problems(index) == []
    assert_rest_indexed(index)
    text = regenerate_keeps_user_files(root)
    # …and it stays out on the next run, when GARDEN.md holds the real garden.
    assert regenerate_keeps_user_files(root) == text
    assert ada.key not in index_of(root).involvements


def test_a_configured_garden_path_is_never_indexed(make_vault: MakeVault) -> None:
    page = f"{MARKER}\n## 2026-11-19 Tea with [[Ada Lovelace]]\n"
    root = make_vault(
        {
            "hortus.toml": 'garden = "pages/Garden.md"\n',
            "people/grace.md": GRACE,
            "people/ada.md": ADA,
            "pages/Garden.md": page,
        }
    )
    index = index_of(root)
    assert contact(index, "people/ada.md").key not in index.involvements
    assert problems(index) == []
    assert_rest_indexed(index)


def test_editor_litter_is_skipped_silently(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "people/ada.md": ADA,
            "people/ada.md~": ADA,  # vim/emacs backup
            "people/.ada.md.swp": b"b0VIM 9.0\x00\x00\x00\x00ada.md",  # vim swap
            "people/4913": b"",  # vim's can-I-write probe
            "people/~$ada.md": b"\x05Grace\x00\x00\x00\x00",  # Office lock file
            "people/.~lock.ada.md#": "Grace,grace,host,01.05.2024 12:00,file:///home/grace;\n",
            "people/.goutputstream-X7Q2K1": ADA,  # GNOME's temp save file
        }
    )
    os.symlink("grace@host.12345:1714567890", root / "people/.#ada.md")  # emacs lock (dangling)
    index = index_of(root)
    assert contact_paths(index) == ["people/ada.md", "people/grace.md"]
    assert [c.name for c in index.contacts].count("Ada Lovelace") == 1
    assert problems(index) == []
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


@pytest.mark.parametrize(
    "conflict",
    [
        "people/Ada (conflicted copy 2024-05-01).md",  # Dropbox
        "people/Ada (Grace's conflicted copy 2024-05-01).md",  # Dropbox, other device
        "people/Ada.sync-conflict-20240501-120000-ABCDEFG.md",  # Syncthing
    ],
)
def test_a_sync_conflict_copy_is_a_problem_not_a_second_contact(
    make_vault: MakeVault, conflict: str
) -> None:
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "people/Ada.md": ADA,
            conflict: ADA,
            "journal/2026-11-10.md": "Lunch with [[Ada Lovelace]].\n",
        }
    )
    index = index_of(root)
    line, message = only_problem(index, conflict)  # in particular: no ambiguous [[Ada Lovelace]]
    assert line == 1
    assert "sync conflict" in message
    assert contact_paths(index) == ["people/Ada.md", "people/grace.md"]
    ada = contact(index, "people/Ada.md")
    assert [i.entry.date for i in index.involvements[ada.key]] == [dt.date(2026, 11, 10)]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_folder_named_like_a_note_is_walked_not_read(make_vault: MakeVault) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/dir.md/readme.txt": "not a note\n"})
    (root / "people/empty.md").mkdir()
    index = index_of(root)
    assert contact_paths(index) == ["people/grace.md"]
    assert problems(index) == []
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_symlinked_folder_loop_terminates_and_indexes_each_note_once(
    make_vault: MakeVault,
) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": ADA})
    os.symlink(".", root / "people/loop")
    os.symlink("..", root / "people/up")
    os.symlink(root, root / "vault-again")
    index = index_of(root)
    assert contact_paths(index) == ["people/ada.md", "people/grace.md"]
    # Each linked folder is named once (issue 13, item 11), never entered.
    assert [(path, line) for path, line, _ in problems(index)] == [
        ("people/loop/", 1),
        ("people/up/", 1),
        ("vault-again/", 1),
    ]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_symlinked_folder_out_of_the_vault_is_not_followed(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mallory.md").write_text("---\nname: Mallory\n---\n## 2026-11-01 x\n", "utf-8")
    root = make_vault({"people/grace.md": GRACE})
    os.symlink(outside, root / "people/elsewhere")
    index = index_of(root)
    assert contact_paths(index) == ["people/grace.md"]
    assert "Mallory" not in [c.name for c in index.contacts]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)
    assert (outside / "mallory.md").read_text("utf-8").startswith("---\nname: Mallory")


def test_a_symlinked_note_is_a_problem_and_not_followed(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: Secret Person\n---\n## 2026-11-01 [[Grace Hopper]]\n", "utf-8")
    root = make_vault({"people/grace.md": GRACE})
    os.symlink(secret, root / "people/mallory.md")
    index = index_of(root)
    line, message = only_problem(index, "people/mallory.md")
    assert line == 1
    assert "symbolic link" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)  # the secret's dated line did not water Grace
    garden = regenerate_keeps_user_files(root)
    assert "Secret Person" not in garden
    assert "[people/mallory.md:1](people/mallory.md)" in garden


def test_a_fifo_note_is_a_problem_and_does_not_block(make_vault: MakeVault) -> None:
    root = make_vault({"people/grace.md": GRACE})
    os.mkfifo(root / "people/pipe.md")
    outcome: list[Index] = []
    worker = threading.Thread(target=lambda: outcome.append(index_of(root)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading the vault blocked on a FIFO"
    index = outcome[0]
    line, message = only_problem(index, "people/pipe.md")
    assert line == 1
    assert "not a regular file" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_note_larger_than_2_mib_is_a_problem(make_vault: MakeVault) -> None:
    big = b"---\nname: Big\n---\n" + b"word " * (MAX_NOTE_BYTES // 5) + b"\n"
    assert len(big) > MAX_NOTE_BYTES
    root = make_vault({"people/grace.md": GRACE, "people/big.md": big})
    started = time.perf_counter()
    index = index_of(root)
    assert time.perf_counter() - started < 5
    line, message = only_problem(index, "people/big.md")
    assert line == 1
    assert "larger than 2 MiB" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_note_of_exactly_2_mib_is_read(make_vault: MakeVault) -> None:
    head = b"---\nname: Long Letter\n---\n"
    line = b"Dear friend, a long letter.\n"
    body = line * ((MAX_NOTE_BYTES - len(head)) // len(line))
    data = head + body + b"x" * (MAX_NOTE_BYTES - len(head) - len(body))
    assert len(data) == MAX_NOTE_BYTES
    root = make_vault({"people/grace.md": GRACE, "people/letter.md": data})
    index = index_of(root)
    assert problems(index) == []
    assert contact(index, "people/letter.md").name == "Long Letter"
    assert_rest_indexed(index)


def test_a_permission_denied_note_is_a_problem(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": ADA})
    denied = os.path.join(root, "people", "ada.md")
    real_open = os.open

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", denied)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("hortus.notes.read.os.open", guarded_open)
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 1
    assert "Permission denied" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    garden = regenerate_keeps_user_files(root)
    assert "[people/ada.md:1](people/ada.md)" in garden
    code, lines = check_lines(root)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("people/ada.md:1: ")


# ---------------------------------------------------------------------------------------------
# whole-file problems: reported at line 1, the note skipped, the rest indexed


def test_a_latin1_note_is_a_problem_at_line_1(make_vault: MakeVault) -> None:
    root = make_vault(
        {"people/grace.md": GRACE, "people/jose.md": b"---\nname: Jos\xe9\n---\n# Jos\xe9\n"}
    )
    index = index_of(root)
    line, message = only_problem(index, "people/jose.md")
    assert line == 1
    assert "not valid UTF-8" in message
    assert "0xE9" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)
    code, lines = check_lines(root)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("people/jose.md:1: not valid UTF-8")


def test_a_utf16_note_with_a_bom_is_a_problem_at_line_1(make_vault: MakeVault) -> None:
    text = "---\nname: José\n---\n## 2026-11-01 Tea\n"
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "people/jose-le.md": b"\xff\xfe" + text.encode("utf-16-le"),
            "people/jose-be.md": b"\xfe\xff" + text.encode("utf-16-be"),
        }
    )
    index = index_of(root)
    found = problems(index)
    assert [(path, line) for path, line, _ in found] == [
        ("people/jose-be.md", 1),
        ("people/jose-le.md", 1),
    ]
    assert all("UTF-16" in message for _, _, message in found)
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_png_renamed_to_md_is_a_binary_problem_at_line_1(make_vault: MakeVault) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    root = make_vault({"people/grace.md": GRACE, "people/photo.md": png})
    index = index_of(root)
    line, message = only_problem(index, "people/photo.md")
    assert line == 1
    assert "binary" in message
    assert "offset 8" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_note_with_a_nul_byte_is_a_binary_problem_at_line_1(make_vault: MakeVault) -> None:
    data = b"---\nname: Nul\n---\n## 2026-11-01 Tea\nhello\x00world\n"
    root = make_vault({"people/grace.md": GRACE, "people/nul.md": data})
    index = index_of(root)
    line, message = only_problem(index, "people/nul.md")
    assert line == 1
    assert f"NUL byte at offset {data.index(0)}" in message
    assert contact_paths(index) == ["people/grace.md"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


# ---------------------------------------------------------------------------------------------
# encodings and line breaks that are fine


def test_a_utf8_bom_before_front_matter_is_read_normally(make_vault: MakeVault) -> None:
    text = "---\nname: Ada Lovelace\ncircle: orbit\n---\n## 2026-11-01 Tea\n"
    root = make_vault(
        {"people/grace.md": GRACE, "people/ada.md": b"\xef\xbb\xbf" + text.encode("utf-8")}
    )
    index = index_of(root)
    ada = contact(index, "people/ada.md")
    assert ada.name == "Ada Lovelace"
    assert [(i.entry.date, i.entry.line) for i in index.involvements[ada.key]] == [
        (dt.date(2026, 11, 1), 5)
    ]
    line, message = only_problem(index, "people/ada.md")  # the BOM shifts no line
    assert line == 3
    assert "unknown circle 'orbit'" in message
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


LINE_BREAK_NOTE = [
    "---",
    "circle: orbit",
    "cadence: sometimes",
    "---",
    "# Ada Lovelace",
    "",
    "## 2026-11-01 Tea",
    "- 2026-11-05: call with [[Nobody Yet]]",
    "  - and [[Grace Hopper]]",
    "",
    "## 2026-02-30 Not a day",
    "",
]


def _with_breaks(style: str) -> bytes:
    if style == "mixed":
        # A lone CR is always followed by a CRLF, never an LF, so no pair reads as one CRLF.
        breaks = ["\r\n", "\n", "\r"]
        text = "".join(
            line + breaks[number % 3] for number, line in enumerate(LINE_BREAK_NOTE[:-1])
        )
    else:
        text = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[style].join(LINE_BREAK_NOTE)
    return text.encode("utf-8")


def _line_view(index: Index, path: str) -> dict[str, Any]:
    """The twins are one person on purpose: that they are duplicates is not what is looked at."""
    twin = "probably the same person as"
    return {
        "problems": [
            (line, msg) for p, line, msg in problems(index) if p == path and twin not in msg
        ],
        "entries": sorted(
            (i.entry.date, i.entry.line, key)
            for key, items in index.involvements.items()
            for i in items
            if i.path == path
        ),
        "unresolved": [
            (u.target, u.source.line) for u in index.unresolved if u.source.path == path
        ],
        "name": contact(index, path).name,
    }


@pytest.mark.parametrize("style", ["crlf", "cr", "mixed"])
def test_crlf_and_lone_cr_notes_have_the_lines_of_their_lf_twin(
    make_vault: MakeVault, style: str
) -> None:
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "people/lf/ada.md": _with_breaks("lf"),
            f"people/{style}/ada.md": _with_breaks(style),
        }
    )
    index = index_of(root)
    twin = _line_view(index, "people/lf/ada.md")
    assert twin == {
        "problems": [
            (2, "unknown circle 'orbit' (known: close, inner, network, weak); treated as network"),
            (
                3,
                "cadence 'sometimes' is not readable (write days like 21, or 3w, 2m, 1y, "
                "monthly…); using the circle's 90 days",
            ),
            (11, "'2026-02-30' is not a real date; this entry is not dated"),
        ],
        "entries": [
            (dt.date(2026, 11, 1), 7, "people/lf/ada"),
            (dt.date(2026, 11, 5), 8, "people/grace"),
            (dt.date(2026, 11, 5), 8, "people/lf/ada"),
        ],
        "unresolved": [("Nobody Yet", 8)],
        "name": "Ada Lovelace",
    }
    other = _line_view(index, f"people/{style}/ada.md")
    other["entries"] = sorted((d, n, k.replace(style, "lf")) for d, n, k in other["entries"])
    assert other == twin
    regenerate_keeps_user_files(root)


# ---------------------------------------------------------------------------------------------
# front matter


def test_unclosed_front_matter_is_a_problem_and_the_contact_is_named_from_its_file(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "people/grace.md": GRACE,
            "people/ada-lovelace.md": "---\nname: Ada\ncircle: inner\n\n## 2026-11-01 Tea\n",
        }
    )
    index = index_of(root)
    line, message = only_problem(index, "people/ada-lovelace.md")
    assert line == 1
    assert "not closed" in message
    ada = contact(index, "people/ada-lovelace.md")
    assert (ada.name, ada.circle) == ("ada-lovelace", "network")
    assert index.unresolved == ()
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("- a\n- b\n", 2),  # a list
        ("\n\njust some words\n", 4),  # a plain string, after blank lines
    ],
)
def test_front_matter_that_is_not_a_mapping_is_a_problem_at_its_line(
    make_vault: MakeVault, front: str, line: int
) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": f"---\n{front}---\n# Ada\n"})
    index = index_of(root)
    assert only_problem(index, "people/ada.md")[0] == line
    assert "must be a mapping" in only_problem(index, "people/ada.md")[1]
    assert contact(index, "people/ada.md").name == "Ada"
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_yaml_syntax_error_is_reported_at_its_file_line(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "people/grace.md": GRACE,
            # line 1 is the `---` line, so the broken value is on line 4…
            "people/ada.md": '---\nname: Ada\ncircle: inner\nnote: he said: "no\n---\n# Ada\n',
            # …and blank lines and a tab-indented key count too: line 5.
            "people/bob.md": "---\n\nname: Bob\nextra:\n\tkey: 1\n---\n# Bob\n",
        }
    )
    index = index_of(root)
    found = problems(index)
    assert [(path, line) for path, line, _ in found] == [("people/ada.md", 4), ("people/bob.md", 5)]
    assert "not valid YAML" in found[0][2]
    assert "column 14" in found[0][2]
    assert "not valid YAML" in found[1][2]
    assert "column 1" in found[1][2]
    assert [contact(index, p).name for p in ("people/ada.md", "people/bob.md")] == ["Ada", "Bob"]
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_an_alias_bomb_is_refused_quickly(make_vault: MakeVault) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    bomb = "---\nname: Ada\n" + "\n".join(lines) + "\n---\n# Ada\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": bomb})
    started = time.perf_counter()
    read_note(root, "people/ada.md")
    assert time.perf_counter() - started < 0.5
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 3  # the first anchor
    assert "anchors or aliases" in message
    assert contact(index, "people/ada.md").name == "Ada"
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_merge_key_alias_is_refused_as_an_alias(make_vault: MakeVault) -> None:
    text = "---\nbase: &base {circle: inner}\nname: Ada\nfriend:\n  <<: *base\n---\n# Ada\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 2  # the first anchor, as for the alias bomb
    assert "anchors or aliases" in message
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_python_tag_is_refused_and_never_executed(make_vault: MakeVault, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    text = f'---\nname: Ada\nrun: !!python/object/apply:os.system ["touch {marker}"]\n---\n# Ada\n'
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 3
    assert "YAML tag" in message
    assert "python/object/apply:os.system" in message
    assert contact(index, "people/ada.md").name == "Ada"
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)
    assert not marker.exists()


def test_a_custom_tag_is_refused_at_its_line(make_vault: MakeVault) -> None:
    text = "---\nname: Ada\ncircle: inner\nmood: !custom sunny\n---\n# Ada\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 4
    assert "YAML tag '!custom'" in message
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


@pytest.mark.parametrize("depth", [5_000, 200])
def test_deeply_nested_front_matter_is_refused(make_vault: MakeVault, depth: int) -> None:
    text = "---\nname: Ada\nx: " + "[" * depth + "]" * depth + "\n---\n# Ada\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    started = time.perf_counter()
    index = index_of(root)
    assert time.perf_counter() - started < 5
    line, message = only_problem(index, "people/ada.md")
    assert line == 3
    assert "nest" in message
    assert contact(index, "people/ada.md").name == "Ada"
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_duplicate_key_names_both_lines(make_vault: MakeVault) -> None:
    text = "---\nname: Ada\ncircle: inner\nname: Ada Lovelace\n---\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 4
    assert "'name' appears twice (lines 2 and 4)" in message
    ada = contact(index, "people/ada.md")
    assert (ada.name, ada.circle) == ("Ada Lovelace", "inner")
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_non_string_keys_are_read_as_text(make_vault: MakeVault) -> None:
    text = "---\nname: Ada\n2026-11-20: met at a conference\n1: one\ncircle: inner\n---\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    assert problems(index) == []
    ada = contact(index, "people/ada.md")
    assert ada.fields == {"2026-11-20": "met at a conference", "1": "one"}
    assert (ada.name, ada.circle) == ("Ada", "inner")
    assert_rest_indexed(index)
    result = CliRunner().invoke(main, ["--vault", str(root), "status", "--json", "--today", TODAY])
    assert result.exit_code == 0
    regenerate_keeps_user_files(root)


def test_keys_named_content_and_handler_are_ordinary_fields(make_vault: MakeVault) -> None:
    text = "---\nname: Ada\ncontent: hello\nhandler: x\nmetadata: y\n---\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    assert problems(index) == []
    ada = contact(index, "people/ada.md")
    assert ada.name == "Ada"
    assert ada.fields == {"content": "hello", "handler": "x", "metadata": "y"}
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_impossible_dates_in_fields_are_problems_at_their_lines(make_vault: MakeVault) -> None:
    text = "---\nname: Ada\nbirthday: 2024-13-45\nmet: 2023-02-30\ncircle: inner\n---\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    # Only `birthday` is a date hortus reads; `met` is anybody's text and kept as written.
    message = "birthday '2024-13-45' is not a date like 1990-07-21, --07-21 or 07-21"
    assert problems(index) == [("people/ada.md", 3, message)]
    ada = contact(index, "people/ada.md")
    assert (ada.name, ada.circle, ada.birth) == ("Ada", "inner", None)
    assert ada.fields == {"met": "2023-02-30"}
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


def test_a_body_that_starts_with_a_brace_is_a_plain_note(make_vault: MakeVault) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": '{\n"name": "x"\n}\n'})
    index = index_of(root)
    assert problems(index) == []
    assert contact(index, "people/ada.md").name == "ada"
    assert_rest_indexed(index)


def test_an_empty_contact_file_is_a_contact_named_from_its_file(make_vault: MakeVault) -> None:
    root = make_vault({"people/grace.md": GRACE, "people/ada-lovelace.md": b""})
    index = index_of(root)
    ada = contact(index, "people/ada-lovelace.md")
    assert (ada.name, ada.circle, ada.cadence_days) == ("ada-lovelace", "network", 90)
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)


# ---------------------------------------------------------------------------------------------
# field problems, at the field's line


def test_an_unknown_circle_is_a_problem_at_its_line_and_means_network(
    make_vault: MakeVault,
) -> None:
    text = "---\nname: Ada\naliases: [Countess]\ncircle: orbit\n---\n## 2026-11-01 Tea\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 4
    assert "unknown circle 'orbit'" in message
    assert "network" in message
    ada = contact(index, "people/ada.md")
    assert (ada.circle, ada.cadence_days) == ("network", 90)
    assert_rest_indexed(index)
    garden = regenerate_keeps_user_files(root)
    assert "[Ada](people/ada.md) · *thriving* · last contact 1 November 2026" in garden
    assert "every 90 days (network)" in garden
    assert "[people/ada.md:4](people/ada.md)" in garden


def test_an_unreadable_cadence_is_a_problem_at_its_line_and_the_circle_applies(
    make_vault: MakeVault,
) -> None:
    text = "---\nname: Ada\ncircle: inner\n\ncadence: every now and then\n---\n"
    root = make_vault({"people/grace.md": GRACE, "people/ada.md": text})
    index = index_of(root)
    line, message = only_problem(index, "people/ada.md")
    assert line == 5
    assert "cadence 'every now and then' is not readable" in message
    assert "14 days" in message
    ada = contact(index, "people/ada.md")
    assert (ada.circle, ada.cadence_days) == ("inner", 14)
    assert_rest_indexed(index)
    regenerate_keeps_user_files(root)
