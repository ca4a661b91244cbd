"""Why a file or socket operation failed, and why a file is not one hortus writes, as sentences
to say.

`OSError.strerror` is the C library's English. The common ones are sentences of their own, so a
French vault reads « permission refusée »; each is matched by its exact English text, so the
English stays the system's own words (a system that words one differently is shown as is).
"""

from __future__ import annotations

from hortus.core.said import Said, said

_COMMON = (
    said("No such file or directory"),
    said("Permission denied"),
    said("Operation not permitted"),
    said("Is a directory"),
    said("Not a directory"),
    said("File exists"),
    said("No space left on device"),
    said("Disk quota exceeded"),
    said("Read-only file system"),
    said("Input/output error"),
    said("Too many levels of symbolic links"),
    said("File name too long"),
    said("Exec format error"),
    said("Address already in use"),
    said("Cannot assign requested address"),
)
_BY_TEXT = {str(sentence): sentence for sentence in _COMMON}

# Said by every writer that refuses a file (the note, a page, the cache, `.hortus/`).
A_LINK = said("it is a symbolic link; hortus never writes through links")
NOT_REGULAR = said("it is not a regular file")


def os_reason(exc: OSError) -> Said:
    """Why the operation failed, as the system says it (translated when it is a common one)."""
    text = exc.strerror or str(exc)
    return _BY_TEXT.get(text) or said("{reason}", reason=text)
