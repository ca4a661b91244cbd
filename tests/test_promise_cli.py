"""Promises from the terminal, end to end: `log --promise` appends one task line, `done` ticks
one line and changes no other byte; both checked against a concurrent save; date words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hortus.core.errors import ChangedWhileWritingError, WriteError
from hortus.person import append as append_module
from hortus.person.append import ATTEMPTS
from hortus.person.promise import NewPromise, mark_kept, with_kept, with_promise
from tests.conftest import MakeVault

TOML = "today = 2026-11-27\n"  # a Friday
DAY = dt.date(2026, 11, 27)
ADA = "---\nname: Ada\n---\n# Ada\n\n- 2026-11-01: tea\n"


def run(root: Path, *args: str) -> Result:
    from hortus.cli import main

    return CliRunner().invoke(main, ["--vault", str(root), *args])


def test_log_promise_appends_a_task_with_its_due_date(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": TOML, "people/ada.md": ADA})
    result = run(root, "log", "ada", "send the article", "--promise", "--due", "+3d")
    assert result.exit_code == 0, result.output
    assert result.stdout == "people/ada.md:7\n  - [ ] send the article 📅 2026-11-30\n"
    assert (root / "people/ada.md").read_text() == ADA + "- [ ] send the article 📅 2026-11-30\n"
    status = run(root, "show", "ada", "--json")
    assert '"send the article"' in status.stdout


def test_log_promise_without_a_date_and_after_prose_leaves_a_blank_line() -> None:
    data = b"# Ada\r\nWe met at the caf\xc3\xa9."
    new, edited = with_promise("people/ada.md", data, NewPromise("lend the book", tags=("books",)))
    assert new == data + b"\r\n\r\n- [ ] lend the book #books\r\n"
    assert edited.line == 4


def test_log_promise_follows_a_file_that_writes_due_colon() -> None:
    data = b"# Ada\n- [ ] call her due:2026-12-01\n"
    new, _ = with_promise("people/ada.md", data, NewPromise("write", dt.date(2026, 12, 5)))
    assert new == data + b"- [ ] write due:2026-12-05\n"


def test_log_promise_refuses_a_file_ending_in_a_code_block() -> None:
    with pytest.raises(WriteError, match="would not read back"):
        with_promise("people/ada.md", b"# Ada\n```\ncode\n", NewPromise("x"))


def test_done_with_one_open_promise_changes_only_that_line(make_vault: MakeVault) -> None:
    data = (
        "\ufeff---\r\nname: Ada  # her name\r\n---\r\n# Ada\r\n"
        "- [ ] lend the book 📅 2026-11-20  \r\n- [x] old one ✅ 2026-01-01\r\n"
    ).encode()
    root = make_vault({"hortus.toml": TOML, "people/ada.md": data})
    result = run(root, "done", "ada", "--date", "yesterday")
    assert result.exit_code == 0, result.output
    assert result.stdout == "people/ada.md:5\n  - [x] lend the book 📅 2026-11-20 ✅ 2026-11-26  \n"
    assert (root / "people/ada.md").read_bytes() == data.replace(
        "- [ ] lend the book 📅 2026-11-20  ".encode(),
        "- [x] lend the book 📅 2026-11-20 ✅ 2026-11-26  ".encode(),
    )
    assert run(root, "done", "ada").exit_code == 1  # none left


def test_done_with_several_lists_them_and_writes_nothing(make_vault: MakeVault) -> None:
    files = {
        "hortus.toml": TOML,
        "people/ada.md": ADA + "- [ ] lend the book\n- [ ] send the article due:2026-12-01\n",
        "journal/2026-11-20.md": "- [ ] call [[Ada]] about the trip\n",
    }
    root = make_vault(files)
    before = {rel: (root / rel).read_bytes() for rel in files}
    result = run(root, "done", "ada")
    assert result.exit_code == 1
    assert result.stderr == (
        "Ada has 3 open promises:\n"
        "  1. people/ada.md:8: send the article (due 2026-12-01)\n"
        "  2. journal/2026-11-20.md:1: call [[Ada]] about the trip\n"
        "  3. people/ada.md:7: lend the book\n"
        "Nothing written: say which with TEXT or --line PATH:N.\n"
    )
    assert {rel: (root / rel).read_bytes() for rel in files} == before
    by_text = run(root, "done", "ada", "ARTICLE", "--date", "2026-11-25")
    assert by_text.stdout == (
        "people/ada.md:8\n  - [x] send the article due:2026-12-01 done:2026-11-25\n"
    )
    by_line = run(root, "done", "ada", "--line", "journal/2026-11-20.md:1")
    assert by_line.exit_code == 0, by_line.output
    assert (root / "journal/2026-11-20.md").read_text() == (
        "- [x] call [[Ada]] about the trip ✅ 2026-11-27\n"
    )
    assert run(root, "done", "ada", "--line", "7").exit_code == 0
    assert run(root, "status", "--json").stdout.count('"text"') == 0


def test_done_on_a_terminal_asks_which_and_keeps_only_that_one(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"hortus.toml": TOML, "people/ada.md": ADA + "- [ ] lend the book\n- [ ] tea set\n"}
    root = make_vault(files)
    from hortus import cli
    from hortus.cli import main

    monkeypatch.setattr(cli, "asks_a_person", lambda: True)

    asked = CliRunner().invoke(main, ["--vault", str(root), "done", "ada"], input="9\n2\n")
    assert asked.exit_code == 0, asked.output
    assert "Ada has 2 open promises:" in asked.stderr
    assert "Which one: " in asked.stderr and "9 is not in the range 1<=x<=2" in asked.stderr
    assert (root / "people/ada.md").read_text() == (
        ADA + "- [ ] lend the book\n- [x] tea set ✅ 2026-11-27\n"
    )


def test_done_finds_the_promise_again_when_an_editor_moved_it(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": "# Ada\n- [ ] lend the book\n"})
    saves: list[Path] = []

    def editor_saves_once(path: Path) -> None:
        if not saves:
            saves.append(path)
            path.write_text("# Ada\nA line typed meanwhile.\n\n- [ ] lend the book\n")

    monkeypatch.setattr(append_module, "between_read_and_write", editor_saves_once)
    edited = mark_kept(root, "people/ada.md", 2, "lend the book", dt.date(2026, 11, 27))
    assert edited.line == 4
    assert (root / "people/ada.md").read_text() == (
        "# Ada\nA line typed meanwhile.\n\n- [x] lend the book ✅ 2026-11-27\n"
    )


def test_done_on_a_file_that_keeps_changing_writes_nothing(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"people/ada.md": "# Ada\n- [ ] lend the book\n"})

    def editor_saves_every_time(path: Path) -> None:
        path.write_text(path.read_text() + "more\n")

    monkeypatch.setattr(append_module, "between_read_and_write", editor_saves_every_time)
    with pytest.raises(ChangedWhileWritingError):
        mark_kept(root, "people/ada.md", 2, "lend the book", dt.date(2026, 11, 27))
    more = "more\n" * ATTEMPTS
    assert (root / "people/ada.md").read_text() == "# Ada\n- [ ] lend the book\n" + more


def test_done_refuses_when_the_promise_is_gone_or_twice() -> None:
    data = b"# Ada\n- [ ] a\n- [ ] a\n"
    with pytest.raises(WriteError, match="no open promise reads 'b' now"):
        with_kept("people/ada.md", data, 2, "b", DAY)
    with pytest.raises(WriteError, match="2 open promises"):
        with_kept("people/ada.md", b"# Ada\n- [ ] a\n- [ ] a\n- [ ] b\n", 4, "a", DAY)


def test_bad_date_words_are_a_clear_usage_error(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": TOML, "people/ada.md": ADA})
    result = run(root, "log", "ada", "tea", "--date", "someday")
    assert result.exit_code == 2
    assert "'someday' is not a date: use YYYY-MM-DD, today, yesterday" in result.stderr
    assert (root / "people/ada.md").read_text() == ADA


def test_log_date_words_are_relative_to_the_pinned_day(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": TOML, "people/ada.md": ADA})
    assert run(root, "log", "ada", "walk", "--date", "mardi").stdout == (
        "people/ada.md:7\n  - 2026-11-24: walk\n"
    )
    found = run(root, "search", "walk", "--since", "-3d", "--json")
    assert '"2026-11-24"' in found.stdout
    later = run(root, "search", "walk", "--since", "yesterday", "--json")
    assert '"2026-11-24"' not in later.stdout
