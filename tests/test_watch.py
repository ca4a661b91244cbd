"""`hortus watch` with a real observer on a temporary vault: editor save sequences replayed
byte for byte, bursts, our own writes, a file vanishing mid-read, a second watcher, signals.

Each test asserts how many regenerations happened and what the garden says. Timings are
injected (a short quiet window); waits poll for a condition and never assert a duration.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import hortus.store.notestore
from hortus.cli import main
from hortus.core.errors import VaultGoneError
from hortus.loader import Regenerated, open_vault
from hortus.loader.live import LiveGarden
from hortus.watch.debounce import Timing
from hortus.watch.watcher import WATCHDOG_LOGGER, Watcher
from tests.conftest import MakeVault

TODAY = dt.date(2026, 11, 20)
FAST = Timing(quiet=0.15, max_delay=2.0, storm=200, rescan_every=3600, poll_every=0.1, tick=0.05)
SETTLE = 0.6  # after the expected regenerations: long enough for a stray one to show up


def contact(name: str, *dated: str) -> str:
    lines = [f"## {day} Tea" for day in dated]
    return "---\nname: " + name + "\n---\n" + "\n".join(lines) + ("\n" if lines else "")


ADA = contact("Ada Lovelace", "2026-11-10")
BOB = contact("Bob Nguyen", "2026-10-01")


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


class Harness:
    """A `Watcher` on its own thread; records every garden it computed."""

    def __init__(self, root: Path, timing: Timing = FAST, **kwargs: object) -> None:
        self.root = root
        self.day = TODAY
        self.live = LiveGarden(open_vault(root), None)
        self.gardens: list[list[str]] = []
        self.lines: list[str] = []
        self.error: BaseException | None = None
        regenerate = self.live.regenerate

        def recording(clock_today: dt.date) -> Regenerated:
            result = regenerate(clock_today)
            self.gardens.append([plant.contact.name for plant in result.garden.plants])
            return result

        self.live.regenerate = recording  # type: ignore[method-assign]
        self.watcher = Watcher(self.live, lambda: self.day, self.lines.append, timing, **kwargs)  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.watcher.run()
        except BaseException as exc:
            self.error = exc

    @property
    def count(self) -> int:
        return self.watcher.regenerations

    def start(self) -> Harness:
        self.release = self.live.hold_watch_lock()
        self.thread.start()
        wait_until(lambda: self.count >= 1 or self.error is not None)
        assert self.error is None
        return self

    def stop(self) -> None:
        self.watcher.stop()
        self.thread.join(10)
        self.release()
        assert not self.thread.is_alive()

    def expect(self, regenerations: int) -> None:
        """Exactly this many regenerations in all (the start counts as one)."""
        wait_until(lambda: self.count >= regenerations or self.error is not None)
        time.sleep(SETTLE)
        assert self.error is None
        assert self.count == regenerations, self.lines

    def garden(self) -> str:
        return (self.root / "GARDEN.md").read_text(encoding="utf-8")


@pytest.fixture
def watching(make_vault: MakeVault) -> Iterator[Callable[..., Harness]]:
    started: list[Harness] = []

    def start(files: dict[str, str], **kwargs: object) -> Harness:
        harness = Harness(make_vault(files), **kwargs).start()  # type: ignore[arg-type]
        started.append(harness)
        return harness

    yield start
    for harness in started:
        harness.stop()


def test_start_writes_the_garden_once(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    h.expect(1)
    assert "Ada Lovelace" in h.garden()
    assert h.lines[0].split(" ", 1)[1].startswith("started → wrote GARDEN.md, garden.html in ")


def test_vim_save_with_backup_rename_is_one_regeneration(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA, "people/bob.md": BOB})
    people = h.root / "people"
    # vim 9 defaults (writebackup, backupcopy=auto, swap file), as recorded with watchdog.
    (people / ".ada.md.swp").write_bytes(b"swap")
    (people / "4913").write_bytes(b"")
    (people / "4913").unlink()
    os.rename(people / "ada.md", people / "ada.md~")
    (people / "ada.md").write_text(contact("Ada Lovelace", "2026-11-10", "2026-11-19"))
    os.chmod(people / "ada.md", 0o644)
    (people / "ada.md~").unlink()
    (people / ".ada.md.swp").unlink()
    h.expect(2)
    assert all("Ada Lovelace" in names for names in h.gardens)  # never gone mid-save
    assert "last contact 19 November 2026" in h.garden()
    assert h.lines[-1].split(" ", 1)[1].startswith("people/ada.md changed → wrote GARDEN.md")
    assert len(h.gardens[-1]) == 2  # the swap and backup files never became contacts


def test_emacs_save_is_one_regeneration(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    people = h.root / "people"
    os.symlink("me@host.1234:1700000000", people / ".#ada.md")  # Emacs' lock link
    os.rename(people / "ada.md", people / "ada.md~")  # first save of a session: backup
    (people / "ada.md").write_text(contact("Ada Lovelace", "2026-11-18"))
    (people / ".#ada.md").unlink()
    h.expect(2)
    assert all(names == ["Ada Lovelace"] for names in h.gardens)
    assert "last contact 18 November 2026" in h.garden()


def test_jetbrains_safe_write_is_one_regeneration(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    people = h.root / "people"
    (people / "ada.md___jb_tmp___").write_text(contact("Ada Lovelace", "2026-11-17"))
    os.rename(people / "ada.md", people / "ada.md___jb_old___")
    os.rename(people / "ada.md___jb_tmp___", people / "ada.md")
    (people / "ada.md___jb_old___").unlink()
    h.expect(2)
    assert all(names == ["Ada Lovelace"] for names in h.gardens)
    assert "last contact 17 November 2026" in h.garden()


def test_vscode_truncate_then_write_is_one_regeneration(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    text = contact("Ada Lovelace", "2026-11-16").encode()
    with open(h.root / "people/ada.md", "r+b") as handle:
        handle.truncate(0)
        handle.flush()
        handle.write(text[:10])
        handle.flush()
        handle.write(text[10:])
    h.expect(2)
    assert all(names == ["Ada Lovelace"] for names in h.gardens)
    assert "last contact 16 November 2026" in h.garden()


def test_saving_the_same_bytes_regenerates_nothing(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    (h.root / "people/ada.md").write_text(ADA)  # `:w` without a change
    os.utime(h.root / "people/ada.md")  # and a `touch`
    h.expect(1)


def test_a_burst_of_2000_files_in_a_new_folder(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    folder = h.root / "journal" / "2026" / "11"
    folder.mkdir(parents=True)
    for i in range(2000):
        (folder / f"2026-11-{i % 19 + 1:02d}-{i}.md").write_text("Tea with [[Ada Lovelace]]\n")
    wait_until(lambda: "2001 notes" in " ".join(h.lines[-1:]) or len(h.live.store.files) == 2001)
    time.sleep(SETTLE)
    assert h.error is None
    assert 2 <= h.count <= 3, h.lines  # the start, then one or two batches, however slow the disk
    assert len(h.live.store.files) == 2001
    assert "last contact 19 November 2026" in h.garden()


def test_a_renamed_note_is_said_to_be_renamed(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA, "people/bob.md": BOB})
    os.rename(h.root / "people/bob.md", h.root / "people/bob-nguyen.md")
    h.expect(2)  # one batch: the new path in, the old one out (never both in the garden)
    time.sleep(SETTLE)
    what = [line.split(" ", 1)[1].split(" → wrote")[0] for line in h.lines[1:]]
    assert what == ["renamed people/bob.md → people/bob-nguyen.md"], h.lines
    assert "2 contacts" in h.lines[1], h.lines
    assert "people/bob-nguyen.md" in h.garden() and "people/bob.md" not in h.garden()


def test_new_sub_folders_and_moves_are_followed(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    (h.root / "people/friends").mkdir()
    (h.root / "people/friends/bob.md").write_text(BOB)
    h.expect(2)
    assert "Bob Nguyen" in h.garden()
    os.rename(h.root / "people/friends", h.root / "people/old-friends")
    h.expect(3)
    assert "people/old-friends/bob.md" in h.garden()
    os.rename(h.root / "people/old-friends", h.root / ".trash")
    h.expect(4)
    assert "Bob Nguyen" not in h.garden()


def test_our_own_writes_cause_no_regeneration(watching: Callable[..., Harness]) -> None:
    # All three outputs (GARDEN.md, garden.html, garden.ics): writes, temps and renames.
    h = watching({"people/ada.md": ADA, "hortus.toml": 'ics = "garden.ics"\n'})
    h.expect(1)
    for page in ("GARDEN.md", "garden.html", "garden.ics"):
        assert (h.root / page).is_file(), page
    for day in ("2026-12-24", "2027-01-01", "2026-12-24"):
        code = CliRunner().invoke(main, ["--vault", str(h.root), "regenerate", "--today", day])
        assert code.exit_code == 0, code.output
    h.live.regenerate(TODAY)  # the page back to today's: a write, its temp, its rename
    h.live.regenerate(TODAY)  # identical bytes: nothing written at all
    (h.root / ".hortus" / "other-state").write_text("x")
    h.expect(1)
    assert "Tended for 20 November 2026" in h.garden()


def test_a_file_deleted_while_it_is_read(
    watching: Callable[..., Harness], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = watching({"people/ada.md": ADA, "people/bob.md": BOB})
    read = hortus.store.notestore.read_bytes

    def vanishing(root: Path, rel: str, info: os.stat_result | None = None) -> object:
        if rel == "people/bob.md":
            (root / rel).unlink(missing_ok=True)
        return read(root, rel, info)

    monkeypatch.setattr(hortus.store.notestore, "read_bytes", vanishing)
    (h.root / "people/bob.md").write_text(contact("Bob Nguyen", "2026-11-19"))
    h.expect(2)  # the half-seen change publishes nothing; the confirming look removes Bob
    assert h.gardens[-1] == ["Ada Lovelace"]
    assert h.lines[-1].split(" ", 1)[1].startswith("people/bob.md removed")


def test_hortus_toml_changes_are_followed(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA, "hortus.toml": ""})
    (h.root / "hortus.toml").write_text('garden = "Garden/overview.md"\n')
    h.expect(2)
    assert (h.root / "Garden/overview.md").read_text().count("Ada Lovelace") == 1


def test_a_new_day_regenerates(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    h.day = TODAY + dt.timedelta(days=1)
    h.expect(2)
    assert "a new day, 21 November 2026" in h.lines[-1]
    assert "Tended for 21 November 2026" in h.garden()


def test_an_overflow_triggers_a_rescan(
    watching: Callable[..., Harness], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = watching({"people/ada.md": ADA})
    rescans: list[int] = []
    rescan = h.live.rescan
    monkeypatch.setattr(h.live, "rescan", lambda: rescans.append(1) or rescan())
    logging.getLogger(WATCHDOG_LOGGER).warning("Inotify queue overflowed; reconciling")
    wait_until(lambda: len(rescans) == 1)
    h.expect(1)  # nothing had changed: nothing to regenerate


def test_polling_when_inotify_cannot_start(make_vault: MakeVault) -> None:
    def refuse() -> object:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    h = Harness(make_vault({"people/ada.md": ADA}), observer_factory=refuse).start()
    try:
        assert "polling every 0.1 s instead" in h.lines[0]
        assert "fs.inotify.max_user_watches" in h.lines[0]
        (h.root / "people/ada.md").write_text(contact("Ada Lovelace", "2026-11-15", "x"))
        h.expect(2)
        assert "last contact 15 November 2026" in h.garden()
    finally:
        h.stop()


def test_the_vault_disappearing_stops_the_watcher(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    moved = h.root.with_name("elsewhere")
    os.rename(h.root, moved)
    h.root.mkdir()  # an empty folder where the vault was
    wait_until(lambda: not h.thread.is_alive())
    assert isinstance(h.error, VaultGoneError)
    assert "disappeared" in h.error.message
    assert list(h.root.iterdir()) == []  # never a garden in the folder that replaced it


def test_stale_temps_are_swept_at_start(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, ".hortus-GARDEN.md-0badf00d.tmp": "half a gar"})
    h = Harness(root).start()
    try:
        assert h.lines[0] == "removed 1 stale temp file left by a killed run"
        assert not (root / ".hortus-GARDEN.md-0badf00d.tmp").exists()
    finally:
        h.stop()


def _hortus(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "hortus", "--vault", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_second_watcher_is_refused_and_names_the_first(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    second = _hortus(h.root, "watch")
    try:
        _out, err = second.communicate(timeout=30)
    finally:
        second.kill()
    assert second.returncode == 1
    assert f"already watching {h.root} (pid {os.getpid()})" in err
    h.expect(1)


def test_regenerate_while_watching_is_serialised(watching: Callable[..., Harness]) -> None:
    h = watching({"people/ada.md": ADA})
    proc = _hortus(h.root, "regenerate", "--today", "2026-11-21")
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert out.startswith("Wrote GARDEN.md")
    h.expect(1)


# A `hortus watch` whose garden writes are slow, and which says when one has begun.
SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import hortus.files.atomic
    real_fsync = os.fsync
    def slow_fsync(fd):
        sys.stderr.write("WRITING\\n"); sys.stderr.flush()
        time.sleep(0.5)
        real_fsync(fd)
    hortus.files.atomic.os.fsync = slow_fsync
    from hortus.cli import main
    main()
    """
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_a_write_stops_cleanly(make_vault: MakeVault, sig: signal.Signals) -> None:
    root = make_vault({"people/ada.md": ADA})
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, "--vault", str(root), "watch", "--today", "2026-11-20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "WRITING\n"  # the first garden is being written…
    proc.send_signal(sig)  # …and the signal lands in the middle of it
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.splitlines()[-1] == "stopped watching."
    assert "Traceback" not in err
    assert "Ada Lovelace" in (root / "GARDEN.md").read_text()  # complete, not half
    assert not list(root.rglob("*.tmp"))


def test_a_failed_write_is_reported_and_the_watcher_goes_on(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "GARDEN.md": "my own notes, not hortus's\n"})
    h = Harness(root)
    h.release = h.live.hold_watch_lock()
    h.thread.start()
    try:
        wait_until(lambda: len(h.lines) >= 1)
        assert "GARDEN.md exists and was not written by hortus" in h.lines[0]
        assert h.garden() == "my own notes, not hortus's\n"
        (root / "GARDEN.md").unlink()
        (root / "people/ada.md").write_text(contact("Ada Lovelace", "2026-11-15"))
        h.expect(1)
        assert "last contact 15 November 2026" in h.garden()
    finally:
        h.stop()


def test_the_periodic_rescan_catches_what_the_observer_missed(make_vault: MakeVault) -> None:
    from watchdog.observers.polling import PollingObserver

    def deaf() -> PollingObserver:
        return PollingObserver(timeout=3600)  # an observer that never reports anything

    timing = Timing(quiet=0.05, max_delay=1.0, rescan_every=0.3, tick=0.05)
    h = Harness(make_vault({"people/ada.md": ADA}), timing, observer_factory=deaf).start()
    try:
        (h.root / "people/bob.md").write_text(BOB)
        h.expect(2)
        assert "Bob Nguyen" in h.garden()
    finally:
        h.stop()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_git_checkout_of_another_branch(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": ADA, "people/bob.md": BOB})

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "main")
    git("checkout", "-qb", "other")
    (root / "people/bob.md").unlink()
    (root / "people/ada.md").write_text(contact("Ada Lovelace", "2026-11-19"))
    for i in range(300):
        (root / f"journal/2026-10-{i % 28 + 1:02d}-{i}.md").parent.mkdir(exist_ok=True)
        (root / f"journal/2026-10-{i % 28 + 1:02d}-{i}.md").write_text("[[Ada Lovelace]]\n")
    git("add", "-A")
    git("commit", "-qm", "other")
    git("checkout", "-q", "main")
    h = Harness(root).start()
    try:
        assert h.gardens[0] == ["Ada Lovelace", "Bob Nguyen"]
        git("checkout", "-q", "other")
        wait_until(lambda: h.gardens[-1] == ["Ada Lovelace"] and len(h.live.store.files) == 301)
        time.sleep(SETTLE)
        assert 2 <= h.count <= 3, h.lines
        assert "last contact 19 November 2026" in h.garden()
        assert h.garden() == _fresh_garden(root)
    finally:
        h.stop()


def _fresh_garden(root: Path) -> str:
    from hortus.loader import build_garden
    from hortus.render.markdown import render_markdown

    return render_markdown(build_garden(open_vault(root), None, TODAY), "GARDEN.md")
