"""The served garden: `hortus watch`'s live garden in a thread, and the page it shows now.

The watcher runs exactly as `hortus watch` runs it (same lock, same pages written). Each time
it builds a garden, the served page is rendered at once, in the watcher's thread, and its
version goes up: the browsers told by `/events` then fetch a page that is already made.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

from hortus.core.model import Contact
from hortus.garden import Garden
from hortus.index import Index
from hortus.loader.live import LiveGarden
from hortus.loader.vault import Vault
from hortus.render.rows import Rows
from hortus.serve.parts import Parts
from hortus.watch.debounce import Timing
from hortus.watch.watcher import Watcher


@dataclass(frozen=True)
class Shown:
    """One version of the vault as the pages show it."""

    version: int
    index: Index
    garden: Garden
    digests: dict[str, str]  # every note's `digest_of`, as the garden was built from them
    page: bytes  # the garden page, with the per-request marks of `pages.py` still in it
    parts: Parts | None  # the page cut in parts, for `/changes`

    def contact(self, key: str) -> Contact | None:
        return next((c for c in self.index.contacts if c.key == key), None)


KEPT_VERSIONS = 3  # a browser a few saves behind still gets only the rows that changed

# Renders the garden page of a version: (garden, digests, version, rows kept) -> its bytes
# and its parts.
PageMaker = Callable[[Garden, dict[str, str], int, Rows], tuple[bytes, Parts | None]]


class ServedGarden(LiveGarden):
    """The live garden, which also renders the served page after each garden it builds."""

    def __init__(self, vault: Vault, today: dt.date | None, make_page: PageMaker) -> None:
        super().__init__(vault, today)
        self.make_page = make_page
        self.served_rows = Rows()
        self.shown: Shown | None = None
        self.history: dict[int, Shown] = {}  # the last few versions, for `/changes`
        self.changed = threading.Condition()

    def built(self, index: Index, garden: Garden) -> None:
        """Shown at once, before the garden's files are written (and even if that fails)."""
        digests = {rel: known.digest for rel, known in self.store.files.items()}
        version = self.shown.version + 1 if self.shown else 1
        page, parts = self.make_page(garden, digests, version, self.served_rows)
        with self.changed:
            self.shown = Shown(version, index, garden, digests, page, parts)
            self.history[version] = self.shown
            for old in [v for v in self.history if v <= version - KEPT_VERSIONS]:
                del self.history[old]
            self.changed.notify_all()

    def wait_shown(self, after: int, timeout: float) -> Shown | None:
        """The shown version once it is newer than `after` (None after `timeout` seconds)."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.shown is not None and self.shown.version > after, timeout
            )
            return self.shown if self.shown and self.shown.version > after else None


class Running:
    """The watcher in its own thread; `error` holds what stopped it (a vanished vault)."""

    def __init__(
        self,
        live: ServedGarden,
        clock_today: Callable[[], dt.date],
        echo: Callable[[str], None],
        timing: Timing,
    ) -> None:
        self.live = live
        self.watcher = Watcher(live, clock_today, echo, timing)
        self.error: BaseException | None = None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="hortus-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        try:
            self.watcher.run()
        except BaseException as exc:  # said by the server's thread, which then stops
            self.error = exc
        finally:
            self.stopped.set()
            with self.live.changed:
                self.live.changed.notify_all()

    def stop(self) -> None:
        self.watcher.stop()
        self.thread.join(timeout=10)
