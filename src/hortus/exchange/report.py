"""What `hortus import` did, or would do: one line per person, problems as `file:line:
message`, and the totals."""

from __future__ import annotations

from hortus.core.errors import format_problem
from hortus.exchange.importers.plan import LABELS, ImportPlan, Written
from hortus.render import plural


def render_import(plan: ImportPlan, written: Written | None) -> str:
    records = plural(plan.records, "card" if plan.kind == "vcard" else "row")
    lines = [f"{plan.display} ({LABELS.get(plan.kind, plan.kind)}): {records}"]
    if written is None:
        lines.extend(f"would create {p.path}  {p.person.name}" for p in plan.create)
    else:
        lines.extend(f"created {p.path}  {p.person.name}" for p in written.created)
    lines.extend(
        f"already there: {e.person.name} is {e.contact.path} ({e.why}; line {e.person.line})"
        for e in plan.existing
    )
    lines.extend(
        f"probably already there: {p.person.name} may be {p.contact.name} "
        f"({p.contact.path}; {p.why}; line {p.person.line})"
        for p in plan.probable
    )
    problems = sorted((*plan.problems, *(written.problems if written else ())))
    lines.extend(format_problem(problem) for problem in problems)
    lines.append(_totals(plan, written, len(problems)))
    return "\n".join(lines) + "\n"


def _totals(plan: ImportPlan, written: Written | None, problems: int) -> str:
    there = f"{len(plan.existing)} already there"
    found = plural(problems, "problem")
    if written is None:
        count = len(plan.create)
        todo = "Nothing written: add --write to create them." if count else "Nothing to write."
        return f"{count} to create (circle {plan.circle}), {there}, {found}. {todo}"
    created = plural(len(written.created), "contact")
    return f"Created {created} (circle {plan.circle}), {there}, {found}."
