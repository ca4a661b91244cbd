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
from hortus.core.reasons import os_reason
from hortus.core.said import Said, said
from hortus.files.lock import STATE_DIR, state_dir_or_reason

# Editors that understand `+LINE` before the file, and those that take `--goto FILE:LINE`.
PLUS_LINE = frozenset(
    {"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nano", "pico", "emacs", "emacsclient",
     "kak", "micro", "ne", "joe", "jed", "mg", "vis", "rnano"}
)  # fmt: skip
GOTO = frozenset({"code", "codium", "code-insiders", "cursor"})
# Editors with a window of their own: `hortus serve` may start them from the browser (an
# editor that needs a terminal cannot be opened from a web page).
WINDOWED = GOTO | frozenset(
    {"gvim", "mvim", "subl", "sublime_text", "gedit", "gnome-text-editor", "kate", "kwrite",
     "zed", "xed", "mousepad", "pluma", "geany", "atom", "notepadqq", "featherpad"}
)  # fmt: skip
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
        raise HortusError(_cannot_start(command, exc)) from exc
    if status != 0:
        raise HortusError(
            said(
                "the editor {editor} exited with status {status}",
                editor=repr(command[0]),
                status=status,
            )
        )


def _cannot_start(command: list[str], exc: OSError) -> Said:
    return said(
        "cannot start the editor {editor} ({reason}); set $VISUAL or $EDITOR",
        editor=repr(command[0]),
        reason=os_reason(exc),
    )


def windowed(env: Mapping[str, str]) -> bool:
    """Whether the user's editor opens a window of its own (see `WINDOWED`)."""
    words = shlex.split(env.get("VISUAL") or env.get("EDITOR") or FALLBACK) or [FALLBACK]
    return os.path.basename(words[0]) in WINDOWED


def start_editor(command: list[str]) -> None:
    """Start a windowed editor and return at once (it lives on after hortus)."""
    try:
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise HortusError(_cannot_start(command, exc)) from exc


@contextlib.contextmanager
def draft(root: Path, env: Mapping[str, str], intro: str) -> Iterator[str]:
    """Open the editor on a private draft (under `.hortus/`) and give what the user wrote.

    Lines from the scissors line on are the `intro` help and are dropped. The draft is deleted
    once the caller is done with it, and kept (and named in the error) if the caller fails,
    so nothing the user typed is ever lost.
    """
    folder = state_dir_or_reason(root)
    if not isinstance(folder, Path):  # a link out of the vault would carry it elsewhere
        raise HortusError(
            said("cannot make a draft in {folder} ({reason})", folder=f"{DRAFTS}/", reason=folder)
        )
    handle = _new_draft(folder)
    rel = f"{DRAFTS}/{handle.name}"
    handle.write_text(f"\n\n{SCISSORS}\n{intro}", encoding="utf-8")
    try:
        run_editor(editor_command(env, str(handle), None))
        text = handle.read_text(encoding="utf-8", errors="replace").split(SCISSORS, 1)[0]
        yield text.strip()
    except HortusError as exc:
        raise HortusError(
            said("{failure}; what you wrote is kept in {draft}", failure=exc.said, draft=rel)
        ) from exc
    handle.unlink(missing_ok=True)


def _new_draft(folder: Path) -> Path:
    for number in range(1, 1000):
        path = folder / f"draft-{os.getpid()}-{number}.md"
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            os.close(os.open(path, flags, 0o600))
            return path
    raise HortusError(said("cannot make a draft file in {folder}", folder=f"{DRAFTS}/"))
