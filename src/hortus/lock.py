"""Locks under `.hortus/`: one watcher per vault, and one garden writer at a time.

`fcntl.flock` locks vanish with their process, so a killed watcher never leaves a lock that
blocks the next one; the lock file keeps the holder's pid so a refusal can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from hortus.errors import AlreadyWatchingError

WATCH_LOCK = "watch.lock"
WRITE_LOCK = "write.lock"


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
def writing(folder: Path | None) -> Iterator[None]:
    """Serialise garden writes (and cache updates) between a watcher and `regenerate`."""
    if folder is None:
        yield
        return
    try:
        fd = _open(folder / WRITE_LOCK)
    except OSError:
        yield  # a read-only `.hortus/`: nothing else can write there either
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        Lock(fd).release()
