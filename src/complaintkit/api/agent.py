"""The agents' endpoints for the SOP's later steps: notes, hand-over, progress updates, the
follow-up visit, the root cause, compensation (proposed, approved or rejected, offered to
the customer, who answers on their status page, or tells an agent, who records the
answer), closing and the events an SOP names.

Each is ``POST /cases/{case_id}/<step>`` with a JSON object, authenticated by the agent's
bearer token (the token's name is the actor recorded on the event), answering
``{case_id, status, version}``; one sent again with its ``Idempotency-Key`` is recorded
once (``step_retries``). Bad fields are 422 naming the field as the body names it
(``score``, not the library's ``satisfaction.score``); a move the policy's gates refuse, a
follow-up visit before the case is resolved, or a second one, is 409.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from complaintkit.api.body_fields import text, texts
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import FISHBONE_CATEGORIES, NATURES, Case, RootCause

#: (desk, case id, body, actor) → the changed case.
Step = Callable[[Desk, str, Mapping[str, Any], str], Case]


def _follow_up(desk: Desk, case_id: str, data: Mapping[str, Any], actor: str) -> Case:
    """A score or a refusal, never both: ``refused: "yes"`` must not pass for a refusal nor
    be dropped while its score is kept. A JSON number is an integer when it has no
    fraction (``4.0`` is 4; ``4.5`` is refused)."""
    comment = text(data, "comment", required=False)
    refused, score = data.get("refused", False), data.get("score")
    if not isinstance(refused, bool):
        raise InvalidInput("refused", "must be true or false")
    if refused:
        if score is not None:
            raise InvalidInput("score", "leave it out when the customer refused to rate")
        return desk.follow_up_refused(case_id, comment, actor=actor)
    if isinstance(score, bool) or not isinstance(score, int):
        raise InvalidInput("score", "give a satisfaction score from 1 to 5, or refused: true")
    return desk.follow_up(case_id, score, comment, actor=actor)


def _as_sent(step: Step, prefix: str = "", **names: str) -> Step:
    """``step`` whose refusals name a field as the request body does: the library names some
    by their path on the case (``satisfaction.score``, under ``prefix``) or by its own
    argument (``compensation_id``, ``event``: ``names`` says which body field each is),
    which no caller sent."""

    def run(desk: Desk, case_id: str, data: Mapping[str, Any], actor: str) -> Case:
        try:
            return step(desk, case_id, data, actor)
        except InvalidInput as exc:
            if type(exc) is not InvalidInput:
                raise
            if exc.field in names:
                raise InvalidInput(names[exc.field], exc.message) from None
            if prefix and exc.field.startswith(prefix):
                raise InvalidInput(exc.field.removeprefix(prefix), exc.message) from None
            raise

    return run


def _root_cause(desk: Desk, case_id: str, data: Mapping[str, Any], actor: str) -> Case:
    fishbone, nature = text(data, "fishbone"), text(data, "nature")
    for name, value, allowed in (
        ("fishbone", fishbone, FISHBONE_CATEGORIES),
        ("nature", nature, NATURES),
    ):
        if value not in allowed:
            raise InvalidInput(name, f"must be one of {', '.join(allowed)} (got {value!r})")
    cause = RootCause(
        fishbone,
        texts(data, "whys"),
        nature,
        text(data, "impact", required=False),
        texts(data, "improvements"),
    )
    return desk.record_root_cause(case_id, cause, actor=actor)


def _compensation(desk: Desk, case_id: str, data: Mapping[str, Any], actor: str) -> Case:
    facts = data.get("facts", {})
    if not isinstance(facts, Mapping):
        raise InvalidInput("facts", "must be an object of fact names and values")
    return desk.propose_compensation(case_id, dict(facts), actor=actor)


def _custom_event(desk: Desk, case_id: str, data: Mapping[str, Any], actor: str) -> Case:
    """The event the body's ``name`` names."""
    name, reason = text(data, "name"), text(data, "reason", required=False)
    return desk.record_event(case_id, name, actor=actor, reason=reason)


STEPS: Mapping[str, Step] = {
    "note": lambda d, c, b, a: d.note(c, text(b, "text"), actor=a),
    "update": lambda d, c, b, a: d.update(c, text(b, "message"), actor=a),
    "assign": lambda d, c, b, a: d.assign(
        c,
        text(b, "owner"),
        team=text(b, "team", required=False) or None,
        reason=text(b, "reason", required=False),
        actor=a,
    ),
    "follow-up": _as_sent(_follow_up, "satisfaction."),
    "root-cause": _as_sent(_root_cause, "root_cause."),
    "compensation": _compensation,
    "approve": _as_sent(
        lambda d, c, b, a: d.approve_compensation(c, text(b, "id"), role=text(b, "role"), actor=a),
        compensation_id="id",
    ),
    "reject": _as_sent(
        lambda d, c, b, a: d.reject_compensation(
            c, text(b, "id"), role=text(b, "role"), actor=a, reason=text(b, "reason")
        ),
        compensation_id="id",
    ),
    "offer": _as_sent(
        lambda d, c, b, a: d.offer_compensation(c, text(b, "id"), actor=a), compensation_id="id"
    ),
    "accept": _as_sent(
        lambda d, c, b, a: d.accept_compensation(
            c, text(b, "id"), actor=a, reason=text(b, "reason", required=False)
        ),
        compensation_id="id",
    ),
    "decline": _as_sent(
        lambda d, c, b, a: d.decline_compensation(
            c, text(b, "id"), actor=a, reason=text(b, "reason", required=False)
        ),
        compensation_id="id",
    ),
    "close": lambda d, c, b, a: d.close(c, actor=a, reason=text(b, "reason", required=False)),
    "events": _as_sent(_custom_event, event="name"),
}


def routes(
    desk: Desk,
    act: Callable[[Request, Callable[[str, dict[str, Any], str], Case]], Awaitable[Response]],
    guarded: Callable[[Callable[[Request], Awaitable[Response]]], Any],
) -> list[Route]:
    """One route per step; ``act`` authenticates the agent, reads the body and runs the step
    once per ``Idempotency-Key``, ``guarded`` turns library errors into 4xx answers."""

    def endpoint(step: Step) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            return await act(request, lambda case_id, data, actor: step(desk, case_id, data, actor))

        return run

    return [
        Route(f"/cases/{{case_id}}/{name}", guarded(endpoint(step)), methods=["POST"])
        for name, step in STEPS.items()
    ]
