"""The user's editor: the command that opens a file (at a line when it can), and drafts.

The only module that starts another program.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

from hortus.core.errors import HortusError
from hortus.files.lock import STATE_DIR, state_dir_or_reason

# Editors that understand `+LINE` before the file, and those that take `--goto FILE:LINE`.
PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nano", "pico", "emacs", "emacsclient",
     "kak", "micro", "ne", "joe", "jed", "mg", "vis", "rnano"}
)  # fmt: skip
GOTO = frozenset({"code", "codium", "code-insiders", "cursor"})
FALLBACK = "vi"
SCISSORS = "# ------------------------ >8 ------------------------"
DRAFTS = STATE_DIR  # drafts live in the vault's own state folder


def editor_command(env: Mapping[str, str], path: str, line: int | None) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else vi; with `+LINE` or `--goto` where the editor has it.
    The path is made absolute: a note named `--load=evil.md` is then never read as an option
    (`--` would do too, but not every editor knows it)."""
    path = os.path.abspath(path)
    words = shlex.split(env.get("VISUAL") or env.get("EDITOR") or FALLBACK)
    if not words:
        words = [FALLBACK]
    program = os.path.basename(words[0])
    if line is not None and program in PLUS_LINE:
        return [*words, f"+{line}", path]
    if line is not None and program in GOTO:
        return [*words, "--goto", f"{path}:{line}"]
    return [*words, path]


def run_editor(command: list[str]) -> None:
    """Run the editor in this terminal and wait; a failure is a `HortusError`."""
    try:
        status = subprocess.run(command, check=False).returncode
    except OSError as exc:
        raise HortusError(
            f"cannot start the editor {command[0]!r} ({exc.strerror or exc}); "
            "set $VISUAL or $EDITOR"
        ) from exc
    if status != 0:
        raise HortusError(f"the editor {command[0]!r} exited with status {status}")


@contextlib.contextmanager
def draft(root: Path, env: Mapping[str, str], intro: str) -> Iterator[str]:
    """Open the editor on a private draft (under `.hortus/`) and give what the user wrote.

    Lines from the scissors line on are the `intro` help and are dropped. The draft is deleted
    once the caller is done with it, and kept (and named in the error) if the caller fails,
    so nothing the user typed is ever lost.
    """
    folder, reason = state_dir_or_reason(root)
    if folder is None:  # a link out of the vault would carry what the user types elsewhere
        raise HortusError(f"cannot make a draft in {DRAFTS}/ ({reason})")
    handle = _new_draft(folder)
    rel = f"{DRAFTS}/{handle.name}"
    handle.write_text(f"\n\n{SCISSORS}\n{intro}", encoding="utf-8")
    try:
        run_editor(editor_command(env, str(handle), None))
        text = handle.read_text(encoding="utf-8", errors="replace").split(SCISSORS, 1)[0]
        yield text.strip()
    except HortusError as exc:
        raise HortusError(f"{exc.message}; what you wrote is kept in {rel}") from exc
    handle.unlink(missing_ok=True)


def _new_draft(folder: Path) -> Path:
    for number in range(1, 1000):
        path = folder / f"draft-{os.getpid()}-{number}.md"
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            os.close(os.open(path, flags, 0o600))
            return path
    raise HortusError(f"cannot make a draft file in {DRAFTS}/")
