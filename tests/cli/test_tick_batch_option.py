"""``tick --batch 99999999999999999999`` ran and failed with "limit: must be a whole number
from 0 to 9223372036854775807" (exit 1): the store's name for it, not the option the user
gave. A batch past what a store can claim is now a usage error (exit 2) naming --batch."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.arguments import MOST_ROWS

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.integers(min_value=MOST_ROWS + 1, max_value=10**40))
def test_a_batch_too_big_is_a_usage_error_naming_batch(tmp_path: Path, batch: int) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        CLI, ["--db", db, "--policy", POLICY, "tick", "--batch", str(batch)]
    )
    assert result.exit_code == 2, result.output
    assert "--batch" in result.output
