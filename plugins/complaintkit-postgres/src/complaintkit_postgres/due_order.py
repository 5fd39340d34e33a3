"""The order a sweep claims due cases in: earliest deadline first, cases due at the same
instant by id in code point order, as SQLite and memory order them, whatever collation
the database was created with (``en_US.UTF-8`` puts ``CK-a`` before ``CK-B``).

The sweep's index holds that very order, so a claim reads the first rows of the index:
ordered otherwise than the index, every claim sorted all the due cases (0.2 s a batch for
100,000 cases due at one instant).
"""

from __future__ import annotations

from typing import LiteralString

#: The migration putting the sweep's index in the claim's order.
DUE_BY_CODE_POINT: LiteralString = """
    CREATE INDEX IF NOT EXISTS cases_due_by_code_point ON cases (next_deadline, id COLLATE "C")
        WHERE next_deadline IS NOT NULL;
    DROP INDEX IF EXISTS cases_due;
"""
