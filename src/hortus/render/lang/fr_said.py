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
    "it looks like {what}, not {expected}; nothing was read "
    "(run `hortus import {found} FILE`)": "on dirait {what}, pas {expected} ; rien n’a été lu "
    "(lancez `hortus import {found} FILE`)",
    "LinkedIn's Connections.csv": "le Connections.csv de LinkedIn",
    "a Google Contacts CSV": "un CSV de Google Contacts",
    "a vCard file (.vcf)": "un fichier vCard (.vcf)",
    "a vCard file": "un fichier vCard",
    "it is UTF-16; export it again as UTF-8 CSV": "il est en UTF-16 ; exportez-le de nouveau "
    "en CSV UTF-8",
    "line {line} is not UTF-8 (byte {byte}); hortus reads CSV files as UTF-8: "
    "export it again as 'CSV UTF-8'": "la ligne {line} n’est pas en UTF-8 (octet {byte}) ; "
    "hortus lit les fichiers CSV en UTF-8 : exportez-le de nouveau en « CSV UTF-8 »",
    "no header row with {wanted} in the first {lines} lines": "aucune ligne d’en-tête avec "
    "{wanted} dans les {lines} premières lignes",
    "{first} or {rest}": "{first} ou {rest}",
    "a quote here is never closed; this row is skipped (check its quotes)": "un guillemet "
    "ouvert ici n’est jamais fermé ; cette ligne est laissée de côté (vérifiez ses guillemets)",
    "{count} unreadable rows; the rest of the file was not read": "{count} lignes illisibles ; "
    "le reste du fichier n’a pas été lu",
    "a quote here is never closed, or a cell is larger than {size} KiB; this row is skipped": (
        "un guillemet ouvert ici n’est jamais fermé, ou une cellule dépasse {size} Kio ; "
        "cette ligne est laissée de côté"
    ),
    "a cell is larger than {size} KiB; this row is skipped": "une cellule dépasse {size} Kio ; "
    "cette ligne est laissée de côté",
    "this row cannot be read as CSV ({reason}); it is skipped": "cette ligne ne se lit pas "
    "comme du CSV ({reason}) ; elle est laissée de côté",
    "no name; this row is skipped": "pas de nom ; cette ligne est laissée de côté",
    "'Connected On' {value} is not a date like 12 Mar 2021; imported without it": (
        "« Connected On » {value} n’est pas une date comme 12 Mar 2021 ; importé sans elle"
    ),
    "birthday {value} is not a date like 1990-04-12 or --04-12; skipped": "l’anniversaire "
    "{value} n’est pas une date comme 1990-04-12 ou --04-12 ; il est laissé de côté",
    "BDAY {value} is not a date; imported without it": "BDAY {value} n’est pas une date ; "
    "importé sans elle",
    "this card has no END:VCARD before line {line}; skipped": "cette fiche n’a pas de "
    "END:VCARD avant la ligne {line} ; elle est laissée de côté",
    "no name (FN, N or NICKNAME); card skipped": "pas de nom (FN, N ou NICKNAME) ; fiche "
    "laissée de côté",
    "{count} BEGIN:VCARD lines without a card or END:VCARD; skipped": "{count} lignes "
    "BEGIN:VCARD sans fiche ni END:VCARD ; laissées de côté",
    "a BEGIN:VCARD without a card or END:VCARD; skipped": "un BEGIN:VCARD sans fiche ni "
    "END:VCARD ; laissé de côté",
    "{count} END:VCARD lines without a BEGIN:VCARD; ignored": "{count} lignes END:VCARD sans "
    "BEGIN:VCARD ; ignorées",
    "an END:VCARD without a BEGIN:VCARD; ignored": "un END:VCARD sans BEGIN:VCARD ; ignoré",
    "text outside BEGIN:VCARD … END:VCARD; ignored": "du texte hors de BEGIN:VCARD … "
    "END:VCARD ; ignoré",
    "this card has no END:VCARD (the file ends at line {line}); skipped": "cette fiche n’a pas "
    "de END:VCARD (le fichier s’arrête à la ligne {line}) ; elle est laissée de côté",
    "line {line} is longer than {size} KiB; card skipped": "la ligne {line} dépasse {size} Kio ; "
    "fiche laissée de côté",
    "line {line} starts another object inside this card; card skipped": "la ligne {line} ouvre "
    "un autre objet dans cette fiche ; fiche laissée de côté",
    "line {line} is not UTF-8; card skipped (export it as UTF-8)": "la ligne {line} n’est pas "
    "en UTF-8 ; fiche laissée de côté (exportez le fichier en UTF-8)",
    "this card is larger than {size} KiB; skipped": "cette fiche dépasse {size} Kio ; elle est "
    "laissée de côté",
    "this card cannot be read ({reason})": "cette fiche est illisible ({reason})",
    "unknown circle '{circle}' (known: {known}; add yours to hortus.toml)": "cercle "
    "« {circle} » inconnu (cercles connus : {known} ; ajoutez le vôtre dans hortus.toml)",
    "{reason}; skipped": "{reason} ; non importé",
    "{name} is already at line {line} of this file; skipped": "{name} figure déjà à la ligne "
    "{line} de ce fichier ; non importé",
    "{name}: matches no contact; left out": "{name} : ne correspond à aucun contact ; laissé "
    "de côté",
    "{name}: matches {paths}; left out": "{name} : correspond à {paths} ; laissé de côté",
}

# loader/, watch/: reading the vault, following it

_LOADER: dict[str, str] = {
}

# commands/, assistant/, serve/: what a command says

_COMMANDS: dict[str, str] = {
    "No such file or directory": "fichier ou dossier introuvable",
    "Permission denied": "permission refusée",
    "Operation not permitted": "opération non permise",
    "Is a directory": "c’est un dossier",
    "Not a directory": "ce n’est pas un dossier",
    "File exists": "le fichier existe déjà",
    "No space left on device": "plus de place sur le disque",
    "Read-only file system": "système de fichiers en lecture seule",
    "Too many levels of symbolic links": "trop de niveaux de liens symboliques",
    "File name too long": "nom de fichier trop long",
    "Address already in use": "adresse déjà utilisée",
    "Cannot assign requested address": "impossible d’attribuer l’adresse demandée",
    "{reason}": "{reason}",
    "it is not a regular file": "ce n’est pas un fichier ordinaire",
    "it is larger than {size} MiB": "il dépasse {size} Mio",
    "there is no BEGIN:VCARD in it": "il ne contient aucun BEGIN:VCARD",
    "unknown import kind '{kind}' (linkedin, google or vcard)": "type d’import « {kind} » "
    "inconnu (linkedin, google ou vcard)",
    "unknown export kind '{kind}' (vcard, ics or csv)": "type d’export « {kind} » inconnu "
    "(vcard, ics ou csv)",
    "it is a Markdown note; choose a .vcf, .ics or .csv name": "c’est une note Markdown ; "
    "choisissez un nom en .vcf, .ics ou .csv",
    "it exists and is not a {kind} export hortus wrote; nothing was written "
    "(choose another name, or add --force to replace it)": "il existe et n’est pas un export "
    "{kind} écrit par hortus ; rien n’a été écrit (choisissez un autre nom, ou ajoutez --force "
    "pour le remplacer)",
    "cannot be read, or is larger than {size} MiB; left out": "illisible, ou plus grand que "
    "{size} Mio ; laissé de côté",
    "nothing to log: the text is empty": "rien à noter : le texte est vide",
    "nothing to promise: the text is empty": "rien à promettre : le texte est vide",
    "`hortus mcp` needs the MCP SDK: pip install 'hortus[mcp]'": "`hortus mcp` a besoin du "
    "SDK MCP : pip install 'hortus[mcp]'",
    "give at least one word to search for": "donnez au moins un mot à chercher",
    "give a text to look for, such as a company or a city": "donnez un texte à chercher, comme "
    "une entreprise ou une ville",
    "end {end} is before start {start}": "la fin {end} précède le début {start}",
    "ask for at most {days} days at a time": "demandez au plus {days} jours à la fois",
    "no contact called '{query}'": "aucun contact ne s’appelle « {query} »",
    "no contact called '{query}'; did you mean {names}?": "aucun contact ne s’appelle "
    "« {query} » ; vouliez-vous dire {names} ?",
    "{what} {value} is not a date like 2026-11-20": "{what} {value} n’est pas une date comme "
    "2026-11-20",
    "this Python's SQLite has no FTS5, which hortus needs to find notes": "le SQLite de ce "
    "Python n’a pas FTS5, dont hortus a besoin pour trouver les notes",
    "cannot listen on {host} port {port} ({reason}); try --port": "impossible d’écouter sur "
    "{host} port {port} ({reason}) ; essayez --port",
    "--host {host} would listen on every address, and requests could not be checked against "
    "the address they were sent to; give the one address other machines will use "
    "(e.g. --host 192.168.1.20)": "--host {host} écouterait sur toutes les adresses, et les "
    "requêtes ne pourraient pas être vérifiées d’après l’adresse à laquelle elles ont été "
    "envoyées ; donnez la seule adresse que les autres machines utiliseront "
    "(par ex. --host 192.168.1.20)",
    "warning: also listening on {host}: anyone who can reach it and has the address with its "
    "token can read and write your notes": "attention : hortus écoute aussi sur {host} : "
    "quiconque peut l’atteindre et connaît l’adresse avec son jeton peut lire et écrire "
    "vos notes",
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
