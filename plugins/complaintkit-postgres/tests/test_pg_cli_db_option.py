"""``--db`` naming PostgreSQL: a URL libpq cannot read (``connect_timeout=abc``, a
parameter it does not know) is a usage error of ``--db`` at once, not a pool retrying in the
background for ``pool_timeout`` and logging each attempt; a server that refuses the
connection fails in one line led by the option."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

pytestmark = pytest.mark.postgres


def run(*args: str) -> Result:
    return CliRunner().invoke(build_cli(), list(args))


@pytest.mark.parametrize("query", ["connect_timeout=abc", "no_such_parameter=1"])
def test_a_parameter_libpq_cannot_read_is_a_usage_error_of_the_option(
    postgres_server_url: str, query: str, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"{postgres_server_url}?{query}&pool_timeout=5"
    result = run("--db", url, "cases", "list")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: Invalid value for '--db': ")
    assert query.split("=", maxsplit=1)[0] in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not result.output.endswith("\n\n")  # libpq's message ends in a line break
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


@pytest.mark.parametrize(
    ("query", "takes"),
    [
        ("sslmode=bogus", "verify-full"),
        ("sslmode=REQUIRE", "require"),
        ("target_session_attrs=writable", "read-write"),
        ("gssencmode=on", "prefer"),
        ("channel_binding=yes", "require"),
    ],
)
def test_a_setting_libpq_takes_from_a_list_names_the_values_it_takes(
    postgres_server_url: str, query: str, takes: str
) -> None:
    """A value libpq refuses only when it connects (``sslmode=bogus``) is a usage error of
    the option naming the values there are, not a connection failure asking whether the
    server runs."""
    result = run("--db", f"{postgres_server_url}?{query}&pool_timeout=5", "cases", "list")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: Invalid value for '--db': ")
    assert query in result.output
    assert takes in result.output
    assert "is the server running" not in result.output


def test_a_server_refusing_the_connection_fails_naming_the_option() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run("--db", f"postgresql://postgres@127.0.0.1:{port}/test", "cases", "list")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: --db: cannot connect to PostgreSQL at ")
    assert len(result.output.strip().splitlines()) == 1
