"""Operation failures (raised) and the one way problems are printed."""

from __future__ import annotations

from hortus.model import Problem


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
