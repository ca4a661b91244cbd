"""`hortus serve` as a command, in its own process: the address it prints, Ctrl-C, the lock."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

VAULT = {"hortus.toml": "today = 2026-11-20\n", "people/ada.md": "---\nname: Ada\n---\n"}
ADDRESS = re.compile(
    r"^serving (.+) at http://127\.0\.0\.1:(\d+)/\?token=(\S+) \(Ctrl-C to stop\)$"
)


@pytest.fixture
def server(make_vault: MakeVault) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    root = make_vault(VAULT)
    process = subprocess.Popen(
        [sys.executable, "-m", "hortus", "--vault", str(root), "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().rstrip("\n")
    found = ADDRESS.match(line)
    assert found is not None, line
    assert found.group(1) == str(root)
    assert " started → wrote GARDEN.md, garden.html" in process.stdout.readline()
    yield process, int(found.group(2)), found.group(3)
    if process.poll() is None:
        process.kill()
    process.communicate()


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def test_it_serves_the_address_it_prints_and_stops_cleanly_on_ctrl_c(
    server: tuple[subprocess.Popen[str], int, str],
) -> None:
    process, port, token = server
    assert _get(port, "/").status == 403
    entered = _get(port, f"/?token={token}")
    assert entered.status == 303
    cookie = entered.getheader("set-cookie", "").split(";", 1)[0]
    assert _get(port, "/", {"cookie": cookie}).status == 200
    ipv6 = http.client.HTTPConnection("::1", port, timeout=10)
    try:
        ipv6.request("GET", "/", headers={"cookie": cookie, "host": f"[::1]:{port}"})
        assert ipv6.getresponse().status == 200
    except OSError:
        pass  # no IPv6 loopback on this machine: only 127.0.0.1 is served
    finally:
        ipv6.close()
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    assert process.returncode == 0, out
    assert out.strip().endswith("stopped serving.")
    assert "Traceback" not in out


def test_a_second_server_or_watcher_on_the_vault_is_refused(
    server: tuple[subprocess.Popen[str], int, str], tmp_path: Path
) -> None:
    root = tmp_path / "vault"
    for args in (["serve", "--port", "0", "--no-open"], ["watch"]):
        result = CliRunner().invoke(main, ["--vault", str(root), *args])
        assert result.exit_code == 1
        assert "is already watching" in result.output


def test_a_wildcard_host_is_refused_with_a_reason(make_vault: MakeVault) -> None:
    root = make_vault(VAULT)
    for host in ("0.0.0.0", "::", "[::]"):
        result = CliRunner().invoke(
            main, ["--vault", str(root), "serve", "--port", "0", "--no-open", "--host", host]
        )
        assert result.exit_code == 1
        assert "would listen on every address" in result.output


def test_a_busy_port_is_said(make_vault: MakeVault) -> None:
    import socket

    root = make_vault(VAULT)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["--vault", str(root), "serve", "--port", str(port), "--no-open"]
        )
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in result.output
