"""Files the audit reads — the key file, the retired keys file, a checkpoint — are read no
further than any of them reaches: one named by mistake (``/dev/zero``, a disk image) was
read whole, until memory ran out. A larger one is refused, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.audit.keys import MAX_KEY_FILE_BYTES, load_key, load_retired_keys
from complaintkit.cli import build_cli
from complaintkit.cli.audit import MAX_CHECKPOINT_BYTES
from complaintkit.errors import ConfigError
from complaintkit.plugins import Plugins, plugin_manager

SECRET = b"0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("variable", "load"),
    [
        ("COMPLAINTKIT_AUDIT_KEY_FILE", load_key),
        ("COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE", load_retired_keys),
    ],
)
def test_a_key_file_past_the_limit_is_refused_naming_it(
    tmp_path: Path, variable: str, load: object
) -> None:
    big = tmp_path / "huge.key"
    big.write_bytes(b"k" * (MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(ConfigError) as refused:
        load({variable: str(big)})  # type: ignore[operator]
    assert "huge.key" in str(refused.value)
    assert f"{MAX_KEY_FILE_BYTES:,} bytes" in str(refused.value)


def test_a_key_file_at_the_limit_is_read(tmp_path: Path) -> None:
    full = tmp_path / "full.key"
    full.write_bytes(SECRET + b"\n" + b"#" * (MAX_KEY_FILE_BYTES - len(SECRET) - 2) + b"\n")
    assert len(load_retired_keys({"COMPLAINTKIT_AUDIT_RETIRED_KEYS_FILE": str(full)})) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_the_key_file_is_refused() -> None:
    with pytest.raises(ConfigError):
        load_key({"COMPLAINTKIT_AUDIT_KEY_FILE": "/dev/zero"})


@pytest.mark.parametrize("name", ["padded.json", "/dev/zero"])
def test_a_checkpoint_past_the_limit_is_refused_naming_it(tmp_path: Path, name: str) -> None:
    path = Path(name) if name.startswith("/") else tmp_path / name
    if not name.startswith("/"):  # JSON a reader would take, after a megabyte of spaces
        path.write_bytes(b" " * MAX_CHECKPOINT_BYTES + b"{}")
    elif not path.exists():
        pytest.skip("no /dev/zero")
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", url, "audit", "verify", "--against", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{MAX_CHECKPOINT_BYTES:,} bytes" in result.output
    assert str(path) in result.output
