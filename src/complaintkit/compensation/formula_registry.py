"""Which formula forms a policy can use: formula key → the factory that reads it.

Built-ins register first (``complaintkit.builtin.formulas``), then each plugin's
``register_formulas``; a name taken twice, or one of the keys formulas are written with
(:data:`RESERVED_NAMES`), is a ``PluginError`` naming the plugins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from complaintkit.errors import PluginError

if TYPE_CHECKING:
    from complaintkit.compensation.formulas import FormulaFactory

#: Keys any mapping formula may carry besides its own.
MODIFIERS: Final = frozenset({"floor", "cap", "label"})

#: Keys no formula may be named: the modifiers, the ``of`` and ``default`` of the built-in
#: percent and multiple (a formula named so makes every one of them two formulas at once),
#: and money's ``amount`` and ``currency`` (``{amount: 250}`` is money before any formula).
RESERVED_NAMES: Final = MODIFIERS | {"of", "default", "amount", "currency"}


def is_formula(made: object) -> bool:
    """Whether a factory made a formula: ``constant``, ``evaluate`` and ``describe``
    (``constant`` looked up, not read: a property that raises is read, and named, later)."""
    return "constant" in dir(made) and all(
        callable(getattr(made, method, None)) for method in ("evaluate", "describe")
    )


class FormulaRegistry:
    """Formula key → factory; built-ins first, then each plugin's ``register_formulas``."""

    def __init__(self) -> None:
        self._factories: dict[str, tuple[FormulaFactory, str]] = {}

    def register(self, name: str, factory: FormulaFactory, provider: str = "complaintkit") -> None:
        if not name or name in RESERVED_NAMES:
            raise PluginError(
                f"{provider} tried to register a formula named {name!r}; names must be "
                f"non-empty and not one of {', '.join(sorted(RESERVED_NAMES))}",
                [provider],
            )
        if name in self._factories:
            other = self._factories[name][1]
            raise PluginError(
                f"formula {name!r} is registered by both {other} and {provider}; "
                "uninstall or block one of them",
                [other, provider],
            )
        self._factories[name] = (factory, provider)

    def get(self, name: str) -> FormulaFactory | None:
        found = self._factories.get(name)
        return None if found is None else found[0]

    def provider(self, name: str) -> str:
        """The plugin that registered formula ``name``."""
        return self._factories[name][1]

    def names(self) -> list[str]:
        return list(self._factories)
