"""Headless Chromium (Debian's `chromium`) driven by Playwright, for the tests that look at a
page in a real browser: `tests/test_browser.py` (garden.html) and `tests/test_serve_browser.py`
(`hortus serve`). The `browser` fixture (tests/conftest.py) launches it once per module."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

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


def missing(reason: str) -> None:
    """Skipped where Chromium or Playwright is missing, except on CI (`CI=true`), where
    `.ci/run` installs both: there a missing browser fails the run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)


def launch() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed")
    if CHROMIUM is None:
        missing("no chromium on this machine")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
