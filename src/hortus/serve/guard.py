"""Nobody else gets in: the checks every request passes before any route sees it.

A local server is reachable by every web page the user opens, so:

- the `Host` header must name this server on loopback (a DNS-rebinding page sends its own);
- a random token made at start must come, once in the printed address (it is then moved into
  an HttpOnly, SameSite=Strict cookie and taken out of the address), or in that cookie;
- a POST must come from this origin (`Origin`) and carry a CSRF token derived from the cookie
  (checked by `checked_form`);
- every answer, refusals included, says no framing, no sniffing, no referrer to other sites,
  no caching, and a Content-Security-Policy that allows nothing from anywhere else. No CORS
  header, ever.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hortus.core.said import Said, said

COOKIE = "hortus"
CSRF_FIELD = "csrf"
MAX_FORM = 256 * 1024  # bytes: a note typed in the page is far shorter
# The served pages: their own script, style and requests only; no frame may hold them.
CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# In a page's <meta> (browsers ignore frame-ancestors there, and say so in the console).
META_CSP = CSP.removesuffix("; frame-ancestors 'none'")
REFERRER = "same-origin"
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    # Not `no-referrer`: a form POST would then carry `Origin: null`. Links to other sites
    # carry rel="noreferrer" besides.
    "referrer-policy": REFERRER,
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Keys:
    """The secrets of one run of `hortus serve`, and the addresses it answers to."""

    port: int
    extra_hosts: tuple[str, ...] = ()  # `--host` other than loopback
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def csrf(self) -> str:
        """The CSRF token: tied to the cookie's token, useless without it."""
        return hmac.new(self.token.encode(), b"hortus csrf", hashlib.sha256).hexdigest()

    def hosts(self) -> frozenset[str]:
        return frozenset(f"{host}:{self.port}" for host in (*LOOPBACK, *self.extra_hosts))

    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.hosts())


class Guard:
    """The ASGI middleware in front of every route; see the module's docstring."""

    def __init__(self, app: ASGIApp, keys: Keys, say: Callable[[Said], str] = str) -> None:
        self.app = app
        self.keys = keys
        self.say = say  # a refusal in the vault's language

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets
        send = _with_headers(send)
        refusal = self._refusal(scope)
        if refusal is not None:
            await _forbidden(self.say(refusal))(scope, receive, send)
            return
        if _query_token(scope) is not None:
            await self._enter(scope)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> Said | None:
        headers = _headers(scope)
        if headers.get("host") not in self.keys.hosts():
            return said("this address is not served here")
        token = _query_token(scope) or _cookie(headers.get("cookie", ""))
        if token is None or not hmac.compare_digest(token, self.keys.token):
            return said("open the address hortus serve printed (with its token)")
        if scope["method"] not in ("GET", "HEAD", "POST"):
            return said("method not allowed")
        if scope["method"] == "POST" and headers.get("origin") not in self.keys.origins():
            return said("cross-origin requests are refused")
        return None

    def _enter(self, scope: Scope) -> Response:
        """The address with the token: keep it in the cookie, and take it out of the address
        (and so out of the history and the screen)."""
        rest = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "token"]
        target = scope["path"] + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, self.keys.token, httponly=True, samesite="strict", path="/")
        return response


async def checked_form(request: Request, keys: Keys) -> dict[str, str] | None:
    """The POSTed form when it carries the right CSRF token, else None (answer 403).

    Only `application/x-www-form-urlencoded` (what the pages' forms and script send), read
    by the standard library, at most `MAX_FORM` bytes."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return None
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=100)
    except (UnicodeDecodeError, ValueError):
        return None
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value)  # the first of a repeated field, as the page sends it
    sent = form.get(CSRF_FIELD, "")
    if not hmac.compare_digest(sent.encode(), keys.csrf.encode()):
        return None
    return form


def _forbidden(reason: str) -> Response:
    return PlainTextResponse(f"403 Forbidden: {reason}\n", status_code=403)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}


def _query_token(scope: Scope) -> str | None:
    query: bytes = scope["query_string"]
    for key, value in parse_qsl(query.decode("latin-1")):
        if key == "token":
            return value
    return None


def _cookie(header: str) -> str | None:
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # a malformed cookie header is no token
        return None
    morsel = cookie.get(COOKIE)
    return str(morsel.value) if morsel is not None else None


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            kept = [(k, v) for k, v in message.get("headers", []) if not _replaced(k)]
            added = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
            message = {**message, "headers": [*kept, *added]}
        await send(message)

    return sending


def _replaced(name: bytes) -> bool:
    return name.decode("latin-1").lower() in HEADERS
