"""``COMPLAINTKIT_AUDIT_KEY`` holding a byte that is not UTF-8 (a key made of random bytes,
as Python reads it from the environment: a lone surrogate) ended every command that opens
the store with "'sqlite' of plugin 'complaintkit.builtin.storage' (register_storage) could
not be built: UnicodeEncodeError: ...", naming neither the variable nor the key. The key is
now the bytes the variable holds, the same key as a key file holding them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.audit.keys import AuditKey, load_key
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.testing.storage_contract import make_complaint

RAW = b"0123456789abcdef\xff\xfe"


def test_the_key_is_the_bytes_the_variable_holds(tmp_path: Path) -> None:
    (tmp_path / "audit.key").write_bytes(RAW)
    from_env = load_key({"COMPLAINTKIT_AUDIT_KEY": os.fsdecode(RAW)})
    from_file = load_key({"COMPLAINTKIT_AUDIT_KEY_FILE": str(tmp_path / "audit.key")})
    assert from_env == from_file == AuditKey(RAW)


def test_a_command_sealing_with_it_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLAINTKIT_AUDIT_KEY", os.fsdecode(RAW))
    url = f"sqlite:///{tmp_path / 'c.db'}"
    desk = Desk(storage=url)
    desk.intake(make_complaint("K1"))
    desk.storage.close()
    result = CliRunner().invoke(build_cli(), ["--db", url, "audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "UnicodeEncodeError" not in result.output
