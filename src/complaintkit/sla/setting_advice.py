"""What to write where a calendar, metric or escalation setting has another type.

The readers raise one message for every caller; the policy's SLA section moves the advice
after its semicolon to the hint line (``told_apart``), so each says what to write.
"""

from __future__ import annotations

from typing import Final

from complaintkit.sla.metrics import BUILTIN_METRICS

#: A calendar's text settings, by key: what to write there.
_TEXTS: Final = {
    "timezone": "write an IANA timezone name, e.g. timezone: Asia/Shanghai",
    "holiday_country": "write the country's ISO 3166 code, e.g. holiday_country: CN",
    "holiday_subdivision": "write the region's code, e.g. holiday_subdivision: SCT",
    "holiday_categories": "write the holiday lists by name, e.g. holiday_categories: [public]",
}
#: Lists of names, by key: an example of each.
_NAMES: Final = {
    "add_tags": "add_tags: [escalated]",
    "intersect": "intersect: [office, cn_public]",
    "union": "union: [office, night]",
    "start": "start: [opened]",
    "stop": "stop: [resolved]",
    "restart": "restart: [reopened]",
    "pause_in": "pause_in: [waiting_on_customer]",
    "from": "from: ['2025.1']",
}
REQUIRED: Final = {
    "timezone": _TEXTS["timezone"],
    "hours": "write e.g. hours: {mon-fri: ['09:00-18:00']}",
}
WORKING_DAYS: Final = (
    "write each date with its intervals or a weekday, e.g. working_days: {'2026-09-27': mon}"
)
ACTION: Final = (
    "write one action per item, e.g. - {add_tags: [escalated]} or "
    "- {notify: {role: team_lead, template: sla_at_risk}}"
)
#: reassign is the one action of a mapping that takes no role
REASSIGN: Final = "write reassign: {owner: li.na}, or reassign: li.na"
WARNINGS: Final = "write the fractions of the target to warn at, e.g. warnings: [0.5, 0.9]"


def _key(field: str) -> str:
    return field.rsplit(".", 1)[-1].split("[", 1)[0]


def text_advice(field: str) -> str:
    """What to write at ``field``, a calendar setting that takes text."""
    return _TEXTS.get(_key(field), "write it as text, in quotes if YAML reads it otherwise")


def names_advice(path: str) -> str:
    """What to write at ``path``, which takes a list of names."""
    key = _key(path)
    return f"write them as a list, e.g. {_NAMES.get(key, f'{key}: [a, b]')}"


def no_signals(name: str) -> tuple[str, str]:
    """(message, hint) for a metric of the policy's own without both of its signals."""
    return f"metric {name!r} needs 'start' and 'stop' signals", (
        f"give it both, e.g. {name}: {{start: [opened], stop: [resolved]}}, or name a "
        f"built-in metric: {', '.join(BUILTIN_METRICS)}"
    )
