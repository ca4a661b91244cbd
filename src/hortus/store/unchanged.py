"""What tells `regenerate` that nothing changed: one key over everything the garden depends on,
and the hash of every output as last written (kept in the cache beside the key)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from hortus.core.config import Config
from hortus.core.model import Problem
from hortus.notes.read import Walk
from hortus.store.cache import FORMAT, Row, StoredPage


def settings_of(config: Config, config_problems: tuple[Problem, ...]) -> str:
    """Every setting the garden depends on (the whole config: language, garden_html, ics,
    windows, ...) and the problems of hortus.toml, as text for the key."""
    named = (
        f"language={config.language} garden={config.garden} html={config.html_path} "
        f"ics={config.ics} gestures={config.daily_gestures} "
        f"windows={sorted(config.windows.items())}"
    )
    return f"{named}\n{config!r}\n{config_problems!r}"


def garden_key(
    settings: str,
    refusals: list[Problem],
    digests: Mapping[str, str],
    day: dt.date,
    pinned: bool,
) -> str:
    """What the garden and its outputs depend on: the notes' hashes, the files the walk
    refused (what a walk alone sees, so a warm run can compute the same key), the day and
    the settings."""
    parts = [FORMAT, settings, day.isoformat(), str(pinned)]
    parts += sorted(repr(p) for p in refusals)
    parts += [f"{rel}\0{digests[rel]}" for rel in sorted(digests)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def unchanged_key(
    root: Path, settings: str, walk: Walk, rows: Mapping[str, Row], day: dt.date, pinned: bool
) -> str | None:
    """The garden key when every note `walk` found has the settled stamp the cache knows,
    else None."""
    if len(walk.paths) != len(rows):
        return None
    prefix = f"{root}{os.sep}"
    lstat = os.lstat
    for rel in walk.paths:
        row = rows.get(rel)
        if row is None or not row[4] or not row[5]:
            return None  # new, in doubt, or unreadable last time: let the engine look
        try:
            info = lstat(prefix + rel)
        except OSError:
            return None
        if (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns) != row[:4]:
            return None
    digests = {rel: row[5] for rel, row in rows.items()}
    return garden_key(settings, walk.problems, digests, day, pinned)


def outputs_json(shas: Mapping[str, str], events: int) -> str:
    return json.dumps({"shas": dict(shas), "events": events}, sort_keys=True)


def stored_outputs(stored: StoredPage) -> tuple[dict[str, str], int] | None:
    """Each output's hash and the calendar's event count as last written, or None."""
    try:
        found = json.loads(stored.outputs)
        shas, events = found["shas"], found["events"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(shas, dict) or not isinstance(events, int) or not shas:
        return None
    return {str(rel): str(sha) for rel, sha in shas.items()}, events


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha_of(path: Path) -> str | None:
    try:
        return sha(path.read_bytes())
    except OSError:
        return None
