"""Which vault, its settings, its day, and which paths are hortus's own outputs."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hortus.core.config import CONFIG_NAME, CONFIG_TEMPLATE, Config, load_config
from hortus.core.errors import VaultNotFoundError
from hortus.core.model import Problem
from hortus.files.atomic import atomic_write
from hortus.index.contacts import fold


@dataclass(frozen=True)
class Vault:
    root: Path  # always absolute: the watcher compares event paths with it
    config: Config
    config_problems: tuple[Problem, ...]
    # False for a folder read where no vault was found: nothing is written in it, not even
    # `.hortus/cache.sqlite` (it is no vault until `hortus init`).
    keep_cache: bool = True

    def day(self, today: dt.date | None, clock_today: dt.date) -> Day:
        """The vault's today, resolved once per command: the given date, else the one pinned
        in hortus.toml, else the clock."""
        pinned = today is None and self.config.today is not None
        return Day(today or self.config.today or clock_today, pinned)


@dataclass(frozen=True)
class Day:
    date: dt.date
    pinned: bool  # the date comes from `today =` in hortus.toml


def locate_vault(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """`--vault`, else `$HORTUS_VAULT`, else the nearest folder up with hortus.toml, else cwd;
    always absolute (a relative `--vault` is relative to `cwd`)."""
    return find_vault(explicit, env, cwd) or absolute(cwd)


def find_vault(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path | None:
    """The vault named (`--vault`, `$HORTUS_VAULT`) or found (hortus.toml here or above),
    absolute; None when there is none: only commands that write nothing may then read `cwd`."""
    chosen = explicit or env.get("HORTUS_VAULT")
    if chosen:
        return absolute(cwd / Path(chosen).expanduser())
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return absolute(folder)
    return None


def absolute(path: Path) -> Path:
    """`path` made absolute and free of `.` and `..` parts, without resolving links (a vault
    reached through a link keeps the name the user gave it)."""
    return Path(os.path.normpath(os.path.abspath(path)))


def open_vault(root: Path) -> Vault:
    root = absolute(root)
    if not root.is_dir():
        raise VaultNotFoundError(str(root))
    config, problems = load_config(root)
    return Vault(root, config, tuple(problems))


def own_outputs(vault: Vault) -> frozenset[str]:
    """Case-folded vault-relative paths of the pages hortus writes: never read as notes."""
    return frozenset(fold(rel) for rel in output_paths(vault.config))


def output_paths(config: Config) -> tuple[str, ...]:
    """GARDEN.md, garden.html, their full lists (GARDEN-all.md, garden-all.html) and (when
    `ics` is set) the calendar, vault-relative."""
    pages = (config.garden, config.html_path, config.all_path, config.html_all_path)
    return pages + ((config.ics,) if config.ics else ())


@contextmanager
def no_gc(*, freeze: bool = False) -> Iterator[None]:
    """The cyclic collector paused: the records built meanwhile are kept, and hold no cycles.
    With `freeze` (a command that ends soon after, or records the watcher keeps), they are
    left out of its later scans too: every object allocated while it was paused is young, so
    its next scan would walk them all to free nothing, and its full passes over millions of
    kept records made an occasional save of the watcher slow. Freezing a few cycles of
    garbage with them costs less than either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def init_vault(root: Path) -> list[str]:
    """Create what a new vault needs and is missing; never overwrite. Returns what was created."""
    created: list[str] = []
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("people", "journal"):
        if not (root / folder).exists():
            (root / folder).mkdir()
            created.append(folder + "/")
    if not (root / CONFIG_NAME).exists():
        atomic_write(root / CONFIG_NAME, CONFIG_TEMPLATE.encode("utf-8"), display=CONFIG_NAME)
        created.append(CONFIG_NAME)
    if _add_gitignore_line(root / ".gitignore", ".hortus/"):
        created.append(".gitignore (.hortus/)")
    return created


def _add_gitignore_line(path: Path, line: str) -> bool:
    """Append `line` to .gitignore unless present: the user's lines stay byte for byte."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = b""
    if line.encode() in current.splitlines():
        return False
    separator = b"" if not current or current.endswith(b"\n") else b"\n"
    atomic_write(path, current + separator + line.encode() + b"\n", display=".gitignore")
    return True
