"""``did you mean …?`` for a missing file ``extends`` names: a policy file whose name is close
to the one written, never one that only shares its suffix (./missing.yaml is not ./gbk.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.document import load_document

BASE = "complaintkit: 1\nname: base\n"


def _hint(folder: Path, siblings: list[str], extends: str) -> str:
    for sibling in siblings:
        (folder / sibling).write_text(BASE, "utf-8")
    child = folder / "shop.yaml"
    child.write_text(f"complaintkit: 1\nextends: {extends}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    return problem.hint


@pytest.mark.parametrize(
    ("siblings", "extends"),
    [
        (["gbk.yaml"], "./missing.yaml"),
        (["b.yaml"], "./a.yaml"),
        (["vat.toml"], "./tax.toml"),
        (["retail.yaml"], "./common.yaml"),
    ],
)
def test_a_file_sharing_only_the_suffix_is_not_suggested(
    tmp_path: Path, siblings: list[str], extends: str
) -> None:
    assert "did you mean" not in _hint(tmp_path, siblings, extends)


@pytest.mark.parametrize(
    ("siblings", "extends", "meant"),
    [
        (["retail.yaml"], "./retial.yaml", "./retail.yaml"),
        (["base.yaml"], "./base.yml", "./base.yaml"),
        (["10-vocabulary.yaml"], "./10-vocabulary.yml", "./10-vocabulary.yaml"),
        (["retail.toml"], "retial", "./retail.toml"),
    ],
)
def test_a_file_of_a_close_name_is_suggested(
    tmp_path: Path, siblings: list[str], extends: str, meant: str
) -> None:
    assert f"did you mean '{meant}'?" in _hint(tmp_path, siblings, extends)
