"""Built-in condition operators (``==``, ``in``, ``between``, ``regex``…) as a plugin."""

from __future__ import annotations

from complaintkit.hookspecs import Register, hookimpl
from complaintkit.policy.operators import OperatorFactory, register_builtin_operators


@hookimpl
def register_operators(register: Register) -> None:
    def add(name: str, factory: OperatorFactory, *, expects: str, provider: str) -> None:
        register(name, (factory, expects))

    register_builtin_operators(add)
