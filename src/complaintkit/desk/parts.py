"""The parts a Desk is built of, refused at once when one is not what it must be."""

from __future__ import annotations

from complaintkit.errors import ConfigError

#: What a Desk's ``policy`` may be.
POLICY_GIVEN = "a compiled policy (load_policy) or the path of a policy file or folder"


def part(name: str, fits: bool, expected: str) -> None:
    """Refuse a Desk part that is not one, naming it: not an AttributeError at the first
    complaint."""
    if not fits:
        raise ConfigError(f"Desk: {name} must be {expected}")
