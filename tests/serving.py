"""Helpers for the `hortus serve` tests: a site on a test vault, without a real server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from starlette.testclient import TestClient

from hortus.loader import open_vault
from hortus.serve.app import Site, make_app
from hortus.serve.guard import COOKIE, Keys
from hortus.serve.run import served_garden

TODAY = dt.date(2026, 11, 20)
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


@dataclass
class Served:
    site: Site
    client: TestClient  # with the cookie: a browser that opened the printed address
    stranger: TestClient  # without it

    @property
    def csrf(self) -> str:
        return self.site.keys.csrf

    def saw(self, *rels: str) -> None:
        """The watcher noticed these files (tests call it instead of waiting for events)."""
        self.site.live.update(rels)
        self.site.live.regenerate(TODAY)

    def post(self, route: str, fields: Mapping[str, str], json: bool = False) -> object:
        headers = {"origin": ORIGIN}
        if json:
            headers["accept"] = "application/json"
        data = {"csrf": self.csrf, **fields}
        return self.client.post(route, data=data, headers=headers, follow_redirects=False)


def serve_vault(root: Path, env: Mapping[str, str] | None = None) -> Served:
    vault = open_vault(root)
    keys = Keys(PORT)
    live = served_garden(vault, None, keys)
    live.start()
    live.regenerate(TODAY)
    site = Site(vault, keys, live, lambda: TODAY, env or {})
    app = make_app(site)
    client = TestClient(app, base_url=ORIGIN)
    client.cookies.set(COOKIE, keys.token)
    stranger = TestClient(app, base_url=ORIGIN)
    return Served(site, client, stranger)
