"""Les problèmes et les échecs, en français : chaque phrase de `core/said.py`, sous sa clé, le
modèle anglais (comme le msgid de gettext). `tests/test_said.py` vérifie que chaque modèle du
code a la sienne, avec les mêmes `{noms}`, et qu'aucune ne reste sans modèle.

Écrites avec des espaces ordinaires ; `_typeset` met l'espace insécable avant « : ; ? ! »."""

from __future__ import annotations

from collections.abc import Mapping

# core/: the records, the errors, hortus.toml

_CORE: dict[str, str] = {
    # core/reasons.py: why a file operation failed
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
    "it is a symbolic link; hortus never writes through links": "c’est un lien symbolique ; hortus n’écrit jamais à travers un lien",
    "it is not a regular file": "ce n’est pas un fichier ordinaire",
    "Address already in use": "adresse déjà utilisée",
    "Cannot assign requested address": "impossible d’attribuer l’adresse demandée",
    "no vault at {path}: the folder does not exist": "pas de coffre à {path} : ce dossier n’existe pas",
    "no vault here: no hortus.toml in {folder} or any folder above it, and no --vault or $HORTUS_VAULT. Nothing was written. Start one with `hortus init` (or `hortus init PATH`), or name it with --vault PATH": "pas de coffre ici : aucun hortus.toml dans {folder} ni au-dessus, et ni --vault ni $HORTUS_VAULT. Rien n’a été écrit. Commencez-en un avec `hortus init` (ou `hortus init CHEMIN`), ou indiquez-le avec --vault CHEMIN",
    "{path} exists and was not written by hortus; nothing was written. Move it away or set another garden path in hortus.toml.": "{path} existe et n’a pas été écrit par hortus ; rien n’a été écrit. Déplacez-le ou choisissez un autre chemin pour le jardin dans hortus.toml.",
    "could not write {path}: {reason}": "impossible d’écrire {path} : {reason}",
    "could not build the garden pages ({reason}); the pages on disk are kept as they were. This is a bug in hortus: please report it with this line.": "impossible de construire les pages du jardin ({reason}) ; les pages sur le disque restent telles quelles. C’est un bogue de hortus : merci de le signaler avec cette ligne.",
    "another `hortus watch` is already watching {vault} (pid {pid}); stop it first (one watcher per vault)": "un autre `hortus watch` surveille déjà {vault} (pid {pid}) ; arrêtez-le d’abord (une seule surveillance par coffre)",
    "the vault folder {vault} disappeared (moved, deleted or unmounted); stopped watching and wrote nothing": "le dossier du coffre {vault} a disparu (déplacé, supprimé ou démonté) ; surveillance arrêtée, rien n’a été écrit",
    "no contact called '{query}' (`hortus add {quoted}` creates one)": "aucun contact nommé « {query} » (`hortus add {quoted}` le crée)",
    "no contact called '{query}'; did you mean {names}?": "aucun contact nommé « {query} » ; vouliez-vous dire {names} ?",
    "no contact called '{query}'; did you mean {names}? Nothing was written: add --yes to use {guess}": "aucun contact nommé « {query} » ; vouliez-vous dire {names} ? Rien n’a été écrit : ajoutez --yes pour choisir {guess}",
    "'{query}' could mean {options}. Nothing was written: use a full name or the file's path": "« {query} » peut désigner {options}. Rien n’a été écrit : donnez le nom complet ou le chemin du fichier",
    "{path} changed while writing; nothing written": "{path} a changé pendant l’écriture ; rien n’a été écrit",
    "{path} changed while writing; nothing written; a save made on top of the entry in the same instant is kept beside it as {kept}": "{path} a changé pendant l’écriture ; rien n’a été écrit ; un enregistrement fait au même instant par-dessus l’entrée est gardé à côté, sous {kept}",
    "{path} changed since the page was shown; nothing written. The page now shows it as it is: look, then try again": "{path} a changé depuis l’affichage de la page ; rien n’a été écrit. La page le montre maintenant tel qu’il est : regardez, puis réessayez",
    "{what} already belongs to {name} ({path}); nothing was created": "{what} appartient déjà à {name} ({path}) ; rien n’a été créé",
    "another hortus has been writing to this vault for {seconds} s (lock {path}); nothing written, try again": "un autre hortus écrit dans ce coffre depuis {seconds} s (verrou {path}) ; rien n’a été écrit, réessayez",
    "cannot import {path}: {reason}; nothing was imported": "impossible d’importer {path} : {reason} ; rien n’a été importé",
    "cannot lock the vault for writing ({path}: {reason}); nothing written": "impossible de verrouiller le coffre pour écrire ({path} : {reason}) ; rien n’a été écrit",
    "cannot read the settings: {why}": "impossible de lire les réglages : {why}",
    "the settings are not valid UTF-8; defaults apply": "les réglages ne sont pas en UTF-8 valide ; les valeurs par défaut s’appliquent",
    "the settings are not valid TOML ({why}); defaults apply": "les réglages ne sont pas du TOML valide ({why}) ; les valeurs par défaut s’appliquent",
    "unknown setting '{key}' (ignored)": "réglage inconnu « {key} » (ignoré)",
    "'{first}' and '{key}' both name '{path}' (one file on many disks); no page is written until they differ": "« {first} » et « {key} » désignent tous deux « {path} » (un seul fichier sur bien des disques) ; aucune page n’est écrite tant qu’ils ne diffèrent pas",
    'language {value} is not one of {known}; using "en"': 'la langue {value} n’est pas l’une de {known} ; "en" est utilisé',
    "'{key}' must be a whole number, 0 or more, not {value}; using {default}": "« {key} » doit être un nombre entier, 0 ou plus, pas {value} ; {default} est utilisé",
    "[{table}] must be a table": "[{table}] doit être une table",
    "unknown window '{name}' (known: {known}; ignored)": "fenêtre inconnue « {name} » (connues : {known} ; ignorée)",
    "unknown list '{name}' (known: {known}; ignored)": "liste inconnue « {name} » (connues : {known} ; ignorée)",
    "window '{name}' must be a number of days, not {value}; using {default}": "la fenêtre « {name} » doit être un nombre de jours, pas {value} ; {default} est utilisé",
    "list '{name}' must be a whole number above 0, not {value}; using {default}": "la liste « {name} » doit être un nombre entier supérieur à 0, pas {value} ; {default} est utilisé",
    "'ics' must not be a Markdown note or the garden ('{value}'); no calendar written": "« ics » ne doit être ni une note Markdown ni le jardin (« {value} ») ; aucun calendrier écrit",
    "'{key}' must be a path inside the vault; using '{default}'": "« {key} » doit être un chemin dans le coffre ; « {default} » est utilisé",
    "'{key}' must be a path inside the vault; ignored": "« {key} » doit être un chemin dans le coffre ; ignoré",
    "{day} is outside the days a garden is computed for ({first} to {last})": "{day} est hors des jours pour lesquels un jardin se calcule ({first} à {last})",
    "'today': {why}; using the clock": "« today » : {why} ; l’horloge est utilisée",
    "'today' must be a date like 2026-11-20, not {value}": "« today » doit être une date comme 2026-11-20, pas {value}",
    "'{name}' is a setting, but it is under [circles]: move it above that line": "« {name} » est un réglage, mais il se trouve sous [circles] : placez-le au-dessus de cette ligne",
    "circle '{name}' has an unreadable cadence {cadence}; using {days} days": "le cercle « {name} » a un rythme illisible {cadence} ; {days} jours sont utilisés",
    "unknown calendar setting '{key}' (known: {known})": "réglage de calendrier inconnu « {key} » (connus : {known})",
    "'alarms' must be true or false, not {value}": "« alarms » doit valoir true ou false, pas {value}",
    "'alarm_time' must be a time like \"09:00\", not {value}; using 09:00": '« alarm_time » doit être une heure comme "09:00", pas {value} ; 09:00 est utilisé',
    "'promise_days_before' must be 0 to 365 days, not {value}; using {default}": "« promise_days_before » doit être entre 0 et 365 jours, pas {value} ; {default} est utilisé",
    "'watering' must be a list of circles or \"all\", not {value}": '« watering » doit être une liste de cercles ou "all", pas {value}',
}

# files/, store/: writing safely, the cache

_FILES: dict[str, str] = {
    "it is a file, not a folder": "c’est un fichier, pas un dossier",
    "it already exists; nothing was created": "il existe déjà ; rien n’a été créé",
    "the file system stopped exchanging files": (
        "le système de fichiers a cessé d’échanger les fichiers"
    ),
}

# notes/: reading a note

_NOTES: dict[str, str] = {
    "a linked folder; its notes are skipped and nothing is written through it (hortus never follows links: move the folder into the vault instead)": "un dossier lié ; ses notes sont ignorées et rien n’est écrit à travers lui (hortus ne suit jamais les liens : déplacez plutôt le dossier dans le coffre)",
    "file name is not UTF-8 text or holds a control character; skipped (rename it)": "le nom du fichier n’est pas du texte UTF-8 ou contient un caractère de contrôle ; ignoré (renommez-le)",
    "looks like a sync conflict copy; skipped (merge it into the original by hand)": "ressemble à une copie de conflit de synchronisation ; ignoré (fusionnez-le à la main avec l’original)",
    "symbolic link; skipped (hortus never follows links)": "lien symbolique ; ignoré (hortus ne suit jamais les liens)",
    "not a regular file": "pas un fichier ordinaire",
    "cannot be read ({why})": "illisible ({why})",
    "larger than {size} MiB": "plus de {size} Mio",
    "UTF-16 text; skipped (save the file as UTF-8)": "texte UTF-16 ; ignoré (enregistrez le fichier en UTF-8)",
    "looks binary (NUL byte at offset {offset})": "semble binaire (octet NUL à la position {offset})",
    "{problem}; skipped": "{problem} ; ignoré",
    "not valid UTF-8 (byte 0x{byte} on line {line}); skipped (save it as UTF-8)": "UTF-8 invalide (octet 0x{byte} à la ligne {line}) ; ignoré (enregistrez-le en UTF-8)",
    "front matter opened at line 1 is not closed (add a '---' line after it)": "l’en-tête ouvert à la ligne 1 n’est pas fermé (ajoutez une ligne « --- » après lui)",
    "front matter uses YAML anchors or aliases, which hortus does not read": "l’en-tête utilise des ancres ou des alias YAML, que hortus ne lit pas",
    "front matter is not valid YAML ({why})": "l’en-tête n’est pas du YAML valide ({why})",
    "front matter must be a mapping of `key: value` lines; ignored": "l’en-tête doit être fait de lignes `clé: valeur` ; ignoré",
    "'{key}' appears twice (lines {first} and {line}); the last one is used": "« {key} » apparaît deux fois (lignes {first} et {line}) ; la dernière est utilisée",
    "front matter is not valid YAML: {what}": "l’en-tête n’est pas du YAML valide : {what}",
    "front matter is not valid YAML: {what} (column {column})": "l’en-tête n’est pas du YAML valide : {what} (colonne {column})",
    "front matter holds the control character U+{code} (column {column}); YAML reads only text (in double quotes, write it as an escape like \\x1b)": "l’en-tête contient le caractère de contrôle U+{code} (colonne {column}) ; YAML ne lit que du texte (entre guillemets doubles, écrivez-le comme un échappement, par exemple \\x1b)",
    "front matter uses the YAML tag '{tag}', which hortus does not read": "l’en-tête utilise la balise YAML « {tag} », que hortus ne lit pas",
    "front matter is nested too deeply": "l’en-tête est imbriqué trop profondément",
    "front matter is too large (over {count} values)": "l’en-tête est trop grand (plus de {count} valeurs)",
    "too deeply nested to read": "imbriqué trop profondément pour être lu",
    "more than {count} '[' that open no link; its Markdown [text](links) are read as plain text": "plus de {count} « [ » qui n’ouvrent aucun lien ; ses [texte](liens) Markdown sont lus comme du texte simple",
    "'{date}' is not a real date; this entry is not dated": "« {date} » n’est pas une vraie date ; cette entrée n’est pas datée",
    "'{date}' is not a real date": "« {date} » n’est pas une vraie date",
}

# index/, garden/: who is who, the garden

_INDEX: dict[str, str] = {
    "[[{target}]] has no page; did you mean [[{name}]]?": "[[{target}]] n’a pas de page ; vouliez-vous dire [[{name}]] ?",
    "dates should be a mapping like {example}": "dates devrait être une table comme {example}",
    "{label} in dates {value} is not a date like 2016-06-18, --06-18 or 06-18": "{label} dans dates : {value} n’est pas une date comme 2016-06-18, --06-18 ou 06-18",
    "{key} {value} is not a date like 2016-06-18, --06-18 or 06-18": "{key} : {value} n’est pas une date comme 2016-06-18, --06-18 ou 06-18",
    "{key} {value} is not an e-mail address (name@domain and nothing more); no link is made of it": "{key} : {value} n’est pas une adresse e-mail (nom@domaine et rien d’autre) ; aucun lien n’en est fait",
    "birthday {value} is ambiguous (day/month or month/day?): write {one} or {other}": "l’anniversaire {value} est ambigu (jour/mois ou mois/jour ?) : écrivez {one} ou {other}",
    "birthday {value} is not a date like 1990-07-21, --07-21 or 07-21": "l’anniversaire {value} n’est pas une date comme 1990-07-21, --07-21 ou 07-21",
    "resting {value} should be true or false; read as false": "resting {value} devrait valoir true ou false ; lu comme false",
    "pause_until {value} is not a date like 2027-03-01": "pause_until {value} n’est pas une date comme 2027-03-01",
    "name should be one line of text, not a list or a mapping; using '{name}'": "name devrait être une ligne de texte, pas une liste ni une table ; « {name} » est utilisé",
    "unknown circle '{value}' (known: {known}); treated as {circle}": "cercle inconnu « {value} » (connus : {known}) ; traité comme {circle}",
    "cadence '{value}' is not readable (write days like 21, or 3w, 2m, 1y, monthly…); using the circle's {days} days": "le rythme « {value} » est illisible (écrivez des jours comme 21, ou 3w, 2m, 1y, monthly…) ; les {days} jours du cercle sont utilisés",
    "[[{target}]] could mean {options}; it counts for none of them (link to the file path, e.g. [[{path}]])": "[[{target}]] peut désigner {options} ; il ne compte pour aucun d’eux (liez plutôt le chemin du fichier, par exemple [[{path}]])",
    "same e-mail {email}": "même e-mail {email}",
    "same phone {phone}": "même téléphone {phone}",
    "the names differ by a middle name": "les noms diffèrent d’un deuxième prénom",
    "same name": "même nom",
    "names differ only by accents, case or word order": "les noms ne diffèrent que par les accents, la casse ou l’ordre des mots",
    'probably the same person as {name} ({path}): {why}; if they are two people, add not_duplicate_of: "[[{key}]]"': 'sans doute la même personne que {name} ({path}) : {why} ; si ce sont deux personnes, ajoutez not_duplicate_of: "[[{key}]]"',
    "not_duplicate_of: [[{name}]] is no contact": "not_duplicate_of : [[{name}]] n’est pas un contact",
    "#intro: mention the one person this introduction was with ([[Name]]); it mentions {count} other contacts": "#intro : mentionnez la seule personne de cette présentation ([[Nom]]) ; elle mentionne {count} autres contacts",
    "date {value} is not a date like 2026-11-20": "date {value} n’est pas une date comme 2026-11-20",
    "the file name starts with '{date}', which is not a real date": "le nom du fichier commence par « {date} », qui n’est pas une vraie date",
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
    "Creating files": "Création des fichiers",
    "it looks like {what}, not {expected}; nothing was read "
    "(run `hortus import {found} FILE`)": "on dirait {what}, pas {expected} ; rien n’a été lu "
    "(lancez `hortus import {found} FICHIER`)",
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
    "{reason}; skipped": "{reason} ; non importé",
    "{name} is already at line {line} of this file; skipped": "{name} figure déjà à la ligne "
    "{line} de ce fichier ; non importé",
    "{name}: matches no contact; left out": "{name} : ne correspond à aucun contact ; laissé "
    "de côté",
    "{name}: matches {paths}; left out": "{name} : correspond à {paths} ; laissé de côté",
}

# loader/, watch/: reading the vault, following it

_LOADER: dict[str, str] = {
    "Reading notes": "Lecture des notes",
    "Indexing notes for search": "Indexation des notes pour la recherche",
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
    "this address is not served here": "cette adresse n’est pas servie ici",
    "open the address hortus serve printed (with its token)": "ouvrez l’adresse que hortus serve a affichée (avec son jeton)",
    "method not allowed": "méthode non autorisée",
    "cross-origin requests are refused": "les requêtes d’une autre origine sont refusées",
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
    "`hortus mcp` needs the MCP SDK: pip install 'hortus[mcp]'": "`hortus mcp` a besoin du "
    "SDK MCP : pip install 'hortus[mcp]'",
    "give at least one word to search for": "donnez au moins un mot à chercher",
    "give a text to look for, such as a company or a city": "donnez un texte à chercher, comme "
    "une entreprise ou une ville",
    "end {end} is before start {start}": "la fin {end} précède le début {start}",
    "ask for at most {days} days at a time": "demandez au plus {days} jours à la fois",
    "no contact called '{query}'": "aucun contact ne s’appelle « {query} »",
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
    "Nothing written: the entry was empty.": "Rien n’a été écrit : l’entrée était vide.",
    "{name} has no page yet (`hortus add {quoted}` creates one)": "{name} n’a pas encore de page (`hortus add {quoted}` la crée)",
    "a promise needs its TEXT: hortus log NAME TEXT --promise": "une promesse a besoin de son TEXTE : hortus log NOM TEXTE --promise",
    "{name} has no open promise matching {words}.": "{name} n’a pas de promesse en cours qui corresponde à {words}.",
    "{name} has no open promise.": "{name} n’a pas de promesse en cours.",
    "{name} has {count} open promises:": "{name} a {count} promesses en cours :",
    " (due {date})": " (pour le {date})",
    "Nothing written: say which with TEXT or --line PATH:N.": "Rien n’a été écrit : dites laquelle avec TEXTE ou --line CHEMIN:N.",
    "Which one": "Laquelle",
    "--update reads vCards only: hortus import vcard FILE_OR_DIR --update": "--update ne lit que des vCards : hortus import vcard FICHIER_OU_DOSSIER --update",
    "wrote {path}": "écrit : {path}",
    "--vdir writes vCards into a folder: hortus export vcard --vdir DIR": "--vdir écrit des vCards dans un dossier : hortus export vcard --vdir DOSSIER",
}


def _typeset(sentences: Mapping[str, str]) -> dict[str, str]:
    """French typography: a no-break space before « : ; ? ! » and inside « » (never inside
    `path:line`, which has no space before its colon)."""
    out = {}
    for key, text in sentences.items():
        for mark in ":;?!»":
            text = text.replace(f" {mark}", f"\u00a0{mark}")
        out[key] = text.replace("« ", "«\u00a0")
    return out


SENTENCES = _typeset(
    {**_CORE, **_FILES, **_NOTES, **_INDEX, **_PERSON, **_EXCHANGE, **_LOADER, **_COMMANDS, **_CLI}
)
