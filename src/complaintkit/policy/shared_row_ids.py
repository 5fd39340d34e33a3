"""Row ids shared by two tables that decide at intake: the classification tables and routing.

A case's ``classified`` event records the ids of the rows that classified and routed it,
and reports and explanations name rows by id: two tables each with a row ``milk`` would be
counted as one rule. Within one table ``tables`` refuses a repeated id; this refuses one
repeated across tables, read from the rows as written so a row that does not compile still
holds its id. Compensation, SLA and notification rows decide later, in events of their
own, and keep ids of their own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from complaintkit.errors import Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.sections import Locate


def shared_row_ids(tables: Sequence[tuple[str, object]], locate: Locate) -> list[Problem]:
    """A problem at each row whose id (in NFKC form, as within a table) an earlier table
    already gives a row; ``tables`` are (path, table as written). Implicit ids
    (``rules[0]``) are positions, never shared."""
    problems = []
    first_seen: dict[str, tuple[str, str, str]] = {}  # NFKC id: id, table path, row path
    for table_path, data in tables:
        rows = data.get("rules") if isinstance(data, Mapping) else None
        seen_here: dict[str, tuple[str, str, str]] = {}
        for index, raw in enumerate(rows if isinstance(rows, list) else []):
            row_id = raw.get("id") if isinstance(raw, Mapping) else None
            if not isinstance(row_id, str) or not row_id:
                continue  # an implicit id, or one refused where it is written
            row_path = f"{table_path}.rules[{index}]"
            form = unicodedata.normalize("NFKC", row_id)
            if form in first_seen:
                first, other_table, other_row = first_seen[form]
                spelled = "" if first == row_id else f" (as {as_written(first)})"
                here = locate(f"{row_path}.id")
                problems.append(
                    Problem(
                        here,
                        f"row id {as_written(row_id)} of {table_path} is also the id of a row "
                        f"of {other_table}{spelled}: {other_row} "
                        f"({_place(locate, f'{other_row}.id', here.file)}); a case records the "
                        "ids of the rows that classified and routed it, so the two rules would "
                        "be counted as one",
                        "give every row of the policy's classification and routing tables its "
                        f"own id, e.g. {as_written(f'{row_id}-2')}",
                        code="duplicate-id",
                    )
                )
            seen_here.setdefault(form, (row_id, table_path, row_path))
        for form, seen in seen_here.items():
            first_seen.setdefault(form, seen)
    return problems


def _place(locate: Locate, path: str, file: str | None) -> str:
    """``line N`` of the row at ``path`` in ``file``; ``file:line`` in another file."""
    where = locate(path)
    if where.line is None:
        return path
    return f"line {where.line}" if where.file == file else f"{where.file}:{where.line}"
