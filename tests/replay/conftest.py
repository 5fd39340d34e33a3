"""A demo database for the replay tests, made once: ``complaintkit demo``'s scripted day."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(build_cli(), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "demo.db"
