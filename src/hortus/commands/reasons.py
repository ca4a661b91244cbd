"""The system's reason for a failed file or socket operation, as a sentence to say.

`OSError.strerror` is the C library's English. The common ones are sentences of their own, so a
French vault reads « permission refusée »; each is matched by its exact English text, so the
English stays the system's own words (and a system that words one differently is shown as is).
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
    said("Read-only file system"),
    said("Too many levels of symbolic links"),
    said("File name too long"),
    said("Address already in use"),
    said("Cannot assign requested address"),
)
_BY_TEXT = {str(sentence): sentence for sentence in _COMMON}


def os_reason(exc: OSError) -> Said:
    """Why the operation failed, as the system says it (translated when it is a common one)."""
    text = exc.strerror or str(exc)
    return _BY_TEXT.get(text) or said("{reason}", reason=text)
