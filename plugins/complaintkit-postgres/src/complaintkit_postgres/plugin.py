"""The hooks this package gives complaintkit; found through the ``complaintkit`` entry point."""

from __future__ import annotations

from complaintkit.hookspecs import Register, hookimpl
from complaintkit_postgres.storage import PostgresStorage
from complaintkit_postgres.url import SCHEMES


@hookimpl
def register_storage(register: Register) -> None:
    for scheme in SCHEMES:
        register(scheme, PostgresStorage)
