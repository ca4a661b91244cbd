"""Time hortus on one vault: the read floor, `regenerate` cold / warm / after 10 changes, and
`hortus watch` latency from a save to the garden file replaced; peak memory of each.

Usage:
    python bench/bench_regenerate.py VAULT [--runs 3] [--saves 20] [--today 2026-11-20]

Needs the `hortus` console script on PATH (e.g. `python -m pip install .`). It edits notes of
the vault to measure the changed and watcher cases and puts their bytes back afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

GARDEN = "GARDEN.md"
GARDEN_ALL = "GARDEN-all.md"  # the full lists, written beside the garden
STATE = ".hortus"


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: list[float]
    rss_kb: int  # peak resident set size of the process (and the workers it waited for)
    note: str = ""


def markdown_files(vault: Path) -> list[str]:
    """Every `.md` file under the vault but dot-folders and the root GARDEN.md and GARDEN-all.md,
    as hortus skips."""
    pages = {os.path.join(vault, GARDEN), os.path.join(vault, GARDEN_ALL)}
    paths: list[str] = []
    for root, dirs, files in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths.extend(os.path.join(root, name) for name in sorted(files) if name.endswith(".md"))
    return [path for path in paths if path not in pages]


def plain_read(vault: Path) -> tuple[float, int, int]:
    """Walk the vault and read and decode every Markdown file: the floor for any indexer."""
    started = time.perf_counter()
    paths = markdown_files(vault)
    total = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        data.decode("utf-8", errors="replace")
        total += len(data)
    return time.perf_counter() - started, len(paths), total


# Runs a command and reports the peak RSS of it and of the workers it waited for: a wrapper
# process, so that each measurement has its own `RUSAGE_CHILDREN`. Ctrl-C is passed on.
WRAP = """
import resource, signal, subprocess, sys
child = subprocess.Popen(sys.argv[1:])
signal.signal(signal.SIGINT, lambda *_: child.send_signal(signal.SIGINT))
code = child.wait()
sys.stderr.write("\\nMAXRSS %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def start(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRAP, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str], command: list[str]) -> tuple[int, str]:
    """Wait for a wrapped command: its peak RSS (KiB) and its stdout."""
    out, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        sys.stderr.write(err)
        raise SystemExit(f"error: `{' '.join(command)}` exited with status {proc.returncode}")
    rss = int(err.rsplit("MAXRSS ", 1)[1])
    return rss, out.strip()


def run(command: list[str]) -> tuple[float, int, str]:
    """Run a command to its end: wall time, peak RSS (KiB) and stdout."""
    started = time.perf_counter()
    proc = start(command)
    rss, out = finish(proc, command)
    return time.perf_counter() - started, rss, out


def floor(vault: Path, runs: int) -> Measure:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); import bench_regenerate as b; "
        "from pathlib import Path; print(b.plain_read(Path(sys.argv[2]))[0])"
    )
    here = str(Path(__file__).resolve().parent)
    times, rss = [], 0
    for _ in range(runs):
        _, rss, out = run([sys.executable, "-c", code, here, str(vault)])
        times.append(float(out))
    return Measure("floor: plain Python walk + read + decode (in-process time)", times, rss)


def regenerate(hortus: str, vault: Path, today: str) -> list[str]:
    return [hortus, "--vault", str(vault), "regenerate", "--today", today]


def spread(paths: list[str], count: int, offset: int) -> list[str]:
    """`count` contact files spread evenly over the vault (different ones per offset)."""
    people = [p for p in paths if f"{os.sep}people{os.sep}" in p]
    step = max(1, len(people) // count)
    return [people[(i * step + offset) % len(people)] for i in range(count)]


def edit(path: str, stamp: str) -> None:
    """An editor-like save: the whole new text to a temp file, renamed over the note."""
    with open(path, "rb") as handle:
        data = handle.read()
    temp = f"{path}.bench-tmp~"
    with open(temp, "wb") as handle:
        handle.write(data + f"\n## 2026-11-20 Bench call {stamp}\n".encode())
    os.replace(temp, path)


def watch_latency(hortus: str, vault: Path, today: str, paths: list[str], saves: int) -> Measure:
    """Median and p95 from a save to GARDEN.md (or GARDEN-all.md) replaced, over `saves` saves
    of different notes."""
    garden = vault / GARDEN
    command = [hortus, "--vault", str(vault), "watch", "--today", today]
    proc = start(command)
    assert proc.stdout is not None
    started = time.perf_counter()
    while True:  # "watching …", then the first regeneration
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(
                f"error: hortus watch stopped: {proc.stderr.read() if proc.stderr else ''}"
            )
        if " started " in f" {line}":
            break
    startup = time.perf_counter() - started
    latencies = []
    # GARDEN.md shows only the first few of each list, so a save may leave it as it was:
    # wait for it or for the full lists (GARDEN-all.md), whichever is replaced.
    pages = [page for page in (garden, vault / GARDEN_ALL) if page.exists()]
    for i, path in enumerate(spread(paths, saves, offset=7)):
        before = [os.stat(page).st_ino for page in pages]
        time.sleep(0.3)  # saves are separate events, as a person makes them
        t0 = time.perf_counter()
        edit(path, f"w{i}")
        while [os.stat(page).st_ino for page in pages] == before:
            if time.perf_counter() - t0 > 60:
                raise SystemExit(f"error: no garden after saving {path}")
            time.sleep(0.001)
        latencies.append(time.perf_counter() - t0)
        proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    rss, _ = finish(proc, command)
    return Measure(
        "`hortus watch`: save → GARDEN.md replaced", latencies, rss, f"start-up {startup:.1f} s"
    )


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(rows: list[Measure], facts: list[str]) -> str:
    lines = [
        "| measurement | median (s) | p95 / max (s) | runs | peak RSS (MB) | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for m in rows:
        lines.append(
            f"| {m.name} | {statistics.median(m.seconds):.3f} | {p95(m.seconds):.3f} | "
            f"{len(m.seconds)} | {m.rss_kb / 1024:.0f} | {m.note} |"
        )
    return "\n".join([*lines, "", *facts])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark hortus regenerate and watch.")
    parser.add_argument("vault", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--today", default="2026-11-20")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    vault: Path = args.vault
    if not vault.is_dir():
        raise SystemExit(f"error: no vault folder at {vault}")
    if args.runs < 1 or args.saves < 1:
        raise SystemExit("error: --runs and --saves must be at least 1")
    hortus = shutil.which("hortus")
    if hortus is None:
        raise SystemExit("error: the `hortus` command is not on PATH; `pip install .` first")
    _, files, total = plain_read(vault)
    paths = markdown_files(vault)
    edited = {p for i in range(args.runs) for p in spread(paths, 10, offset=i * 10 + 1)}
    edited.update(spread(paths, args.saves, offset=7))
    edited.update(spread(paths, max(2, args.runs), offset=3))  # `log` writes to the first
    edited.update(spread(paths, 1, offset=100 + i)[0] for i in range(args.runs))
    originals = {p: Path(p).read_bytes() for p in edited}
    rows = [floor(vault, args.runs)]
    try:
        rows += measure_regenerate(hortus, vault, args, paths)
        rows += measure_commands(hortus, vault, args, paths)
        rows.append(watch_latency(hortus, vault, args.today, paths, args.saves))
    finally:
        for path, data in originals.items():
            Path(path).write_bytes(data)
    facts = [
        f"- vault: `{vault}`, {files} `.md` files, {total / 1_000_000:.1f} MB of text",
        f"- Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; `--today {args.today}`",
        "- wall times include interpreter start-up; peak RSS is the largest of the command's "
        "process and its worker processes",
    ]
    print(report(rows, facts))
    return 0


def wait_settled(paths: list[str]) -> None:
    """Wait until every note is over 2 s old. hortus doubts a file modified less than 2 s
    before it read it (a rewrite within the same clock tick could hide), so on a vault
    generated a moment ago the warm runs would read those notes again; a real vault's notes
    are older than that."""
    newest = max(os.stat(path).st_mtime for path in paths)
    time.sleep(max(0.0, newest + 2.5 - time.time()))


def measure_regenerate(
    hortus: str, vault: Path, args: argparse.Namespace, paths: list[str]
) -> list[Measure]:
    command = regenerate(hortus, vault, args.today)
    warm_first: list[float] = []
    cold: list[float] = []
    changed: list[float] = []
    rss = {"cold": 0, "warm": 0, "changed": 0}
    summary = ""
    wait_settled(paths)
    for _ in range(args.runs):
        shutil.rmtree(vault / STATE, ignore_errors=True)
        seconds, rss["cold"], summary = run(command)
        cold.append(seconds)
    for _ in range(args.runs):
        seconds, rss["warm"], _ = run(command)
        warm_first.append(seconds)
    for i in range(args.runs):
        for path in spread(paths, 10, offset=i * 10 + 1):
            edit(path, f"c{i}")
        seconds, rss["changed"], _ = run(command)
        changed.append(seconds)
    return [
        Measure("`hortus regenerate` cold (no cache)", cold, rss["cold"], summary.split(": ")[-1]),
        Measure("`hortus regenerate` warm (nothing changed)", warm_first, rss["warm"]),
        Measure("`hortus regenerate` after 10 notes changed", changed, rss["changed"]),
    ]


def stem(path: str) -> str:
    return Path(path).stem


def measure_commands(
    hortus: str, vault: Path, args: argparse.Namespace, paths: list[str]
) -> list[Measure]:
    """Every everyday command on the warm cache that `regenerate` left: each run once first
    (the first `show` or `search` builds the search tables, a one-time cost measured apart),
    then `--runs` times. `log` writes (the edits are undone at the end, with the others)."""
    people = spread(paths, max(2, args.runs), offset=3)
    name, other = stem(people[0]), stem(people[1])
    base = [hortus, "--vault", str(vault)]
    today = ["--today", args.today]
    first_search, rss, _ = run([*base, "search", "coffee"])
    rows = [Measure("`hortus search` first run (builds the search tables)", [first_search], rss)]
    complete = dict(os.environ, _HORTUS_COMPLETE="bash_complete", COMP_CWORD="2")
    complete["COMP_WORDS"] = f"hortus log {name[:3]}"
    commands: list[tuple[str, list[str], dict[str, str] | None]] = [
        ("`hortus status`", [*base, "status", *today], None),
        ("`hortus status --json`", [*base, "status", "--json", *today], None),
        ("`hortus check`", [*base, "check"], None),
        (f"`hortus show {name}`", [*base, "show", name, *today], None),
        ("`hortus search coffee`", [*base, "search", "coffee"], None),
        (
            f"`hortus search coffee --person {other}`",
            [*base, "search", "coffee", "--person", other],
            None,
        ),
        ("a Tab completion (`hortus log " + name[:3] + "<Tab>`)", base, complete),
        (
            f"`hortus open {name}` (EDITOR=true)",
            [*base, "open", name],
            dict(os.environ, EDITOR="true"),
        ),
        (f"`hortus log {name} TEXT`", [*base, "log", name, "Bench call"], None),
    ]
    for label, command, env in commands:
        run_env(command, env)  # once, not counted
        times, rss = [], 0
        for _ in range(args.runs):
            seconds, rss, _ = run_env(command, env)
            times.append(seconds)
        rows.append(Measure(label, times, rss))
    after = []
    for i in range(args.runs):
        edit(spread(paths, 1, offset=100 + i)[0], f"s{i}")
        seconds, rss, _ = run([*base, "status", *today])
        after.append(seconds)
    rows.append(Measure("`hortus status` right after one note changed", after, rss))
    return rows


def run_env(command: list[str], env: dict[str, str] | None) -> tuple[float, int, str]:
    """`run`, with another environment (completion, the editor)."""
    if env is None:
        return run(command)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRAP, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    rss, out = finish(proc, command)
    return time.perf_counter() - started, rss, out


if __name__ == "__main__":
    sys.exit(main())
