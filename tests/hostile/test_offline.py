"""No network, ever; and garden.html, parsed, holds nothing that runs or calls out.

A full `regenerate`, every export, `status` and a watcher cycle run with sockets disabled
(monkeypatched to raise) and an audit hook that records any socket, DNS or URL opening the
process attempts, from Python or from C. The page of the hostile corpus's XSS vault is then
walked with `html.parser` against an allow-list (tests/test_html.py checks the rest).
"""

from __future__ import annotations

import re
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.render.html import CSP
from tests.hostile.cases import GRACE, XSS
from tests.test_html import HOSTILE, _Collector
from tests.test_watch import Harness, contact

_ATTEMPTS: list[str] = []
_ARMED: list[bool] = []
_NETWORK = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _ARMED and event.startswith(_NETWORK):
        _ATTEMPTS.append(f"{event}{args!r:.80}")


sys.addaudithook(_audit)  # hooks cannot be removed; it records only while armed


class _NoSocket:
    def __init__(self, *args: object, **kwargs: object) -> None:
        _ATTEMPTS.append("socket.socket()")
        raise OSError("network disabled in this test")


def _refuse(*args: object, **kwargs: object) -> object:
    _ATTEMPTS.append("socket helper")
    raise OSError("network disabled in this test")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(socket, "socket", _NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, _refuse)
    _ATTEMPTS.clear()
    _ARMED.append(True)
    yield _ATTEMPTS
    _ARMED.clear()


def _vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    files = {**HOSTILE, "people/grace.md": GRACE, "people/xss2.md": XSS}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text if text.startswith("---") else text.lstrip("\n"))
    (root / "people/xss.md").write_text(_dedent(HOSTILE["people/xss.md"]))
    (root / "hortus.toml").write_text('ics = "garden.ics"\n')
    return root


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).lstrip("\n")


def test_everything_runs_offline(offline: list[str], tmp_path: Path) -> None:
    root = _vault(tmp_path)
    runner = CliRunner()
    commands = [
        ["regenerate", "--today", "2026-11-20"],
        ["check"],
        ["status", "--json", "--today", "2026-11-20"],
        ["show", "Grace Hopper", "--today", "2026-11-20"],
        *[
            ["export", kind, "-o", str(tmp_path / f"out.{kind}")]
            for kind in ("vcard", "ics", "csv")
        ],
    ]
    for args in commands:
        result = runner.invoke(main, ["--vault", str(root), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert "Traceback" not in result.output
    assert (root / "garden.html").exists() and (root / "garden.ics").exists()
    h = Harness(root).start()
    try:
        (root / "people/ada.md").write_text(contact("Ada Lovelace", "2026-11-19"))
        h.expect(2)
        assert "Ada Lovelace" in h.garden()
    finally:
        h.stop()
    assert offline == []


def test_the_trap_sees_a_connection(offline: list[str]) -> None:
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert offline  # so an empty list above means hortus tried nothing


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_ALLOWED_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def _check_url(value: str) -> None:
    assert value == value.strip() and not re.search(r"[\x00-\x20\x7f]", value), value
    scheme = _SCHEME.match(value)
    if scheme:
        assert scheme.group(1).lower() in _ALLOWED_SCHEMES, value
    else:  # a relative link to a note of the vault
        assert not value.startswith(("/", "\\", "//")) and ".." not in value.split("/"), value
        assert value.split("#")[0].endswith(".md") or value.startswith("#"), value


def test_the_hostile_page_passes_the_allow_list(tmp_path: Path) -> None:
    root = _vault(tmp_path)
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate", "--today", "2026-11-20"])
    assert result.exit_code == 0, result.output
    page = (root / "garden.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    metas = [attrs for tag, attrs in parser.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert not [m for m in metas if (m.get("http-equiv") or "").lower() == "refresh"]
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "frame", "object", "embed", "base", "form"}, tag
        assert tag not in {"img", "math", "link", "video", "audio", "image", "use"}, tag
        assert tag not in {"foreignobject", "animate", "set", "animatetransform"}, tag  # SVG's
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in {"src", "srcset", "action", "formaction", "style"}, (tag, name)
            if name in {"href", "xlink:href", "poster", "background", "data"}:
                _check_url(value or "")
    assert [tag for tag, _ in parser.tags].count("style") == 1  # hortus's own, in <head>
    assert page.index("<style") < page.index("<body")
    text = "".join(parser.text)
    assert "<img src=x onerror=alert(1)>" in text  # shown, as text
    assert "<script>alert(1)</script>" in text
    lowered = page.lower()
    for needle in ("<script", "<iframe", "<img"):  # raw tags; as text they are &lt;
        assert needle not in lowered, needle
