"""The callback of an id the store looks up: a case, a compensation, a customer, an owner.

Every stored id is text within ``MAX_ID_CHARS`` with something to show, no blank at either
end and no NUL (``model.complaint``, ``model.owner_id``). An argument that breaks one of
these names nothing a store holds: it is a slip (``$ID`` unset, a stray quote, a pasted
line), refused as a usage error naming the argument, before the store is opened, where a
look-up would say "no case ''" (exit 1) or list nothing (exit 0).
"""

from __future__ import annotations

from typing import Any

import click

from complaintkit.cli.errors import utf8_text
from complaintkit.cli.quoted import quoted
from complaintkit.model.complaint import MAX_ID_CHARS, shows_nothing


def looked_up_id(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """``value`` unchanged (None too) if some stored id could be it; else ``BadParameter``."""
    value = utf8_text(ctx, param, value)
    if not isinstance(value, str):
        return value
    why = _no_id(value)
    if why is not None:
        raise click.BadParameter(f"{quoted(value)} {why}; no stored id is", ctx, param)
    return value


def _no_id(value: str) -> str | None:
    if len(value) > MAX_ID_CHARS:
        return f"is {len(value):,} characters, more than {MAX_ID_CHARS}"
    if not value or shows_nothing(value):
        return "is blank"
    if value[0].isspace() or value[-1].isspace():
        return "begins or ends with a blank"
    if "\x00" in value:
        return f"holds a NUL character at position {value.index(chr(0))}"
    return None
