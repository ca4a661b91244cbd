"""Time `hortus serve` on one vault: its start, the garden page's first response, and the time
from a save in an editor to the served page updated (the event stream says so and the new page
is fetched), median and p95.

Usage:
    python bench/bench_serve.py VAULT [--saves 20] [--requests 20]

Needs the `hortus` console script on PATH with the `serve` extra. It appends a line to a few
notes of the vault (as an editor saves: temp file, then rename) and puts their bytes back
afterwards; the server also writes its garden pages and `.hortus/` there, so give it a copy
(`cp -r /tmp/vault-L /tmp/serve-L`). Standard library only: the client is `http.client`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ADDRESS_RE = re.compile(r"at (http://127\.0\.0\.1:(\d+)/\?token=(\S+)) ")
VERSION_RE = re.compile(rb'<meta name="hortus-version" content="(\d+)">')


class Server:
    """`hortus serve` in a child process, and its output read on a thread."""

    def __init__(self, vault: Path) -> None:
        started = time.perf_counter()
        self.process = subprocess.Popen(
            ["hortus", "--vault", str(vault), "serve", "--port", "0", "--no-open"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        address = self._wait_for(lambda line: ADDRESS_RE.search(line) is not None)
        found = ADDRESS_RE.search(address)
        assert found is not None
        self.port = int(found.group(2))
        self.token = found.group(3)
        self._wait_for(lambda line: " started → " in line)
        self.start_seconds = time.perf_counter() - started

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _wait_for(self, wanted: object, timeout: float = 600) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if "Traceback" in line or line.startswith("Error"):
                raise RuntimeError(line)
            if wanted(line):  # type: ignore[operator]
                return line

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)


class Client:
    """A browser's side, over plain HTTP: the cookie, then pages and events."""

    def __init__(self, server: Server) -> None:
        self.port = server.port
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", f"/?token={server.token}")
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 303, answer.status
        self.cookie = answer.getheader("set-cookie", "").split(";", 1)[0]
        connection.close()

    def get(self, path: str) -> tuple[float, bytes]:
        """Seconds from sending the request to the last byte of the answer, and the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", path, headers={"cookie": self.cookie})
        answer = connection.getresponse()
        body = answer.read()
        seconds = time.perf_counter() - started
        connection.close()
        assert answer.status == 200, answer.status
        return seconds, body

    def events(self, version: int) -> queue.Queue[tuple[float, int]]:
        """Each `garden` event of the stream, with the time it arrived."""
        arrived: queue.Queue[tuple[float, int]] = queue.Queue()

        def listen() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=3600)
            connection.request("GET", f"/events?v={version}", headers={"cookie": self.cookie})
            answer = connection.getresponse()
            event = ""
            while True:
                line = answer.fp.readline().decode()
                if not line:
                    return
                if line.startswith("event: "):
                    event = line[7:].strip()
                elif line.startswith("data: ") and event == "garden":
                    arrived.put((time.perf_counter(), int(line[6:])))

        threading.Thread(target=listen, daemon=True).start()
        return arrived


def version_of(page: bytes) -> int:
    found = VERSION_RE.search(page)
    return int(found.group(1)) if found else 0


def people(vault: Path, count: int) -> list[Path]:
    folder = vault / "people"
    found = sorted(p for p in folder.rglob("*.md") if not any(s.startswith(".") for s in p.parts))
    step = max(1, len(found) // count)
    return found[::step][:count]


def save(path: Path, data: bytes) -> None:
    """As an editor with atomic saves: a temp file beside it, renamed over it."""
    temp = path.with_name(f".{path.name}.bench-swp")
    temp.write_bytes(data)
    os.replace(temp, path)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def in_browser(server: Server, notes: list[Path], originals: dict[Path, bytes]) -> list[float]:
    """Save → the page in Chromium shows the new version (its script swapped the page in)."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    latencies = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless"])
        # bypass_csp: the benchmark's own polling script is evaluated in the page
        page = browser.new_page(bypass_csp=True, viewport={"width": 1280, "height": 900})
        page.goto(f"http://127.0.0.1:{server.port}/?token={server.token}", wait_until="load")
        page.evaluate("document.documentElement.dataset.version = '0'")
        version = "Number(document.documentElement.dataset.version)"
        for number, path in enumerate(notes):
            before = page.evaluate(version)
            save(path, originals[path] + f"\n- 2026-11-20: browser save {number}\n".encode())
            saved = time.perf_counter()
            page.wait_for_function(f"{version} > {before}", polling=10, timeout=60_000)
            latencies.append(time.perf_counter() - saved)
            time.sleep(0.3)
        browser.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--browser", action="store_true", help="also time the page in Chromium (Playwright)"
    )
    args = parser.parse_args()
    vault: Path = args.vault.resolve()
    notes = people(vault, args.saves)
    originals = {path: path.read_bytes() for path in notes}
    server = Server(vault)
    try:
        client = Client(server)
        first, page = client.get("/")
        again = [client.get("/")[0] for _ in range(args.requests)]
        events = client.events(version_of(page))
        time.sleep(0.5)  # the stream is open
        latencies = []
        told = []  # save → the event stream says a newer page is there
        for number, path in enumerate(notes):
            data = originals[path] + f"\n- 2026-11-20: bench save {number}\n".encode()
            save(path, data)
            saved = time.perf_counter()
            arrived, version = events.get(timeout=60)
            told.append(arrived - saved)
            while True:  # a page of that version or newer
                _, body = client.get("/")
                if version_of(body) >= version:
                    break
            latencies.append(time.perf_counter() - saved)
            time.sleep(0.3)  # one save at a time, as a person saves
        shown = in_browser(server, notes, originals) if args.browser else []
    finally:
        for path, data in originals.items():
            save(path, data)
        server.stop()
    print(f"| vault | {vault} |")
    print(f"|---|---|\n| start (to the first garden shown) | {server.start_seconds:.2f} s |")
    print(f"| garden page | {len(page) / 1e6:.2f} MB |")
    print(f"| first response of the garden page | {first * 1000:.0f} ms |")
    print(
        f"| next {args.requests} responses, median / p95 | "
        f"{statistics.median(again) * 1000:.0f} / {percentile(again, 0.95) * 1000:.0f} ms |"
    )
    print(
        f"| save → page updated ({len(latencies)} saves), median / p95 | "
        f"{statistics.median(latencies) * 1000:.0f} / "
        f"{percentile(latencies, 0.95) * 1000:.0f} ms |"
    )
    print(
        f"| … of which save → event, median / p95 | {statistics.median(told) * 1000:.0f} / "
        f"{percentile(told, 0.95) * 1000:.0f} ms |"
    )
    if shown:
        print(
            f"| save → page updated in Chromium, median / p95 | "
            f"{statistics.median(shown) * 1000:.0f} / {percentile(shown, 0.95) * 1000:.0f} ms |"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
