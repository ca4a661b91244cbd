"""What tells `regenerate` that nothing changed: the settings that go into the loader's key, and
the hash of every output as last written (kept in the cache beside the key)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from hortus.core.config import Config
from hortus.core.model import Problem
from hortus.store.cache import StoredPage


def settings_of(config: Config, config_problems: tuple[Problem, ...]) -> str:
    """Every setting the garden depends on (the whole config: language, garden_html, ics,
    windows, ...) and the problems of hortus.toml, as text for the key."""
    named = (
        f"language={config.language} garden={config.garden} html={config.html_path} "
        f"ics={config.ics} gestures={config.daily_gestures} "
        f"windows={sorted(config.windows.items())}"
    )
    return f"{named}\n{config!r}\n{config_problems!r}"


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
