"""A policy test expecting an id by its label (``expect: {severity: 严重}``), as an SOP
says it, was told only the ids the policy declares; it is now told the id to write, as a
policy's own rows are."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policytest.runner import Runner

SUPERMARKET = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def test_an_expected_label_names_the_id_to_write(tmp_path: Path) -> None:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {SUPERMARKET}\n"
        "complaint: {channel: web, customer: {id: C-1}}\n"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {category: 产品投诉, severity: 严重, priority: 紧急}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(path)
    hints = {p.location.path: p.hint for p in caught.value.problems}
    assert hints["tests[0].expect.category"].startswith(
        "'产品投诉' is the label of 'product': write category: product"
    )
    assert hints["tests[0].expect.severity"].startswith("'严重' is the label of 'critical'")
    assert hints["tests[0].expect.priority"].startswith("'紧急' is the label of 'urgent'")
