"""Atomic file replacement: a reader sees the old file or the new one, never half of one.

Three ways to put bytes on disk, all through a fsync'd temp file in the same folder:
`atomic_write` replaces a file hortus owns (a page, the cache); `swap_checked` replaces a
user's note only if the file it replaces is the one read, and puts another writer's save
back when one landed in the last instant; `create_new` puts a
new file in place only if the name is free, and never leaves it empty or half-written.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import secrets
import stat
import sys
from pathlib import Path

from hortus.core.errors import ChangedWhileWritingError, WriteError
from hortus.core.reasons import A_LINK, NOT_REGULAR, os_reason
from hortus.core.said import said
from hortus.files.lock import wait_until_closed

TEMP_PREFIX = ".hortus-"
TEMP_SUFFIX = ".tmp"
KEPT_SUFFIX = ".kept"  # another writer's save hortus could not put back: never swept


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
    temp = _filled_temp(path, data, display)
    try:
        if expected is not None and _current_digest(path) != expected:
            raise ChangedWhileWritingError(display)
        os.replace(temp, path)
        fsync_folder(path.parent)
    except OSError as exc:
        raise WriteError(display, os_reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def swap_checked(path: Path, data: bytes, *, display: str, expected: bytes) -> None:
    """Put `data` at `path`, made from bytes whose `digest` is `expected`, only if the file
    replaced is really those bytes; else put the other writer's file back and raise
    `ChangedWhileWritingError` (the caller reads again and retries).

    Closes the gap between the last check and the rename as far as the file system allows:
    where two names can be exchanged atomically (Linux `renameat2`), the file replaced is
    the one checked, whoever wrote it and however, and putting it back is atomic too. Elsewhere
    the file read is held by a hard link while it is replaced: saves in place are caught, a
    save by rename in the last instant is not. Raises `WriteError` on a file-system error.
    """
    temp = _filled_temp(path, data, display)
    try:
        if _current_digest(path) != expected:
            raise ChangedWhileWritingError(display)
        before_swap(path)
        if _exchange(temp, path):
            # What was at `path` an instant ago, once anyone who had it open (an editor
            # writing in place) has closed it: their write is then in what we read.
            wait_until_closed(temp)
            displaced = _read_plain(temp)
            if digest(displaced) != expected:
                _swap_back(temp, path, data, display)
        else:
            _replace_holding(temp, path, expected, display)
        fsync_folder(path.parent)
    except OSError as exc:
        raise WriteError(display, os_reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _swap_back(temp: Path, path: Path, data: bytes, display: str) -> None:
    """Another writer saved in the last instant: exchange the names again, so their file is
    back at `path`. If, in that instant, a third save was made on top of ours, it is kept
    beside the note under a hidden name that the message gives."""
    if not _exchange(temp, path):
        raise WriteError(display, said("the file system stopped exchanging files"))
    fsync_folder(path.parent)
    wait_until_closed(temp)  # an in-place save into our file in that instant is then whole
    if _read_plain(temp) == data:
        raise ChangedWhileWritingError(display)
    kept = temp.with_name(f"{TEMP_PREFIX}{path.name}-{secrets.token_hex(4)}{KEPT_SUFFIX}")
    os.rename(temp, kept)
    raise ChangedWhileWritingError(display, kept=kept.name)


def before_swap(path: Path) -> None:
    """Does nothing. Tests replace it to save a file in the last instant before the swap."""


def create_new(path: Path, data: bytes, *, display: str, sync_folder: bool = True) -> None:
    """Create `path` holding `data` only if no file has that name. The bytes are written and
    fsync'd in a temp file first, then hard-linked into place (`link` fails on an existing
    name, like `O_EXCL`), so a kill at any moment leaves no empty or partial file: at most a
    temp file, which the next run sweeps. Without `sync_folder` the caller fsyncs the folder
    once after many files (a power cut before that loses new names, never their bytes)."""
    temp = _filled_temp(path, data, display, new=True)
    try:
        os.link(temp, path, follow_symlinks=False)
        if sync_folder:
            fsync_folder(path.parent)
    except FileExistsError:
        raise WriteError(display, said("it already exists; nothing was created")) from None
    except OSError as exc:
        raise WriteError(display, os_reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _filled_temp(path: Path, data: bytes, display: str, *, new: bool = False) -> Path:
    """A new temp file beside `path` holding `data`, fsync'd, with `path`'s mode, owner and
    extended attributes (a `new` file: the umask's mode). Removed again on any failure."""
    mode, owner = (0o666, None) if new else _existing_mode(path, display)
    temp = temp_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, mode)
    except OSError as exc:
        raise WriteError(display, os_reason(exc)) from exc
    try:
        if not new:
            os.fchmod(fd, mode)  # the umask must not change the mode the user gave the file
            _copy_xattrs(path, fd)
        if owner is not None:
            with contextlib.suppress(OSError):  # only root may give a file away
                os.fchown(fd, *owner)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise WriteError(display, os_reason(exc)) from exc
        raise
    finally:
        os.close(fd)
    return temp


def temp_name(path: Path) -> Path:
    """A fresh hortus temp name beside `path`; `sweep_temps` knows the shape."""
    return path.parent / f"{TEMP_PREFIX}{path.name}-{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _copy_xattrs(path: Path, fd: int) -> None:
    """Keep the note's extended attributes (tags, quarantine, SELinux labels) where the system
    has them; one that cannot be copied (a system namespace) is left behind, not fatal."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(fd, name, os.getxattr(path, name, follow_symlinks=False))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`); False where
    the system or the file system cannot, and nothing was done."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(second))


def _renameat2() -> ctypes._NamedFuncPointer | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


def _replace_holding(temp: Path, path: Path, expected: bytes, display: str) -> None:
    """Without an atomic exchange: hold the file read by a hard link, replace it, and if the
    held file changed meanwhile (a save in place), put it back."""
    held = temp_name(path)
    try:
        os.link(path, held, follow_symlinks=False)
    except FileNotFoundError:
        os.replace(temp, path)
        return
    try:
        os.replace(temp, path)
        if digest(_read_plain(held)) != expected:
            os.replace(held, path)
            raise ChangedWhileWritingError(display)
    finally:
        with contextlib.suppress(OSError):
            held.unlink()


def _read_plain(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


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
        raise WriteError(display, os_reason(exc)) from exc
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(display, A_LINK)
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(display, NOT_REGULAR)
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
