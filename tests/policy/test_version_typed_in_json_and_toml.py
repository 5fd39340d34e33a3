"""``version`` is text or a whole number. A JSON or TOML policy's ``"version": 2026.1`` or
``version = true`` was told only the field's description ("Your policy's version."), not
what to write; it is told to quote what it wrote, as a value where only text goes is."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
WRITTEN = {
    ".json": '{"complaintkit": 1, "extends": "./base.yaml", "version": VALUE}\n',
    ".toml": 'complaintkit = 1\nextends = "./base.yaml"\nversion = VALUE\n',
}


@pytest.mark.parametrize("suffix", WRITTEN)
@pytest.mark.parametrize(("value", "quoted"), [("2026.1", '"2026.1"'), ("true", '"true"')])
def test_a_version_of_another_type_is_told_to_quote_it(
    tmp_path: Path, suffix: str, value: str, quoted: str
) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / f"p{suffix}"
    path.write_text(WRITTEN[suffix].replace("VALUE", value), "utf-8")
    (found,) = check_policy(path)
    assert found.location.path == "version"
    assert f"(got {value})" in found.message
    assert found.hint == f"write it in quotes: {quoted}"
