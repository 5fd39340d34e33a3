"""A mistyped template field is answered with the field meant, and each part of a
template is checked in the same run."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.notify.templates import Template
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("case.frist_response_due", "case.first_response_due"),
        ("customer.nmae", "customer.name"),
        ("case.resolution_deu", "case.resolution_due"),
    ],
)
def test_a_typo_is_answered_with_the_field_meant(written: str, meant: str) -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(f"请在 {{{written}}} 前答复")
    message = str(caught.value)
    assert message.startswith(f"unknown field {{{written}}}; did you mean {{{meant}}}?")


def test_a_field_like_none_lists_the_fields_without_a_guess() -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile("{order.number}")
    assert "did you mean" not in str(caught.value)
    assert "{case.id}" in str(caught.value) or "case.id" in str(caught.value)


def test_a_bad_subject_does_not_hide_a_bad_body(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  ack:\n"
        '    zh: {subject: "{case.idd}", body: "{case.frist_response_due} 前答复"}\n',
        "utf-8",
    )
    where = {p.location.path: p for p in check_policy(path) if p.severity == "error"}
    assert set(where) == {"templates.ack.zh.subject", "templates.ack.zh.body"}, where
    assert "did you mean {case.id}?" in where["templates.ack.zh.subject"].hint
    body = where["templates.ack.zh.body"]
    assert "did you mean {case.first_response_due}?" in body.hint
    assert (body.location.line, body.location.column) == (5, 40)  # the placeholder
