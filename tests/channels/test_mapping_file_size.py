"""A column mapping file is read no further than a mapping can reach: ``-o
columns=/dev/zero`` (or a huge file named by mistake) was read whole into memory and ended
intake in a ``MemoryError``. Past ``MAX_MAPPING_BYTES`` it is refused, naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels.mapping import MAX_MAPPING_BYTES, load_mapping
from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError

MAPPING = b"external_id: id\nreceived_at: at\ntext: text\n"


def test_a_mapping_file_past_the_limit_is_refused_naming_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(MAPPING + b"# " + b"x" * MAX_MAPPING_BYTES + b"\n")
    with pytest.raises(ConfigError) as refused:
        load_mapping(str(big))
    assert "big.yaml" in str(refused.value)
    assert f"{MAX_MAPPING_BYTES:,} bytes" in str(refused.value)


def test_a_mapping_file_at_the_limit_is_read(tmp_path: Path) -> None:
    full = tmp_path / "full.yaml"
    full.write_bytes(MAPPING + b"#" * (MAX_MAPPING_BYTES - len(MAPPING) - 1) + b"\n")
    assert load_mapping(str(full)).columns["text"] == "text"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_intake_with_an_endless_mapping_file_is_a_configuration_error(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,at,text\n1,2026-11-02 10:00,late\n")
    args = ["--db", "memory:", "intake", "--channel", "csv", "-o", "columns=/dev/zero", str(rows)]
    result = CliRunner().invoke(build_cli(), args)
    assert result.exit_code != 0
    assert "/dev/zero" in result.output
    assert "MemoryError" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
