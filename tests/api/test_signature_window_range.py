"""``serve --signature-window`` took any number of seconds from one up: 10**30 started a
server whose signed requests could be replayed for ever, a captured one as good as new,
and ``create_app(signature_window=...)`` took it too. A window is now at most a day; a
longer one is a usage error naming the option and its range, before the port is taken."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.notify.signing import LONGEST_WINDOW

too_long = st.integers(min_value=LONGEST_WINDOW + 1, max_value=10**60)
# a token no request can carry: refused after the options are read, so a server that took
# the window would stop here, naming --agent-token, instead of serving
UNSTARTABLE = ["--agent-token", "li.na=short"]


@settings(max_examples=10, deadline=None)
@given(seconds=too_long)
def test_a_window_longer_than_a_day_is_a_usage_error_naming_the_option(seconds: int) -> None:
    args = ["--db", "memory:", "serve", "--port", "0", *UNSTARTABLE]
    result = CliRunner().invoke(build_cli(), [*args, "--signature-window", str(seconds)])
    assert result.exit_code == 2, result.output
    assert "--signature-window" in result.output
    assert f"({LONGEST_WINDOW} seconds)" in result.output
    assert "--agent-token" not in result.output


def test_a_window_of_a_day_is_taken() -> None:
    args = ["--db", "memory:", "serve", "--port", "0", *UNSTARTABLE]
    result = CliRunner().invoke(build_cli(), [*args, "--signature-window", str(LONGEST_WINDOW)])
    assert result.exit_code == 2, result.output
    assert "--signature-window" not in result.output
    create_app(Desk(), secret="intake-secret-of-the-shop", signature_window=LONGEST_WINDOW)


@pytest.mark.parametrize("seconds", [LONGEST_WINDOW + 1, 10**30])
def test_create_app_refuses_a_window_longer_than_a_day(seconds: int) -> None:
    with pytest.raises(ConfigError, match=f"signature_window.*{LONGEST_WINDOW}"):
        create_app(Desk(), signature_window=seconds)
