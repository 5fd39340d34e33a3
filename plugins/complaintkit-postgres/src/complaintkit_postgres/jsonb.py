"""Reading jsonb values: a value nested deeper than a stored value can be stays text.

PostgreSQL stores nesting some thousand levels deep that Python's ``json`` gives up on
with a ``RecursionError``, raised by the driver while it fetches the row: no reader could
name the damaged record, and the audit and ``cases show`` ended in a traceback. Left as
text, the value reaches the readers (``complaintkit.audit.stored``), which report it. It
is left so before it is parsed (``too_deep``): parsed to near the recursion limit, it failed
whatever else ran meanwhile (a finalizer), written on stderr as "Exception ignored". A
string value is handed over as ``JsonString``, so no reader takes it for JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from psycopg import Connection
from psycopg.types.json import set_json_loads

from complaintkit.audit.sql_text import too_deep
from complaintkit.audit.stored import JsonString


def loads(data: bytes | str) -> Any:
    if too_deep(data):
        return data.decode() if isinstance(data, bytes) else data
    value = json.loads(data)
    # a string value is no text to parse: marked, the readers name it as no JSON object
    return JsonString(value) if isinstance(value, str) else value


def configure(conn: Connection[Any]) -> None:
    """Read ``conn``'s json and jsonb values with ``loads``."""
    set_json_loads(loads, conn)
