"""``complaintkit serve`` that cannot listen: one error line and exit 1, not uvicorn's log."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port on 127.0.0.1 another program is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def test_a_port_in_use_is_one_error_line_and_exit_1(held_port: int) -> None:
    result = CliRunner().invoke(
        CLI, ["--db", "memory:", "serve", "--host", "127.0.0.1", "--port", str(held_port)]
    )
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: cannot listen on 127.0.0.1:{held_port}: ")


def test_a_host_that_is_no_address_is_one_error_line_and_exit_1() -> None:
    result = CliRunner().invoke(CLI, ["--db", "memory:", "serve", "--host", "999.1.1.1"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("Error: cannot listen on 999.1.1.1:8000: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("host", [".", "a..b", "a" * 64, "é" * 70])
def test_a_host_name_no_resolver_can_encode_is_one_error_line_and_exit_1(host: str) -> None:
    """An empty label or one over 63 characters fails before any lookup, as a
    ``UnicodeError`` of the IDNA codec rather than an ``OSError``: it was a traceback."""
    result = CliRunner().invoke(CLI, ["--db", "memory:", "serve", "--host", host, "--port", "0"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: cannot listen on {host}:0: ")


@pytest.mark.parametrize(
    "given",
    [
        "s3cr3t-agent-token-with-no-name-0123",  # NAME= forgotten: the whole token
        "li.na=s3cr3t-short",  # too short, but still most of a secret
        "=s3cr3t-agent-token-with-no-name-0123",
    ],
)
def test_a_malformed_agent_token_is_refused_without_echoing_it(given: str) -> None:
    """The usage error quoted the whole ``NAME=TOKEN``: a token given without its name
    (or from COMPLAINTKIT_AGENT_TOKENS) was printed to stderr, which logs keep."""
    result = CliRunner().invoke(
        CLI, ["--db", "memory:", "serve", "--port", "0", "--agent-token", given]
    )
    assert result.exit_code == 2
    assert "--agent-token" in result.stderr
    assert "s3cr3t" not in result.output + result.stderr


def test_one_token_given_to_two_agents_is_refused() -> None:
    """The token → name table kept the last: every action li.na took with the token she
    was given was recorded as wang.wei's, with no warning."""
    token = "shared-agent-token-0123456789"
    result = CliRunner().invoke(
        CLI,
        [
            *("--db", "memory:", "serve", "--host", "999.1.1.1"),  # never serves
            *("--agent-token", f"li.na={token}", "--agent-token", f"wang.wei={token}"),
        ],
    )
    assert result.exit_code == 2
    assert "'wang.wei'" in result.stderr
    assert "'li.na'" in result.stderr
    assert token not in result.output + result.stderr


def test_an_empty_secret_in_the_environment_is_refused_not_read_as_none() -> None:
    """``COMPLAINTKIT_HTTP_SECRET="$HMAC_SECRET"`` with the variable unset (a unit file, a
    container's ``-e``) was read as no secret at all: the server took unsigned complaints
    from anyone, though the same empty value given to ``--secret`` is refused."""
    result = CliRunner().invoke(
        CLI,
        ["--db", "memory:", "serve", "--host", "999.1.1.1"],  # never serves
        env={"COMPLAINTKIT_HTTP_SECRET": ""},
    )
    assert result.exit_code == 2
    assert "COMPLAINTKIT_HTTP_SECRET" in result.stderr


@pytest.mark.parametrize("by_variable", [False, True])
def test_a_secret_not_in_utf8_is_refused_without_echoing_it(by_variable: bool) -> None:
    """A secret holding a byte that is not UTF-8 (a Latin-1 file behind an EnvironmentFile)
    was taken: every signed complaint was then a 422, 'the request could not be processed:
    UnicodeEncodeError', with a traceback in the log, since no signature can be made with
    it. It is refused as it is given, naming where and never quoting it."""
    secret = "s3cr3t-s3cr3t-s3cr3t-\udcff"  # how Python reads the byte 0xff of an argument
    result = CliRunner().invoke(
        CLI,
        [
            "--db",
            "memory:",
            "serve",
            "--host",
            "999.1.1.1",
            *([] if by_variable else ["--secret", secret]),
        ],
        env={"COMPLAINTKIT_HTTP_SECRET": secret} if by_variable else {},
    )
    assert result.exit_code == 2, result.output + result.stderr
    assert "--secret" in result.stderr
    assert "UTF-8" in result.stderr
    assert "s3cr3t" not in result.output + result.stderr


@pytest.mark.parametrize("by_variable", [False, True])
def test_an_agent_token_not_in_utf8_is_refused_without_echoing_it(by_variable: bool) -> None:
    """A token holding a byte that is not UTF-8 ended the run with "Error:
    'li.na=s3cr3t-…\\udcff' is not UTF-8 text", the whole pair quoted on stderr, which logs
    keep; it is refused naming the option and the agent, as a short token is."""
    pair = "li.na=s3cr3t-agent-token-0123-\udcff"  # how Python reads the byte 0xff
    result = CliRunner().invoke(
        CLI,
        [
            *("--db", "memory:", "serve", "--host", "999.1.1.1"),  # never serves
            *([] if by_variable else ["--agent-token", pair]),
        ],
        env={"COMPLAINTKIT_AGENT_TOKENS": pair} if by_variable else {},
    )
    assert result.exit_code == 2, result.output + result.stderr
    assert "--agent-token" in result.stderr
    assert "'li.na'" in result.stderr
    assert "UTF-8" in result.stderr
    assert "s3cr3t" not in result.output + result.stderr
