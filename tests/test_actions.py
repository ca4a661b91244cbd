"""Links a phone can act on: tel:, sms: and mailto: (with a subject in the vault's language) on
each gesture and each person of GARDEN.md and garden.html; nothing else, always escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from hortus.cli import main
from tests.conftest import MakeVault

ADA = """\
---
name: Ada Lovelace
phone: "+44 (20) 7946-0018"
emails: [ada@example.com, other@example.com]
birthday: 1815-11-21
circle: inner
---
- 2026-11-01: tea
"""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


# Three people with a contact: a garden past its welcome.
OTHERS = {
    "people/bob.md": "# Bob\n- 2026-11-19: tea\n",
    "people/cy.md": "# Cy\n- 2026-11-19: tea\n",
}


def _pages(root: Path) -> tuple[str, str]:
    assert CliRunner().invoke(main, ["--vault", str(root), "regenerate"]).exit_code == 0
    return (root / "GARDEN.md").read_text(), (root / "garden.html").read_text()


def test_gestures_and_people_get_call_text_and_mail_links(make_vault: MakeVault) -> None:
    markdown, html = _pages(
        make_vault({"hortus.toml": "today = 2026-11-20\n", "people/ada.md": ADA, **OTHERS})
    )
    gesture = next(line for line in markdown.splitlines() if line.startswith("1. "))
    assert gesture.endswith(
        " · [call](tel:+442079460018) · [text](sms:+442079460018)"
        " · [e-mail](mailto:ada@example.com?subject=Happy%20birthday%2C%20Ada%21)"
    )
    plant = next(line for line in markdown.splitlines() if line.startswith("- [Ada Lovelace]"))
    assert plant.endswith("[e-mail](mailto:ada@example.com?subject=Hello%20Ada)")
    parser = _Links()
    parser.feed(html)
    # the gesture, "needs watering" and "everyone"
    assert parser.hrefs.count("sms:+442079460018") == 3
    assert "mailto:ada@example.com?subject=Happy%20birthday%2C%20Ada%21" in parser.hrefs


def test_the_subject_is_in_the_vaults_language(make_vault: MakeVault) -> None:
    toml = 'today = 2026-11-20\nlanguage = "fr"\n'
    markdown, _ = _pages(make_vault({"hortus.toml": toml, "people/ada.md": ADA, **OTHERS}))
    assert "[SMS](sms:+442079460018)" in markdown
    assert "subject=Joyeux%20anniversaire%2C%20Ada%C2%A0%21" in markdown
    assert "subject=Bonjour%20Ada" in markdown


def test_values_that_are_not_a_number_or_an_address_make_no_link(make_vault: MakeVault) -> None:
    evil = (
        '---\nname: Eve\nphone: "javascript:alert(1)"\n'
        'email: "x@y.com?bcc=all@corp.com"\nmobile: "+1 555 0100\\"><script>"\n---\n'
    )
    markdown, html = _pages(make_vault({"people/eve.md": evil}))
    parser = _Links()
    parser.feed(html)
    assert not [h for h in parser.hrefs if h.startswith(("sms:", "javascript"))]
    assert "sms:" not in markdown and "<script>" not in html
