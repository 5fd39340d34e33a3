"""``extends`` naming a file as Windows writes a path (``..\\base.yaml``), or in another
Unicode form than the file's name (café composed, a Mac's copy of the file decomposed):
outside Windows neither file is found, and the hint was 'fix the relative path' or
'did you mean './café.yaml'?', the name as written. The hint now says what differs."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.document import load_document

BASE = "complaintkit: 1\nname: base\n"


def _refused(child: Path, extends: str) -> tuple[str, str]:
    child.parent.mkdir(parents=True, exist_ok=True)
    child.write_text(f"complaintkit: 1\nextends: {extends}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    return problem.code, problem.hint


@pytest.mark.parametrize(
    ("base", "child", "extends", "meant"),
    [
        ("base.yaml", "sub/shop.yaml", "..\\base.yaml", "../base.yaml"),
        ("shared/base.yaml", "shop.yaml", ".\\shared\\base.yaml", "./shared/base.yaml"),
        ("shared/base.yaml", "shop.yaml", "shared\\base.yaml", "shared/base.yaml"),
    ],
)
def test_a_path_written_with_backslashes_is_told_to_use_slashes(
    tmp_path: Path, base: str, child: str, extends: str, meant: str
) -> None:
    (tmp_path / base).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / base).write_text(BASE, "utf-8")
    code, hint = _refused(tmp_path / child, extends)
    assert code == "extends-missing"
    assert hint.startswith(f"write '{meant}'"), hint


def test_a_name_in_another_unicode_form_is_told_so(tmp_path: Path) -> None:
    (tmp_path / unicodedata.normalize("NFD", "café.yaml")).write_text(BASE, "utf-8")
    code, hint = _refused(tmp_path / "shop.yaml", "./café.yaml")
    assert code == "extends-missing"
    assert "Unicode" in hint, hint
