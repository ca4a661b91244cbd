"""Writing a promise down (`person/promise.py`): one open task line appended, every earlier
byte kept, through the same checked, atomic append as `hortus log`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hortus.core.errors import ChangedWhileWritingError, HortusError, WriteError
from hortus.person import append as capture
from hortus.person.promise import NewPromise, add_promise, promise_line, with_promise
from tests.conftest import MakeVault, index_of

DUE = NewPromise("lend her the climbing guidebook", dt.date(2026, 12, 1))
ADA = "---\nname: Ada\n---\n# Ada\n\n## 2026-11-20 Tea\nShe is moving.\n"


def test_the_task_follows_a_heading_entry_after_a_blank_line() -> None:
    new, written = with_promise("people/ada.md", ADA.encode(), DUE)
    assert new.decode() == ADA + "\n- [ ] lend her the climbing guidebook 📅 2026-12-01\n"
    assert (written.path, written.line) == ("people/ada.md", 9)
    assert written.lines == ("- [ ] lend her the climbing guidebook 📅 2026-12-01",)


def test_the_task_follows_a_list_directly_and_mends_a_missing_newline() -> None:
    data = b"# Ada\n\n- 2026-11-20: tea\n  - she is moving"
    new, written = with_promise("people/ada.md", data, NewPromise("call back"))
    assert new == data + b"\n- [ ] call back\n"
    assert written.line == 5


def test_crlf_bom_and_the_files_todo_txt_due_style_are_kept() -> None:
    data = "\ufeff# Ada\r\n\r\n- [ ] return her drill due:2026-11-25\r\n".encode()
    new, written = with_promise("people/ada.md", data, DUE)
    assert new == data + b"- [ ] lend her the climbing guidebook due:2026-12-01\r\n"
    assert written.line == 4


def test_the_text_is_one_line() -> None:
    assert promise_line(NewPromise("  send\nthe   photos ")) == "- [ ] send the photos"


@given(st.binary(max_size=200).filter(lambda b: b"\x00" not in b))
def test_every_earlier_byte_is_kept_or_nothing_is_written(data: bytes) -> None:
    try:
        new, _ = with_promise("people/x.md", data, DUE)
    except WriteError:
        return
    assert new.startswith(data)


def test_a_promise_that_would_not_read_back_is_refused() -> None:
    inside_code = b"# Ada\n\n```\nunclosed code block\n"
    with pytest.raises(WriteError, match="would not read back as an open task"):
        with_promise("people/ada.md", inside_code, DUE)
    with pytest.raises(WriteError, match="would not read back"):  # a second due date
        with_promise("people/ada.md", ADA.encode(), NewPromise("it is due:2027-01-01", None))


def test_it_lands_as_a_promise_to_the_contact(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "hortus.toml": "today = 2026-11-20\n"})
    written = add_promise(root, "people/ada.md", DUE)
    promises = index_of(root).promises["people/ada"]
    assert [(p.task.line, p.task.text, p.task.due) for p in promises] == [
        (written.line, "lend her the climbing guidebook", dt.date(2026, 12, 1))
    ]
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada.md"]


def test_an_empty_promise_writes_nothing(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    with pytest.raises(HortusError, match="nothing to promise"):
        add_promise(root, "people/ada.md", NewPromise(" \n "))
    assert (root / "people/ada.md").read_text() == ADA


def test_an_edit_between_read_and_write_is_kept_and_the_promise_reapplied(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})
    saves: list[Path] = []

    def editor_saves_once(path: Path) -> None:
        if not saves:
            saves.append(path)
            path.write_text(ADA + "Written in the editor meanwhile.\n")

    monkeypatch.setattr(capture, "between_read_and_write", editor_saves_once)
    written = add_promise(root, "people/ada.md", NewPromise("call back"))
    assert (root / "people/ada.md").read_text() == (
        ADA + "Written in the editor meanwhile.\n\n- [ ] call back\n"
    )
    assert written.line == 10


def test_a_file_that_keeps_changing_gets_nothing(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})

    def editor_saves_every_time(path: Path) -> None:
        path.write_text(path.read_text() + "x\n")

    monkeypatch.setattr(capture, "between_read_and_write", editor_saves_every_time)
    with pytest.raises(ChangedWhileWritingError):
        add_promise(root, "people/ada.md", DUE)
    assert "- [ ]" not in (root / "people/ada.md").read_text()


def test_a_promise_that_is_not_utf8_text_writes_nothing(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    with pytest.raises(HortusError, match=r"the promise is not UTF-8 text \(byte 0xff"):
        add_promise(root, "people/ada.md", NewPromise("caf\udcff"))
    assert (root / "people/ada.md").read_text() == ADA
