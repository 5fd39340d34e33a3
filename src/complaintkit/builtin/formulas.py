"""Built-in compensation formulas (``fixed``, ``percent``, ``greater_of``…) as a plugin."""

from __future__ import annotations

from complaintkit.compensation.formulas import FormulaFactory, register_builtin_formulas
from complaintkit.hookspecs import Register, hookimpl


@hookimpl
def register_formulas(register: Register) -> None:
    def add(name: str, factory: FormulaFactory, provider: str) -> None:
        register(name, factory)

    register_builtin_formulas(add)
