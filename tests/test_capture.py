"""Appending an entry keeps every earlier byte; refusals; the checked, locked write."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hortus.core.errors import ChangedWhileWritingError, HortusError, WriteError
from hortus.files.lock import vault_lock
from hortus.person import append as capture
from hortus.person.append import NewEntry, append_entry, entry_lines, newline_of, with_entry
from tests.conftest import MakeVault, index_of

DAY = dt.date(2026, 11, 27)
ENTRY = NewEntry(DAY, "Called her about the move")


def appended(data: bytes, entry: NewEntry = ENTRY) -> bytes:
    new, _ = with_entry("people/ada.md", data, entry)
    assert new.startswith(data)
    return new[len(data) :]


@pytest.mark.parametrize(
    ("data", "added"),
    [
        # CRLF endings: the entry uses CRLF too.
        (
            b"---\r\nname: Ada\r\n---\r\nNotes.\r\n",
            b"\r\n## 2026-11-27 Called her about the move\r\n",
        ),
        # A BOM stays where it is; the entry is plain UTF-8 after the old bytes.
        (
            b"\xef\xbb\xbf---\nname: Ada\n---\n",
            b"\n## 2026-11-27 Called her about the move\n",
        ),
        # YAML comments and unusual key order are old bytes: untouched.
        (
            b"---\n# who she is\ntags: [x]  # mine\nname: 'Ada'\n---\n",
            b"\n## 2026-11-27 Called her about the move\n",
        ),
        # No final newline: one is added first, never glued to the last line.
        (b"---\nname: Ada\n---\nlast line", b"\n\n## 2026-11-27 Called her about the move\n"),
        # Trailing blank lines are kept, and already separate the entry.
        (b"Notes.\n\n\n", b"## 2026-11-27 Called her about the move\n"),
        # Old Mac CR-only endings.
        (b"Notes.\rMore.\r", b"\r## 2026-11-27 Called her about the move\r"),
        # An empty file, and one holding only a BOM.
        (b"", b"## 2026-11-27 Called her about the move\n"),
        (b"\xef\xbb\xbf", b"## 2026-11-27 Called her about the move\n"),
    ],
)
def test_appending_keeps_every_earlier_byte(data: bytes, added: bytes) -> None:
    assert appended(data) == added


def test_entry_follows_the_files_list_style() -> None:
    data = b"## Log\n\n* 2026-11-01: tea\n* 2026-11-02: call\n"
    assert appended(data) == b"- 2026-11-27: Called her about the move\n"


def test_list_entry_after_text_gets_a_blank_line_and_the_missing_newline() -> None:
    data = b"- 2026-11-01: tea\n\nA paragraph"
    assert appended(data) == b"\n\n- 2026-11-27: Called her about the move\n"


def test_entry_follows_the_heading_level_of_the_last_entry() -> None:
    data = b"# Ada\n\n- 2026-10-01: old style\n\n### 2026-11-01 Tea\n\nText.\n"
    assert appended(data) == b"\n### 2026-11-27 Called her about the move\n"


def test_multi_line_text_tags_and_mentions() -> None:
    entry = NewEntry(DAY, "Dinner\nShe is moving.\n\nTo Lyon.", ("food",), ("Bob", "people/sam"))
    assert entry_lines(entry, "##") == [
        "## 2026-11-27 Dinner (with [[Bob]], [[people/sam]]) #food",
        "She is moving.",
        "",
        "To Lyon.",
    ]
    assert entry_lines(entry, None) == [
        "- 2026-11-27: Dinner (with [[Bob]], [[people/sam]]) #food",
        "  She is moving.",
        "",
        "  To Lyon.",
    ]


def test_mixed_line_endings_use_the_first_lines_style() -> None:
    assert newline_of(b"a\r\nb\nc\r") == "\r\n"
    assert newline_of(b"a\nb\r\n") == "\n"
    assert newline_of(b"no break") == "\n"


def test_the_new_entry_is_reported_at_its_file_line() -> None:
    data = b"---\r\nname: Ada\r\n---\r\n## 2026-11-01 Tea\r\nText."
    new, logged = with_entry("people/ada.md", data, ENTRY)
    assert logged.line == 7  # line 5 is "Text.", 6 the blank line
    assert new.decode().split("\r\n")[logged.line - 1] == logged.lines[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"---\nname: [Ada\n---\n", "its front matter has a problem (line 3"),
        (b"---\nname: Ada\n", "front matter opened at line 1 is not closed"),
        (b"---\nname: Ada\nname: Bo\n---\n", "'name' appears twice"),
        (b"a\x00b", "looks binary"),
        (b"caf\xe9", "not valid UTF-8"),
        (b"\xff\xfea\x00", "UTF-16"),
        (b"```\nan open code block\n", "would not read back as a dated entry"),
    ],
)
def test_files_that_do_not_read_cleanly_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(WriteError, match=r"could not write people/ada\.md: ") as caught:
        with_entry("people/ada.md", data, ENTRY)
    assert reason in caught.value.message


# --- generated files: every earlier byte is kept, or nothing is written -----------------------

_LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"
    ),
    max_size=30,
)


@st.composite
def contact_files(draw: st.DrawFn) -> bytes:
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    keys = draw(st.lists(st.sampled_from(["name", "circle", "tags", "city", "# note"]), max_size=4))
    front = [f"{key}: x{i}" for i, key in enumerate(dict.fromkeys(keys))]
    body = draw(st.lists(_LINE, max_size=8))
    lines = (["---", *front, "---"] if draw(st.booleans()) else []) + body
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=contact_files(), text=_LINE.filter(str.strip), heading=st.booleans())
def test_generated_files_keep_every_earlier_byte(data: bytes, text: str, heading: bool) -> None:
    if not heading:
        data += b"\n- 2026-01-01: a list entry\n"
    try:
        new, logged = with_entry("people/ada.md", data, NewEntry(DAY, text))
    except WriteError:
        return  # refused (a code block left open, a broken front matter): nothing written
    assert new.startswith(data)
    lines = new.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert lines[logged.line - 1] == logged.lines[0]


@settings(max_examples=100)
@given(text=st.text(alphabet="abc XYZ.,!?'-éü", min_size=1).filter(str.strip))
def test_plain_text_is_always_written(text: str) -> None:
    data = b"---\nname: Ada\n---\nNotes\n"
    new, logged = with_entry("people/ada.md", data, NewEntry(DAY, text))
    assert new.startswith(data)
    assert logged.lines[0].startswith("## 2026-11-27 ")


# --- the write itself: refusals, compare-and-swap, the lock ----------------------------------

ADA = "---\nname: Ada\n---\n## 2026-11-01 Tea\n"


def test_append_writes_and_keeps_the_mode(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    os.chmod(root / "people/ada.md", 0o600)
    logged = append_entry(root, "people/ada.md", ENTRY)
    assert (
        root / "people/ada.md"
    ).read_text() == ADA + "\n## 2026-11-27 Called her about the move\n"
    assert logged.line == 6
    assert os.stat(root / "people/ada.md").st_mode & 0o777 == 0o600
    assert [p.name for p in (root / "people").iterdir()] == ["ada.md"]  # no temp left


def test_a_symlink_is_never_written_through(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"journal/real.md": ADA})
    (root / "people").mkdir()
    os.symlink(root / "journal/real.md", root / "people/ada.md")
    with pytest.raises(WriteError, match="symbolic link"):
        append_entry(root, "people/ada.md", ENTRY)
    assert (root / "journal/real.md").read_text() == ADA


def test_a_fifo_is_refused(make_vault: MakeVault) -> None:
    root = make_vault({"people/.keep": ""})
    os.mkfifo(root / "people/ada.md")
    with pytest.raises(WriteError, match="not a regular file"):
        append_entry(root, "people/ada.md", ENTRY)


def test_a_hard_linked_file_is_refused(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    os.link(root / "people/ada.md", root / "ada-copy.md")
    with pytest.raises(WriteError, match="2 hard links"):
        append_entry(root, "people/ada.md", ENTRY)
    assert (root / "ada-copy.md").read_text() == ADA


def test_a_file_outside_the_vault_is_refused(make_vault: MakeVault, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ada.md").write_text(ADA)
    root = make_vault({"hortus.toml": ""})
    os.symlink(outside, root / "people")
    with pytest.raises(WriteError, match="outside the vault"):
        append_entry(root, "people/ada.md", ENTRY)
    assert (outside / "ada.md").read_text() == ADA


def test_an_edit_between_read_and_write_is_kept_and_the_entry_reapplied(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})
    saves = []

    def editor_saves_once(path: Path) -> None:
        if not saves:
            saves.append(path)
            path.write_text(ADA + "Written in the editor meanwhile.\n")

    monkeypatch.setattr(capture, "between_read_and_write", editor_saves_once)
    logged = append_entry(root, "people/ada.md", ENTRY)
    assert (root / "people/ada.md").read_text() == (
        ADA + "Written in the editor meanwhile.\n\n## 2026-11-27 Called her about the move\n"
    )
    assert logged.line == 7


def test_a_file_that_keeps_changing_is_left_as_the_user_saved_it(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})
    saves: list[int] = []

    def editor_saves_every_time(path: Path) -> None:
        saves.append(1)
        path.write_text(ADA + f"Save number {len(saves)}.\n")

    monkeypatch.setattr(capture, "between_read_and_write", editor_saves_every_time)
    with pytest.raises(ChangedWhileWritingError) as caught:
        append_entry(root, "people/ada.md", ENTRY)
    assert caught.value.message == "people/ada.md changed while writing; nothing written"
    assert (root / "people/ada.md").read_text() == ADA + f"Save number {capture.ATTEMPTS}.\n"
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada.md"]


def test_two_writers_at_once_both_land(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    errors: list[BaseException] = []

    def log(number: int) -> None:
        try:
            append_entry(root, "people/ada.md", NewEntry(DAY, f"entry {number}"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=log, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    text = (root / "people/ada.md").read_text()
    assert text.startswith(ADA)
    assert sorted(line for line in text.splitlines() if "entry" in line) == [
        f"## 2026-11-27 entry {n}" for n in range(8)
    ]
    assert len(index_of(root).involvements["people/ada"]) == 9


def test_a_held_lock_times_out_with_a_clear_message(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    with (
        vault_lock(root),
        pytest.raises(HortusError, match="another hortus"),
        vault_lock(root, timeout=0.1),
    ):
        pass
    assert (root / "people/ada.md").read_text() == ADA


def test_appending_keeps_the_files_owner(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    path = root / "people/ada.md"
    if os.getuid() == 0:  # as root (CI), hand the file to someone else first
        os.chown(path, 1234, 5678)
    before = os.stat(path)
    append_entry(root, "people/ada.md", ENTRY)
    after = os.stat(path)
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
