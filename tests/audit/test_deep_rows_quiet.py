"""``audit verify`` read a row nested thousands of levels deep by recursing into it until
the interpreter's recursion limit: the ``RecursionError`` was caught and the row named, but
anything else that ran on the way down — a finalizer, a garbage collector callback — failed
too, written on stderr as "Exception ignored in …" (seen once in CI on PostgreSQL, as
"Exception ignored in sys.unraisablehook"). A row nested deeper than a stored value can be
is now refused as malformed before it is parsed: nothing recurses near the limit, and
stderr stays quiet. The test's process runs a garbage collector callback at every
collection, as a finalizer would run, so that any recursion near the limit shows."""

from __future__ import annotations

import json
import subprocess
import sys

import tampering
from tampering import Tables

store = tampering.store
url = tampering.url

#: ``complaintkit`` with a callback a few calls deep at every garbage collection.
AUDIT = """
import gc, runpy, sys

def down(n):
    return n if n == 0 else down(n - 1)

gc.callbacks.append(lambda phase, info: down(20))
gc.set_threshold(1)
sys.argv = ["complaintkit", *sys.argv[1:]]
runpy.run_module("complaintkit", run_name="__main__")
"""

DEEP = "[" * 5000 + "]" * 5000
#: As deep as Python's json reads, nearer the limit when copied or compared.
NEAR = "[" * 900 + "]" * 900


def test_deep_rows_are_named_and_nothing_is_written_on_stderr(
    store: tuple[str, list[str], Tables],
) -> None:
    url, ids, tables = store
    tables.execute("UPDATE ledger SET body = ? WHERE id = 1", f'{{"heads":{DEEP}}}')
    tables.execute(
        "UPDATE events SET body = BODY WHERE case_id = ? AND seq = 2", f'{{"data":{NEAR}}}', ids[1]
    )
    tables.execute(
        "UPDATE cases SET body = BODY WHERE id = ?", f'{{"id":"{ids[2]}","x":{DEEP}}}', ids[2]
    )
    done = subprocess.run(
        [sys.executable, "-c", AUDIT, "--db", url, "audit", "verify", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Exception ignored" not in done.stderr, done.stderr[:2000]
    assert done.returncode == 1, done.stderr[:2000]
    broken = json.loads(done.stdout)["broken"]
    named = {(b["code"], b["case_id"] or b["ledger_id"]) for b in broken}
    assert {("malformed", ids[1]), ("malformed", ids[2]), ("malformed", 1)} <= named
