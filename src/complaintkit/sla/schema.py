"""The JSON Schema fragments of the ``calendars``, ``sla`` and ``escalation`` sections, and
the vocabularies they share with the compiler (:mod:`complaintkit.sla.policy`)."""

from __future__ import annotations

from typing import Any

from complaintkit.sla.metrics import Reopen
from complaintkit.sla.reckoning import END_RULES

MIGRATION_MODES = ("keep", "rebase", "rebase_keep_elapsed")
ACTIONS = ("notify", "reassign", "raise_priority", "raise_severity", "add_tags", "require_approval")
ALWAYS = "24x7"
AFTER_HOURS = ("as_received", "next_opening")
ROLLS = ("none", "next_business_day")
_NAME = r"^[A-Za-z][A-Za-z0-9_.-]*$"

# --- schema ------------------------------------------------------------------------------

_STRINGS = {"type": "array", "items": {"type": "string"}}
_DURATION = {
    "type": "string",
    "description": "write a duration with its unit: '24h', '3 business days', '15 calendar "
    "days', '7个工作日' or 'PT2H'",
}
_POINT = (
    "write a fraction of the target above 0 and below 1 (0.8 warns at 80%), or a time "
    "before the deadline ('30 minutes before')"
)
_WARNINGS = {
    "type": "array",
    "items": {
        "anyOf": [
            {"type": "number", "exclusiveMinimum": 0, "description": _POINT},
            {"type": "string", "pattern": "before$", "description": _POINT},
        ]
    },
    "description": "Fractions of the target (0.5, 0.8) or offsets ('30 minutes before').",
}
_CALENDAR = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "required": ["field", "map", "default"],
            "additionalProperties": False,
            "properties": {
                "field": {"type": "string"},
                "map": {"type": "object", "additionalProperties": {"type": "string"}},
                "default": {"type": "string"},
            },
        },
    ],
    "description": "A calendar name, or {field, map, default}: chosen by a field's value.",
}
_EXTENSION = {
    "type": "object",
    "required": ["upon"],
    "additionalProperties": False,
    "properties": {
        "upon": {"type": "string", "description": "The signal: an event kind or a status."},
        "to": _DURATION,
        "by": _DURATION,
    },
    "oneOf": [{"required": ["to"]}, {"required": ["by"]}],
}
_TARGET = {
    "anyOf": [
        {"type": "string", "description": "A duration: '24h', '3 business days', 'PT2H'."},
        {
            "type": "object",
            "required": ["within"],
            "additionalProperties": False,
            "properties": {
                "within": _DURATION,
                "calendar": _CALENDAR,
                "warnings": _WARNINGS,
                "from": {"type": "string", "description": "A field holding the start date."},
                "after_hours": {"enum": list(AFTER_HOURS)},
                "ends": {"enum": list(END_RULES)},
                "roll": {"enum": list(ROLLS)},
                "extend": {"type": "array", "items": _EXTENSION},
                "pause_in": _STRINGS,
            },
        },
    ]
}
_CONDITION = {"type": "object", "description": "A condition (see the conditions reference)."}
_TRIGGER = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "sla": {"type": "string"},
        "elapsed": {"type": "number", "exclusiveMinimum": 0},
        "since": {"type": "string"},
        "after": _DURATION,
        "calendar": _CALENDAR,
        "condition": _CONDITION,
    },
    "oneOf": [
        {"required": ["sla", "elapsed"]},
        {"required": ["since", "after"]},
        {"required": ["condition"]},
    ],
    "description": "write {sla: resolution, elapsed: 0.8} (a share of a clock's time), "
    "{since: opened, after: 2h} (a time after a signal) or {condition: {…}}",
}

#: JSON-schema fragments, one per top-level section this module owns.
SCHEMA: dict[str, dict[str, Any]] = {
    "calendars": {
        "type": "object",
        "description": "Named business calendars, or compositions of two: {intersect|union: [a, b]}.",
        "propertyNames": {"pattern": _NAME},
        "additionalProperties": {
            "type": "object",
            "anyOf": [
                {"required": ["timezone", "hours"]},
                {"required": ["intersect"]},
                {"required": ["union"]},
            ],
        },
    },
    "sla": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "calendar": {"type": "string"},
            "warnings": _WARNINGS,
            "metrics": {
                "type": "object",
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "start": _STRINGS,
                        "stop": _STRINGS,
                        "restart": _STRINGS,
                        "pause_in": _STRINGS,
                        "reopen": {"enum": [r.value for r in Reopen]},
                        "warnings": _WARNINGS,
                        "promise": {"type": "boolean"},
                    },
                },
            },
            "targets": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"when": _CONDITION, "calendar": _CALENDAR},
                    "additionalProperties": _TARGET,
                },
            },
            "migrate": {
                "type": "object",
                "required": ["mode"],
                "additionalProperties": False,
                "properties": {"mode": {"enum": list(MIGRATION_MODES)}, "from": _STRINGS},
            },
        },
    },
    "escalation": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "ladders": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "levels"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "when": _CONDITION,
                        "levels": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": ["name", "trigger", "actions"],
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string"},
                                    "trigger": _TRIGGER,
                                    "when": _CONDITION,
                                    "actions": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "minProperties": 1,
                                            "maxProperties": 1,
                                            "propertyNames": {"enum": list(ACTIONS)},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            }
        },
    },
}
