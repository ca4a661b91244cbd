"""`hortus serve` over HTTP (Starlette's test client): nobody else gets in, every value is
escaped, and every action writes once, through the byte-safe path, or says why not."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MakeVault
from tests.serving import ORIGIN, PORT, Served, serve_vault

VAULT = {
    "hortus.toml": "today = 2026-11-20\n",
    "people/ada.md": """
        ---
        name: Ada Lovelace
        email: ada@example.com
        ---
        ## 2026-11-18 She starts at the Analytical Engine company #moment/job
        - [ ] send her the article 📅 2026-11-10
        """,
    "people/bob.md": """
        ---
        name: Bob
        ---
        - 2026-11-01 introduced me to Carla #received
        """,
    "people/xss.md": """
        ---
        name: "<script>alert(1)</script>"
        website: "javascript:alert(1)"
        homepage: "java\\tscript:alert(2)"
        blog: "https://example.com/<b>"
        ---
        - 2026-10-01 <img src=x onerror=alert(3)> [x](javascript:alert(4))
        """,
}


@pytest.fixture
def served(make_vault: MakeVault) -> Served:
    return serve_vault(make_vault(VAULT))


def _root(served: Served) -> Path:
    return served.site.vault.root


# -- nobody else gets in ---------------------------------------------------------------


ROUTES = ["/", "/person/people/ada", "/search?q=article", "/static/serve.js", "/nowhere"]


def test_without_the_token_every_route_answers_403(served: Served) -> None:
    for route in ROUTES:
        answer = served.stranger.get(route)
        assert answer.status_code == 403, route
        assert "Ada" not in answer.text
    answer = served.stranger.post(
        "/log", data={"who": "ada", "text": "x"}, headers={"origin": ORIGIN}
    )
    assert answer.status_code == 403
    assert served.stranger.get("/events").status_code == 403
    assert "open the address hortus serve printed (with its token)" in answer.text


def test_a_wrong_token_is_refused_in_the_address_and_in_the_cookie(served: Served) -> None:
    assert served.stranger.get("/?token=nope").status_code == 403
    served.stranger.cookies.set("hortus", "nope")
    assert served.stranger.get("/").status_code == 403


def test_the_token_in_the_address_becomes_an_httponly_strict_cookie(served: Served) -> None:
    token = served.site.keys.token
    answer = served.stranger.get(f"/search?q=tea&token={token}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/search?q=tea"  # the token leaves the address
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"hortus={token};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert served.stranger.get("/").status_code == 200  # the cookie now opens every page


@pytest.mark.parametrize(
    "host",
    ["evil.example", f"evil.example:{PORT}", "127.0.0.1:1", f"localhost.evil.example:{PORT}", ""],
)
def test_another_host_header_is_refused_even_with_the_cookie(served: Served, host: str) -> None:
    answer = served.client.get("/", headers={"host": host})
    assert answer.status_code == 403
    assert "Ada" not in answer.text


def test_loopback_names_with_the_right_port_are_served(served: Served) -> None:
    for host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}"):
        assert served.client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "null", f"http://127.0.0.1:{PORT + 1}", None]
)
def test_a_post_from_another_origin_is_refused_and_writes_nothing(
    served: Served, origin: str | None
) -> None:
    before = (_root(served) / "people/ada.md").read_bytes()
    headers = {"origin": origin} if origin else {}
    data = {"csrf": served.csrf, "who": "ada", "text": "hello", "once": "1"}
    answer = served.client.post("/log", data=data, headers=headers)
    assert answer.status_code == 403
    assert (_root(served) / "people/ada.md").read_bytes() == before


@pytest.mark.parametrize("csrf", [None, "", "0" * 64])
def test_a_post_without_the_right_csrf_token_is_refused(served: Served, csrf: str | None) -> None:
    before = (_root(served) / "people/ada.md").read_bytes()
    data = {"who": "ada", "text": "hello", "once": "1"}
    if csrf is not None:
        data["csrf"] = csrf
    answer = served.client.post("/log", data=data, headers={"origin": ORIGIN})
    assert answer.status_code == 403
    assert (_root(served) / "people/ada.md").read_bytes() == before


def test_every_answer_has_the_strict_headers_and_no_cors(served: Served) -> None:
    for client, route in ((served.client, "/"), (served.stranger, "/"), (served.client, "/x")):
        answer = client.get(route, headers={"origin": "http://evil.example"})
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert "http" not in csp  # no external source at all
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert not [h for h in answer.headers if h.lower().startswith("access-control-")]


def test_other_methods_are_refused(served: Served) -> None:
    for method in ("PUT", "DELETE", "OPTIONS", "PATCH"):
        answer = served.client.request(method, "/", headers={"origin": ORIGIN})
        assert answer.status_code in (403, 405), method


@pytest.mark.parametrize(
    "route",
    [
        "/person/../../../etc/passwd",
        "/person/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/person/people%2F..%2F..%2Fhortus.toml",
        "/person/%2Fetc%2Fpasswd",
        "/person/people/ada.md",
        "/static/..%2F..%2F..%2Fhortus.toml",
        "/static/../../hortus.toml",
        "/people/ada.md",
        "/hortus.toml",
        "/garden.html",
        "/.hortus/cache.sqlite",
    ],
)
def test_no_route_serves_a_file_of_the_vault_or_outside_it(served: Served, route: str) -> None:
    answer = served.client.get(route)
    assert answer.status_code in (403, 404), route
    assert "today = 2026" not in answer.text and "root:" not in answer.text
    assert "name: Ada" not in answer.text


def test_a_promise_form_cannot_name_a_path_outside_the_notes(
    served: Served, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("- [ ] send her the article\n", encoding="utf-8")
    for path in ("../outside.md", str(outside), "people/../../outside.md", "hortus.toml"):
        fields = {"path": path, "line": "1", "text": "send her the article", "outcome": "kept"}
        answer: Any = served.post("/promise", fields, json=True)
        assert answer.status_code == 409 and answer.json()["refused"]
    assert outside.read_text(encoding="utf-8") == "- [ ] send her the article\n"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
        if tag == "img":
            self.images += 1
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v is not None]
        self.handlers += [k for k, _ in attrs if k.startswith("on")]


def test_a_hostile_contact_is_escaped_on_every_page(served: Served) -> None:
    for route in ("/", "/person/people/xss", "/search?q=onerror"):
        text = served.client.get(route).text
        links = _Links()
        links.feed(text)
        assert links.scripts == [{"src": "/static/serve.js", "defer": None}], route
        assert links.handlers == [] and links.images == 0, route
        for url in links.urls:
            assert re.match(r"(/|#|https?://|mailto:|tel:|sms:)", url), (route, url)
        assert "javascript:" not in " ".join(links.urls)
    page = served.client.get("/person/people/xss").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.com/&lt;b&gt;"' not in page  # not a link: `<` is not in a URL


# -- acting on the garden ----------------------------------------------------------------


def _gesture_form(page: str, key: str) -> dict[str, str]:
    form = re.search(
        r'<form class="act" method="post" action="/done" data-hortus>(.*?)</form>', page
    )
    assert form is not None
    for found in re.finditer(
        r'<form class="act" method="post" action="/done" data-hortus>(.*?)</form>', page
    ):
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', found.group(1)))
        if fields.get("key") == key:
            return {k: v.replace("&#x27;", "'").replace("&quot;", '"') for k, v in fields.items()}
    raise AssertionError(f"no done form for {key}")


def test_done_on_a_gesture_writes_one_dated_entry_and_the_gesture_leaves(served: Served) -> None:
    page = served.client.get("/").text
    assert "Congratulate Ada Lovelace on the new job" in page
    fields = _gesture_form(page, "people/ada")
    assert fields["text"] == "Congratulated Ada Lovelace on the new job"
    fields["text"] = "Congratulated her on the new job"
    answer: Any = served.post("/done", fields, json=True)
    assert answer.status_code == 200
    assert answer.json() == {
        "message": "Wrote people/ada.md:8.",
        "refused": False,
        "where": "people/ada.md:8",
    }
    text = (_root(served) / "people/ada.md").read_text(encoding="utf-8")
    assert text.endswith(
        "- [ ] send her the article 📅 2026-11-10\n\n"
        "## 2026-11-20 Congratulated her on the new job\n"
    )
    served.saw("people/ada.md")
    assert "Congratulate Ada Lovelace on the new job" not in served.client.get("/").text
    again: Any = served.post("/done", fields, json=True)  # the same form, sent twice
    assert again.status_code == 409
    assert "changed since the page was shown; nothing written" in again.json()["message"]
    assert (_root(served) / "people/ada.md").read_text(encoding="utf-8") == text


def test_done_on_thanks_owed_is_a_thanks(served: Served) -> None:
    fields = _gesture_form(served.client.get("/").text, "people/bob")
    assert fields["text"] == "Thanked Bob for introduced me to Carla"
    answer: Any = served.post("/done", fields, json=True)
    assert answer.json()["where"] == "people/bob.md:5"
    assert (
        (_root(served) / "people/bob.md")
        .read_text(encoding="utf-8")
        .endswith("- 2026-11-20: Thanked Bob for introduced me to Carla #thanks\n")
    )
    served.saw("people/bob.md")
    assert 'id="thanks_owed"' not in served.client.get("/").text  # an empty list leaves
    assert "Say thanks to Bob" not in served.client.get("/").text


def test_a_file_saved_in_an_editor_after_the_page_was_shown_is_not_written(served: Served) -> None:
    fields = _gesture_form(served.client.get("/").text, "people/ada")
    ada = _root(served) / "people/ada.md"
    ada.write_text(ada.read_text(encoding="utf-8") + "typed in the editor\n", encoding="utf-8")
    answer: Any = served.post("/done", fields, json=True)
    assert answer.status_code == 409
    assert answer.json()["message"].startswith("people/ada.md changed since the page was shown")
    assert ada.read_text(encoding="utf-8").endswith("typed in the editor\n")


def test_a_promise_kept_and_one_let_go(served: Served, make_vault: MakeVault) -> None:
    page = served.client.get("/person/people/ada").text
    form = re.search(r'action="/promise" data-hortus>(.*?)</form>', page)
    assert form is not None
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    assert fields["path"] == "people/ada.md" and fields["line"] == "6"
    fields.pop("csrf")
    answer: Any = served.post("/promise", {**fields, "outcome": "kept"})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/person/people/ada?said=")
    followed = served.client.get(answer.headers["location"]).text
    assert "Wrote people/ada.md:6." in followed
    ada = (_root(served) / "people/ada.md").read_text(encoding="utf-8")
    assert "- [x] send her the article 📅 2026-11-10 ✅ 2026-11-20\n" in ada
    served.saw("people/ada.md")
    assert "send her the article" not in served.client.get("/").text

    bob = _root(served) / "people/bob.md"
    bob.write_text(bob.read_text(encoding="utf-8") + "- [ ] lend him the drill\n", "utf-8")
    served.saw("people/bob.md")
    page = served.client.get("/person/people/bob").text
    form = re.search(r'action="/promise" data-hortus>(.*?)</form>', page)
    assert form is not None
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    fields.pop("csrf")
    answer = served.post("/promise", {**fields, "outcome": "let_go"}, json=True)
    assert answer.json()["where"] == "people/bob.md:5"
    assert bob.read_text(encoding="utf-8").endswith("- [-] lend him the drill ❌ 2026-11-20\n")


def test_a_quick_note_for_anyone_is_written_once(served: Served) -> None:
    fields = {"who": "bob", "text": "Coffee at the station\nHe moves in May", "once": "abc"}
    first: Any = served.post("/log", fields, json=True)
    assert first.json()["where"] == "people/bob.md:5"
    second: Any = served.post("/log", fields, json=True)
    assert second.status_code == 409
    assert second.json()["message"] == "Already written, at people/bob.md:5; nothing written twice."
    text = (_root(served) / "people/bob.md").read_text(encoding="utf-8")
    assert text.count("Coffee at the station") == 1
    assert text.endswith("- 2026-11-20: Coffee at the station\n  He moves in May\n")


def test_a_quick_note_for_an_unknown_or_empty_name_says_why(served: Served) -> None:
    answer: Any = served.post("/log", {"who": "Zed", "text": "hello", "once": "x"}, json=True)
    assert answer.status_code == 409
    assert answer.json()["message"].startswith("no contact called 'Zed'")
    answer = served.post("/log", {"who": "bob", "text": "   ", "once": "y"}, json=True)
    assert answer.json()["message"] == "nothing to log: the text is empty"


def test_without_script_an_action_comes_back_to_its_page_with_its_message(served: Served) -> None:
    answer: Any = served.post(
        "/log", {"who": "ada", "text": "Tea", "once": "z", "back": "//evil.example/"}
    )
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/?said=")
    page = served.client.get(location).text
    assert (
        '<div class="said" id="said" role="status" aria-live="polite">'
        "<p>Wrote people/ada.md:8.</p></div>" in page
    )
    assert "Wrote people" not in served.client.get("/?said=unknown").text


def test_the_person_page_shows_the_card_and_every_entry(served: Served) -> None:
    page = served.client.get("/person/people/ada").text
    assert "<title>Ada Lovelace</title>" in page
    assert '<a rel="noreferrer" href="mailto:ada@example.com">ada@example.com</a>' in page
    assert "She starts at the Analytical Engine company" in page
    assert "people/ada.md:6" in page
    assert "To edit: hortus open Ada Lovelace (people/ada.md)" in page
    assert 'action="/open"' not in page  # vi needs a terminal: no button
    assert served.client.get("/person/people/nobody").status_code == 404


def test_search_links_to_the_person_pages(served: Served) -> None:
    page = served.client.get("/search?q=analytical").text
    assert '<a class="who" href="/person/people/ada">Ada Lovelace</a>' in page
    assert "<mark>Analytical</mark>" in page
    assert 'value="analytical"' in page  # the box keeps the words
    assert "Nothing found for zzz." in served.client.get("/search?q=zzz").text
    assert served.client.get("/search?q=", follow_redirects=False).status_code == 303


def test_the_page_is_french_when_the_vault_is(make_vault: MakeVault) -> None:
    root = make_vault({**VAULT, "hortus.toml": 'today = 2026-11-20\nlanguage = "fr"\n'})
    served = serve_vault(root)
    page = served.client.get("/").text
    assert '<html lang="fr">' in page
    assert "Noter quelque chose" in page and ">Fait</button>" in page
    assert "Promesse tenue" in served.client.get("/person/people/ada").text
    refused = served.stranger.get("/")
    assert refused.status_code == 403
    assert "ouvrez l’adresse que hortus serve a affichée (avec son jeton)" in refused.text


def test_open_in_the_editor_starts_a_windowed_editor(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr("hortus.serve.app.start_editor", started.append)
    served = serve_vault(make_vault(VAULT), env={"VISUAL": "code --wait"})
    page = served.client.get("/person/people/ada").text
    assert 'action="/open"' in page
    answer: Any = served.post("/open", {"key": "people/ada"}, json=True)
    assert answer.json()["message"] == "Opened people/ada.md in your editor."
    assert started == [["code", "--wait", str(served.site.vault.root / "people/ada.md")]]
    answer = served.post("/open", {"key": "../../etc/passwd"}, json=True)
    assert answer.status_code == 409


def test_the_person_page_links_introductions_both_ways(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            **VAULT,
            "people/carla.md": '---\nname: Carla\nmet_through: "[[Bob]]"\n---\n',
        }
    )
    served = serve_vault(root)
    carla = served.client.get("/person/people/carla").text
    assert '<dt>met through</dt><dd><a class="who" href="/person/people/bob">Bob</a></dd>' in carla
    bob = served.client.get("/person/people/bob").text
    assert (
        '<dt>introduced you to</dt><dd><a class="who" href="/person/people/carla">Carla</a></dd>'
        in bob
    )


def test_done_says_what_you_did_for_each_kind_of_gesture(make_vault: MakeVault) -> None:
    root = make_vault(
        {
            "hortus.toml": "today = 2026-11-20\n",
            "people/hana.md": "---\nname: Hana\n---\n- 2026-11-14: her interview in Kyoto #ask\n",
            "people/rose.md": "---\nname: Rose\nbirthday: 1950-11-21\n---\n",
            "people/omar.md": "---\nname: Omar\ncircle: inner\n---\n- 2026-01-01: tea\n",
        }
    )
    page = serve_vault(root).client.get("/").text
    assert (
        _gesture_form(page, "people/hana")["text"]
        == "Asked Hana how it went: her interview in Kyoto"
    )
    assert _gesture_form(page, "people/rose")["text"] == "Wished Rose a happy birthday"
    assert _gesture_form(page, "people/omar")["text"] == "Got in touch with Omar"


def test_short_lists_link_to_the_full_lists_page(make_vault: MakeVault) -> None:
    people = {
        f"people/p{n}.md": f"---\nname: Person {n}\n---\n- 2025-01-0{n}: tea\n" for n in range(1, 6)
    }
    root = make_vault({"hortus.toml": "today = 2026-11-20\n[lists]\npage = 2\n", **people})
    served = serve_vault(root)
    page = served.client.get("/").text
    assert '…and 3 more · <a href="/all#needs_watering">see them all</a>' in page
    full = served.client.get("/all").text
    assert full.count("Person 5") >= 1 and '<a href="/">' in full
    assert "garden-all.html" not in page + full  # no file of the vault is linked


def test_an_old_promise_can_be_kept_or_let_go_from_renew_or_release(
    make_vault: MakeVault,
) -> None:
    root = make_vault(
        {
            "hortus.toml": "today = 2026-11-20\n",
            "people/ada.md": "---\nname: Ada\n---\n- [ ] lend her the tent 📅 2026-09-01\n",
        }
    )
    served = serve_vault(root)
    page = served.client.get("/").text
    section = page.split('<section id="renew_or_release">')[1].split("</section>")[0]
    form = re.search(r'action="/promise" data-hortus>(.*?)</form>', section)
    assert form is not None and "Let go" in form.group(0)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    fields.pop("csrf")
    answer: Any = served.post("/promise", {**fields, "outcome": "let_go"}, json=True)
    assert answer.json()["where"] == "people/ada.md:4"
    text = (root / "people/ada.md").read_text(encoding="utf-8")
    assert text.endswith("- [-] lend her the tent 📅 2026-09-01 ❌ 2026-11-20\n")
    served.saw("people/ada.md")
    assert "lend her the tent" not in served.client.get("/").text
