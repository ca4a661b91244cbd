"""What `hortus import` did, or would do: one line per person, problems as `file:line:
message`, and the totals, in the vault's language."""

from __future__ import annotations

from hortus.core.errors import format_problem
from hortus.exchange.importers.plan import LABELS, Existing, ImportPlan, Written
from hortus.render import words
from hortus.render.i18n import Catalogue, catalogue

_EMAIL_WHY = "same e-mail "


def render_import(plan: ImportPlan, written: Written | None, language: str = "en") -> str:
    cat = catalogue(language)
    records = cat.n("cards" if plan.kind == "vcard" else "rows", plan.records)
    label = LABELS.get(plan.kind, plan.kind)
    lines = [cat.t("import.header", file=plan.display, label=label, records=records)]
    if written is None:
        lines.extend(
            cat.t("import.would_create", path=p.path, name=p.person.name) for p in plan.create
        )
    else:
        lines.extend(
            cat.t("import.created", path=p.path, name=p.person.name) for p in written.created
        )
    lines.extend(_existing(e, cat) for e in plan.existing)
    lines.extend(
        cat.t(
            "import.probable",
            name=p.person.name,
            contact=p.contact.name,
            path=p.contact.path,
            why=cat.say(p.why),
            line=p.person.line,
        )
        for p in plan.probable
    )
    problems = sorted((*plan.problems, *(written.problems if written else ())))
    lines.extend(format_problem(problem, cat.say(problem.said)) for problem in problems)
    lines.append(_totals(plan, written, len(problems), cat))
    return "\n".join(lines) + "\n"


def _existing(existing: Existing, cat: Catalogue) -> str:
    why = existing.why
    if why.startswith(_EMAIL_WHY):
        why = cat.t("import.why.email", email=why.removeprefix(_EMAIL_WHY))
    else:
        why = cat.messages.get(f"import.why.{why.replace(' ', '_')}", why)
    person = existing.person
    return cat.t(
        "import.existing", name=person.name, path=existing.contact.path, why=why, line=person.line
    )


def _totals(plan: ImportPlan, written: Written | None, problems: int, cat: Catalogue) -> str:
    there = cat.t("import.there", count=len(plan.existing))
    found = cat.n("problems", problems)
    if written is None:
        count = len(plan.create)
        todo = cat.t("import.todo" if count else "import.nothing")
        return cat.t(
            "import.plan",
            count=count,
            circle=words.circle(plan.circle, cat),
            there=there,
            problems=found,
            todo=todo,
        )
    created = cat.n("contacts", len(written.created))
    return cat.t(
        "import.done",
        created=created,
        circle=words.circle(plan.circle, cat),
        there=there,
        problems=found,
    )
