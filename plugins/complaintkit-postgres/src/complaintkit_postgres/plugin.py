"""The hooks this package gives complaintkit; found through the ``complaintkit`` entry point.

complaintkit loads every plugin for every command (``--help``, a SQLite store), so this
module registers the URL schemes without importing psycopg or the storage modules: they are
imported when a ``postgresql://`` store is first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from complaintkit.errors import PluginError
from complaintkit.hookspecs import Register, hookimpl
from complaintkit_postgres.schemes import SCHEMES

if TYPE_CHECKING:
    from complaintkit_postgres.storage import PostgresStorage


class PostgresBackend:
    """What complaintkit opens a ``postgresql://`` URL with: ``PostgresStorage``, its
    ``reading`` and its ``stored_version``, each loading the storage modules first."""

    def __call__(self, url: str) -> PostgresStorage:
        return _storage()(url)

    def reading(self, url: str) -> PostgresStorage:
        return _storage().reading(url)

    def stored_version(self, url: str) -> int | None:
        return _storage().stored_version(url)


def _storage() -> type[PostgresStorage]:
    """``PostgresStorage``; a dependency that cannot be imported is a ``PluginError``
    naming this plugin and what to reinstall, not a traceback."""
    try:
        from complaintkit_postgres.storage import PostgresStorage  # noqa: PLC0415 - see above
    except ImportError as exc:
        raise PluginError(
            f"plugin 'postgres' cannot open a PostgreSQL store: {type(exc).__name__}: {exc}; "
            "reinstall complaintkit-postgres with its dependencies (psycopg, psycopg-pool)",
            ["postgres"],
        ) from exc
    return PostgresStorage


@hookimpl
def register_storage(register: Register) -> None:
    for scheme in SCHEMES:
        register(scheme, PostgresBackend())
