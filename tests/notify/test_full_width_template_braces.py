# ruff: noqa: RUF001, RUF002 -- the full-width braces are the point of these tests
"""A placeholder typed with the input method in full-width mode, ｛case.id｝, is no
placeholder: it was sent to the customer as those characters. It is an error where it is
written, saying to type the ASCII braces; full-width braces around other text are text."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.notify.templates import Template, TemplateMistakes
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    "written",
    ["您的投诉｛case.id｝已受理", "您的投诉{case.id｝已受理", "您的投诉｛ case.id }已受理"],
)
def test_a_placeholder_in_full_width_braces_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="full-width") as raised:
        Template.compile(written)
    assert "{case.id}" in str(raised.value)


def test_full_width_braces_around_text_are_text() -> None:
    template = Template.compile("｛温馨提示｝您的投诉 {case.id} 已受理")
    assert template.render({"case.id": "CK-1"}) == "｛温馨提示｝您的投诉 CK-1 已受理"


def test_validate_names_the_template_line_and_the_field(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ntemplates:\n  ack:\n"
        '    zh: {subject: "您的投诉｛case.id｝已受理", body: "{customer.name}您好"}\n',
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert (problem.location.line, problem.location.path) == (5, "templates.ack.zh.subject")
    assert "write {case.id}" in problem.hint
    assert "｛case.id｝" in problem.message


@pytest.mark.parametrize("written", ["您的投诉{case.id｝已受理", "您的投诉｛ case.id }已受理"])
def test_one_full_width_brace_is_one_mistake(written: str) -> None:
    """The ASCII brace of the pair was also a "stray '{'", a second error for one slip."""
    with pytest.raises(TemplateMistakes) as raised:
        Template.compile(written)
    ((message, hint),) = raised.value.mistakes
    assert "a full-width brace" in message
    assert "stray" not in message
    assert "write {case.id}" in hint
