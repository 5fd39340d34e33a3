"""A value given on the command line as an error or warning repeats it.

The value may be anything a shell can pass: a pasted file of 100,000 characters, control
and bidi characters. Quoted as Python does (``repr``: those characters as escapes), with
its middle cut when long as policy messages cut theirs (``as_written.shorten``), it says
what was given on one short line.
"""

from __future__ import annotations

from complaintkit.policy.as_written import shorten


def quoted(value: str) -> str:
    """``value`` in quotes, escaped, its middle cut when long."""
    return shorten(repr(value))
