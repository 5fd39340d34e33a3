"""A ``memory:`` URL with a path or option (``memory:?x=1``, ``memory://cases``) names a
store the user meant to keep; it is refused as every other URL no store can be opened
from is — a usage error of ``--db`` (exit 2) naming the option — not a failure (exit 1)
that leaves the user to guess which setting was wrong."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

suffixes = st.text(alphabet="/?=&abcx1:", min_size=1, max_size=12).filter(
    lambda text: text.strip("/") != ""
)


@settings(max_examples=40, deadline=None)
@given(
    suffix=suffixes,
    command=st.sampled_from([("cases", "list"), ("tick",), ("report",), ("outbox",)]),
)
def test_a_memory_url_with_a_path_or_option_is_a_usage_error_of_db(
    suffix: str, command: tuple[str, ...]
) -> None:
    args = ["--db", f"memory:{suffix}", *command]
    result = CliRunner().invoke(CLI, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1].startswith("Error: Invalid value for '--db': ")
    as_json = CliRunner().invoke(CLI, [*args, "--json"])
    assert json.loads(as_json.stdout)["error"]["exit_code"] == 2
