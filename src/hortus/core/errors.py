"""Operation failures (raised) and the one way problems are printed."""

from __future__ import annotations

from hortus.core.model import Problem


class HortusError(Exception):
    """An operation could not be done (missing vault, output not ours, disk error).

    Problems in the user's notes are never raised: they are `Problem` values.
    """

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class VaultNotFoundError(HortusError):
    def __init__(self, path: str) -> None:
        super().__init__(f"no vault at {path}: the folder does not exist")
        self.path = path


class NoVaultHereError(HortusError):
    """A command that writes, run where no vault was named or found: it never makes one."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            f"no vault here: no hortus.toml in {folder} or any folder above it, and no --vault "
            "or $HORTUS_VAULT. Nothing was written. Start one with `hortus init` "
            "(or `hortus init PATH`), or name it with --vault PATH"
        )
        self.folder = folder


class NotOurFileError(HortusError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} exists and was not written by hortus; nothing was written. "
            "Move it away or set another garden path in hortus.toml."
        )
        self.path = path


class WriteError(HortusError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"could not write {path}: {reason}")
        self.path = path
        self.reason = reason


class RenderError(HortusError):
    """Building the pages failed: a bug in hortus, never the user's notes (those are problems).
    Raised before anything is written, so the pages on disk stay as they were."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"could not build the garden pages ({reason}); the pages on disk are kept as they "
            "were. This is a bug in hortus: please report it with this line."
        )
        self.reason = reason


def format_problem(problem: Problem) -> str:
    """`path:line: message`, the form editors and terminals turn into links."""
    return f"{problem.source.path}:{problem.source.line}: {problem.message}"


class AlreadyWatchingError(HortusError):
    def __init__(self, vault: str, pid: str) -> None:
        super().__init__(
            f"another `hortus watch` is already watching {vault} (pid {pid}); "
            "stop it first (one watcher per vault)"
        )
        self.vault = vault
        self.pid = pid


class VaultGoneError(HortusError):
    def __init__(self, vault: str) -> None:
        super().__init__(
            f"the vault folder {vault} disappeared (moved, deleted or unmounted); "
            "stopped watching and wrote nothing"
        )
        self.vault = vault


class UnknownNameError(HortusError):
    """`guess`: the one contact close to `query` (name and path), which `--yes` takes."""

    def __init__(self, query: str, suggestions: list[str], guess: str | None = None) -> None:
        hint = (
            f"; did you mean {_either(suggestions)}?"
            if suggestions
            else f" (`hortus add {query!r}` creates one)"
        )
        if guess is not None:
            hint += f" Nothing was written: add --yes to use {guess}"
        super().__init__(f"no contact called '{query}'{hint}")
        self.query = query
        self.suggestions = suggestions
        self.guess = guess


class AmbiguousNameError(HortusError):
    def __init__(self, query: str, candidates: list[tuple[str, str]]) -> None:
        options = "; ".join(f"{name} ({path})" for name, path in candidates)
        super().__init__(
            f"'{query}' could mean {options}. Nothing was written: "
            "use a full name or the file's path"
        )
        self.query = query
        self.candidates = candidates


class ChangedWhileWritingError(HortusError):
    def __init__(self, path: str, kept: str | None = None) -> None:
        also = (
            f"; a save made on top of the entry in the same instant is kept beside it as {kept}"
            if kept
            else ""
        )
        super().__init__(f"{path} changed while writing; nothing written{also}")
        self.path = path
        self.kept = kept


class ContactExistsError(HortusError):
    def __init__(self, what: str, name: str, path: str) -> None:
        super().__init__(f"{what} already belongs to {name} ({path}); nothing was created")
        self.what = what
        self.name = name
        self.path = path


class LockedError(HortusError):
    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(
            f"another hortus has been writing to this vault for {seconds:.0f} s "
            f"(lock {path}); nothing written, try again"
        )
        self.path = path


def _either(options: list[str]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


class ImportFileError(HortusError):
    """The file given to `hortus import` cannot be used at all (not a row of it was read)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot import {path}: {reason}; nothing was imported")
        self.path = path
        self.reason = reason


class NoLockError(HortusError):
    """Writing needs the vault's write lock, and it cannot be taken: nothing is written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot lock the vault for writing ({path}: {reason}); nothing written")
        self.path = path
        self.reason = reason
