"""What hortus takes for an e-mail address: `name@domain`, nothing more.

A `mailto:` link carries more than an address (`a@b.com?bcc=spy@evil.example` adds a hidden
copy; `?body=` writes the message), so a value with a query, spaces, a second `@` or anything
but a plain address is no address: `check` says so at its line and no link is made of it.
"""

from __future__ import annotations

import re

EMAIL_KEYS = frozenset({"email", "emails", "mail", "e-mail"})
# Letters (any script), digits and `._+-'` before the @; dot-separated labels after it,
# ending in a top-level domain of letters. No `?`, `%`, `&`, `=`, `#`, `/`, `:`, spaces.
_ADDRESS_RE = re.compile(r"[\w.+'-]+@(?:[\w-]+\.)+[^\W\d_]{2,}")


def is_email_address(text: str) -> bool:
    return _ADDRESS_RE.fullmatch(text.strip()) is not None
