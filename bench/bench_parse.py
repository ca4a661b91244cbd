"""Time parse.py's two readers on every note of a vault: the fast line scanner and markdown-it.

Usage:
    python bench/bench_parse.py VAULT_DIR [--repeat 3]

Prints µs per note for each reader (best of the repeats), for scan.py's line scanner alone (the
rest of the fast path is building the records, shared with markdown-it's path) and the share of
notes the fast path takes. Standard library and hortus only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hortus.loader import open_vault, own_outputs
from hortus.notes.parse import _parse_markdown, _scan_fast, parse_note
from hortus.notes.read import SourceFile, read_note, walk_vault
from hortus.notes.scanner import scan_body


def load(root: Path) -> list[SourceFile]:
    """Every note hortus would read (its own pages skipped), read before any timing starts."""
    walk = walk_vault(root, own_outputs(open_vault(root)))
    return [src for rel in walk.paths if isinstance(src := read_note(root, rel), SourceFile)]


def best(reader: Callable[[SourceFile], object], notes: list[SourceFile], repeat: int) -> float:
    """The best total time in seconds of `repeat` passes over all notes."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for src in notes:
            reader(src)
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    notes = load(args.vault)
    if not notes:
        print(f"error: no notes under {args.vault}", file=sys.stderr)
        return 2
    fast = sum(_scan_fast(src) is not None for src in notes)
    count = len(notes)
    slow_s = best(_parse_markdown, notes, args.repeat)
    scan_s = best(lambda src: scan_body(src.body), notes, args.repeat)
    fast_s = best(_scan_fast, notes, args.repeat)
    both_s = best(parse_note, notes, args.repeat)
    print(f"notes:          {count}")
    print(f"fast path:      {fast} ({100 * fast / count:.1f} %)")
    print(f"markdown-it:    {1e6 * slow_s / count:7.1f} µs/note  ({slow_s:.2f} s)")
    print(f"scanner alone:  {1e6 * scan_s / count:7.1f} µs/note  ({scan_s:.2f} s)")
    print(f"scan + records: {1e6 * fast_s / count:7.1f} µs/note  ({fast_s:.2f} s)")
    print(f"parse_note:     {1e6 * both_s / count:7.1f} µs/note  ({both_s:.2f} s)")
    print(f"speed-up:       {slow_s / both_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
