"""The hostile-input corpus, run end to end: `hortus regenerate`, `check`, `status --json` and
`export vcard|ics|csv`, in one subprocess under a memory cap and a time budget, for every case
of `cases.py`.

Then, in the same capped process, a watcher cycle (the start scan, an event for every path in
the vault, a regeneration), which must agree with `regenerate` byte for byte.

Invariants for every case (RELIABILITY.md §4): the user's files (and a folder beside the vault)
keep their bytes, mode and mtime; the garden is built and lists every good contact; no
traceback; each expected problem is printed once as `path:line: message` and nothing else is;
`check` exits 1 iff there is a problem; the run stays under 1 GiB of address space and 10 s.
"""

from __future__ import annotations

import hashlib
import os
import resource
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.hostile.cases import CASES, GRACE, Case
from tests.test_html import _Collector

TODAY = "2026-11-20"
MEMORY_CAP = 2**30
TIME_BUDGET = 10.0

DRIVER = """
import sys
from hortus.cli import main
exports = [["export", kind, "-o", sys.argv[3] + "." + kind] for kind in ("vcard", "ics", "csv")]
for args in (["regenerate", "--today", sys.argv[2]], ["check"], ["status", "--json"], *exports):
    print("@@ " + "-".join(args[:2]) if args[0] == "export" else "@@ " + args[0], flush=True)
    try:
        main(["--vault", sys.argv[1], *args], prog_name="hortus")
    except SystemExit as exc:
        sys.stdout.flush()
        print("@@ exit", exc.code or 0, flush=True)
# A watcher cycle: the start scan, then an event for every path in the vault, then a write.
import datetime, os, pathlib
from hortus.core.errors import HortusError
from hortus.loader.live import LiveGarden
from hortus.loader import open_vault
print("@@ watch", flush=True)
try:
    live = LiveGarden(open_vault(pathlib.Path(sys.argv[1])), None)
    live.start()
    rels = []
    for folder, dirs, files in os.walk(sys.argv[1]):
        rels += [os.path.relpath(os.path.join(folder, n), sys.argv[1]) for n in dirs + files]
    live.update([rel for rel in rels if live.wants(rel)])
    result = live.regenerate(datetime.date.fromisoformat(sys.argv[2]))
    print("written" if result.written or result.html_written else "same bytes")
    print("@@ exit 0", flush=True)
except HortusError as exc:
    print("hortus:", exc.message)
    print("@@ exit 1", flush=True)
"""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under `root`, links and FIFOs neither followed nor opened."""
    seen: dict[str, tuple[Any, ...]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            full = Path(folder) / name
            rel = full.relative_to(root).as_posix()
            info = os.lstat(full)
            if stat.S_ISLNK(info.st_mode):
                seen[rel] = ("link", os.readlink(full))
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with open(full, "rb") as handle:
                    while chunk := handle.read(2**20):
                        digest.update(chunk)
                        if info.st_size > 2**31:
                            break  # a sparse giant: its size and first MiB say enough
                seen[rel] = ("file", info.st_mode, info.st_mtime_ns, info.st_size, digest.digest())
            else:
                seen[rel] = ("other", info.st_mode, info.st_mtime_ns)
    return seen


def _user_files(root: Path, generated: set[str]) -> dict[str, tuple[Any, ...]]:
    return {
        k: v
        for k, v in snapshot(root).items()
        if k not in generated and k != ".hortus" and not k.startswith(".hortus/")
    }


def run_hortus(root: Path) -> tuple[dict[str, tuple[list[str], int]], str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(root), TODAY, str(root.parent / "export")],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
        preexec_fn=_cap_memory,
        cwd=root.parent,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    runs: dict[str, tuple[list[str], int]] = {}
    current = ""
    for line in done.stdout.splitlines():
        if line.startswith("@@ exit "):
            runs[current] = (runs[current][0], int(line.split()[-1]))
        elif line.startswith("@@ "):
            current = line[3:]
            runs[current] = ([], -1)
        else:
            runs[current][0].append(line)
    return runs, done.stderr, elapsed


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "vault"
    outside = tmp_path / "outside"
    (root / "people").mkdir(parents=True)
    outside.mkdir()
    (outside / "keep.md").write_text("---\nname: Beside The Vault\n---\n")
    (root / "people/grace.md").write_text(GRACE)
    for rel, content in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if case.make is not None:
        case.make(root, outside)
    pages = {"GARDEN.md", "garden.html", "GARDEN-all.md", "garden-all.html"}
    generated = set() if case.refused else pages
    before, before_outside = _user_files(root, generated), snapshot(outside)

    runs, stderr, elapsed = run_hortus(root)
    stderr = "".join(line for line in stderr.splitlines(True) if not line.startswith("wrote "))

    assert elapsed < min(TIME_BUDGET, case.budget)
    assert "Traceback" not in stderr and "Traceback" not in "".join(runs["check"][0])
    assert _user_files(root, generated) == before
    assert snapshot(outside) == before_outside
    assert not (root / "PWNED").exists() and not (root.parent / "PWNED").exists()
    if case.refused:
        assert runs["regenerate"] == ([], 1), runs
        assert case.refused in stderr and stderr.count("\n") == 1, stderr
        assert runs["watch"][1] == 1 and case.refused in runs["watch"][0][0], runs["watch"]
    else:
        assert runs["regenerate"][1] == 0 and stderr == "", (runs, stderr)
        assert runs["watch"] == (["same bytes"], 0), runs["watch"]  # agrees with regenerate
        _garden_lists_the_good(root, case)
    for command in ("status", "export-vcard", "export-ics", "export-csv"):
        assert runs[command][1] == 0, (command, runs[command])
    lines, code = runs["check"]
    assert code == (1 if case.problems else 0), lines
    assert len(lines) == len(case.problems), lines
    for path, line, words in case.problems:
        found = [x for x in lines if x.startswith(f"{path}:{line}: ") and words in x]
        assert len(found) == 1, (path, line, words, lines)


def _garden_lists_the_good(root: Path, case: Case) -> None:
    garden = (root / "GARDEN.md").read_text(encoding="utf-8")
    page = (root / "garden.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    text = "".join(parser.text)
    for name, path in (("Grace Hopper", "people/grace.md"), *case.good):
        assert f"[{name}]({quote(path)})" in garden, (name, path)
        assert name.replace("\\", "") in text, name
    assert "Beside The Vault" not in garden + page
    for words in case.absent:
        assert words not in garden and words not in page, words
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img"), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
