"""Schemas as older plugin releases left them, for tests that store cases in one with
today's plugin. Today's plugin writes each case's ``planned_by`` column, which those
releases had not added: the older schema gets it with its last migration, and the later
migration that adds it finds it there, so migrating on goes as from that release."""

from __future__ import annotations

from typing import LiteralString

from complaintkit_postgres import schema
from complaintkit_postgres.plan_mark import PLANNED_BY

_COLUMN: LiteralString = "ALTER TABLE cases ADD COLUMN IF NOT EXISTS planned_by text;"


def migrations_before(count: int) -> tuple[LiteralString, ...]:
    """The first ``count`` migrations, the last also adding the column today's writes name."""
    first = schema.MIGRATIONS[:count]
    if PLANNED_BY in first:
        return first
    return (*first[:-1], first[-1] + ";\n" + _COLUMN)
