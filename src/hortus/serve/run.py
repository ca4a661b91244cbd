"""Starting `hortus serve`: the sockets, the watcher's thread, uvicorn, and a clean stop.

The only importer of uvicorn. It listens on 127.0.0.1 and ::1 (where the machine has it);
another address only with `--host`, and with a warning. Ctrl-C stops uvicorn (which handles
the signal), then the watcher, after its current step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import FrameType

import uvicorn

from hortus.core.errors import HortusError
from hortus.core.reasons import os_reason
from hortus.core.said import Said, said
from hortus.garden import Garden
from hortus.loader.vault import Vault
from hortus.render.i18n import catalogue
from hortus.render.rows import Rows
from hortus.serve.app import Site, make_app
from hortus.serve.guard import Keys
from hortus.serve.pages import garden_page, served_lists
from hortus.serve.parts import Parts
from hortus.serve.state import Running, ServedGarden
from hortus.watch.debounce import Timing

LOOPBACK_V4 = "127.0.0.1"
LOOPBACK_V6 = "::1"
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
SHUTDOWN_GRACE = 1  # seconds given to open event streams at Ctrl-C


@dataclass(frozen=True)
class Options:
    port: int = 8765  # 0: any free port
    host: str | None = None  # another address than loopback (a warning is printed)
    open_browser: bool = True
    today: dt.date | None = None


class PortBusyError(HortusError):
    def __init__(self, host: str, port: int, reason: Said) -> None:
        super().__init__(
            said(
                "cannot listen on {host} port {port} ({reason}); try --port",
                host=host,
                port=port,
                reason=reason,
            )
        )
        self.host = host
        self.port = port


def serve(
    vault: Vault,
    options: Options,
    clock_today: Callable[[], dt.date],
    echo: Callable[[str], None],
    env: Mapping[str, str],
    timing: Timing | None = None,
) -> None:
    """The `hortus serve` command's one call: lock, watch, serve until Ctrl-C, release."""
    serving = Serving.prepare(vault, options, clock_today, echo, env, timing or Timing())
    cat = catalogue(vault.config.language)
    try:
        if options.host:
            warning = said(
                "warning: also listening on {host}: anyone who can reach it and "
                "has the address with its token can read and write your notes",
                host=options.host,
            )
            echo(cat.say(warning))
        echo(cat.t("serve.serving", vault=vault.root, address=serving.address))
        if options.open_browser:
            webbrowser.open(serving.address)
        serving.run()
        echo(cat.t("serve.stopped"))
    finally:
        serving.close()


@dataclass
class Serving:
    """One run of the server: sockets bound and the watch lock held until `close`."""

    site: Site
    running: Running
    server: uvicorn.Server
    sockets: list[socket.socket]
    release: Callable[[], None]

    @classmethod
    def prepare(
        cls,
        vault: Vault,
        options: Options,
        clock_today: Callable[[], dt.date],
        echo: Callable[[str], None],
        env: Mapping[str, str],
        timing: Timing,
    ) -> Serving:
        sockets = listen(options.port, options.host)
        try:
            keys = Keys(sockets[0].getsockname()[1], _host_names(options.host))
            live = served_garden(vault, options.today, keys)
            release = live.hold_watch_lock()
        except BaseException:
            _close(sockets)
            raise
        site = Site(vault, keys, live, clock_today, env)
        running = Running(live, clock_today, echo, timing)
        server = _Server(_config(site), site.stopping)
        return cls(site, running, server, sockets, release)

    @property
    def address(self) -> str:
        """The address to open, with the token."""
        keys = self.site.keys
        return f"http://{LOOPBACK_V4}:{keys.port}/?token={keys.token}"

    def run(self) -> None:
        """Watch and serve until Ctrl-C (or `stop`); raises what stopped the watcher."""
        self.running.start()
        _stop_with(self.running, self.server)
        try:
            self.server.run(sockets=self.sockets)
        finally:
            self.site.stopping.set()
            self.running.stop()
        if self.running.error is not None:
            raise self.running.error

    def stop(self) -> None:
        """Ask a `run` in another thread to finish (tests, benchmarks)."""
        self.site.stopping.set()
        self.server.should_exit = True

    def close(self) -> None:
        _close(self.sockets)
        self.release()


def _host_names(host: str | None) -> tuple[str, ...]:
    """`--host` as a `Host` header names it (an IPv6 address in brackets)."""
    if not host:
        return ()
    bare = host.strip("[]")
    return (f"[{bare}]",) if ":" in bare else (bare,)


class _Server(uvicorn.Server):
    """uvicorn's server, which first tells the event streams to end (they would otherwise
    keep Ctrl-C waiting, then be cancelled with a traceback)."""

    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self.stopping = stopping

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.stopping.set()
        super().handle_exit(sig, frame)
        # uvicorn raises the signal again once it has stopped (for programs that embed it),
        # which would end hortus before it stops the watcher and says so: it stops cleanly
        # and exits 0 instead, as `hortus watch` does.
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()


def _close(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.close()


def served_garden(vault: Vault, today: dt.date | None, keys: Keys) -> ServedGarden:
    language = vault.config.language

    short, _ = served_lists(vault.config.lists)

    def make_page(
        garden: Garden, digests: dict[str, str], version: int, rows: Rows
    ) -> tuple[bytes, Parts | None]:
        return garden_page(garden, language, keys.csrf, digests, version, rows, short)

    return ServedGarden(vault, today, make_page)


def _stop_with(running: Running, server: uvicorn.Server) -> None:
    """When the watcher stops by itself (the vault disappeared), the server stops too."""

    def wait() -> None:
        running.stopped.wait()
        server.handle_exit(signal.SIGTERM, None)

    threading.Thread(target=wait, name="hortus-serve-stop", daemon=True).start()


def _config(site: Site) -> uvicorn.Config:
    return uvicorn.Config(
        make_app(site),
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=SHUTDOWN_GRACE,
        server_header=False,
        date_header=False,
    )


class WildcardHostError(HortusError):
    def __init__(self, host: str) -> None:
        super().__init__(
            said(
                "--host {host} would listen on every address, and requests could not be "
                "checked against the address they were sent to; give the one address other "
                "machines will use (e.g. --host 192.168.1.20)",
                host=host,
            )
        )
        self.host = host


def listen(port: int, host: str | None) -> list[socket.socket]:
    """Bound sockets: 127.0.0.1 (required), ::1 on the same port (when the machine has IPv6
    loopback), and `host` when given."""
    if host is not None and host.strip("[]") in WILDCARDS:
        raise WildcardHostError(host)
    host = host.strip("[]") if host else None
    first = _bind(LOOPBACK_V4, port)
    sockets = [first]
    port = first.getsockname()[1]
    with contextlib.suppress(OSError):
        sockets.append(_bind(LOOPBACK_V6, port, socket.AF_INET6))
    if host and host not in (LOOPBACK_V4, LOOPBACK_V6, "localhost"):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            sockets.append(_bind(host, port, family))
        except OSError as exc:
            for sock in sockets:
                sock.close()
            raise PortBusyError(host, port, os_reason(exc)) from exc
    return sockets


def _bind(host: str, port: int, family: socket.AddressFamily = socket.AF_INET) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.set_inheritable(True)
    except OSError as exc:
        sock.close()
        if family == socket.AF_INET6 and host == LOOPBACK_V6:
            raise
        raise PortBusyError(host, port, os_reason(exc)) from exc
    os.set_blocking(sock.fileno(), False)
    return sock
