"""Closing a promise in place (person/tasks.py): only the task line changes, byte for byte."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hortus.core.errors import ChangedSinceShownError, ChangedWhileWritingError, WriteError
from hortus.loader import load_index, open_vault
from hortus.person.append import ATTEMPTS
from hortus.person.tasks import close_task, with_task_closed
from hortus.store.notestore import digest_of
from tests.conftest import MakeVault

DAY = dt.date(2026, 12, 6)
ADA = (
    "---\nname: Ada\n---\n"
    "## 2026-11-01 Tea\n"
    "- [ ] send her the article 📅 2026-11-10\n"
    "- [ ] return [[Bob]]'s drill   \n"
    "last line without newline"
)


def test_kept_changes_only_the_checkbox_and_adds_the_date() -> None:
    data = ADA.encode()
    new, closed = with_task_closed(
        "people/ada.md", data, 5, "send her the article", kept=True, day=DAY
    )
    assert new == data.replace(
        b"- [ ] send her the article \xf0\x9f\x93\x85 2026-11-10\n",
        "- [x] send her the article 📅 2026-11-10 ✅ 2026-12-06\n".encode(),
    )
    assert closed.line == 5
    assert closed.lines == ("- [x] send her the article 📅 2026-11-10 ✅ 2026-12-06",)


def test_let_go_writes_the_cancelled_mark_and_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + ADA.replace("\n", "\r\n").encode()
    new, _ = with_task_closed(
        "people/ada.md", data, 6, "return [[Bob]]'s drill", kept=False, day=DAY
    )
    assert new.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"- [-] return [[Bob]]'s drill \xe2\x9d\x8c 2026-12-06\r\n" in new
    assert new.replace(
        b"- [-] return [[Bob]]'s drill \xe2\x9d\x8c 2026-12-06", b""
    ) == data.replace(b"- [ ] return [[Bob]]'s drill   ", b"")


def test_a_released_promise_is_no_longer_open_and_its_names_are_no_contact(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "hortus.toml": "today = 2026-12-06\n",
            "people/ada.md": ADA,
            "people/bob.md": "---\nname: Bob\n---\n",
        }
    )
    data = (root / "people/ada.md").read_bytes()
    close_task(
        root,
        "people/ada.md",
        6,
        "return [[Bob]]'s drill",
        kept=False,
        day=DAY,
        seen=digest_of(data),
    )
    index = load_index(open_vault(root))
    tasks = [p.task for ps in index.promises.values() for p in ps]
    assert [t.text for t in tasks if not t.checked] == ["send her the article"]
    assert index.involvements.get("people/bob", ()) == ()


def test_refuses_a_line_that_is_not_that_open_promise(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    before = (root / "people/ada.md").read_bytes()
    for line, text in ((4, "Tea"), (5, "another text"), (99, "send her the article")):
        with pytest.raises(WriteError, match="no longer the open promise"):
            close_task(root, "people/ada.md", line, text, kept=True, day=DAY, seen=None)
    close_task(root, "people/ada.md", 5, "send her the article", kept=True, day=DAY, seen=None)
    with pytest.raises(WriteError):  # already kept: not closed twice
        close_task(root, "people/ada.md", 5, "send her the article", kept=True, day=DAY, seen=None)
    assert (root / "people/ada.md").read_bytes().count("✅".encode()) == 1
    assert len((root / "people/ada.md").read_bytes()) == len(before) + len(
        " ✅ 2026-12-06".encode()
    )


def test_a_file_changed_since_the_page_was_shown_is_not_written(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    seen = digest_of((root / "people/ada.md").read_bytes())
    (root / "people/ada.md").write_text(ADA + "\nmore\n", encoding="utf-8")
    with pytest.raises(ChangedSinceShownError, match="changed since the page was shown"):
        close_task(root, "people/ada.md", 5, "send her the article", kept=True, day=DAY, seen=seen)
    assert (root / "people/ada.md").read_text(encoding="utf-8") == ADA + "\nmore\n"


def test_a_save_between_read_and_write_is_never_overwritten(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": ADA})
    saves = iter(range(1, 100))

    def editor_saves(path: Path) -> None:  # an editor that saves at every worst moment
        path.write_text(ADA + f"\nedit {next(saves)}\n", encoding="utf-8")

    monkeypatch.setattr("hortus.person.append.between_read_and_write", editor_saves)
    with pytest.raises(ChangedWhileWritingError):
        close_task(root, "people/ada.md", 5, "send her the article", kept=True, day=DAY, seen=None)
    assert (root / "people/ada.md").read_text(encoding="utf-8") == ADA + f"\nedit {ATTEMPTS}\n"


def test_refuses_a_symbolic_link(make_vault: MakeVault, tmp_path: Path) -> None:
    root = make_vault({"people/real.md": ADA})
    (root / "people/ada.md").symlink_to(root / "people/real.md")
    with pytest.raises(WriteError, match="symbolic link"):
        close_task(root, "people/ada.md", 5, "send her the article", kept=True, day=DAY, seen=None)
