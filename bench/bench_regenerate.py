"""Time `hortus regenerate` on a vault beside a plain Python read of the same files.

Usage:
    python bench/bench_regenerate.py VAULT [--runs 5] [--today 2026-11-20]

Needs the `hortus` console script on PATH (e.g. `python -m pip install .`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

GARDEN = "GARDEN.md"


@dataclass(frozen=True)
class ReadResult:
    files: int
    total_bytes: int
    seconds: float


def markdown_files(vault: Path) -> list[str]:
    """Every `.md` file under the vault but dot-folders and the root GARDEN.md, as hortus skips."""
    garden = os.path.join(vault, GARDEN)
    paths: list[str] = []
    for root, dirs, files in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths.extend(os.path.join(root, name) for name in sorted(files) if name.endswith(".md"))
    return [path for path in paths if path != garden]


def plain_read(vault: Path) -> ReadResult:
    """Walk the vault and read and decode every Markdown file; the floor for any indexer."""
    started = time.perf_counter()
    paths = markdown_files(vault)
    total = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        data.decode("utf-8", errors="replace")
        total += len(data)
    return ReadResult(len(paths), total, time.perf_counter() - started)


def run_regenerate(hortus: str, vault: Path, today: str) -> tuple[float, str]:
    """One `hortus regenerate` subprocess; returns its wall time and its summary line."""
    command = [hortus, "--vault", str(vault), "regenerate", "--today", today]
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"error: `{' '.join(command)}` exited with status {proc.returncode}")
    return elapsed, proc.stdout.strip()


def find_hortus() -> str:
    hortus = shutil.which("hortus")
    if hortus is None:
        raise SystemExit(
            "error: the `hortus` command is not on PATH; install it first "
            "(e.g. `python -m pip install .` in the repository)"
        )
    return hortus


def script_python(hortus: str) -> str:
    """The interpreter named in the `hortus` script's shebang line, if there is one."""
    try:
        with open(hortus, "rb") as handle:
            first = handle.readline(500).decode("utf-8", errors="replace").strip()
    except OSError:
        return "unknown"
    return first[2:].strip() if first.startswith("#!") else "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark `hortus regenerate`.")
    parser.add_argument("vault", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", default="2026-11-20")
    return parser.parse_args(argv)


def row(name: str, times: list[float]) -> tuple[str, str, str]:
    return name, f"{statistics.median(times):.3f}", f"{min(times):.3f}"


def report(rows: list[tuple[str, str, str]], facts: list[str]) -> str:
    lines = ["| measurement | median (s) | min (s) |", "|---|---:|---:|"]
    lines += [f"| {name} | {median} | {low} |" for name, median, low in rows]
    return "\n".join([*lines, "", *facts])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    vault: Path = args.vault
    if not vault.is_dir():
        raise SystemExit(f"error: no vault folder at {vault}")
    if args.runs < 1:
        raise SystemExit("error: --runs must be at least 1")
    hortus = find_hortus()

    reads = [plain_read(vault) for _ in range(args.runs)]
    read_times = [r.seconds for r in reads]
    regen = [run_regenerate(hortus, vault, args.today) for _ in range(args.runs)]
    regen_times = [seconds for seconds, _ in regen]

    rows = [
        row("plain Python read + decode", read_times),
        row("`hortus regenerate` (subprocess)", regen_times),
    ]
    facts = [
        f"- vault: `{vault}`, {reads[0].files} `.md` files, "
        f"{reads[0].total_bytes / 1_000_000:.1f} MB of text",
        f"- runs: {args.runs}; `--today {args.today}`; hortus at `{hortus}` "
        f"(runs on `{script_python(hortus)}`)",
        f"- this script: Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        f"- last summary: {regen[-1][1] or '(no output)'}",
    ]
    print(report(rows, facts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
