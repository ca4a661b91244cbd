"""Atomic file replacement: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from pathlib import Path

from hortus.core.errors import ChangedWhileWritingError, WriteError

TEMP_PREFIX = ".hortus-"
TEMP_SUFFIX = ".tmp"


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def atomic_write(path: Path, data: bytes, *, display: str, expected: bytes | None = None) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync'd, then renamed.

    Refuses to replace a symlink or anything but a regular file. `display` names the file in
    messages (vault-relative). With `expected` (a `digest` of the bytes the new ones were made
    from), the file is checked again just before the rename, and `ChangedWhileWritingError`
    leaves it untouched if someone saved it meanwhile. Raises `WriteError`; the temp file never
    outlives a failure.
    """
    mode, owner = _existing_mode(path, display)
    temp = path.parent / f"{TEMP_PREFIX}{path.name}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, mode)
        try:
            os.fchmod(fd, mode)  # the umask must not change the mode the user gave the file
            if owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, *owner)
            with os.fdopen(fd, "wb", closefd=False) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            os.close(fd)
        if expected is not None and _current_digest(path) != expected:
            raise ChangedWhileWritingError(display)
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WriteError(display, exc.strerror or str(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _current_digest(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return digest(handle.read())


def in_vault(root: Path, folder: Path) -> bool:
    """Whether `folder`, links resolved, is the vault or inside it."""
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(folder)]) == real_root


def _existing_mode(path: Path, display: str) -> tuple[int, tuple[int, int] | None]:
    """The mode and (owner, group) the new file keeps; refuses links and special files."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0o644, None
    except OSError as exc:
        raise WriteError(display, exc.strerror or str(exc)) from exc
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(display, "it is a symbolic link; hortus never writes through links")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(display, "it is not a regular file")
    owner = (info.st_uid, info.st_gid)
    return stat.S_IMODE(info.st_mode), owner if owner != (os.getuid(), os.getgid()) else None


def fsync_folder(folder: Path) -> None:
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
