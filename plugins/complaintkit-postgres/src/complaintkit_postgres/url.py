"""Reading a ``postgresql://`` storage URL: libpq's own parts plus complaintkit's options.

complaintkit's options (``schema``, ``pool_min``, ``pool_max``, ``pool_timeout``) are taken
out of the query string; libpq's ``options`` (the URL's, else ``PGOPTIONS``, as libpq reads
it: the storage passing options of its own, libpq no longer did) gets ``-c
search_path=<schema>`` and the session settings the storage reads by (``PINNED``) appended;
everything else (``sslmode``, ``application_name``…) goes to libpq as written, once
checked: a setting libpq takes from a list is refused here, naming the list.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import attrs
import psycopg
from psycopg.conninfo import conninfo_to_dict, timeout_from_conninfo

from complaintkit.errors import BadStorageURL
from complaintkit.passwords import without_password
from complaintkit_postgres.schemes import SCHEMES

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_INTEGER_OPTIONS = {"pool_min": 1, "pool_max": 8}
_OPTIONS = {"schema", "pool_timeout", *_INTEGER_OPTIONS}
#: Session settings the storage depends on, put last so they win over the database's, the
#: role's and the URL's: the driver reads instants only in ISO form (a deployment's
#: ``DateStyle`` of ``SQL, DMY`` or ``German`` failed every read of one), and the storage's
#: waits (an intake on the key another holds, a save on a row another saves) are built for
#: READ COMMITTED: a ``serializable`` default ended them in "could not serialize access".
PINNED = r"-c DateStyle=ISO -c default_transaction_isolation=read\ committed"
#: libpq's settings that take one of a list, which libpq itself checks only when it
#: connects, reporting "connection is bad" as if the server were away.
_CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "sslcertmode": ("disable", "allow", "require"),
    "sslnegotiation": ("postgres", "direct"),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "target_session_attrs": (
        "any",
        "read-write",
        "read-only",
        "primary",
        "standby",
        "prefer-standby",
    ),
    "load_balance_hosts": ("disable", "random"),
}


@attrs.frozen
class PostgresURL:
    """Where to connect and how many connections to keep."""

    conninfo: str
    schema: str = "public"
    pool_min: int = 1
    pool_max: int = 8
    pool_timeout: float = 30.0
    #: libpq ``options`` (server settings such as ``-c synchronous_commit=off``; the URL's,
    #: else ``PGOPTIONS``), with the schema put first on the search path
    server_options: str = f"-c search_path=public {PINNED}"

    @property
    def display(self) -> str:
        """The URL without its password, for messages and logs."""
        return without_password(self.conninfo)


def parse_url(url: str) -> PostgresURL:
    """Split ``url`` into the libpq connection string and complaintkit's options."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise BadStorageURL(
            f"{url!r} is not a PostgreSQL URL; write postgresql://user@host:5432/database"
        )
    libpq: list[tuple[str, str]] = []
    ours: dict[str, str] = {}
    server_options = os.environ.get("PGOPTIONS", "")
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in _OPTIONS:
            ours[key] = value
        elif key == "options":
            server_options = value
        else:
            _check_choice(key, value)
            libpq.append((key, value))
    schema = ours.get("schema", "public")
    if not _SCHEMA_NAME.fullmatch(schema):
        raise BadStorageURL(
            f"schema={schema!r} in the storage URL must be a lower-case identifier "
            "(letters, digits, underscores; at most 63 characters)"
        )
    sizes = {name: _positive_int(ours, name, default) for name, default in _INTEGER_OPTIONS.items()}
    if sizes["pool_min"] > sizes["pool_max"]:
        raise BadStorageURL(
            f"pool_min={sizes['pool_min']} is larger than pool_max={sizes['pool_max']} "
            "in the storage URL"
        )
    try:
        timeout = float(ours.get("pool_timeout", "30"))
    except ValueError:
        timeout = -1.0
    if not timeout > 0:
        raise BadStorageURL(
            f"pool_timeout={ours['pool_timeout']!r} in the storage URL must be a positive "
            "number of seconds"
        )
    conninfo = urlunsplit(parts._replace(scheme="postgresql", query=urlencode(libpq)))
    try:  # a parameter libpq does not take, a connect_timeout that is no number
        timeout_from_conninfo(conninfo_to_dict(conninfo))
    except psycopg.Error as exc:
        raise BadStorageURL(f"{without_password(url)!r}: {str(exc).strip()}") from None
    return PostgresURL(
        conninfo,
        schema,
        sizes["pool_min"],
        sizes["pool_max"],
        timeout,
        f"{server_options} -c search_path={schema} {PINNED}".strip(),
    )


def _positive_int(options: dict[str, str], name: str, default: int) -> int:
    raw = options.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or int(raw) < 1:
        raise BadStorageURL(f"{name}={raw!r} in the storage URL must be a whole number, 1 or more")
    return int(raw)


def _check_choice(key: str, value: str) -> None:
    choices = _CHOICES.get(key)
    if choices is not None and value not in choices:
        raise BadStorageURL(
            f"{key}={value} in the storage URL is not a value libpq takes; "
            f"write one of {', '.join(choices)}"
        )
