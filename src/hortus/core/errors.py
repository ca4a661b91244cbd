"""Operation failures (raised) and the one way problems are printed."""

from __future__ import annotations

from hortus.core.model import Problem
from hortus.core.said import Said, said


class HortusError(Exception):
    """An operation could not be done (missing vault, output not ours, disk error).

    Problems in the user's notes are never raised: they are `Problem` values.
    """

    exit_code = 1

    def __init__(self, message: Said) -> None:
        super().__init__(str(message))
        self.said = message
        self.message = str(message)  # in English; `Catalogue.say(error.said)` in another


class VaultNotFoundError(HortusError):
    def __init__(self, path: str) -> None:
        super().__init__(said("no vault at {path}: the folder does not exist", path=path))
        self.path = path


class NoVaultHereError(HortusError):
    """A command that writes, run where no vault was named or found: it never makes one."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            said(
                "no vault here: no hortus.toml in {folder} or any folder above it, and no "
                "--vault or $HORTUS_VAULT. Nothing was written. Start one with `hortus init` "
                "(or `hortus init PATH`), or name it with --vault PATH",
                folder=folder,
            )
        )
        self.folder = folder


class NotOurFileError(HortusError):
    def __init__(self, path: str) -> None:
        super().__init__(
            said(
                "{path} exists and was not written by hortus; nothing was written. "
                "Move it away or set another garden path in hortus.toml.",
                path=path,
            )
        )
        self.path = path


class WriteError(HortusError):
    def __init__(self, path: str, reason: Said) -> None:
        super().__init__(said("could not write {path}: {reason}", path=path, reason=reason))
        self.path = path
        self.reason = reason


class RenderError(HortusError):
    """Building the pages failed: a bug in hortus, never the user's notes (those are problems).
    Raised before anything is written, so the pages on disk stay as they were."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            said(
                "could not build the garden pages ({reason}); the pages on disk are kept as "
                "they were. This is a bug in hortus: please report it with this line.",
                reason=reason,
            )
        )
        self.reason = reason


def format_problem(problem: Problem, message: str | None = None) -> str:
    """`path:line: message`, the form editors and terminals turn into links (`message`: the
    problem said in the vault's language; default English)."""
    text = problem.message if message is None else message
    return f"{problem.source.path}:{problem.source.line}: {text}"


class AlreadyWatchingError(HortusError):
    def __init__(self, vault: str, pid: str) -> None:
        super().__init__(
            said(
                "another `hortus watch` is already watching {vault} (pid {pid}); "
                "stop it first (one watcher per vault)",
                vault=vault,
                pid=pid,
            )
        )
        self.vault = vault
        self.pid = pid


class VaultGoneError(HortusError):
    def __init__(self, vault: str) -> None:
        super().__init__(
            said(
                "the vault folder {vault} disappeared (moved, deleted or unmounted); "
                "stopped watching and wrote nothing",
                vault=vault,
            )
        )
        self.vault = vault


class UnknownNameError(HortusError):
    """`guess`: the one contact close to `query` (name and path), which `--yes` takes."""

    def __init__(self, query: str, suggestions: list[str], guess: str | None = None) -> None:
        if not suggestions:
            message = said(
                "no contact called '{query}' (`hortus add {quoted}` creates one)",
                query=query,
                quoted=repr(query),
            )
        elif guess is None:
            message = said(
                "no contact called '{query}'; did you mean {names}?",
                query=query,
                names=_either(suggestions),
            )
        else:
            message = said(
                "no contact called '{query}'; did you mean {names}? "
                "Nothing was written: add --yes to use {guess}",
                query=query,
                names=_either(suggestions),
                guess=guess,
            )
        super().__init__(message)
        self.query = query
        self.suggestions = suggestions
        self.guess = guess


class AmbiguousNameError(HortusError):
    def __init__(self, query: str, candidates: list[tuple[str, str]]) -> None:
        options = "; ".join(f"{name} ({path})" for name, path in candidates)
        super().__init__(
            said(
                "'{query}' could mean {options}. Nothing was written: "
                "use a full name or the file's path",
                query=query,
                options=options,
            )
        )
        self.query = query
        self.candidates = candidates


class ChangedWhileWritingError(HortusError):
    def __init__(self, path: str, kept: str | None = None) -> None:
        message = (
            said(
                "{path} changed while writing; nothing written; a save made on top of the "
                "entry in the same instant is kept beside it as {kept}",
                path=path,
                kept=kept,
            )
            if kept
            else said("{path} changed while writing; nothing written", path=path)
        )
        super().__init__(message)
        self.path = path
        self.kept = kept


class ChangedSinceShownError(HortusError):
    """A write asked from a page (`hortus serve`) about a file that has changed since the page
    was shown: the user acted on what they saw, which is no longer what is there."""

    def __init__(self, path: str) -> None:
        super().__init__(
            said(
                "{path} changed since the page was shown; nothing written. "
                "The page now shows it as it is: look, then try again",
                path=path,
            )
        )
        self.path = path


class ContactExistsError(HortusError):
    def __init__(self, what: Said, name: str, path: str) -> None:
        super().__init__(
            said(
                "{what} already belongs to {name} ({path}); nothing was created",
                what=what,
                name=name,
                path=path,
            )
        )
        self.what = what
        self.name = name
        self.path = path


class LockedError(HortusError):
    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(
            said(
                "another hortus has been writing to this vault for {seconds} s "
                "(lock {path}); nothing written, try again",
                seconds=f"{seconds:.0f}",
                path=path,
            )
        )
        self.path = path


def _either(options: list[str]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


class ImportFileError(HortusError):
    """The file given to `hortus import` cannot be used at all (not a row of it was read)."""

    def __init__(self, path: str, reason: Said) -> None:
        super().__init__(
            said("cannot import {path}: {reason}; nothing was imported", path=path, reason=reason)
        )
        self.path = path
        self.reason = reason


class NoLockError(HortusError):
    """Writing needs the vault's write lock, and it cannot be taken: nothing is written."""

    def __init__(self, path: str, reason: Said) -> None:
        super().__init__(
            said(
                "cannot lock the vault for writing ({path}: {reason}); nothing written",
                path=path,
                reason=reason,
            )
        )
        self.path = path
        self.reason = reason
