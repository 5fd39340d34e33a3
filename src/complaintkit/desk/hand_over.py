"""Who may take a case: ``Desk.assign``'s checks, made before the case is loaded where they
need only the request, and against the case's own team where none is named."""

from __future__ import annotations

from collections.abc import Callable

from complaintkit.desk.work_on import expect_open
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.owner_id import check_owner_id
from complaintkit.policy.catalog import Catalog


def hand_over(
    catalog: Catalog | None, owner: str, team: str | None, reason: str, actor: str
) -> Callable[[Case], list[Draft]]:
    """The drafts giving a case to ``owner`` (of ``team``, when named). Owner and team are
    one visible line each (``model.owner_id``); the team is one the policy declares, and
    the owner one of its ``members`` when it lists them (the team named, else the case's):
    a routing row's and an escalation's ``reassign`` owner must be, and a case handed to
    someone outside the team is read by nobody in it; so is one kept, no team named, in a team
    the policy no longer declares. A case that ended takes no owner
    (``desk.work_on``): a closed one is reopened first. The owner and team it has already
    are no change: no drafts."""
    check_owner_id(owner)
    if team is not None:
        check_owner_id(team, "team")
        if catalog is not None:
            catalog.check_team(team)

    def drafts(case: Case) -> list[Draft]:
        expect_open(case, f"assigning it to {owner}")
        if catalog is not None:
            if team is None:
                catalog.check_kept_team(case.id, case.team)
            catalog.check_member(team if team is not None else case.team, owner)
        if case.held_by(owner, team):
            return []  # the owner it has: no change, and so no event
        return [Draft("assigned", {"owner": owner, "team": team}, reason, actor)]

    return drafts
