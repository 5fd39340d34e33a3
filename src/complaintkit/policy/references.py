"""Checks across sections that no single section compiler can make.

An escalation level is compiled by the SLA section, but whether ``raise_priority: critical``
names a priority (and not a severity) is a question for the vocabulary, and whether the
metric a level watches has a target anywhere is a question for ``sla.targets``. These are
mistakes that load fine and then do the wrong thing (a case "critical" in priority, a
level that never fires), so they are errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.catalog import closest_id, member_hint, usable_ids
from complaintkit.policy.reassign_teams import teamless_reassigns
from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join
from complaintkit.sla.metrics import BUILTIN_METRICS

NAME: Final = "references"
SCHEMA: Final[Mapping[str, Any]] = {}
#: Action → the vocabulary its value must come from.
_VOCABULARY: Final = {"raise_priority": "priorities", "raise_severity": "severities"}
_OTHER: Final = {"priorities": "raise_severity", "severities": "raise_priority"}


def compile(data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext) -> None:
    """Raise ``PolicyError`` for every cross-section mistake; nothing to compile."""
    problems = [
        Problem(locate(where), message, hint, code=code)
        for where, message, hint, code in (
            *_action_values(data, path),
            *_untargeted_metrics(data, path),
            *_ladders(data, path),
            *teamless_reassigns(data, path),
            *_compared_ids(data, data, path),
        )
    ]
    if problems:
        raise PolicyError(problems)


def _ids(data: Mapping[str, Any], kind: str) -> list[str]:
    section = data.get(kind)
    return [str(k) for k in section] if isinstance(section, Mapping) else []


def _offer(written: str, known: list[str]) -> str:
    """The hint for an unknown id: the usable id closest to it, else every usable one."""
    close = closest_id(written, known)
    return f"did you mean {close!r}?" if close else f"use one of {', '.join(usable_ids(known))}"


def _labelled(data: Mapping[str, Any], kind: str, label: str) -> str | None:
    """The id of ``kind`` that ``label`` is a label of (``紧急`` of ``urgent``), if any."""
    section = data.get(kind)
    for key, entry in section.items() if isinstance(section, Mapping) else ():
        labels = entry.get("label") if isinstance(entry, Mapping) else None
        written = labels.values() if isinstance(labels, Mapping) else [labels]
        if label in written and usable_ids([str(key)]):
            return str(key)
    return None


def _ladders(data: Mapping[str, Any], path: str) -> Iterator[tuple[str, str, str, str]]:
    """A case climbs the first ladder whose ``when`` holds and keeps to it by name: a
    ladder after one without ``when``, or after one whose ``when`` holds wherever its own
    does, is never climbed, and a second ladder of a name
    hands the cases that start on it to the first's levels."""
    escalation = data.get("escalation")
    ladders = escalation.get("ladders") if isinstance(escalation, Mapping) else None
    names: dict[str, str] = {}
    catch_all: tuple[str, str] | None = None
    whens: list[tuple[str, str, object]] = []  # (name, where, when) of each ladder climbed
    for i, ladder in enumerate(ladders if isinstance(ladders, list) else []):
        if not isinstance(ladder, Mapping):
            continue
        where = join(path, f"escalation.ladders[{i}]")
        name = str(ladder.get("name", f"ladder{i + 1}"))
        if name in names:
            yield (
                f"{where}.name",
                f"ladder {name!r} is also the name of {names[name]}: a case keeps to its "
                "ladder by name, so one that started on this ladder would go on up that one",
                "give every ladder its own name",
                "duplicate-ladder",
            )
        names.setdefault(name, where)
        if catch_all is not None:
            yield (
                where,
                f"ladder {name!r} is never climbed: ladder {catch_all[0]!r} ({catch_all[1]}) "
                "has no when, and a case climbs only the first ladder whose when holds",
                f"give ladder {catch_all[0]!r} a when, move it last, or put these levels in it",
                "unreachable-ladder",
            )
        elif ladder.get("when") is None:
            catch_all = (name, where)
        elif (taker := _taking(ladder.get("when"), whens)) is not None:
            yield (
                where,
                f"ladder {name!r} is never climbed: ladder {taker[0]!r} ({taker[1]}) takes "
                "every case its when takes, and a case climbs only the first ladder whose "
                "when holds",
                f"move it before ladder {taker[0]!r}, or put these levels in it",
                "unreachable-ladder",
            )
        else:
            whens.append((name, where, ladder.get("when")))


def _taking(when: object, earlier: list[tuple[str, str, object]]) -> tuple[str, str] | None:
    """The first earlier ladder whose ``when`` holds wherever ``when`` does: the same
    ``when``, or the texts one field is asked to be holding these (``==: urgent`` after
    ``in: [urgent, high]``)."""
    mine = _texts_asked(when)
    for name, where, theirs in earlier:
        asked = _texts_asked(theirs)
        if theirs == when or (mine and asked and mine[0] == asked[0] and mine[1] <= asked[1]):
            return name, where
    return None


def _texts_asked(when: object) -> tuple[str, frozenset[str]] | None:
    """``(field, texts)`` for a ``when`` written ``{field: F, ==: text}`` or ``{field: F,
    in: [texts]}``; None for any other."""
    if not isinstance(when, Mapping) or set(when) not in ({"field", "=="}, {"field", "in"}):
        return None
    asked = when.get("==", when.get("in"))
    texts = asked if isinstance(asked, list) else [asked]
    if not texts or not all(isinstance(t, str) for t in texts):
        return None
    return str(when["field"]), frozenset(texts)


def _levels(data: Mapping[str, Any], path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    escalation = data.get("escalation")
    ladders = escalation.get("ladders") if isinstance(escalation, Mapping) else None
    for i, ladder in enumerate(ladders if isinstance(ladders, list) else []):
        levels = ladder.get("levels") if isinstance(ladder, Mapping) else None
        for j, level in enumerate(levels if isinstance(levels, list) else []):
            if isinstance(level, Mapping):
                yield join(path, f"escalation.ladders[{i}].levels[{j}]"), level


def _action_values(data: Mapping[str, Any], path: str) -> Iterator[tuple[str, str, str, str]]:
    for where, level in _levels(data, path):
        actions = level.get("actions")
        for k, action in enumerate(actions if isinstance(actions, list) else []):
            if not isinstance(action, Mapping) or len(action) != 1:
                continue
            kind, value = next(iter(action.items()))
            if isinstance(value, Mapping):
                yield from _named(data, f"{where}.actions[{k}].{kind}", value)
                continue
            vocabulary = _VOCABULARY.get(kind)
            if vocabulary is None or not isinstance(value, str):
                continue
            known = _ids(data, vocabulary)
            if value in known and len(known) > 1 and value == known[-1]:
                yield from _last(kind, value, known, f"{where}.actions[{k}].{kind}")
            if value in known or not known:
                continue
            spot = f"{where}.actions[{k}].{kind}"
            other = "severities" if vocabulary == "priorities" else "priorities"
            if value in _ids(data, other):
                hint = f"{value!r} is one of the {other}: use {_OTHER[vocabulary]}: {value}"
            elif (labelled := _labelled(data, vocabulary, value)) is not None:
                hint = f"{value!r} is the label of {labelled!r}: write {kind}: {labelled}"
            else:
                hint = _offer(value, known)
            yield (
                spot,
                f"{kind} names {value!r}, which is not one of the {vocabulary}",
                hint,
                ("unknown-id"),
            )


def _last(
    kind: str, value: str, known: list[str], spot: str
) -> Iterator[tuple[str, str, str, str]]:
    """A raise to the id its vocabulary lists last raises no case: it only ever raises
    (the vocabulary lists the most urgent, the most severe first), so the list is upside
    down or the action does nothing."""
    vocabulary = _VOCABULARY[kind]
    first = "the most urgent" if vocabulary == "priorities" else "the most severe"
    yield (
        spot,
        f"{kind}: {value} can never raise a case: {vocabulary} list {first} first, and "
        f"{value!r} is listed last",
        f"list {vocabulary} with {first} first ({', '.join(reversed(known))}), or drop the action",
        "raise-to-last",
    )


#: Keys inside an action that name something the policy declares (templates are checked
#: by the notifications section).
_NAMED: Final = {"team": "teams"}


def _named(
    data: Mapping[str, Any], path: str, value: Mapping[str, Any]
) -> Iterator[tuple[str, str, str, str]]:
    for key, section in _NAMED.items():
        name = value.get(key)
        known = _ids(data, section)
        if isinstance(name, str) and known and name not in known:
            hint = _offer(name, known)
            if (labelled := _labelled(data, section, name)) is not None:
                hint = f"{name!r} is the label of {labelled!r}: write {key}: {labelled}"
            yield f"{path}.{key}", f"{key} {name!r} is not one of the {section}", hint, "unknown-id"
    yield from _member(data, path, value)


def _member(
    data: Mapping[str, Any], path: str, value: Mapping[str, Any]
) -> Iterator[tuple[str, str, str, str]]:
    """A reassignment to a team that lists ``members`` hands the case to one of them, as a
    routing row naming the team must (a typo would hand the team's case to nobody)."""
    teams, owner = data.get("teams"), value.get("owner")
    entry = teams.get(value.get("team")) if isinstance(teams, Mapping) else None
    members = entry.get("members") if isinstance(entry, Mapping) else None
    if not isinstance(members, list) or not members or not isinstance(owner, str):
        return
    if owner not in [str(m) for m in members]:
        team = value.get("team")
        wrong = (
            f"owner {owner!r} is not one of team {team}'s members ({', '.join(map(str, members))})"
        )
        hint = member_hint(str(team), owner, [str(m) for m in members])
        yield f"{path}.owner", wrong, hint, "not-member"


def _untargeted_metrics(data: Mapping[str, Any], path: str) -> Iterator[tuple[str, str, str, str]]:
    sla = data.get("sla")
    targets = sla.get("targets") if isinstance(sla, Mapping) else None
    targeted = {
        str(key)
        for row in (targets if isinstance(targets, list) else [])
        if isinstance(row, Mapping)
        for key in row
        if key != "when"
    }
    declared = set(BUILTIN_METRICS) | set(_mapping(sla, "metrics"))
    for where, level in _levels(data, path):
        trigger = level.get("trigger")
        metric = trigger.get("sla") if isinstance(trigger, Mapping) else None
        # a metric no clock has is the sla section's error, with the one meant
        if isinstance(metric, str) and metric in declared and metric not in targeted:
            yield (
                f"{where}.trigger.sla",
                f"level {level.get('name')!r} watches {metric!r}, which no sla.targets row "
                "gives a target, so it can never fire",
                f"add {metric}: <duration> to a row of sla.targets, or watch "
                f"{', '.join(sorted(targeted)) or 'a metric with a target'}",
                "untargeted-metric",
            )


#: Case fields holding an id the policy declares, and the equality operators on them.
_CASE_IDS: Final = {
    "case.category": "categories",
    "case.severity": "severities",
    "case.priority": "priorities",
    "case.team": "teams",
}
_EQUALITY: Final = ("==", "!=", "in", "not in")


def _compared_ids(
    data: Mapping[str, Any], node: object, path: str
) -> Iterator[tuple[str, str, str, str]]:
    """Conditions anywhere comparing a case id field with an id the policy does not
    declare: ``case.category == prodct`` would never hold (or, with ``!=``, always)."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _compared_ids(data, item, join(path, i))
        return
    if not isinstance(node, Mapping):
        return
    kind = _CASE_IDS.get(node["field"]) if isinstance(node.get("field"), str) else None
    known = _ids(data, kind) if kind else []
    for key, value in node.items():
        if known and key in _EQUALITY:
            literals = value if isinstance(value, list) else [value]
            for i, literal in enumerate(literals):
                if literal is None or isinstance(literal, (Mapping, list)):
                    continue  # null asks for no id; a nested value is the schema's to refuse
                # an id is text: a number or true/false no id spells never equals one
                text = literal if isinstance(literal, str) else as_written(literal)
                if text not in known:
                    hint = _offer(text, known)
                    if (labelled := _labelled(data, kind or "", text)) is not None:
                        hint = f"write {labelled}: {text!r} is the label of {labelled!r}"
                    spot = join(join(path, key), i) if isinstance(value, list) else join(path, key)
                    yield (
                        spot,
                        f"{node['field']} is never {as_written(literal)}, which is not one of "
                        f"the {kind}",
                        hint,
                        "unknown-id",
                    )
        else:
            yield from _compared_ids(data, value, join(path, str(key)))


def _mapping(section: object, key: str) -> Mapping[str, Any]:
    """``section[key]`` when both are mappings, else nothing."""
    value = section.get(key) if isinstance(section, Mapping) else None
    return value if isinstance(value, Mapping) else {}
