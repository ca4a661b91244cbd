"""Issue 13, "found by an adversarial probe": the holes in writing a user's files.

Each test names its item; each failed before the change that closes the hole.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from hortus.core.config import Config
from hortus.core.errors import ChangedWhileWritingError, HortusError, NoLockError, WriteError
from hortus.files import atomic
from hortus.loader import open_vault, regenerate
from hortus.notes.read import MAX_NOTE_BYTES
from hortus.person.append import NewEntry, append_entry
from hortus.person.create import NewContact, create_contact
from hortus.person.editor import draft
from tests.conftest import MakeVault, index_of

DAY = dt.date(2026, 11, 27)
ENTRY = NewEntry(DAY, "Called her about the move")
ADA = "---\nname: Ada\n---\n\n## 2026-01-02 Met\n"
WRITTEN = "\n## 2026-11-27 Called her about the move\n"


def _save_once(save: object) -> object:
    done: list[bool] = []

    def hook(path: Path) -> None:
        if not done:
            done.append(True)
            save(path)  # type: ignore[operator]

    return hook


def _save_by_rename(path: Path) -> None:
    temp = path.with_name(".ada.md.swp")
    temp.write_text(ADA + "Saved by the editor.\n")
    os.replace(temp, path)


def _save_in_place(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("Saved by the editor.\n")


# Item 1: a save landing between the last check and the rename is not lost.
@pytest.mark.parametrize("save", [_save_by_rename, _save_in_place], ids=["rename", "in-place"])
def test_a_save_in_the_last_instant_is_kept_and_the_entry_follows_it(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch, save: object
) -> None:
    root = make_vault({"people/ada.md": ADA})
    monkeypatch.setattr(atomic, "before_swap", _save_once(save))
    logged = append_entry(root, "people/ada.md", ENTRY)
    assert (root / "people/ada.md").read_text() == ADA + "Saved by the editor.\n" + WRITTEN
    assert logged.line == 8
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada.md"]


def test_an_in_place_writer_holding_the_note_open_across_the_swap_loses_nothing(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor opened the note before the swap and writes 50 ms later: hortus waits for it
    to close the file (a Linux write lease) before it looks at what it replaced."""
    root = make_vault({"people/ada.md": ADA})
    writers: list[threading.Thread] = []

    def opens_then_writes_later(path: Path) -> None:
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 (closed by the thread)

        def later() -> None:
            time.sleep(0.05)
            handle.write("Saved by the editor.\n")
            handle.close()

        writers.append(threading.Thread(target=later))
        writers[-1].start()

    monkeypatch.setattr(atomic, "before_swap", _save_once(opens_then_writes_later))
    append_entry(root, "people/ada.md", ENTRY)
    writers[0].join()
    assert (root / "people/ada.md").read_text() == ADA + "Saved by the editor.\n" + WRITTEN


def test_without_an_atomic_exchange_an_in_place_save_is_still_kept(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where `renameat2` is missing, the file read is held by a hard link instead."""
    root = make_vault({"people/ada.md": ADA})
    monkeypatch.setattr(atomic, "_renameat2", lambda: None)
    monkeypatch.setattr(atomic, "before_swap", _save_once(_save_in_place))
    append_entry(root, "people/ada.md", ENTRY)
    assert (root / "people/ada.md").read_text() == ADA + "Saved by the editor.\n" + WRITTEN
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada.md"]


def test_a_save_made_on_top_of_the_entry_in_the_same_instant_is_kept(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rarest case: one save in the gap, a second one on top of the entry before hortus
    could put the first back. Both survive: the first in place, the second kept beside it."""
    root = make_vault({"people/ada.md": ADA})
    path = root / "people/ada.md"
    real_exchange = atomic._exchange
    calls: list[int] = []

    def exchange(first: Path, second: Path) -> bool:
        calls.append(1)
        if len(calls) == 2:  # before putting the first save back, a second one lands
            second.write_text(second.read_text() + "On top of the entry.\n")
        return real_exchange(first, second)

    monkeypatch.setattr(atomic, "before_swap", _save_once(_save_by_rename))
    monkeypatch.setattr(atomic, "_exchange", exchange)
    with pytest.raises(ChangedWhileWritingError, match=r"kept beside it as \.hortus-ada\.md-"):
        append_entry(root, "people/ada.md", ENTRY)
    assert path.read_text() == ADA + "Saved by the editor.\n"
    (kept,) = (root / "people").glob("*.kept")
    assert kept.read_text() == ADA + WRITTEN + "On top of the entry.\n"


# Item 2: a new contact is never an empty or half-written file.
def test_a_kill_while_creating_a_contact_leaves_no_empty_file(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": ""})
    script = textwrap.dedent(
        f"""
        import datetime, os, signal
        from pathlib import Path
        from hortus.core.config import Config
        from hortus.files import atomic
        from hortus.person.create import NewContact, create_contact
        real = atomic._filled_temp
        def killed_after_filling(*args, **kwargs):
            temp = real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
        atomic._filled_temp = killed_after_filling
        create_contact(Path({str(root)!r}), Config(), [], NewContact("Jane Roe"),
                       datetime.date(2026, 11, 27))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], check=False)
    assert run.returncode == -signal.SIGKILL
    assert not (root / "people/jane-roe.md").exists()
    # The next run creates it whole (the killed run's temp is only litter, swept later).
    rel = create_contact(root, Config(), [], NewContact("Jane Roe"), DAY)
    assert (root / rel).read_text().startswith("---\nname: Jane Roe\n")


def test_a_new_contact_never_replaces_a_file_that_appears_meanwhile(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_vault({"hortus.toml": "", "people/.keep": ""})
    real = atomic._filled_temp

    def someone_creates_it(path: Path, *args: object, **kwargs: bool) -> Path:
        temp = real(path, *args, **kwargs)  # type: ignore[arg-type]
        path.write_text("theirs\n")
        return temp

    monkeypatch.setattr(atomic, "_filled_temp", someone_creates_it)
    with pytest.raises(WriteError, match="already exists; nothing was created"):
        create_contact(root, Config(), [], NewContact("Jane Roe"), DAY)
    assert (root / "people/jane-roe.md").read_text() == "theirs\n"
    assert sorted(p.name for p in (root / "people").iterdir()) == [".keep", "jane-roe.md"]


# Item 10: an entry that would push the note past the 2 MiB cap is refused.
def test_log_refuses_an_entry_that_would_cross_the_note_size_cap(make_vault: MakeVault) -> None:
    body = ("x" * 99 + "\n") * ((MAX_NOTE_BYTES - len(ADA)) // 100)
    root = make_vault({"people/ada.md": ADA + body})
    before = (root / "people/ada.md").read_bytes()
    assert len(before) <= MAX_NOTE_BYTES
    with pytest.raises(WriteError, match="larger than 2 MiB, the most hortus reads in one note"):
        append_entry(root, "people/ada.md", ENTRY)
    assert (root / "people/ada.md").read_bytes() == before


# Item 13: imported values are inserted verbatim, after the template's placeholders are filled.
def test_placeholders_inside_imported_values_are_not_filled(make_vault: MakeVault) -> None:
    root = make_vault(
        {"templates/person.md": '---\nname: "{{title}}"\ncompany:\n---\n# {{title}}, {{date}}\n'}
    )
    new = NewContact("Quinn Q", fields=(("company", "{{title}} Corp {{date}}"),))
    rel = create_contact(root, Config(), [], new, DAY)
    assert (root / rel).read_text() == (
        "---\nname: Quinn Q\ncompany: '{{title}} Corp {{date}}'\n---\n# Quinn Q, 2026-11-27\n"
    )


# Item 18: a note the user made read-only is not written; extended attributes are kept.
def test_log_refuses_a_read_only_note(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    (root / "people/ada.md").chmod(0o444)
    with pytest.raises(WriteError, match="it is read-only"):
        append_entry(root, "people/ada.md", ENTRY)
    assert (root / "people/ada.md").read_text() == ADA


def test_log_keeps_the_notes_extended_attributes(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA})
    path = root / "people/ada.md"
    os.setxattr(path, "user.colour", b"green")
    append_entry(root, "people/ada.md", ENTRY)
    assert path.read_text() == ADA + WRITTEN
    assert os.getxattr(path, "user.colour") == b"green"


# Item 3: no write of any kind passes a link.
def test_a_draft_is_never_written_through_a_linked_state_folder(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"people/ada.md": ADA})
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / ".hortus")
    with (
        pytest.raises(HortusError, match=r"cannot make a draft in \.hortus/ \(it is a symbolic"),
        draft(root, {"VISUAL": "true"}, "intro"),
    ):
        pass
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("name", [".gitignore", "cache.sqlite"])
def test_a_dangling_link_in_the_state_folder_never_creates_its_target(
    make_vault: MakeVault, tmp_path: Path, name: str
) -> None:
    root = make_vault({"people/ada.md": ADA})
    (root / ".hortus").mkdir()
    target = tmp_path / f"created-outside-{name}"
    os.symlink(target, root / ".hortus" / name)
    regenerate(open_vault(root), DAY, DAY)
    assert (root / "GARDEN.md").exists()
    assert not os.path.lexists(target)


def test_add_never_creates_folders_through_a_link_in_the_people_folder(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    root = make_vault({"hortus.toml": 'people_folder = "a/b/c"\n'})
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / "a")
    with pytest.raises(WriteError, match="a is a symbolic link; hortus never writes through"):
        create_contact(root, open_vault(root).config, [], NewContact("Jane Roe"), DAY)
    assert list(outside.iterdir()) == []


# Item 11: a linked people folder is reported, and never written through.
def test_a_linked_people_folder_is_a_problem_and_add_refuses_it(make_vault: MakeVault) -> None:
    root = make_vault({"hortus.toml": "", "real/ada.md": ADA})
    os.symlink("real", root / "people")
    problems = [(p.source.path, p.message) for p in index_of(root).problems]
    assert problems == [
        (
            "people/",
            "a linked folder; its notes are skipped and nothing is written through it "
            "(hortus never follows links: move the folder into the vault instead)",
        )
    ]
    with pytest.raises(WriteError, match="people is a symbolic link"):
        create_contact(root, open_vault(root).config, [], NewContact("Jane Roe"), DAY)
    assert sorted(p.name for p in (root / "real").iterdir()) == ["ada.md"]


# Item 19: without a usable lock nothing is written, and the reason is named.
def test_log_refuses_to_write_without_the_lock(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, ".hortus": "not a folder\n"})
    with pytest.raises(NoLockError) as caught:
        append_entry(root, "people/ada.md", ENTRY)
    assert caught.value.message == (
        "cannot lock the vault for writing (.hortus: it is a file, not a folder); nothing written"
    )
    assert (root / "people/ada.md").read_text() == ADA
    assert sorted(p.name for p in (root / "people").iterdir()) == ["ada.md"]
