"""Les problèmes et les échecs, en français : chaque phrase de `core/said.py`, sous sa clé, le
modèle anglais (comme le msgid de gettext). `tests/test_said.py` vérifie que chaque modèle du
code a la sienne, avec les mêmes `{noms}`, et qu'aucune ne reste sans modèle.

Écrites avec des espaces ordinaires ; `_typeset` met l'espace insécable avant « : ; ? ! »."""

from __future__ import annotations

from collections.abc import Mapping

# core/: the records, the errors, hortus.toml

_CORE: dict[str, str] = {
}

# files/, store/: writing safely, the cache

_FILES: dict[str, str] = {
}

# notes/: reading a note

_NOTES: dict[str, str] = {
}

# index/, garden/: who is who, the garden

_INDEX: dict[str, str] = {
}

# person/: writing to a person's note

_PERSON: dict[str, str] = {
}

# exchange/: imports and exports

_EXCHANGE: dict[str, str] = {
}

# loader/, watch/: reading the vault, following it

_LOADER: dict[str, str] = {
}

# commands/, assistant/, serve/: what a command says

_COMMANDS: dict[str, str] = {
}

# cli.py: the command line

_CLI: dict[str, str] = {
}


def _typeset(sentences: Mapping[str, str]) -> dict[str, str]:
    """French typography: a no-break space before « : ; ? ! » (never inside `path:line`)."""
    out = {}
    for key, text in sentences.items():
        for mark in ":;?!":
            text = text.replace(f" {mark}", f"\u00a0{mark}")
        out[key] = text
    return out


SENTENCES = _typeset(
    {**_CORE, **_FILES, **_NOTES, **_INDEX, **_PERSON, **_EXCHANGE, **_LOADER, **_COMMANDS, **_CLI}
)
