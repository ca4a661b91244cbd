"""garden.html in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

No console error, no network request, the gestures first, a hostile name shown as text, no
sideways scrolling on a phone, and a page that stays short: its height and sideways scroll
measured at 1280 and 390 px on the example vault, on a vault of long paths and names, and on
a generated vault of 2,000 people (bench/gen_vault.py --size M). Screenshots go to the
test's folder; `pytest --update-golden` also refreshes the README's screenshots in docs/.
Skipped where Chromium is missing, except on CI (`CI=true`), where `.ci/run` installs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import write_vault

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-vault"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"


def _example(tmp_path: Path, extra: dict[str, str | bytes] | None = None, lang: str = "") -> Path:
    root = tmp_path / "example-vault"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("GARDEN*.md", "garden*.html"))
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
    assert gestures.first.inner_text().startswith("water")  # Maya, of the inner circle
    assert "Congratulate Jonas Weber on the engagement" in gestures.nth(1).inner_text()
    assert page.locator("#contents a").first.get_attribute("href") == "#gestures"
    assert page.locator("#everyone .state.resting").inner_text() == "resting"
    assert page.locator("#everyone li").count() == 19
    sparks, flat = page.locator("#everyone svg.spark"), page.locator("#everyone .months.scale")
    assert sparks.count() + flat.count() == 19 and flat.count() >= 1
    assert flat.first.inner_text() == "nothing in 12 months"
    assert page.locator("#everyone .months .scale").first.inner_text().startswith("up to ")
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


# The issue's targets, in 1280 × 800 desktop screens; a phone screen is 390 × 844.
MAX_DESKTOP_SCREENS = 15
MAX_PHONE_SCREENS = 30
LONG_NAME = "Maximiliane Alexandrina Konstantinopoulou-Wittgensteinbrandt"  # 60 characters


def _measure(browser: Any, path: Path) -> dict[int, tuple[int, int]]:
    """Width → (page height, sideways overflow) in CSS pixels, at 1280 and 390 px."""
    found = {}
    # Not `is_mobile`: a phone's browser widens its layout to fit what overflows (and then
    # nothing seems to scroll); a 390 px window shows the overflow itself.
    for width, height in ((1280, 800), (390, 844)):
        visit = _Visit(browser, path, viewport={"width": width, "height": height})
        page = visit.page
        total = page.evaluate("document.documentElement.scrollHeight")
        sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert visit.errors == [] and visit.requests == [visit.url]
        visit.close()
        found[width] = (total, sideways)
    return found


def _assert_calm(found: dict[int, tuple[int, int]]) -> None:
    desktop, phone = found[1280], found[390]
    assert desktop[1] <= 0 and phone[1] <= 0, found  # nothing scrolls sideways
    assert desktop[0] <= MAX_DESKTOP_SCREENS * 800, found
    assert phone[0] <= MAX_PHONE_SCREENS * 844, found


def test_the_example_page_is_short_at_1280_and_390(browser: Any, tmp_path: Path) -> None:
    found = _measure(browser, _example(tmp_path))
    _assert_calm(found)
    assert found[1280][0] <= 6 * 800  # 17 people: about five screens


def test_long_paths_and_names_wrap_on_a_phone(browser: Any, tmp_path: Path) -> None:
    path = "people/friends/university/hannah-berg-from-the-climbing-club.md"
    long = {
        path: "---\nname: Hannah from the climbing club\ncircle: inner\n---\n"
        "- 2026-09-01 climbing #moment/move\n"
        "- [ ] send the guidebook 📅 2026-11-01\n",
        "people/friends/university/someone-with-a-very-long-name-indeed.md": f"---\n"
        f"name: {LONG_NAME}\ncircle: close\nbirthday: 1990-11-21\n---\n- 2026-08-01 tea\n",
    }
    page_path = _example(tmp_path, long)
    found = _measure(browser, page_path)
    _assert_calm(found)
    visit = _Visit(browser, page_path, viewport={"width": 390, "height": 844}, is_mobile=True)
    assert visit.page.get_by_text(f"{path}:6").first.is_visible()
    assert visit.page.get_by_text(LONG_NAME).first.is_visible()
    visit.page.screenshot(path=str(tmp_path / "garden-long.png"), full_page=True)
    visit.close()


def test_a_garden_of_two_thousand_people_stays_short(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "vault-M"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen_vault.py"), str(root), "--size", "M"],
        check=True,
        capture_output=True,
    )
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate"])
    assert result.exit_code == 0, result.output
    page_path = root / "garden.html"
    assert page_path.stat().st_size <= 400_000
    found = _measure(browser, page_path)
    _assert_calm(found)
    visit = _Visit(browser, page_path, viewport={"width": 1280, "height": 800})
    page = visit.page
    sections = page.locator("main > section")
    assert [sections.nth(n).get_attribute("id") for n in range(2)] == [
        "gestures",
        "needs_watering",
    ]
    assert page.locator("#needs_watering li:not(.more)").count() == 8
    more = page.locator("#needs_watering li.more a")
    assert more.get_attribute("href") == "garden-all.html#needs_watering"
    assert page.locator("#contents a[href='#needs_watering'] + .count").inner_text() == "993"
    visit.close()


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
    assert "Féliciter Jonas Weber pour les fiançailles" in page.locator("#gestures").inner_text()
    page.screenshot(path=str(tmp_path / "garden-fr.png"), full_page=True)
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()
