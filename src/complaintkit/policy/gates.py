"""The ``gates`` section: the SOP's closing steps, checked before a case may move on.

The SOPs close the loop (闭环管理) only when the steps were really taken: a follow-up visit
with a satisfaction score (or the customer's refusal) before closing, a root cause for a
systemic fault, a compensation decision before a case counts as resolved. A gate names the
statuses it guards, optionally which cases (``when``), and what must be recorded::

    gates:
      - id: follow-up-before-close
        to: [closed]
        require: [satisfaction]
        message: {zh: 关闭前须完成回访并记录满意度, en: record the follow-up before closing}
      - id: root-cause-for-product
        to: [resolved]
        when: {field: case.category, ==: product}
        require: [root_cause]

The Desk checks every gate on each move into a guarded status and refuses the move with
:class:`~complaintkit.errors.StepsMissing`, naming each missing step; nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from complaintkit.errors import PolicyError, Problem
from complaintkit.model.case import Case
from complaintkit.model.compensation import REJECTED
from complaintkit.model.lifecycle import Status
from complaintkit.policy.as_written import as_written
from complaintkit.policy.condition_nodes import Node
from complaintkit.policy.conditions import ConditionCompiler
from complaintkit.policy.currency import amount_currency
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join
from complaintkit.sla.facts import case_facts

NAME: Final = "gates"

#: What a gate can require, and how to tell from the case that it was recorded.
STEPS: Final[Mapping[str, Callable[[Case], bool]]] = {
    "satisfaction": lambda case: case.satisfaction is not None,
    "root_cause": lambda case: case.root_cause is not None,
    "resolution": lambda case: bool(case.resolution and case.resolution.strip()),
    "first_response": lambda case: case.first_response_at is not None,
    "compensation": lambda case: any(
        entry.get("status") != REJECTED for entry in case.compensation
    ),
}

#: What each step means to the person asked for it, when a gate gives no message.
STEP_HINTS: Final[Mapping[str, str]] = {
    "satisfaction": "a follow-up with the customer's satisfaction score, or their refusal to rate",
    "root_cause": "a root cause (fishbone branch, 5-Why chain, systemic or incidental)",
    "resolution": "the resolution given to the customer",
    "first_response": "a first response to the customer",
    "compensation": "a compensation decision (proposed, approved, offered or accepted)",
}

_STATUSES: Final = [s.value for s in Status]

SCHEMA: Final[Mapping[str, Any]] = {
    NAME: {
        "type": "array",
        "description": "Steps that must be recorded before a case may enter a status.",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "to", "require"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "to": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"enum": _STATUSES},
                    "description": "The statuses this gate guards.",
                },
                "when": {"$ref": "#/$defs/condition"},
                "require": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"enum": list(STEPS)},
                    "description": "Steps that must be on the case: " + ", ".join(STEPS),
                },
                "message": {"$ref": "#/$defs/label"},
            },
        },
    }
}


@attrs.frozen
class Gate:
    id: str
    statuses: frozenset[Status]
    require: tuple[str, ...]
    when: Node | None
    message: str | Mapping[str, str] | None


@attrs.frozen
class Unmet:
    """One step a gate requires and the case lacks."""

    gate: str
    step: str
    message: str


@attrs.frozen
class Gates:
    """The compiled section: which steps a case still lacks for a move."""

    gates: tuple[Gate, ...]

    def unmet(self, case: Case, target: Status, lang: str = "en") -> list[Unmet]:
        """Every step missing for ``case`` (as it would be after the move) to enter
        ``target``; empty when the move may go ahead."""
        found: list[Unmet] = []
        facts = None
        for gate in self.gates:
            if target not in gate.statuses:
                continue
            if gate.when is not None:
                facts = facts or case_facts(case)
                if not gate.when(facts):
                    continue
            found.extend(
                Unmet(gate.id, step, _message(gate.message, step, lang))
                for step in gate.require
                if not STEPS[step](case)
            )
        return found


def _message(message: str | Mapping[str, str] | None, step: str, lang: str) -> str:
    if isinstance(message, str):
        return message
    if isinstance(message, Mapping):
        return str(message.get(lang) or next(iter(message.values())))
    return STEP_HINTS[step]


def _well_formed(items: object) -> bool:
    return isinstance(items, list) and all(
        isinstance(item, Mapping)
        and isinstance(item.get("id"), str)
        and isinstance(item.get("to"), list)
        and all(s in _STATUSES for s in item["to"])
        and isinstance(item.get("require"), list)
        and all(step in STEPS for step in item["require"])
        for item in items
    )


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> Gates | None:
    """The compiled section, or None when the document has none (the schema checked its
    shape; conditions are compiled here so their problems are located)."""
    items = data.get(NAME)
    if items is None:
        return None
    if not _well_formed(items):
        return Gates(())  # the schema has located what is wrong; nothing to add here
    # a bare number compared with the complaint's amount is money in the policy's currency
    conditions = ConditionCompiler(locate, context.operators, currency=amount_currency(data))
    gates = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        where = join(path, f"{NAME}[{index}]")
        if item["id"] in seen:
            problems.append(
                Problem(
                    locate(join(where, "id")),
                    f"gate id {as_written(item['id'])} is used twice (first at {seen[item['id']]})",
                    "give every gate its own id",
                    code="duplicate-id",
                )
            )
        seen.setdefault(item["id"], where)
        when = None
        if "when" in item:
            when = conditions.compile(item["when"], join(where, "when"))
        gates.append(
            Gate(
                item["id"],
                frozenset(Status(s) for s in item["to"]),
                tuple(dict.fromkeys(item["require"])),
                when,
                item.get("message"),
            )
        )
    conditions.finish()
    problems += conditions.problems
    if problems:
        raise PolicyError(problems)
    return Gates(tuple(gates))
