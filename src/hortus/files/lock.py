"""The vault's locks, all under `.hortus/`: one writer at a time, and one watcher per vault.

`write.lock` is the only write lock: `log`, `add`, `import`, `regenerate` and the watcher all
take it (`vault_lock`) around what they write. `watch.lock` is held by a watcher for its whole
life. `fcntl.flock` locks vanish with their process, so a killed hortus never leaves a lock that
blocks the next one; the watch lock keeps the holder's pid so a refusal can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from hortus.core.errors import AlreadyWatchingError, LockedError, NoLockError
from hortus.core.reasons import A_LINK, os_reason
from hortus.core.said import Said, said

STATE_DIR = ".hortus"
WATCH_LOCK = "watch.lock"
WRITE_LOCK = "write.lock"
LOCK_FILE = f"{STATE_DIR}/{WRITE_LOCK}"  # as messages name it
LOCK_TIMEOUT = 10.0
WAIT: float | None = None  # `vault_lock(root, WAIT)`: wait as long as the other writer takes


def state_dir(root: Path) -> Path | None:
    """`.hortus/` inside the vault, created if needed; None when it cannot be used safely."""
    found = state_dir_or_reason(root)
    return found if isinstance(found, Path) else None


def state_dir_or_reason(root: Path) -> Path | Said:
    """`.hortus/` inside the vault, created if needed, or why it cannot be used."""
    folder = root / STATE_DIR
    try:
        with contextlib.suppress(FileExistsError):  # a file or link there is judged below
            folder.mkdir()
        info = os.lstat(folder)
    except OSError as exc:
        return os_reason(exc)
    if stat.S_ISLNK(info.st_mode):
        return A_LINK
    if not stat.S_ISDIR(info.st_mode):
        return said("it is a file, not a folder")
    # A new `.gitignore`, never through a link (a dangling one would create its target).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(OSError):  # exists already (or is a link): left as it is
        fd = os.open(folder / ".gitignore", flags, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("*\n")
    return folder


class Lock:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def release(self) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)


def hold_watch_lock(folder: Path) -> Lock:
    """The watcher's lock for its whole life; `AlreadyWatchingError` names the holder."""
    path = folder / WATCH_LOCK
    fd = _open(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        raise AlreadyWatchingError(str(folder.parent), holder or "unknown") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return Lock(fd)


@contextlib.contextmanager
def vault_lock(root: Path, timeout: float | None = LOCK_TIMEOUT) -> Iterator[None]:
    """One writer of the vault's files (notes, pages, cache) at a time, across processes.

    Gives up with `LockedError` after `timeout` seconds (`WAIT`: no limit; the watcher and
    `regenerate` wait, since the lock is only ever held by a live process). Without a usable
    `.hortus/` (a link, a file, a read-only vault) there is no lock, and no writer may write:
    `NoLockError` names the reason (two writers without it undo each other's work)."""
    folder = state_dir_or_reason(root)
    if not isinstance(folder, Path):
        raise NoLockError(STATE_DIR, folder)
    try:
        fd = _open(folder / WRITE_LOCK)
    except OSError as exc:
        raise NoLockError(LOCK_FILE, os_reason(exc)) from exc
    try:
        if timeout is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockedError(LOCK_FILE, timeout) from None
                    time.sleep(0.02)
        yield
    finally:
        Lock(fd).release()


CLOSE_WAIT = 0.25  # seconds `wait_until_closed` gives another writer to finish its write


def wait_until_closed(path: Path, timeout: float = CLOSE_WAIT) -> bool:
    """Wait until no other open file refers to `path`'s file, so that a program that opened it
    before hortus swapped it away has finished writing to it. Known from a Linux write lease,
    which the kernel grants only to a file nobody else has open. False when that cannot be
    known (another system, a file someone else owns, leases off) or did not happen in time."""
    lease = getattr(fcntl, "F_SETLEASE", None)
    if lease is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.fcntl(fd, lease, fcntl.F_WRLCK)
            except BlockingIOError:  # EAGAIN: someone still has it open
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.001)
                continue
            except OSError:
                return False
            fcntl.fcntl(fd, lease, fcntl.F_UNLCK)
            return True
    finally:
        os.close(fd)
