"""Concurrent writers: `hortus log` appends while an "editor" process saves the same note.

The editor saves every few milliseconds, either in place (open for append, write a line) or
the way most editors do (write a temp file, rename it over the note). Afterwards every line
the editor wrote must still be in the note, and every entry `log` reported as written too.

    python bench/stress_writers.py --logs 250 --kind rename     # the long run (docs/reliability.md)

tests/test_concurrent_writers.py runs it short in the normal suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hortus.core.errors import ChangedWhileWritingError
from hortus.person.append import NewEntry, append_entry

KINDS = ("in-place", "rename")
NOTE = "people/ada.md"


@dataclass(frozen=True)
class Outcome:
    kind: str
    logs: int  # `log` runs that said the entry was written
    refused: int  # runs that said "changed while writing; nothing written"
    editor_lines: int
    editor_lost: int  # lines the editor wrote that are in neither the note nor a kept file
    entries_lost: int  # entries `log` said it wrote that are not in the note
    kept: int  # saves hortus could not put back, kept beside the note (`.kept`)
    seconds: float


def editor(path: Path, kind: str, stop: Path) -> None:
    """Save a numbered line into `path` every 1-3 ms until `stop` exists; print the count."""
    count = 0
    stop.with_name("editor-ready").touch()
    while not stop.exists():
        count += 1
        line = f"editor-line-{count}\n".encode()
        if kind == "in-place":
            with open(path, "ab") as handle:
                handle.write(line)
        else:
            _save_by_rename(path, line)
        time.sleep(0.001 + (count % 3) / 1000)
    print(count)


def _save_by_rename(path: Path, line: bytes) -> None:
    """An editor that checks the file did not change under it before renaming (as vim, VS
    Code and gedit warn), then saves the whole buffer through a temp file."""
    while True:
        old = path.read_bytes()
        temp = path.with_name(f".{path.name}.editor-swp")
        temp.write_bytes(old + line)
        if path.read_bytes() == old:
            os.replace(temp, path)
            return


def stress(root: Path, kind: str, logs: int) -> Outcome:
    """Run `log` `logs` times against a running editor of `kind`; see the module doc."""
    path = root / NOTE
    stop = root / "stop-editor"
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, __file__, "--editor", str(path), "--kind", kind, "--stop", str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    written: list[str] = []
    refused = 0
    ready = root / "editor-ready"
    while not ready.exists() and process.poll() is None:
        time.sleep(0.005)
    for number in range(logs):
        text = f"hortus-entry-{number}"
        try:
            append_entry(root, NOTE, NewEntry(dt.date(2026, 12, 6), text))
            written.append(text)
        except ChangedWhileWritingError:
            refused += 1
    stop.touch()
    lines = int(process.communicate(timeout=30)[0].strip() or 0)
    final = path.read_text(encoding="utf-8")
    kept = sorted(path.parent.glob("*.kept"))
    present = set(final.split()).union(*(set(k.read_text().split()) for k in kept))
    editor_lost = sum(f"editor-line-{n}" not in present for n in range(1, lines + 1))
    return Outcome(
        kind,
        len(written),
        refused,
        lines,
        editor_lost,
        sum(text not in final.split() for text in written),
        len(kept),
        time.monotonic() - started,
    )


def make_vault(root: Path) -> None:
    (root / "people").mkdir(parents=True)
    (root / "hortus.toml").write_text("", encoding="utf-8")
    (root / NOTE).write_text("---\nname: Ada\n---\n\n## 2026-01-01 Met\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logs", type=int, default=250)
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--editor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stop", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.editor is not None:
        editor(args.editor, args.kind[0], args.stop)
        return
    for kind in args.kind or KINDS:
        with tempfile.TemporaryDirectory() as folder:
            make_vault(Path(folder))
            print(stress(Path(folder), kind, args.logs))


if __name__ == "__main__":
    main()
