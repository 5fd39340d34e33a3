"""A file or folder argument holding a NUL (a program calling ``main(argv)`` with a path
it built, an embedding application) ended in a ``ValueError: embedded null byte``
traceback from click's own check of the path. No file is named so: it is a usage error
(exit 2) naming the argument or option, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
#: Commands with a slot (X) for a path, and the name their error gives the slot.
COMMANDS: list[tuple[tuple[str, ...], str]] = [
    (("--policy", "X", "cases", "list"), "'--policy'"),
    (("validate", "X"), "'PATHS...'"),
    (("check", "X"), "'POLICY'"),
    (("check", POLICY, "--keep", "X"), "'--keep'"),
    (("test", "X"), "'PATHS...'"),
    (("explain", "X", "X"), "'POLICY'"),
    (("explain", POLICY, "X"), "'COMPLAINT.json'"),
    (("replay", "X"), "'CANDIDATE'"),
    (("replay", POLICY, "X"), "'[COMPLAINTS]'"),
    (("replay", POLICY, "--html", "X"), "'--html'"),
    (("report", "--html", "X"), "'--html'"),
    (("demo", "--out", "X"), "'--out'"),
    (("audit", "verify", "--against", "X"), "'--against'"),
    (("audit", "checkpoint", "--out", "X"), "'--out'"),
]


@settings(max_examples=60, deadline=None)
@given(
    command=st.sampled_from(COMMANDS),
    before=st.text(alphabet="ab/.", max_size=5),
    after=st.text(alphabet="ab/.", max_size=5),
)
def test_a_path_holding_a_nul_is_a_usage_error_naming_it(
    tmp_path_factory: pytest.TempPathFactory,
    command: tuple[tuple[str, ...], str],
    before: str,
    after: str,
) -> None:
    folder = tmp_path_factory.mktemp("nul")
    db = folder / "cases.db"
    parts, named = command
    path = str(folder / f"{before}\x00{after}")
    args = ["--db", f"sqlite:///{db}", *(path if part == "X" else part for part in parts)]
    result = CliRunner().invoke(CLI, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1].startswith(f"Error: Invalid value for {named}: ")
    assert list(folder.iterdir()) == []
