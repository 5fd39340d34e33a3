"""What a person does to a case, as the random case histories of the report tests draw it:
one step by its kind and a number that varies it. A step out of turn raises the Desk's
refusal, which the caller passes over, as a person's refused step changes nothing."""

from __future__ import annotations

from complaintkit.desk import Desk


def on_case(desk: Desk, case_id: str, kind: str, n: int) -> None:
    """Do the step ``kind`` to the case (``n`` picks the score, amounts and remedy)."""
    if kind == "respond":
        desk.respond(case_id, "we are looking into it", actor="li.na")
    elif kind == "wait":
        desk.transition(case_id, "waiting_on_customer", actor="li.na")
    elif kind == "resolve":
        desk.resolve(case_id, "refunded", actor="li.na")
    elif kind == "close":
        desk.close(case_id, actor="li.na")
    elif kind == "reopen":
        desk.reopen(case_id, actor="li.na", reason="again")
    elif kind == "withdraw":
        desk.transition(case_id, "withdrawn", actor="li.na")
    elif kind == "rate":
        desk.follow_up(case_id, 1 + n % 5, actor="li.na")
    elif kind == "propose":
        money = {"price": f"{n}.35", "loss": f"{n * 3}.1"}
        facts = {k: {"amount": v, "currency": "CNY"} for k, v in money.items()}
        desk.propose_compensation(case_id, facts, actor="li.na")
    else:
        _answer(desk, case_id, kind, n)


def _answer(desk: Desk, case_id: str, kind: str, n: int) -> None:
    """A decision on one of the case's remedies, the ``n``-th round."""
    entries = desk.get(case_id).compensation
    if not entries:
        return
    comp = str(entries[n % len(entries)]["id"])
    if kind == "approve":
        desk.approve_compensation(case_id, comp, role="store_manager", actor="boss")
    elif kind == "reject":
        desk.reject_compensation(case_id, comp, role="store_manager", actor="boss", reason="no")
    elif kind == "offer":
        desk.offer_compensation(case_id, comp, actor="li.na")
    elif kind == "accept":
        desk.accept_compensation(case_id, comp, actor="customer")
    else:
        desk.decline_compensation(case_id, comp, actor="customer")
