"""``RECORDED`` names every event kind complaintkit writes itself: a fold refuses any other
kind that is not marked custom, so a kind written but missing here would break stores."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.custom_events import RECORDED, custom_draft
from complaintkit.model.history import APPLIERS

ROOT = Path(__file__).parents[2]
SOURCES = [ROOT / "src", *sorted((ROOT / "plugins").glob("*/src"))]
#: Calls whose first argument (or ``kind=``) is an event kind: drafts, a clock event.
WRITERS = {"Draft", "draft", "clock", "create", "event"}


def _texts(node: ast.AST) -> set[str]:
    """The texts an expression can be: a constant, or either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and type(node.value) is str:
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _texts(node.body) | _texts(node.orelse)
    return set()


def _assigned(scope: ast.AST, name: str) -> set[str]:
    """The texts assigned to ``name`` in ``scope`` (a function, or a module's own lines)."""
    body = scope.body if isinstance(scope, ast.Module) else list(ast.walk(scope))
    found: set[str] = set()
    for node in body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found |= _texts(node.value)
    return found


def _kind(call: ast.Call) -> ast.expr | None:
    """The expression a call writes as an event kind, if it writes one."""
    func = call.func
    called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    kind = next((k.value for k in call.keywords if k.arg == "kind"), None)
    if kind is None and called in WRITERS and call.args:
        kind = call.args[0]
    return kind


def _written_kinds() -> dict[str, str]:
    """Each kind a call in the sources writes, with where."""
    kinds: dict[str, str] = {}
    for root in SOURCES:
        for path in root.rglob("*.py"):
            module = ast.parse(path.read_text(encoding="utf-8"))
            scopes = [n for n in ast.walk(module) if isinstance(n, ast.FunctionDef)]
            for scope in scopes:
                for node in ast.walk(scope):
                    if not isinstance(node, ast.Call):
                        continue
                    kind = _kind(node)
                    if isinstance(kind, ast.Name):
                        texts = _assigned(scope, kind.id) or _assigned(module, kind.id)
                    else:
                        texts = set() if kind is None else _texts(kind)
                    for text in texts:
                        kinds.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return kinds


def test_every_kind_a_call_in_the_sources_writes_is_recorded() -> None:
    kinds = _written_kinds()
    assert len(kinds) >= 25  # the scan finds the writers (a broken scan finds nothing)
    assert {k: where for k, where in kinds.items() if k not in RECORDED} == {}


def test_every_kind_history_folds_is_recorded() -> None:
    assert set(APPLIERS) - RECORDED == set()


@pytest.mark.parametrize("name", sorted(RECORDED | set(APPLIERS)))
def test_a_custom_event_may_not_take_a_recorded_kind(name: str) -> None:
    with pytest.raises(InvalidInput, match="records itself"):
        custom_draft(name, "li.na")
