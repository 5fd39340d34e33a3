"""The arithmetic of a compensation decision as text, for ``complaintkit explain``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from complaintkit.compensation.decision import Decision, RemedyDecision


def render_decision(decision: Decision) -> str:
    """Which row matched and why, each remedy's formula and steps, floors and caps that
    applied, the per-customer caps and the approval the total needs."""
    lines = [f"compensation for case {decision.case_id} ({decision.currency})"]
    if decision.trace is not None:
        lines += ["  " + line for line in str(decision.trace).splitlines()]
    if decision.rows:
        lines.append(f"matched row(s): {', '.join(decision.rows)}")
        lines += [f"  {row}: {description}" for row, description in decision.described]
    elif decision.used_default:
        lines.append("no row matched: the default remedies apply")
    else:
        lines.append("no row matched and there is no default: no compensation")
    if decision.inputs:
        shown = ", ".join(f"{k} = {v.shown()}" for k, v in sorted(decision.inputs.items()))
        lines.append(f"inputs: {shown}")
    for number, remedy in enumerate(decision.remedies, start=1):
        lines += _remedy(number, remedy)
    for use in decision.caps:
        lines.append(
            f"per-customer cap {use.cap.describe()}: used {use.used.shown()}, "
            f"remaining {use.remaining.shown()}"
            + (
                f", reduced this decision by {use.reduced_by.shown()}"
                if use.reduced_by.amount
                else ""
            )
        )
    lines.append(f"total: {decision.total.shown()}")
    lines += [f"not read: {unread.field}: {unread.message}" for unread in decision.unread]
    if decision.needs:
        lines.append(
            f"needs: {', '.join(decision.needs)} (supply as facts or complaint attributes; "
            "the total leaves those remedies out)"
        )
    if decision.approval is None and decision.needs:  # the remedies left out may need one
        lines.append(f"approval: not known without {', '.join(decision.needs)}")
    elif decision.approval is None:
        lines.append("approval: none needed")
    else:
        above = decision.approval.above.shown()
        weighed = (
            f"total above {above}"
            if decision.weighed is None
            else f"with what the case already offers or gave, {decision.weighed.shown()}, "
            f"above {above}"
        )
        lines.append(f"approval: needs role {decision.approval.role!r} ({weighed})")
    return "\n".join(lines)


def _remedy(number: int, remedy: RemedyDecision) -> list[str]:
    head = f"{number}. {remedy.title} [{remedy.kind}, row {remedy.row}]"
    if remedy.needs is not None:
        return [f"{head}: needs {remedy.needs}", f"     formula: {remedy.formula}"]
    if remedy.amount is None:
        return [head]
    lines = [f"{head}: {remedy.amount.shown()}"]
    if remedy.formula:
        lines.append(f"     formula: {remedy.formula}")
    lines += [f"     {step}" for step in remedy.steps]
    if remedy.floor is not None:
        lines.append(f"     floor applied: {remedy.floor.shown()}")
    if remedy.cap is not None:
        lines.append(f"     cap applied: {remedy.cap.shown()}")
    return lines
