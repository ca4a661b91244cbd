"""The one way in: every command reads the vault through `load` (`load.py`), which keeps
`.hortus/cache.sqlite` up to date and computes only what the command asks for; `pages.py`
writes the garden's pages; `live.py` is the watcher's in-memory variant; `vault.py` says which
vault, its settings and its day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hortus.loader.load import Loader, Progress, load, no_progress
from hortus.loader.vault import (
    Day,
    Vault,
    find_vault,
    init_vault,
    locate_vault,
    no_gc,
    open_vault,
    output_paths,
    own_outputs,
)

__all__ = [
    "Day",
    "Loader",
    "Output",
    "Progress",
    "Regenerated",
    "Vault",
    "build_garden",
    "find_vault",
    "init_vault",
    "load",
    "load_index",
    "locate_vault",
    "no_gc",
    "no_progress",
    "open_vault",
    "output_paths",
    "own_outputs",
    "regenerate",
    "render_outputs",
    "write_garden",
]


if TYPE_CHECKING:
    from hortus.garden import Garden
    from hortus.index import Index

_PAGES = frozenset({"Output", "Regenerated", "regenerate", "render_outputs", "write_garden"})


def __getattr__(name: str) -> object:
    """The pages' names, imported when first asked for: the renderers are not needed by
    the commands that only read names (`log`, completion), which should start fast."""
    if name in _PAGES:
        from hortus.loader import pages

        return getattr(pages, name)
    raise AttributeError(name)


def load_index(vault: Vault) -> Index:
    """The whole index, through the loader."""
    with load(vault) as loader:
        return loader.index()


def build_garden(vault: Vault, today: dt.date | None, clock_today: dt.date) -> Garden:
    """The garden for the vault's day, through the loader."""
    with load(vault) as loader:
        return loader.garden(vault.day(today, clock_today))
