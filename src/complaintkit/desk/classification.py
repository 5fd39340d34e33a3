"""A policy's assessment of a complaint as the drafts that classify and route its case.

The Desk opens cases with these; ``replay`` re-opens stored cases under a candidate
policy with the same drafts, so both classify alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Final

import attrs
import pluggy

from complaintkit.builtin.lifecycle import culprit
from complaintkit.errors import ComplaintkitError, InvalidInput
from complaintkit.model.complaint import MAX_ID_CHARS, Complaint
from complaintkit.model.drafts import Draft
from complaintkit.model.jsonvalues import check_text
from complaintkit.plugin_exit import contained
from complaintkit.plugin_said import said, shown
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import Assessment
from complaintkit.policy.catalog import Catalog, closest_id

#: The field an ``InvalidInput`` names when a ``classify_complaint`` plugin failed: its
#: answer, or what it raised.
HOOK_FIELD: Final = "classify_complaint"
#: Most tags a ``classify_complaint`` answer may give a case (each an id-sized text).
MAX_TAGS = 100

#: The fields a ``classify_complaint`` answer may replace, with the catalog kind naming
#: each one's known ids (tags are free text).
_OVERRIDABLE = {"category": "categories", "severity": "severities", "priority": "priorities"}


def classification_drafts(
    plugins: Plugins,
    complaint: Complaint,
    assessment: Assessment,
    catalog: Catalog | None = None,
) -> list[Draft]:
    """``classified`` (a plugin's ``classify_complaint`` may override, with ids from
    ``catalog`` when the policy declares one) and ``assigned``."""
    outcome = {
        "category": assessment.category,
        "severity": assessment.severity,
        "priority": assessment.priority,
        "tags": list(assessment.tags),
    }
    reasons = list(assessment.reasons)
    answer, answered_by = _answer(plugins, complaint, outcome)
    override = checked_override(plugins, answer, catalog, answered_by)
    if override:
        outcome.update(override)
        by = f"plugin {answered_by[0]!r}" if len(answered_by) == 1 else "a plugin"
        reasons.append(f"classification overridden by {by} (classify_complaint)")
    drafts = [Draft("classified", {**outcome, "reasons": reasons}, "; ".join(reasons))]
    if assessment.owner is None:
        raise InvalidInput(
            "policy.routing",
            "the policy assigned no owner; every case needs one — add a default routing row",
        )
    team = f" (team {assessment.team})" if assessment.team else ""
    drafts.append(  # why: the routing reason, with the classification's (no policy: none)
        Draft(
            "assigned",
            {"owner": assessment.owner, "team": assessment.team},
            f"assigned to {assessment.owner}{team}",
        )
    )
    return drafts


def _answer(
    plugins: Plugins, complaint: Complaint, proposed: Mapping[str, Any]
) -> tuple[object, list[str]]:
    """What ``classify_complaint`` answers, and the plugin that answered; a plugin raising
    refuses the complaint as a bad answer does, naming the hook and that plugin. The
    plugins get copies (the outcome's tags, the complaint's attributes and recorded
    history): what one changes in place is no answer (unchecked, unrecorded) and must not
    change what is stored."""
    offered = {**proposed, "tags": list(proposed["tags"])}
    if plugins.implementers("classify_complaint"):  # an empty dict of attributes too
        complaint = _own_copy(complaint)
    impls = plugins.pm.hook.classify_complaint.get_hookimpls()
    names = [impl.plugin_name for impl in reversed(impls)]
    try:
        if len(impls) < 2 or any(impl.wrapper or impl.hookwrapper for impl in impls):
            # one implementer, or a wrapper that may change any answer: asked as a whole
            return plugins.classify_complaint(complaint, offered), names
        for impl in reversed(impls):
            answer = _asked(
                plugins, impl, [o.plugin for o in impls if o is not impl], offered, complaint
            )
            if answer is not None:
                return answer, [impl.plugin_name]
        return None, []
    except ComplaintkitError:
        raise
    except _Raised as raised:
        who, exc = [raised.plugin], raised.error
    except Exception as error:
        found = culprit(impls, error)
        who, exc = [found] if found in names else names, error
    raise InvalidInput(
        HOOK_FIELD,
        f"a plugin raised {said(exc)} (raised by {_named(who)})",
    ) from exc


def _own_copy(complaint: Complaint) -> Complaint:
    """``complaint`` with its own attributes and its own recorded SLA outcomes (an imported
    one's ``history.sla``, from which its clocks are stopped): the stored ones stay put."""
    history = complaint.history
    if history is not None:
        history = attrs.evolve(history, sla=dict(history.sla))
    return attrs.evolve(complaint, history=history)


class _Raised(Exception):
    """What one implementation raised, with the plugin it belongs to."""

    def __init__(self, plugin: str, error: Exception) -> None:
        super().__init__(plugin, error)
        self.plugin, self.error = plugin, error


def _asked(
    plugins: Plugins,
    impl: pluggy.HookImpl,
    others: list[object],
    offered: dict[str, Any],
    complaint: Complaint,
) -> object:
    """One implementation's answer, asked as pluggy's ``firstresult`` asks each in turn
    (through pluggy, so tracing sees the call); what it raises names its plugin. A
    complaintkit error it raises stands, as from the hook called as a whole."""
    ask = plugins.pm.subset_hook_caller("classify_complaint", remove_plugins=others)
    slow = plugins.slow_hooks
    started = slow.timer()
    try:
        with contained():
            return ask(complaint=complaint, proposed=offered)
    except ComplaintkitError:
        raise
    except Exception as exc:
        raise _Raised(impl.plugin_name, exc) from exc
    finally:
        if (took := slow.timer() - started) >= slow.seconds:
            slow.took("classify_complaint", [impl], took)


def _named(plugins: list[str]) -> str:
    return ", ".join(f"plugin {name!r}" for name in plugins) or "no plugin"


def checked_override(
    plugins: Plugins,
    answer: object,
    catalog: Catalog | None,
    answered_by: list[str] | None = None,
) -> dict[str, Any] | None:
    """A plugin's ``classify_complaint`` answer, held to what the policy's own outcome
    must be: a case filed under an id the policy never declared, or a tag that is not text,
    would be counted in no report and routed by no rule. A bad answer refuses the
    complaint (a dead letter naming the plugin that gave it, ``answered_by``, else every
    implementer), as a plugin that raised does."""
    if answer is None:
        return None

    def refuse(problem: str) -> InvalidInput:
        names = answered_by or plugins.implementers("classify_complaint")
        return InvalidInput(HOOK_FIELD, f"{problem} (answered by {_named(names)})")

    try:  # reading the answer runs the plugin's code (a mapping's, a key's, a text's)
        with contained():
            return _held(answer, catalog, refuse)
    except InvalidInput:
        raise
    except Exception as exc:
        raise refuse(
            f"a plugin answered a {type(answer).__name__} that could not be read "
            f"({said(exc)}); return a dict of plain texts, or None"
        ) from exc


def _held(
    answer: object, catalog: Catalog | None, refuse: Callable[[str], InvalidInput]
) -> dict[str, Any]:
    """The answer's fields as plain texts, or ``refuse``'s error saying what is wrong."""
    if not isinstance(answer, Mapping):
        raise refuse(
            f"a plugin answered {type(answer).__name__}; return a mapping of the fields "
            "to replace, or None"
        )
    unknown = sorted(str(key) for key in answer if key not in {*_OVERRIDABLE, "tags"})
    if unknown:
        raise refuse(
            f"a plugin answered unknown field(s) {', '.join(map(repr, unknown))}; "
            "it may replace category, severity, priority and tags"
        )
    for field, kind in _OVERRIDABLE.items():
        if field not in answer:
            continue
        value = answer[field]
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_CHARS:
            raise refuse(
                f"a plugin answered {field} {shown(value)}; it must be non-empty text of at "
                f"most {MAX_ID_CHARS} characters"
            )
        if (held := _unstorable(value)) is not None:
            raise refuse(f"a plugin answered {field} {shown(value)}, which {held}")
        if catalog is not None and not catalog.declares(kind, value):
            raise refuse(
                f"a plugin answered {field} {value!r}, which the policy does not declare"
                f"{_meant(catalog, kind, value)} (its {kind}: {', '.join(catalog.kind(kind))})"
            )
    tags = answer.get("tags", [])
    if (wrong := _tags_problem(tags)) is not None:
        raise refuse(f"a plugin answered tags {shown(tags)}: {wrong}")
    texts = {field: _plain(answer[field]) for field in _OVERRIDABLE if field in answer}
    return {**texts, **({"tags": [_plain(tag) for tag in tags]} if "tags" in answer else {})}


def _plain(text: str) -> str:
    """``text`` as a plain ``str``: a ``StrEnum`` member, how a plugin names a fixed set
    of ids, is the text it holds (a subclass's ``__str__`` may say otherwise), which the
    stored event takes."""
    return str.__str__(text)


def _meant(catalog: Catalog, kind: str, value: str) -> str:
    """The id an undeclared answer stands for, as a clause: a model or a service answering
    in the SOP's words gives a label (产品投诉, Critical), a hand-written one a slip."""
    if (labelled := catalog.labelled(kind, value)) is not None:
        return f": {value!r} is the label of {labelled!r}: return {labelled!r}"
    if (close := closest_id(value, catalog.kind(kind))) is not None:
        return f": did you mean {close!r}?"
    return ""


#: What a plugin's tags were instead of a sequence of texts, and what to return.
_NOT_A_LIST: Final[tuple[tuple[type | tuple[type, ...], str], ...]] = (
    (str, "a text, not a list of texts: return [{shown}]"),
    ((bytes, bytearray), "bytes, not a list of texts: decode them and return a list"),
    (
        AbstractSet,
        "a set, whose order changes from run to run: return a list (sorted, for one order)",
    ),
    (Mapping, "a mapping, not a list of texts"),
)


def _tags_problem(tags: object) -> str | None:
    """What is wrong with the tags a plugin answered, and what to return instead: any
    sequence of texts is taken in its order (a list, a tuple), as a policy row's are."""
    if tags is None:
        return "None, not a list of texts: leave tags out to keep the policy's"
    for kind, why in _NOT_A_LIST:
        if isinstance(tags, kind):
            return why.format(shown=shown(tags))
    if not isinstance(tags, Sequence):
        return f"{type(tags).__name__}, not a list of texts"
    if len(tags) > MAX_TAGS:
        return f"{len(tags)} tags; a case holds at most {MAX_TAGS}"
    return next((wrong for i, tag in enumerate(tags) if (wrong := _tag_problem(i, tag))), None)


def _tag_problem(i: int, tag: object) -> str | None:
    if isinstance(tag, bytes | bytearray):
        return f"tags[{i}] is bytes, not text: decode it"
    if not isinstance(tag, str):
        return f"tags[{i}] is {type(tag).__name__}, not text"
    if not tag.strip():
        return f"tags[{i}] is blank"
    if len(tag) > MAX_ID_CHARS:
        return f"tags[{i}] has {len(tag):,} characters; a tag has at most {MAX_ID_CHARS}"
    if (held := _unstorable(tag)) is not None:
        return f"tags[{i}] {held}"
    return None


def _unstorable(text: str) -> str | None:
    """What in ``text`` no backend stores (a NUL, a lone surrogate), as a clause naming
    the plugin's answer: refused later, it would name a stored event's field instead."""
    try:
        check_text(text, "")
    except InvalidInput as refused:
        return f"{refused.message}; no backend stores it"
    return None
