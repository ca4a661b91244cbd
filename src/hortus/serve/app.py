"""The Starlette application of `hortus serve`: its routes, each a thin shell around the
garden shown now (`state.py`), the pages (`pages.py`, `views.py`) and the actions
(`actions.py`). Every request has passed `guard.Guard` first.

Reading works without script: every page is plain HTML, every action a form POST answered
by a redirect to the page it came from, with its message. The script (`static/serve.js`)
only makes this smoother: live updates from `/events` and actions without leaving the page.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from hortus.commands.search import search as run_search
from hortus.core.errors import HortusError
from hortus.garden import ThanksOwed
from hortus.garden.card import build_card
from hortus.index.search import Query
from hortus.loader.vault import Vault
from hortus.person.editor import editor_command, start_editor, windowed
from hortus.render.i18n import Catalogue, catalogue
from hortus.serve.actions import Actions, Reply
from hortus.serve.guard import Guard, Keys, checked_form
from hortus.serve.pages import garden_page, personal, said_html, served_lists
from hortus.serve.parts import Parts
from hortus.serve.parts import changes as changes_between
from hortus.serve.state import ServedGarden, Shown
from hortus.serve.views import message_page, person_page, search_page

HEARTBEAT = 15.0  # seconds between comments on an idle event stream (proxies, sleeping laptops)
POLL = 0.02  # how often an event stream looks for a newer garden, in seconds
_BACK_RE = re.compile(
    r"/(?:person/[A-Za-z0-9%._~/-]*)?"
)  # where a form may send the browser back to
_SAID_KEPT = 200


@dataclass
class Site:
    """Everything the routes share for one run of `hortus serve`."""

    vault: Vault
    keys: Keys
    live: ServedGarden
    clock_today: Callable[[], dt.date]
    env: Mapping[str, str]
    stopping: threading.Event = field(default_factory=threading.Event)
    said: OrderedDict[str, Reply] = field(default_factory=OrderedDict)
    search_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.cat: Catalogue = catalogue(self.vault.config.language)
        self.actions = Actions(self.vault.root, self.cat)

    def shown(self) -> Shown | None:
        return self.live.shown or self.live.wait_shown(0, 30.0)

    def day(self) -> dt.date:
        return self.live.day(self.clock_today())

    def remember(self, said: Reply) -> str:
        key = secrets.token_urlsafe(8)
        self.said[key] = said
        while len(self.said) > _SAID_KEPT:
            self.said.popitem(last=False)
        return key

    def parts_of(self, version: int) -> Parts | None:
        """The garden page of `version` cut in parts (while that version is kept)."""
        shown = self.live.history.get(version)
        return shown.parts if shown is not None else None

    def said_html(self, request: Request) -> str:
        said = self.said.get(request.query_params.get("said", ""))
        return said_html(said.message, said.refused) if said else ""


def make_app(site: Site) -> Guard:
    routes = [
        Route("/", _route(site, garden), methods=["GET", "HEAD"]),
        Route("/all", _route(site, full_lists), methods=["GET", "HEAD"]),
        Route("/person/{key:path}", _route(site, person), methods=["GET", "HEAD"]),
        Route("/search", _route(site, search), methods=["GET", "HEAD"]),
        Route("/events", _route(site, events), methods=["GET"]),
        Route("/changes", _route(site, changes), methods=["GET"]),
        Route("/static/serve.js", script, methods=["GET", "HEAD"]),
        Route("/favicon.ico", no_icon, methods=["GET", "HEAD"]),
        Route("/done", _route(site, done), methods=["POST"]),
        Route("/log", _route(site, log), methods=["POST"]),
        Route("/promise", _route(site, promise), methods=["POST"]),
        Route("/open", _route(site, open_note), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    return Guard(app, site.keys, site.cat.say)


def _route(
    site: Site, handler: Callable[[Site, Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        return await handler(site, request)

    return endpoint


def _starting(site: Site) -> Response:
    text = message_page(site.cat, site.keys.csrf, "hortus", "starting…", 0)
    return HTMLResponse(text, status_code=503, headers={"retry-after": "1"})


async def garden(site: Site, request: Request) -> Response:
    shown = await run_in_threadpool(site.shown)
    if shown is None:
        return _starting(site)
    page = personal(shown.page, site.said_html(request), secrets.token_urlsafe(12))
    return Response(page, media_type="text/html; charset=utf-8")


async def full_lists(site: Site, request: Request) -> Response:
    """Every list in full (garden-all.html's page), rendered when asked for."""
    shown = await run_in_threadpool(site.shown)
    if shown is None:
        return _starting(site)
    _, everything = served_lists(site.vault.config.lists)
    language, csrf = site.vault.config.language, site.keys.csrf

    def render() -> bytes:
        return garden_page(
            shown.garden, language, csrf, shown.digests, shown.version, None, everything
        )[0]

    page = personal(
        await run_in_threadpool(render), site.said_html(request), secrets.token_urlsafe(12)
    )
    return Response(page, media_type="text/html; charset=utf-8")


async def person(site: Site, request: Request) -> Response:
    shown = await run_in_threadpool(site.shown)
    if shown is None:
        return _starting(site)
    contact = shown.contact(request.path_params["key"])
    if contact is None:
        text = message_page(
            site.cat, site.keys.csrf, "hortus", site.cat.t("serve.not_found"), shown.version
        )
        return HTMLResponse(text, status_code=404)
    card = build_card(shown.index, shown.garden, contact)
    can_open = windowed(site.env)
    text = person_page(site.cat, site.keys.csrf, card, shown.digests, shown.version, can_open)
    page = personal(text.encode(), site.said_html(request), secrets.token_urlsafe(12))
    return Response(page, media_type="text/html; charset=utf-8")


async def search(site: Site, request: Request) -> Response:
    shown = await run_in_threadpool(site.shown)
    version = shown.version if shown else 0
    words = tuple(request.query_params.get("q", "").split())
    if not words:
        return RedirectResponse("/", status_code=303)

    def find() -> str:
        with site.search_lock:  # one reader of the cache's search tables at a time
            results = run_search(site.vault, Query(words))
        return search_page(site.cat, site.keys.csrf, results, version)

    try:
        text = await run_in_threadpool(find)
    except HortusError as exc:
        text = message_page(site.cat, site.keys.csrf, "hortus", site.cat.say(exc.said), version)
    page = personal(text.encode(), "", secrets.token_urlsafe(12))
    return Response(page, media_type="text/html; charset=utf-8")


async def events(site: Site, request: Request) -> Response:
    """Server-sent events: `garden` with the version number, each time a newer one is shown."""
    try:
        seen = int(request.query_params.get("v", "0"))
    except ValueError:
        seen = 0

    async def stream() -> AsyncIterator[str]:
        nonlocal seen
        yield "retry: 1000\n\n"
        quiet = 0.0
        while not site.stopping.is_set() and not await request.is_disconnected():
            shown = site.live.shown
            if shown is not None and shown.version > seen:
                seen = shown.version
                quiet = 0.0
                yield f"event: garden\ndata: {seen}\n\n"
            elif quiet >= HEARTBEAT:
                quiet = 0.0
                yield ": still here\n\n"
            await asyncio.sleep(POLL)
            quiet += POLL

    return StreamingResponse(stream(), media_type="text/event-stream")


async def changes(site: Site, request: Request) -> Response:
    """The rows of the garden page that changed since the version the browser shows
    (`?from=N`), or `{"reload": true}` when it should fetch the page whole."""
    try:
        since = int(request.query_params.get("from", ""))
    except ValueError:
        since = -1

    def work() -> dict[str, object]:
        shown = site.live.shown
        if shown is None:
            return {"reload": True}
        old, new = site.parts_of(since), site.parts_of(shown.version)
        found = changes_between(old, new) if old and new else None
        if found is None:
            return {"reload": True}
        return {"version": shown.version, **found}

    return JSONResponse(await run_in_threadpool(work))


async def script(request: Request) -> Response:
    text = files("hortus.serve").joinpath("static/serve.js").read_text(encoding="utf-8")
    return Response(text, media_type="text/javascript; charset=utf-8")


async def no_icon(request: Request) -> Response:
    """Browsers ask for an icon: none, without a 404 in the console."""
    return Response(status_code=204)


async def _write(
    site: Site, request: Request, act: Callable[[Shown, Mapping[str, str]], Reply]
) -> Response:
    """The one way each action writes: the form checked, the page as the user saw it, the
    write off the event loop, the answer (a page, or JSON for the script)."""
    form = await _form(site, request)
    if form is None:
        return _csrf_refused()
    shown = await run_in_threadpool(site.shown)
    if shown is None:
        return _starting(site)
    said = await run_in_threadpool(act, shown, form)
    return _answer(site, request, form, said)


async def done(site: Site, request: Request) -> Response:
    def act(shown: Shown, form: Mapping[str, str]) -> Reply:
        tags = _done_tags(shown, form.get("key", ""))
        return site.actions.done(shown, form, site.day(), tags)

    return await _write(site, request, act)


async def log(site: Site, request: Request) -> Response:
    return await _write(site, request, lambda s, f: site.actions.log(s, f, site.day()))


async def promise(site: Site, request: Request) -> Response:
    return await _write(site, request, lambda s, f: site.actions.promise(s, f, site.day()))


async def open_note(site: Site, request: Request) -> Response:
    """Open a contact's note in the user's editor, when it has a window of its own."""
    form = await _form(site, request)
    if form is None:
        return _csrf_refused()
    shown = await run_in_threadpool(site.shown)
    contact = shown.contact(form.get("key", "")) if shown else None
    if contact is None or not windowed(site.env):
        said = Reply(site.cat.t("serve.not_found"), refused=True)
        return _answer(site, request, form, said)
    path = str(site.vault.root / contact.path)
    try:
        start_editor(editor_command(site.env, path, None))
        said = Reply(site.cat.t("serve.opened", path=contact.path))
    except HortusError as exc:
        said = Reply(site.cat.say(exc.said), refused=True)
    return _answer(site, request, form, said)


def _done_tags(shown: Shown, key: str) -> tuple[str, ...]:
    """ "Done" on thanks owed is a thanks (`#thanks`): the thanks then leaves the list."""
    items = (g.item for g in shown.garden.gestures if g.contact.key == key)
    return ("thanks",) if isinstance(next(items, None), ThanksOwed) else ()


async def _form(site: Site, request: Request) -> dict[str, str] | None:
    return await checked_form(request, site.keys)


def _csrf_refused() -> Response:
    return PlainTextResponse("403 Forbidden: the form's token is missing or wrong\n", 403)


def _answer(site: Site, request: Request, form: Mapping[str, str], said: Reply) -> Response:
    """JSON for the script; for a plain form, back to its page with the message."""
    if "application/json" in request.headers.get("accept", ""):
        body = {"message": said.message, "refused": said.refused, "where": said.where}
        return JSONResponse(body, status_code=409 if said.refused else 200)
    back = form.get("back", "/")
    if not _BACK_RE.fullmatch(back):
        back = "/"
    return RedirectResponse(f"{back}?said={site.remember(said)}", status_code=303)
