"""Reading jsonb values: a value nested deeper than a stored value can be stays text.

PostgreSQL stores nesting some thousand levels deep that Python's ``json`` gives up on
with a ``RecursionError``, raised by the driver while it fetches the row: no reader could
name the damaged record, and the audit and ``cases show`` ended in a traceback. Left as
text, the value reaches the readers (``complaintkit.audit.stored``), which report it. It
is left so before it is parsed (``read_json`` checks ``too_deep`` first): parsed to near
the recursion limit, it failed whatever else ran meanwhile (a finalizer), written on
stderr as "Exception ignored". A
string value is handed over as ``JsonString``, so no reader takes it for JSON text.

A number jsonb holds and Python reads otherwise stays text too: an integer of more digits
than Python converts failed the fetch with Python's advice to raise the interpreter's
limit, and a float of thousands of digits read as infinity. The readers name either by
its length (``read_json``), as SQLite's do.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection
from psycopg.types.json import set_json_loads

from complaintkit.audit.sql_text import read_json
from complaintkit.audit.stored import JsonString


def loads(data: bytes | str) -> Any:
    try:
        value = read_json(data)
    except ValueError:  # too deep, or a number no reader reads: they name it
        return data.decode() if isinstance(data, bytes) else data
    # a string value is no text to parse: marked, the readers name it as no JSON object
    return JsonString(value) if isinstance(value, str) else value


def configure(conn: Connection[Any]) -> None:
    """Read ``conn``'s json and jsonb values with ``loads``."""
    set_json_loads(loads, conn)
