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
    "No such file or directory": "fichier ou dossier introuvable",
    "Permission denied": "permission refusée",
    "Operation not permitted": "opération non permise",
    "Is a directory": "c’est un dossier",
    "Not a directory": "ce n’est pas un dossier",
    "File exists": "le fichier existe déjà",
    "No space left on device": "plus de place sur le disque",
    "Disk quota exceeded": "quota de disque dépassé",
    "Read-only file system": "système de fichiers en lecture seule",
    "Input/output error": "erreur d’entrée-sortie",
    "Too many levels of symbolic links": "trop de niveaux de liens symboliques",
    "File name too long": "nom de fichier trop long",
    "Exec format error": "format d’exécutable non reconnu",
    "{reason}": "{reason}",
    "it is a symbolic link; hortus never writes through links": (
        "c’est un lien symbolique ; hortus n’écrit jamais à travers un lien"
    ),
    "it is not a regular file": "ce n’est pas un fichier ordinaire",
    "it is a file, not a folder": "c’est un fichier, pas un dossier",
    "it already exists; nothing was created": "il existe déjà ; rien n’a été créé",
    "the file system stopped exchanging files": (
        "le système de fichiers a cessé d’échanger les fichiers"
    ),
}

# notes/: reading a note

_NOTES: dict[str, str] = {
}

# index/, garden/: who is who, the garden

_INDEX: dict[str, str] = {
}

# person/: writing to a person's note

_PERSON: dict[str, str] = {
    "hortus cannot read it cleanly: {reason}": "hortus ne peut pas le lire proprement : {reason}",
    "line {line}: {problem}": "ligne {line} : {problem}",
    "its front matter has a problem ({reason}); fix it first (`hortus check` lists every "
    "problem)": (
        "son en-tête YAML a un problème ({reason}) ; corrigez-le d’abord (`hortus check` liste "
        "tous les problèmes)"
    ),
    "it is read-only (its owner may not write it); nothing written": (
        "il est en lecture seule (son propriétaire ne peut pas y écrire) ; rien n’a été écrit"
    ),
    "it has {count} hard links; replacing it would split them apart": (
        "il a {count} liens physiques ; le remplacer les séparerait"
    ),
    "it is outside the vault": "il est hors du coffre",
    "the entry would make it larger than {size} MiB, the most hortus reads in one note; "
    "nothing written (start a second note for this person)": (
        "avec cette entrée, il dépasserait {size} Mio, le maximum que hortus lit dans une note ; "
        "rien n’a été écrit (commencez une deuxième note pour cette personne)"
    ),
    "'{tag}' is not a tag hortus can read: use letters, digits, '-', '_' and '/', with at "
    "least one letter": (
        "« {tag} » n’est pas une étiquette que hortus sait lire : utilisez des lettres, des "
        "chiffres, « - », « _ » et « / », avec au moins une lettre"
    ),
    "the new entry would not read back as a dated entry (does the file end inside a code block "
    "or an HTML comment?); nothing written": (
        "la nouvelle entrée ne se relirait pas comme une entrée datée (le fichier se "
        "termine-t-il dans un bloc de code ou un commentaire HTML ?) ; rien n’a été écrit"
    ),
    "{what} is not UTF-8 text (byte {byte} at character {position}); nothing written. Set your "
    "terminal or file to UTF-8": (
        "{what} n’est pas du texte UTF-8 (octet {byte} au caractère {position}) ; rien n’a été "
        "écrit. Réglez votre terminal ou votre fichier en UTF-8"
    ),
    "{what} is not UTF-8 text (byte {byte} at offset {offset}); nothing written. Set your "
    "terminal or file to UTF-8": (
        "{what} n’est pas du texte UTF-8 (octet {byte} à la position {offset}) ; rien n’a été "
        "écrit. Réglez votre terminal ou votre fichier en UTF-8"
    ),
    "the entry": "l’entrée",
    "the promise": "la promesse",
    "the name": "le nom",
    "an alias": "un alias",
    "a tag": "une étiquette",
    "the circle": "le cercle",
    "the cadence": "le rythme",
    "cannot make a file name from {name}; use letters or digits": (
        "impossible de faire un nom de fichier avec {name} ; utilisez des lettres ou des chiffres"
    ),
    "the name '{value}'": "le nom « {value} »",
    "the alias '{value}'": "l’alias « {value} »",
    "the file name '{value}'": "le nom de fichier « {value} »",
    "{twin} already exists there; nothing was created": "{twin} y existe déjà ; rien n’a été créé",
    "{folder} is a symbolic link; hortus never writes through links, nothing was created": (
        "{folder} est un lien symbolique ; hortus n’écrit jamais à travers un lien, rien n’a "
        "été créé"
    ),
    "{folder} is not a folder; nothing was created": (
        "{folder} n’est pas un dossier ; rien n’a été créé"
    ),
    "it leads outside the vault; nothing was created": "il mène hors du coffre ; rien n’a été créé",
    "a contact needs a name on one line": "un contact a besoin d’un nom sur une seule ligne",
    "the name {name} holds a control character": "le nom {name} contient un caractère de contrôle",
    "unknown circle '{circle}' (known: {known}; add yours to hortus.toml)": (
        "cercle « {circle} » inconnu (cercles connus : {known} ; ajoutez le vôtre dans hortus.toml)"
    ),
    "cadence '{cadence}' is not readable (write days like 21, or 3w, 2m, 1y, monthly…)": (
        "le rythme « {cadence} » ne se lit pas (écrivez des jours comme 21, ou 3w, 2m, 1y, "
        "monthly…)"
    ),
    "birthday '{birthday}' is not a date like 1990-07-21 (or --07-21)": (
        "l’anniversaire « {birthday} » n’est pas une date comme 1990-07-21 (ou --07-21)"
    ),
    "'{name}' is not a person's name: a name needs a letter or a digit, and cannot start with "
    "a dot or hold '/' or '\\' (it would read like a path)": (
        "« {name} » n’est pas un nom de personne : un nom a besoin d’une lettre ou d’un "
        "chiffre, et ne peut ni commencer par un point ni contenir « / » ou « \\ » (il se "
        "lirait comme un chemin)"
    ),
    "the name does not read back": "le nom ne se relit pas tel quel",
    "{file} gives a file hortus cannot read ({reason}); nothing created": (
        "{file} donne un fichier que hortus ne sait pas lire ({reason}) ; rien n’a été créé"
    ),
    "{file} cannot be read: {reason}; nothing created": (
        "{file} est illisible : {reason} ; rien n’a été créé"
    ),
    "{file}: {reason}; nothing created": "{file} : {reason} ; rien n’a été créé",
    "cannot start the editor {editor} ({reason}); set $VISUAL or $EDITOR": (
        "impossible de lancer l’éditeur {editor} ({reason}) ; réglez $VISUAL ou $EDITOR"
    ),
    "the editor {editor} exited with status {status}": (
        "l’éditeur {editor} s’est arrêté avec le code {status}"
    ),
    "cannot make a draft in {folder} ({reason})": (
        "impossible de créer un brouillon dans {folder} ({reason})"
    ),
    "cannot make a draft file in {folder}": (
        "impossible de créer un fichier brouillon dans {folder}"
    ),
    "{failure}; what you wrote is kept in {draft}": (
        "{failure} ; ce que vous avez écrit est gardé dans {draft}"
    ),
    "the front matter would not read back as intended; nothing written": (
        "l’en-tête YAML ne se relirait pas comme prévu ; rien n’a été écrit"
    ),
    "{key}: {values} (add it by hand: hortus edits only lists)": (
        "{key} : {values} (ajoutez-le à la main : hortus ne modifie que les listes)"
    ),
    "--with {name} cannot be a [[link]]: leave out [ ] | # ^": (
        "--with {name} ne peut pas devenir un [[lien]] : retirez [ ] | # ^"
    ),
    "nothing to promise: the text is empty": "rien à promettre : le texte est vide",
    "the promise would not read back as an open task (does the file end inside a code block or "
    "an HTML comment, or does the text hold a date marker?); nothing written": (
        "la promesse ne se relirait pas comme une tâche ouverte (le fichier se termine-t-il "
        "dans un bloc de code ou un commentaire HTML, ou le texte contient-il un marqueur de "
        "date ?) ; rien n’a été écrit"
    ),
    "line {line} is not a `- [ ]` task line; nothing written": (
        "la ligne {line} n’est pas une tâche `- [ ]` ; rien n’a été écrit"
    ),
    "line {line} would not read back as a kept promise; nothing written": (
        "la ligne {line} ne se relirait pas comme une promesse tenue ; rien n’a été écrit"
    ),
    "no open promise reads '{text}' now (was line {line}); nothing written": (
        "plus aucune promesse ouverte ne dit « {text} » (c’était la ligne {line}) ; rien n’a "
        "été écrit"
    ),
    "{count} open promises read '{text}' now (was line {line}); nothing written": (
        "{count} promesses ouvertes disent maintenant « {text} » (c’était la ligne {line}) ; "
        "rien n’a été écrit"
    ),
    "line {line} does not start with `- [ ]`; nothing written": (
        "la ligne {line} ne commence pas par `- [ ]` ; rien n’a été écrit"
    ),
    "line {line} is no longer the open promise “{text}”; nothing written": (
        "la ligne {line} n’est plus la promesse ouverte « {text} » ; rien n’a été écrit"
    ),
    "line {line} would not read back as closed; nothing written": (
        "la ligne {line} ne se relirait pas comme une promesse close ; rien n’a été écrit"
    ),
}

# exchange/: imports and exports

_EXCHANGE: dict[str, str] = {
}

# loader/, watch/: reading the vault, following it

_LOADER: dict[str, str] = {
    "{file}: {problem}": "{file} : {problem}",
    "it is a link or not a regular file; hortus replaces only its own page": (
        "c’est un lien ou pas un fichier ordinaire ; hortus ne remplace que sa propre page"
    ),
    "cannot watch natively ({reason}); polling every {seconds} s instead. To watch natively, "
    "raise the inotify limits, e.g. `sudo sysctl {limits}`": (
        "impossible de surveiller directement ({reason}) ; hortus regarde plutôt toutes les "
        "{seconds} s. Pour surveiller directement, relevez les limites d’inotify, par exemple "
        "`sudo sysctl {limits}`"
    ),
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
