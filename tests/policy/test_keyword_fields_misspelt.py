"""A keyword condition's ``fields`` naming a record field without its root, or misspelt.

``fields: [txet]`` passed ``validate``: a name without a dot is a supplied fact, so the
keywords were sought in a fact no complaint has, and the row never matched. A bare name
spelling, or one slip from, a text field of the record is now an error with the path
meant; a supplied fact of another name is read as before.
"""

from __future__ import annotations

import pytest

from complaintkit.policy.tables import check_table


def _problems(fields: list[str]) -> list[tuple[str, str, str]]:
    table = {
        "rules": [{"id": "r", "when": {"keywords": ["过期"], "fields": fields}, "then": {}}],
        "default": {},
    }
    return [
        (p.code, p.location.path, p.hint) for p in check_table(table, "t") if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("txet", "complaint.text"), ("text", "complaint.text"), ("subjcet", "complaint.subject")],
)
def test_a_bare_or_misspelt_text_field_is_told_the_path(written: str, meant: str) -> None:
    ((code, path, hint),) = _problems(["complaint.subject", written])
    assert (code, path) == ("unknown-field", "t.rules[0].when.fields[1]")
    assert f"did you mean {meant}?" in hint


@pytest.mark.parametrize("fact", ["note", "fraud_note", "waybill.remark"])
def test_a_supplied_fact_of_another_name_is_read(fact: str) -> None:
    assert _problems([fact]) == []
