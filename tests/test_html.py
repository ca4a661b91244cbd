"""render/html.py: garden.html is self-contained, escaped, and links only where it may."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from hortus.cli import main
from hortus.render.html import CSP, HTML_MARKER, safe_url
from hortus.render.snippet import inline_html
from tests.conftest import MakeVault

TODAY = "2026-11-20"

# RELIABILITY.md §4 row 21, plus hostile text in every place a note's words reach the page.
HOSTILE = {
    "people/xss.md": """
        ---
        name: "<img src=x onerror=alert(1)>"
        website: "java\\tscript:alert(1)"
        url2: "javascript&colon;alert(1)"
        homepage: "JavaScript:alert(1)"
        email: "a@example.com\\" onmouseover=\\"alert(1)"
        phone: "+33 1 23 45 67 89"
        blog: "https://example.com/?q=<b>&x=\\"y\\""
        circle: inner
        birthday: 1990-11-21
        ---
        - 2026-11-19 <script>alert(1)</script> [x](javascript:alert(1)) #moment/<b>job</b>
        - 2026-11-18 <a href="javascript:alert(2)">y</a> <!-- --><script>alert(3)</script> #received
        - 2026-10-01 tea ![pic](https://evil.example/pixel.png) [[<img onerror=alert(4)>]]
        - [ ] <iframe src="https://evil.example"></iframe> 📅 2026-11-01
        """,
    "people/ok.md": "---\nname: Good Friend\nemail: good@example.com\n---\n- 2026-11-19 tea\n",
    "journal/<script>.md": "[[Nobody <script>]] was there.\n",
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(make_vault: MakeVault, files: dict[str, str], *extra: str) -> tuple[Path, str]:
    root = make_vault(files)
    result = CliRunner().invoke(
        main, ["--vault", str(root), *extra, "regenerate", "--today", TODAY]
    )
    assert result.exit_code == 0, result.output
    return root, (root / "garden.html").read_text(encoding="utf-8")


def test_the_page_is_self_contained_with_a_strict_csp(make_vault: MakeVault) -> None:
    _, page = _page(make_vault, HOSTILE)
    lines = page.splitlines()
    assert lines[0] == HTML_MARKER
    assert lines[1] == "<!DOCTYPE html>"
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    parser = _Collector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "iframe", "img", "link", "object", "embed", "form", "base"}
    for tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)


def test_every_link_is_a_vault_file_or_an_allowed_url(make_vault: MakeVault) -> None:
    _, page = _page(make_vault, HOSTILE)
    parser = _Collector()
    parser.feed(page)
    hrefs = [attrs["href"] or "" for tag, attrs in parser.tags if "href" in attrs]
    assert hrefs
    for href in hrefs:
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", href)
        if scheme:
            assert scheme.group(1).lower() in ("http", "https", "mailto", "tel", "sms"), href
            assert "javascript" not in href.lower()
        else:
            assert not href.startswith(("/", "//")) and ".." not in href, href
    assert "mailto:good@example.com" in hrefs
    assert "tel:+33123456789" in hrefs
    assert "people/xss.md" in hrefs


def test_hostile_text_is_shown_as_text(make_vault: MakeVault) -> None:
    _, page = _page(make_vault, HOSTILE)
    parser = _Collector()
    parser.feed(page)
    text = "".join(parser.text)
    assert "<img src=x onerror=alert(1)>" in text  # the name, as text
    assert "<script>alert(1)</script>" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    ("key", "value", "url"),
    [
        ("website", "https://example.com/a?b=c", "https://example.com/a?b=c"),
        ("site", "HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("email", "ada@example.com", "mailto:ada@example.com"),
        ("anything", "mailto:ada@example.com", "mailto:ada@example.com"),
        ("phone", "+44 20 7946 0000", "tel:+442079460000"),
        ("tel", "tel:+441234", "tel:+441234"),
        ("website", "java\tscript:alert(1)", None),
        ("website", "javascript:alert(1)", None),
        ("url2", "javascript&colon;alert(1)", None),
        ("website", "data:text/html,<script>", None),
        ("website", "file:///etc/passwd", None),
        ("website", "https://exa mple.com", None),
        ("website", 'https://example.com/"onmouseover="x', None),
        ("email", "not an email", None),
        ("city", "Lyon", None),
        ("count", 3, None),
    ],
)
def test_safe_url(key: str, value: object, url: str | None) -> None:
    assert safe_url(key, value) == url


def test_snippets_keep_emphasis_and_drop_html_links_and_images() -> None:
    html = inline_html(
        "*so* `code` <b>x</b> [link](https://e.com) ![i](https://e.com/p.png) [[Ada|A]]"
    )
    assert html == "<em>so</em> <code>code</code> &lt;b&gt;x&lt;/b&gt; link i A"
    assert "href" not in inline_html("<https://example.com> [x](javascript:alert(1))")


def test_the_page_is_stable_and_in_french_when_asked(make_vault: MakeVault) -> None:
    files = {**HOSTILE, "hortus.toml": 'language = "fr"\n'}
    root, page = _page(make_vault, files)
    assert '<html lang="fr">' in page
    assert "Les gestes du jour" in page and "20 novembre 2026" in page
    again = CliRunner().invoke(main, ["--vault", str(root), "regenerate", "--today", TODAY])
    assert again.output.startswith("Déjà à jour")
    assert (root / "garden.html").read_text(encoding="utf-8") == page


def test_a_garden_html_hortus_did_not_write_is_never_replaced(make_vault: MakeVault) -> None:
    root = make_vault({"people/ada.md": "# Ada\n", "garden.html": "<p>my own page</p>\n"})
    result = CliRunner().invoke(main, ["--vault", str(root), "regenerate", "--today", TODAY])
    assert result.exit_code == 1
    assert "garden.html exists and was not written by hortus" in result.stderr
    assert (root / "garden.html").read_text(encoding="utf-8") == "<p>my own page</p>\n"
    assert not (root / "GARDEN.md").exists()  # one refusal writes nothing


def test_sparklines_and_the_chart_count_the_last_twelve_months(make_vault: MakeVault) -> None:
    files = {
        "people/ada.md": "# Ada\n- 2026-11-02 a\n- 2026-11-03 b\n- 2025-12-01 c\n- 2025-11-30 d\n"
    }
    _, page = _page(make_vault, files)
    assert "Ada: 3 interactions in the last 12 months" in page
    assert "<title>November 2026: 2 interactions</title>" in page
    assert "<title>December 2025: 1 interaction</title>" in page
    assert dt.date(2025, 11, 30).isoformat() not in page
