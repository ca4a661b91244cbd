"""Atomic file replacement: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from hortus.errors import WriteError

TEMP_PREFIX = ".hortus-"
TEMP_SUFFIX = ".tmp"


def atomic_write(path: Path, data: bytes, *, display: str) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync'd, then renamed.

    Refuses to replace a symlink or anything but a regular file. `display` names the file in
    messages (vault-relative). Raises `WriteError`; the temp file never outlives a failure.
    """
    mode = _existing_mode(path, display)
    temp = path.parent / f"{TEMP_PREFIX}{path.name}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, mode)
        try:
            os.fchmod(fd, mode)  # the umask must not change the mode the user gave the file
            with os.fdopen(fd, "wb", closefd=False) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            os.close(fd)
        os.replace(temp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WriteError(display, exc.strerror or str(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _existing_mode(path: Path, display: str) -> int:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0o644
    except OSError as exc:
        raise WriteError(display, exc.strerror or str(exc)) from exc
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(display, "it is a symbolic link; hortus never writes through links")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(display, "it is not a regular file")
    return stat.S_IMODE(info.st_mode)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut must not bring the old file back)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_temps(folder: Path, own: frozenset[str], older_than_ns: int) -> list[str]:
    """Remove temp files a killed run left in `folder`: those for the files named in `own`
    (the caller holds the write lock, so none is in use), and any other hortus temp older than
    `older_than_ns` nanoseconds ago. Returns the names removed."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        target = name[len(TEMP_PREFIX) : -len(TEMP_SUFFIX)].rsplit("-", 1)[0]
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if target in own or info.st_mtime_ns < older_than_ns:
                os.unlink(entry.path)
                removed.append(name)
        except OSError:
            continue
    return removed
