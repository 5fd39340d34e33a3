"""The loader's view of the ``incidents`` section: batch (recall) and spike thresholds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from complaintkit.policy.sections import Locate, SectionContext
from complaintkit.policy.source import join
from complaintkit.reports.policy import SCHEMA as INCIDENTS_SCHEMA
from complaintkit.reports.policy import IncidentPolicy, compile_incidents

NAME: Final = "incidents"
SCHEMA: Final[Mapping[str, Any]] = {NAME: INCIDENTS_SCHEMA}


def compile(
    data: Mapping[str, Any], path: str, locate: Locate, context: SectionContext
) -> IncidentPolicy | None:
    """The compiled section, or None when the document has none."""
    if data.get(NAME) is None:
        return None
    return compile_incidents(data[NAME], join(path, NAME), locate)
