"""Fault injection for the writers (RELIABILITY.md §5): disk full, read-only, permission
denied, a file size limit, a renderer crash, an I/O error on one note, signals and SIGKILL at
random moments of a write, two processes at once.

After each: the user's files keep every byte; each garden page is the old one or a complete new
one; no temp file outlives the next run; the message is one clear line, never a traceback.
The watcher's own faults (deleted mid-read, rename storms, overflow, vault vanishing, a second
watcher…) are in tests/test_watch.py; compare-and-swap on user files in tests/test_capture.py.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import hortus.loader.pages
from hortus.cli import main
from hortus.loader import build_garden, open_vault, render_outputs
from tests.test_watch import Harness, contact

TODAY = "2026-11-20"
PAGES = ("GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html")


def _vault(tmp_path: Path, people: int = 40) -> Path:
    root = tmp_path / "vault"
    (root / "people").mkdir(parents=True)
    for i in range(people):
        day = f"2026-{i % 11 + 1:02d}-{i % 27 + 1:02d}"
        (root / f"people/p{i:03d}.md").write_text(contact(f"Person {i:03d}", day))
    return root


def _run(root: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--vault", str(root), *args])


def _regenerate(root: Path) -> Any:
    return _run(root, "regenerate", "--today", TODAY)


def _pages(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in PAGES if (root / rel).exists()}


def _user_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*.md")
        if p.name not in PAGES and not p.name.startswith(".hortus-")
    }


def _temps(root: Path) -> list[Path]:
    return sorted(root.rglob(".hortus-*.tmp"))


def _fresh(root: Path) -> dict[str, bytes]:
    """The pages a complete `regenerate` of the vault as it is now would write."""
    vault = open_vault(root)
    garden = build_garden(vault, dt.date.fromisoformat(TODAY), dt.date.today())
    return {out.rel: out.data for out in render_outputs(vault, garden)[0]}


def _one_clear_line(result: Any, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hortus: "), lines
    for word in words:
        assert word in lines[0], lines


# ---------------------------------------------------------------------------------------------
# the file system says no


def _failing(name: str, code: int, only: Callable[[Any], bool] = lambda _: True) -> Any:
    real = getattr(os, name)

    def fail(*args: Any, **kwargs: Any) -> Any:
        if only(args[0]):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return fail


def _is_temp(path: Any) -> bool:
    return os.path.basename(os.fsdecode(path)).startswith(".hortus-")


@pytest.mark.parametrize(
    ("call", "code", "only"),
    [
        ("fsync", errno.ENOSPC, lambda _: True),  # disk full while the temp is flushed
        ("replace", errno.EROFS, lambda _: True),  # remounted read-only before the rename
        ("open", errno.EACCES, _is_temp),  # the folder lost its write permission
        ("open", errno.EDQUOT, _is_temp),  # over quota
    ],
    ids=["disk-full", "read-only", "permission-denied", "quota"],
)
def test_a_failed_garden_write_keeps_the_old_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, only: Any
) -> None:
    root = _vault(tmp_path)
    assert _regenerate(root).exit_code == 0
    old, users = _pages(root), _user_files(root)
    (root / "people/p000.md").write_text(contact("Person 000", "2026-11-19"))
    users["people/p000.md"] = (root / "people/p000.md").read_bytes()
    monkeypatch.setattr(os, call, _failing(call, code, only))
    result = _regenerate(root)
    monkeypatch.undo()
    _one_clear_line(result, "could not write GARDEN.md", os.strerror(code))
    assert _pages(root) == old
    assert _temps(root) == []
    assert _user_files(root) == users
    assert _regenerate(root).exit_code == 0  # retried on the next run
    assert _pages(root) == _fresh(root) != old


def test_a_failed_append_keeps_the_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _vault(tmp_path, people=2)
    before = _user_files(root)
    monkeypatch.setattr(os, "fsync", _failing("fsync", errno.ENOSPC))
    result = _run(root, "log", "Person 001", "tea", "--date", "2026-11-20")
    monkeypatch.undo()
    _one_clear_line(result, "could not write people/p001.md", "No space left on device")
    assert _user_files(root) == before
    assert _temps(root) == []


FSIZE_DRIVER = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
from hortus.cli import main
main(["--vault", sys.argv[1], "regenerate", "--today", "2026-11-20"])
"""


def test_a_file_size_limit_from_the_kernel(tmp_path: Path) -> None:
    root = _vault(tmp_path, people=60)
    assert _regenerate(root).exit_code == 0
    (root / "people/p000.md").write_text(contact("Person 000", "2026-11-19"))
    old, users = _pages(root), _user_files(root)
    limit = len(old["GARDEN.md"]) // 2
    done = subprocess.run(
        [sys.executable, "-c", FSIZE_DRIVER, str(root), str(limit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("hortus: could not write GARDEN.md: File too large")
    assert _pages(root) == old and _user_files(root) == users and _temps(root) == []


# ---------------------------------------------------------------------------------------------
# hortus itself fails


def _boom(*args: object, **kwargs: object) -> str:
    raise RuntimeError("boom")


def test_a_renderer_crash_keeps_the_old_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _vault(tmp_path)
    assert _regenerate(root).exit_code == 0
    (root / "people/p000.md").write_text(contact("Person 000", "2026-11-19"))
    old = _pages(root)
    monkeypatch.setattr(hortus.loader.pages, "render_html", _boom)  # after GARDEN.md rendered fine
    result = _regenerate(root)
    monkeypatch.undo()
    _one_clear_line(result, "could not build the garden pages (RuntimeError: boom)", "kept")
    assert _pages(root) == old and _temps(root) == []
    assert _regenerate(root).exit_code == 0
    assert _pages(root) == _fresh(root)


def test_a_renderer_crash_does_not_stop_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _vault(tmp_path, people=3)
    h = Harness(root).start()
    try:
        old = _pages(root)
        monkeypatch.setattr(hortus.loader.pages, "render_markdown", _boom)
        (root / "people/p001.md").write_text(contact("Person 001", "2026-11-19"))
        deadline = time.monotonic() + 10
        while not any("boom" in line for line in h.lines) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert any("could not build the garden pages (RuntimeError: boom)" in x for x in h.lines)
        assert _pages(root) == old and h.error is None
        monkeypatch.undo()
        (root / "people/p002.md").write_text(contact("Person 002", "2026-11-18"))
        h.expect(2)
        assert _pages(root) == _fresh(root)
    finally:
        h.stop()


def test_an_io_error_on_one_note_is_a_problem_and_heals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _vault(tmp_path, people=3)
    real_open = os.open

    def flaky(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(path).endswith("p001.md"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", flaky)
    result = _regenerate(root)
    checked = _run(root, "check")
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert checked.output == "people/p001.md:1: cannot be read (Input/output error); skipped\n"
    garden = (root / "GARDEN.md").read_text()
    assert "Person 000" in garden and "Person 002" in garden and "Person 001" not in garden
    assert _regenerate(root).exit_code == 0  # the cloud file came back
    assert "Person 001" in (root / "GARDEN.md").read_text()
    assert _pages(root) == _fresh(root)


# ---------------------------------------------------------------------------------------------
# signals and SIGKILL at random moments of a write, in a real process

# `hortus` whose fsyncs are slow, and which says on stderr when the first one begins: the
# signal then lands at a random moment of the write (temp written, flushed, renamed, or after).
SLOW = textwrap.dedent(
    """
    import os, sys, time
    real_fsync = os.fsync
    def slow_fsync(fd):
        sys.stderr.write("W\\n"); sys.stderr.flush()
        time.sleep(0.01)
        real_fsync(fd)
    os.fsync = slow_fsync
    from hortus.cli import main
    main()
    """
)


def _slow_hortus(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SLOW, "--vault", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _signal_mid_write(
    proc: subprocess.Popen[str], sig: int, rng: random.Random, window: float
) -> str:
    assert proc.stderr is not None
    proc.stderr.readline()  # the first fsync of the first write has begun
    time.sleep(rng.uniform(0, window))
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=30)
    return err


KILLS = {"regenerate": 12, "log": 8}


def test_signals_at_random_moments_of_a_garden_write(tmp_path: Path) -> None:
    rng = random.Random(7)
    root = _vault(tmp_path, people=120)
    assert _regenerate(root).exit_code == 0
    users = _user_files(root)
    signals = [signal.SIGKILL] * KILLS["regenerate"] + [signal.SIGTERM] * 3 + [signal.SIGINT] * 3
    outcomes = {"old": 0, "new": 0}
    left = 0
    for trial, sig in enumerate(signals):
        rel = f"people/p{trial:03d}.md"
        (root / rel).write_text(contact(f"Person {trial:03d}", "2026-11-19", "2026-11-18"))
        users[rel] = (root / rel).read_bytes()
        old, new = _pages(root), _fresh(root)
        proc = _slow_hortus(root, "regenerate", "--today", TODAY)
        err = _signal_mid_write(proc, sig, rng, 0.05)
        left += len(_temps(root))
        if sig == signal.SIGINT:
            assert "Traceback" not in err, err
        pages = _pages(root)
        for page in PAGES:  # each page is whole: the old one or the new one
            assert pages[page] in (old[page], new[page]), (trial, sig, page)
            outcomes["old" if pages[page] == old[page] else "new"] += 1
        assert _user_files(root) == users
    assert _regenerate(root).exit_code == 0  # the next run sweeps what the killed ones left
    assert _temps(root) == [] and _pages(root) == _fresh(root)
    assert outcomes["old"] and outcomes["new"]  # the signals did land on both sides…
    assert left  # …and some in the middle of a write, leaving a temp file behind


def test_sigkill_at_random_moments_of_an_append(tmp_path: Path) -> None:
    rng = random.Random(11)
    root = _vault(tmp_path, people=2)
    args = ("log", "Person 001", "kill test", "--date", "2026-11-20")
    assert _run(root, *args).exit_code == 0
    note = root / "people/p001.md"
    before = note.read_bytes()
    assert _run(root, *args).exit_code == 0
    entry = note.read_bytes()[len(before) :]  # what one more append adds
    left = 0
    for _ in range(KILLS["log"]):
        before = note.read_bytes()
        _signal_mid_write(_slow_hortus(root, *args), signal.SIGKILL, rng, 0.02)
        assert note.read_bytes() in (before, before + entry)
        left += len(_temps(root))
    assert left  # some kills landed mid-write
    assert _run(root, *args).exit_code == 0  # the next append sweeps the killed ones' temps
    assert _temps(root) == []
    assert note.read_bytes().endswith(entry)


def test_two_regenerates_at_once(tmp_path: Path) -> None:
    root = _vault(tmp_path, people=80)
    for _ in range(3):
        (root / "people/p000.md").write_text(contact("Person 000", f"2026-11-{_ + 10}"))
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "hortus",
                    "--vault",
                    str(root),
                    "regenerate",
                    "--today",
                    TODAY,
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for proc in procs:
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0 and err == "", err
        assert _pages(root) == _fresh(root) and _temps(root) == []


def test_a_case_only_rename_without_its_delete_event(tmp_path: Path) -> None:
    from hortus.loader.live import LiveGarden

    root = _vault(tmp_path, people=2)
    live = LiveGarden(open_vault(root), None)
    live.start()
    os.rename(root / "people/p001.md", root / "people/P001.md")
    first = live.update(["people/P001.md"])  # the create, and no delete (coalesced away)
    assert first.pending == ("people/p001.md",)  # the old name is looked at again shortly…
    live.update(first.pending)
    garden = live.regenerate(dt.date.fromisoformat(TODAY)).garden
    names = sorted(plant.contact.path for plant in garden.plants)
    assert names == ["people/P001.md", "people/p000.md"]  # …and one contact, not two
