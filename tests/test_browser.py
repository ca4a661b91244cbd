"""garden.html in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

No console error, no network request, the gestures first, a hostile name shown as text, no
sideways scrolling on a phone. Screenshots go to the test's folder; `pytest --update-golden`
also refreshes the README's screenshots in docs/. Skipped where Chromium is missing, except
on CI (`CI=true`), where `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import write_vault

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-vault"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE_NAME = "<img src=x onerror=alert(1)>"


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if CHROMIUM is None:
        _missing("no chromium on this machine")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _example(tmp_path: Path, extra: dict[str, str | bytes] | None = None, lang: str = "") -> Path:
    root = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("GARDEN.md", "garden.html"))
    if lang:
        toml = root / "hortus.toml"
        toml.write_text(f'language = "{lang}"\n' + toml.read_text(encoding="utf-8"), "utf-8")
    write_vault(root, extra or {})
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
    assert result.exit_code == 0, result.output
    return root / "garden.html"


class _Visit:
    """A page opened from disk, with everything the browser reported on the way."""

    def __init__(self, browser: Any, path: Path, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


def test_the_example_garden_in_a_browser_desktop_and_phone(
    browser: Any, tmp_path: Path, update_golden: bool
) -> None:
    page_path = _example(tmp_path)
    desktop = _Visit(browser, page_path, viewport={"width": 1280, "height": 1600})
    page = desktop.page
    assert page.title() == "Garden · 20 November 2026"
    assert page.evaluate("document.compatMode") == "CSS1Compat"  # the marker keeps standards mode
    first = page.locator("main > section").first
    assert first.get_attribute("id") == "gestures"
    gestures = page.locator("#gestures li")
    assert gestures.count() == 6
    assert gestures.first.inner_text().startswith("key moment")
    assert "Congratulate Theo Lambert on the new job" in gestures.first.inner_text()
    assert page.locator("#everyone .state.resting").inner_text() == "resting"
    assert page.locator("#everyone svg.spark").count() == 19
    page.screenshot(path=str(tmp_path / "garden-desktop.png"))
    page.screenshot(path=str(tmp_path / "garden-full.png"), full_page=True)
    assert desktop.errors == [] and desktop.dialogs == []
    assert desktop.requests == [desktop.url]
    desktop.close()

    phone = _Visit(
        browser,
        page_path,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.page.screenshot(path=str(tmp_path / "garden-phone.png"))
    assert phone.errors == [] and phone.requests == [phone.url]
    phone.close()
    if update_golden:
        shutil.copy(tmp_path / "garden-desktop.png", ROOT / "docs" / "garden.png")
        shutil.copy(tmp_path / "garden-phone.png", ROOT / "docs" / "garden-phone.png")


def test_a_hostile_contact_is_shown_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    hostile = {
        "people/xss.md": f"""
            ---
            name: "{HOSTILE_NAME}"
            website: "java\\tscript:alert(1)"
            url2: "javascript&colon;alert(1)"
            circle: inner
            ---
            - 2020-01-01 <script>alert(1)</script> [x](javascript:alert(1)) #received
            - 2026-11-19 ![x](https://example.com/x.png) <img src=https://example.com/y.png> #moment
            """,
    }
    visit = _Visit(browser, _example(tmp_path, hostile), viewport={"width": 1280, "height": 1600})
    page = visit.page
    assert page.locator("img, script, iframe").count() == 0
    assert "Reach out to " + HOSTILE_NAME in page.locator("#gestures").inner_text()
    assert page.get_by_text(HOSTILE_NAME, exact=True).first.is_visible()
    page.screenshot(path=str(tmp_path / "garden-hostile.png"), full_page=True)
    assert visit.errors == [] and visit.dialogs == []
    assert visit.requests == [visit.url]
    visit.close()


def test_the_french_garden_in_a_browser(browser: Any, tmp_path: Path) -> None:
    visit = _Visit(browser, _example(tmp_path, lang="fr"), viewport={"width": 390, "height": 844})
    page = visit.page
    assert page.title() == "Jardin · 20 novembre 2026"
    assert page.locator("#gestures h2").inner_text() == "Les gestes du jour"
    assert "Féliciter Theo Lambert pour son nouveau poste" in page.locator("#gestures").inner_text()
    page.screenshot(path=str(tmp_path / "garden-fr.png"), full_page=True)
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()
