"""The hint for an unknown option: the one a slip most likely meant, or none.

click offers the names :mod:`difflib` scores alike, scoring them with the two leading
dashes every name shares: ``--days`` was offered ``--by`` and ``--ow`` ``--json``, and a
swap (``--sicne``) three names, alphabetically. The names are compared here without their
dashes, by the nearest-name helper every other hint uses (``policy.typos.close_matches``,
a swap of neighbouring letters one slip).
"""

from __future__ import annotations

import click

from complaintkit.policy.typos import close_matches


def hinted(exc: click.NoSuchOption) -> click.NoSuchOption:
    """``exc`` again, offering the long option its name most likely meant, if one is near."""
    ctx, typed = exc.ctx, exc.option_name
    if ctx is None or not typed.startswith("--"):
        return exc  # a short option (-x) is offered nothing, by click either
    names = {
        name[2:]: name
        for param in ctx.command.get_params(ctx)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("--")
    }
    meant = close_matches(typed[2:], list(names), n=1)
    hint = f" Did you mean {names[meant[0]]!r}?" if meant else ""
    return click.NoSuchOption(typed, f"No such option {typed!r}.{hint}", ctx=ctx)
