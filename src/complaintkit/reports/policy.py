"""The ``incidents`` policy section: batch (recall) thresholds and spike sensitivity.

```yaml
incidents:
  batches:                      # at least 3 complaints about one SKU within 72 hours
    - {key: product, min_cases: 3, window_hours: 72}
    - {key: attributes.batch, min_cases: 5, window_hours: 168}
  spikes:
    - {dimension: category, baseline_days: 14, k: 3, min_count: 5}
```
The loader adds ``SCHEMA`` under ``properties.incidents`` and calls ``compile_incidents``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from complaintkit.errors import InvalidInput, Location, PolicyError, Problem
from complaintkit.incidents import WindowRule
from complaintkit.incidents.rule import MAX_HOURS
from complaintkit.reports.scope import DIMENSIONS
from complaintkit.reports.trends import SpikeRule
from complaintkit.sla.durations import MAX_DAYS

SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Thresholds that turn complaint volume into incidents and risk alerts.",
    "additionalProperties": False,
    "properties": {
        "batches": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["min_cases", "window_hours"],
                "properties": {
                    "key": {
                        "type": "string",
                        "pattern": '^(product|attributes\\.[^"]+)$',
                        "default": "product",
                        "description": "product, or attributes.NAME for a batch number or SKU",
                    },
                    "min_cases": {
                        "type": "integer",
                        "minimum": 2,
                        "description": "complaints from this many different customers "
                        "about one value open an incident",
                    },
                    "window_hours": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": MAX_HOURS,
                    },
                    "quiet_hours": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": MAX_HOURS,
                        "description": "hours without a case that close an incident "
                        "(default: window_hours)",
                    },
                    "opens_case": {
                        "type": "boolean",
                        "default": False,
                        "description": "also open an internal case (channel 'incident') that "
                        "the policy classifies, routes, times and notifies like any case",
                    },
                },
            },
        },
        "spikes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "dimension": {"enum": list(DIMENSIONS)},
                    "baseline_days": {"type": "integer", "minimum": 3, "maximum": MAX_DAYS},
                    "k": {"type": "number", "exclusiveMinimum": 0},
                    "min_count": {"type": "integer", "minimum": 1},
                    "max_p": {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": 1,
                        "default": 0.0001,
                        "description": "a day is a spike only when its count is also this "
                        "improbable under a Poisson model of the baseline mean (1: the "
                        "stdev test alone); keeps a flat, low baseline from flagging small bumps",
                    },
                },
            },
        },
    },
}


@attrs.frozen
class IncidentPolicy:
    batches: tuple[WindowRule, ...] = ()
    spikes: tuple[SpikeRule, ...] = (SpikeRule("category"), SpikeRule("product"))


Locate = Callable[[str], Location]


def compile_incidents(data: object, path: str, locate: Locate) -> IncidentPolicy:
    """Build the incident rules; every problem names its file:line:col through ``locate``."""
    if data is None:
        return IncidentPolicy()
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise PolicyError([Problem(locate(path), "must be a mapping with batches and spikes")])
    batches = []
    for i, raw in enumerate(data.get("batches", ())):
        where = f"{path}.batches[{i}]"
        try:
            batches.append(WindowRule(**_fields(raw, WindowRule)))
        except (InvalidInput, TypeError) as exc:
            problems.append(Problem(locate(where), str(exc), "see the incidents section schema"))
    spikes = []
    for i, raw in enumerate(data.get("spikes", ())):
        where = f"{path}.spikes[{i}]"
        try:
            spikes.append(SpikeRule(**_fields(raw, SpikeRule)))
        except (InvalidInput, TypeError) as exc:
            problems.append(Problem(locate(where), str(exc), "see the incidents section schema"))
    if problems:
        raise PolicyError(problems)
    if "spikes" not in data:
        return IncidentPolicy(batches=tuple(batches))
    return IncidentPolicy(tuple(batches), tuple(spikes))


def _fields(raw: object, cls: type[Any]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise TypeError(f"must be a mapping (got {type(raw).__name__})")
    known = {f.name for f in attrs.fields(cls)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TypeError(f"unknown field {unknown[0]!r}; known: {', '.join(sorted(known))}")
    return dict(raw)
