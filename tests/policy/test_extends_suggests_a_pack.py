"""``did you mean …?`` for a pack ``extends`` names that no plugin provides. Packs are named
with a slash (``acme/eu261``), and the name written was compared by its last part alone
(``eu216``) with every pack's whole name: a slip in a slashed name, or its case, got no
suggestion but "install the plugin that ships it"."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.document import load_document

PACKS = {"acme/eu261": "/nowhere/eu261.yaml", "acme/base": "/nowhere/base.yaml"}


def _hint(tmp_path: Path, extends: str) -> str:
    child = tmp_path / "shop.yaml"
    child.write_text(f"complaintkit: 1\nextends: {extends}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_document(child, lambda name: None, lambda: list(PACKS))
    (problem,) = refused.value.problems
    return problem.hint


@pytest.mark.parametrize(
    ("written", "meant"),
    [("acme/eu216", "acme/eu261"), ("acme/bsae", "acme/base"), ("Acme/Base", "acme/base")],
)
def test_a_slip_in_a_slashed_pack_name_is_answered_with_the_pack(
    tmp_path: Path, written: str, meant: str
) -> None:
    assert _hint(tmp_path, written) == f"did you mean '{meant}'?"


def test_a_pack_name_close_to_none_is_told_to_install_it(tmp_path: Path) -> None:
    assert "did you mean" not in _hint(tmp_path, "other/thing")
