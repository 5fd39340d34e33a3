"""A field in double braces, as Jinja and Mustache write them (``{{case.resolution}}``), is
an error at the template: ``{{`` and ``}}`` are literal braces, so the customer would read
``{case.resolution}`` and never the resolution.

Found writing templates for a policy from seed 001: a body holding ``{{case.resolution}}`` passed
validate as valid.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.notify.templates import Template
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("{{case.resolution}}", "case.resolution"),
        ("{{ root_cause.cause }}", "root_cause.cause"),
        ("{{message}}", "message"),
        ("{{case.编号}}", "case.编号"),
    ],
)
def test_a_field_in_double_braces_is_refused(written: str, field: str) -> None:
    with pytest.raises(ValueError, match="double braces") as caught:
        Template.compile(f"处理结果\uff1a{written}\u3002")
    assert f"write {{{field}}}" in str(caught.value)


def test_literal_braces_around_other_text_stay_text() -> None:
    template = Template.compile("请回复 {{是}} 或 {{否}}\uff0c编号 {case.id}")
    assert template.render({"case.id": "C-1"}) == "请回复 {是} 或 {否}\uff0c编号 C-1"


def test_validate_names_the_template(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  done:\n"
        '    zh: {subject: "{case.id}", body: "处理结果\uff1a{{case.resolution}}"}\n',
        "utf-8",
    )
    problems = [p for p in check_policy(path) if p.severity == "error"]
    assert [p.location.path for p in problems] == ["templates.done.zh.body"]
    assert "write {case.resolution}" in problems[0].hint
