"""`hortus serve` in a real browser: headless Chromium (the system's) driven by Playwright, on a
real uvicorn server in a thread, watching a copy of the example vault.

A save shows within half a second without a reload; "done" on a gesture writes the entry and
the gesture leaves; a promise kept and one let go; search; the French page; a phone screenshot
without sideways scroll; no console error and no request to any other origin.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hortus.loader import open_vault
from hortus.serve.run import Options, Serving
from hortus.watch.debounce import Timing
from tests.test_browser import EXAMPLE, ROOT

CLOCK = dt.date(2026, 11, 20)


class Server:
    """`hortus serve` on a copy of the example vault, in a thread, for one test."""

    def __init__(self, tmp_path: Path, lang: str = "") -> None:
        self.root = tmp_path / "example-vault"
        shutil.copytree(
            EXAMPLE, self.root, ignore=shutil.ignore_patterns("GARDEN.md", "garden.html")
        )
        if lang:
            toml = self.root / "hortus.toml"
            toml.write_text(f'language = "{lang}"\n' + toml.read_text(encoding="utf-8"), "utf-8")
        self.lines: list[str] = []
        timing = Timing(quiet=0.03, max_delay=0.3)
        self.serving = Serving.prepare(
            open_vault(self.root), Options(port=0, open_browser=False), lambda: CLOCK,
            self.lines.append, {}, timing,
        )  # fmt: skip
        self.thread = threading.Thread(target=self.serving.run, daemon=True)
        self.thread.start()
        assert self.serving.site.live.wait_shown(0, 30) is not None
        self.origin = f"http://127.0.0.1:{self.serving.site.keys.port}"

    def stop(self) -> None:
        self.serving.stop()
        self.thread.join(timeout=10)
        self.serving.close()
        assert not self.thread.is_alive()

    def save(self, rel: str, text: str) -> None:
        """As an editor saves: a temp file renamed over the note."""
        path = self.root / rel
        temp = path.with_name(f".{path.name}.swp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    yield running
    running.stop()


class Visit:
    """The served page in a browser tab, with what the browser reported on the way."""

    def __init__(self, browser: Any, server: Server, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(server.serving.address, wait_until="load")
        self.origin = server.origin

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def check_and_close(self) -> None:
        assert self.errors == []
        others = [url for url in self.requests if not url.startswith(self.origin + "/")]
        assert others == []
        self.context.close()


def test_a_save_shows_within_half_a_second_without_a_reload(browser: Any, server: Server) -> None:
    visit = Visit(browser, server, viewport={"width": 1280, "height": 900})
    page = visit.page
    assert page.url == server.origin + "/"  # the token left the address
    page.evaluate("window.notReloaded = true")
    page.evaluate("window.scrollTo(0, 1500)")
    scrolled = page.evaluate("window.scrollY")
    server.save(
        "people/zoe-quinn.md", "---\nname: Zoe Quinn\n---\n- 2026-11-19 Met at the market\n"
    )
    saved = time.perf_counter()
    page.locator("#everyone a.who", has_text="Zoe Quinn").wait_for()
    seconds = time.perf_counter() - saved
    assert seconds < 0.5, seconds
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("window.scrollY") == scrolled
    visit.check_and_close()


def test_done_on_a_gesture_writes_the_entry_and_the_gesture_leaves(
    browser: Any, server: Server
) -> None:
    visit = Visit(browser, server, viewport={"width": 1280, "height": 900})
    page = visit.page
    jonas = page.locator("#gestures li").filter(
        has_text="Congratulate Jonas Weber on the engagement"
    )
    assert jonas.locator("input[name=text]").input_value() == (
        "Congratulated Jonas Weber on the engagement"
    )
    jonas.locator("input[name=text]").fill("Congratulated him and Mira on the engagement")
    jonas.get_by_role("button", name="Done").click()
    said = page.locator("#said")
    said.get_by_text("Wrote people/jonas-weber.md:").wait_for()
    where = said.inner_text().removeprefix("Wrote ").removesuffix(".")
    line = int(where.rsplit(":", 1)[1])
    text = (server.root / "people/jonas-weber.md").read_text(encoding="utf-8")
    assert (
        text.splitlines()[line - 1] == "- 2026-11-20: Congratulated him and Mira on the engagement"
    )
    page.locator("#gestures").get_by_text("Jonas Weber on the engagement").wait_for(
        state="detached"
    )
    visit.check_and_close()


def test_a_promise_kept_and_one_let_go(browser: Any, server: Server) -> None:
    visit = Visit(browser, server, viewport={"width": 1280, "height": 900})
    page = visit.page
    promises = page.locator("#promises li")
    hannah = promises.filter(has_text="post her the book of cryptic crosswords")
    hannah.get_by_role("button", name="Kept").click()
    page.locator("#said").get_by_text("Wrote people/hannah-berg.md:29.").wait_for()
    page.locator("#promises").get_by_text("cryptic crosswords").wait_for(state="detached")
    lena = page.locator("#promises li").filter(has_text="almond biscuits")
    lena.get_by_role("button", name="Let go").click()
    page.locator("#said").get_by_text("Wrote people/lena-fischer.md:28.").wait_for()
    hannah_line = (server.root / "people/hannah-berg.md").read_text("utf-8").splitlines()[28]
    assert hannah_line == (
        "- [x] post her the book of cryptic crosswords I raved about 📅 2026-11-15 ✅ 2026-11-20"
    )
    lena_line = (server.root / "people/lena-fischer.md").read_text("utf-8").splitlines()[27]
    assert lena_line.startswith("- [-] send her a box of almond biscuits")
    assert lena_line.endswith("📅 2026-11-25 ❌ 2026-11-20")
    visit.check_and_close()


def test_search_then_a_person_page(
    browser: Any, server: Server, tmp_path: Path, update_golden: bool
) -> None:
    visit = Visit(browser, server, viewport={"width": 1280, "height": 900})
    page = visit.page
    page.screenshot(path=str(tmp_path / "serve.png"))
    if update_golden:  # the README's screenshot
        shutil.copy(tmp_path / "serve.png", ROOT / "docs" / "serve.png")
    page.get_by_role("searchbox").fill("drill")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/search[?]q=drill$"))
    assert page.title() == "Search: drill"
    page.locator("main a.who", has_text="Daniel Kim").click()
    page.wait_for_url("**/person/people/daniel-kim")
    assert page.locator("h1").inner_text() == "Daniel Kim"
    assert "return his drill" in page.locator("#promises").inner_text()
    visit.check_and_close()


def test_without_script_a_quick_note_is_a_plain_form_post(browser: Any, server: Server) -> None:
    visit = Visit(
        browser, server, viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = visit.page
    page.locator("details.log summary").click()
    page.locator("details.log input[name=who]").fill("omar")
    page.locator("details.log textarea").fill("Called about the film festival")
    page.locator("details.log button").click()
    page.wait_for_url(re.compile(r"/[?]said="))
    assert page.locator("#said").inner_text().startswith("Wrote people/omar-haddad.md:")
    text = (server.root / "people/omar-haddad.md").read_text(encoding="utf-8")
    assert text.endswith("\n\n## 2026-11-20 Called about the film festival\n")
    visit.check_and_close()


def test_the_french_page_and_a_phone_without_sideways_scroll(browser: Any, tmp_path: Path) -> None:
    server = Server(tmp_path, lang="fr")
    try:
        phone = Visit(
            browser, server, viewport={"width": 390, "height": 844}, is_mobile=True,
            has_touch=True, device_scale_factor=2,
        )  # fmt: skip
        page = phone.page
        assert page.title() == "Jardin · 20 novembre 2026"
        assert page.locator("#gestures h2").inner_text() == "Les gestes du jour"
        assert page.locator("#gestures button").first.inner_text() == "Fait"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        page.screenshot(path=str(tmp_path / "serve-phone.png"))
        page.locator("#gestures a.who").first.click()
        page.wait_for_url("**/person/**")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        phone.check_and_close()
    finally:
        server.stop()
