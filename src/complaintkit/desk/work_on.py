"""Which staff actions a case that ended still takes: work on it is refused, records kept.

Work — an owner, a compensation step, a reply — on a closed, rejected or withdrawn case
would start what its status says is over: a closed case is reopened first, with a reason,
so its history says why work began again; a rejected or withdrawn one takes none. Records
of what was learnt (a note, a root cause, facts, an incident flag) are taken whatever the
status: they change nothing the customer sees and nobody is asked to act on them.
"""

from __future__ import annotations

from complaintkit.errors import StepOutOfTurn
from complaintkit.model.case import Case
from complaintkit.model.lifecycle import TRANSITIONS


def expect_open(case: Case, action: str) -> None:
    """Refuse ``action`` (``assigning it``, ``offering comp-1``) on a case that ended:
    ``StepOutOfTurn`` naming ``status``, the case and what to do instead."""
    if case.is_open:
        return
    status = case.status.value
    if TRANSITIONS[case.status]:  # closed: it may be reopened
        raise StepOutOfTurn("status", f"case {case.id} is {status}; reopen it before {action}")
    # rejected or withdrawn: no move undoes it
    raise StepOutOfTurn("status", f"case {case.id} is {status} for good; {action} is over")
