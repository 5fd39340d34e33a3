"""No module of the PostgreSQL plugin reaches into another object's private name: reports and
replay borrowed the storage's connection through ``storage._connection()``, so a change to
that private method could break them unseen. They use ``PostgresStorage.connection()``."""

from __future__ import annotations

import ast
from pathlib import Path

import complaintkit_postgres

PACKAGE = Path(complaintkit_postgres.__file__).parent

#: namedtuple's methods: public, named with an underscore only to avoid field names
NAMEDTUPLE = {"_replace", "_asdict", "_fields", "_make"}


def _private_reaches(source: str) -> list[str]:
    """``x._name`` where ``x`` is neither ``self`` nor ``cls``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or node.attr in NAMEDTUPLE:
            continue
        if not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue
        found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_check_sees_a_private_reach() -> None:
    assert _private_reaches("with self.storage._connection() as conn: pass") == [
        "1: self.storage._connection"
    ]


def test_no_module_of_the_plugin_uses_another_objects_private_name() -> None:
    reaches = {
        path.name: found
        for path in sorted(PACKAGE.glob("*.py"))
        if (found := _private_reaches(path.read_text(encoding="utf-8")))
    }
    assert reaches == {}
