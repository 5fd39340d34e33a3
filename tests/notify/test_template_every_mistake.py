"""Every mistyped placeholder of a template is reported in one validate run, each with
the field meant, and a placeholder named in Chinese (``{案件编号}``, ``{case.编号}``) is
answered with the field it names.

Found by an SOP author: a body with three typos needed three runs of validate, since the
template stopped at its first unknown field; ``{客户姓名}`` got no suggestion at all, and
``{case.custmer}`` was told ``did you mean {case.category}?``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.notify.field_words import FIELD_WORDS
from complaintkit.notify.templates import FIELDS, Template
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _errors(tmp_path: Path, body: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  ack:\n"
        f'    zh: {{subject: "投诉 {{case.id}}", body: "{body}"}}\n',
        "utf-8",
    )
    return [
        (p.location.path, p.message, p.hint) for p in check_policy(path) if p.severity == "error"
    ]


def test_three_typos_are_three_errors_in_one_run(tmp_path: Path) -> None:
    found = _errors(
        tmp_path, "{customer.nmae}您好\uff0c{case.idd} 将在 {case.frist_response_due} 前答复"
    )
    assert [(path, message) for path, message, _ in found] == [
        ("templates.ack.zh.body", "unknown field {customer.nmae}"),
        ("templates.ack.zh.body", "unknown field {case.idd}"),
        ("templates.ack.zh.body", "unknown field {case.frist_response_due}"),
    ]
    hints = [hint for _, _, hint in found]
    assert hints[0].startswith("did you mean {customer.name}?")
    assert hints[1].startswith("did you mean {case.id}?")
    assert hints[2].startswith("did you mean {case.first_response_due}?")


def test_a_stray_brace_does_not_hide_an_unknown_field(tmp_path: Path) -> None:
    found = _errors(tmp_path, "{case.idd} 价格 {100")
    messages = [message for _, message, _ in found]
    assert messages[0] == "unknown field {case.idd}"
    assert messages[1].startswith("stray '{' at character")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("案件编号", "case.id"),
        ("投诉编号", "case.id"),
        ("case.编号", "case.id"),
        ("客户姓名", "customer.name"),
        ("customer.姓名", "customer.name"),
        ("处理结果", "case.resolution"),
        ("联系电话", "customer.contact"),
        ("答复期限", "case.first_response_due"),
        (" 案件编号 ", "case.id"),
        ("case.customer", "customer.name"),
        ("case.custmer", "customer.name"),
    ],
)
def test_a_field_named_in_chinese_is_answered_with_the_field(written: str, meant: str) -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(f"您好 {{{written}}}")
    assert f"did you mean {{{meant}}}?" in str(caught.value)


def test_chinese_no_field_is_meant_by_lists_the_fields() -> None:
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile("{快递单号}")
    message = str(caught.value)
    assert "did you mean" not in message
    assert "named in English" in message
    assert "case.id" in message


def test_every_word_names_a_field_a_template_may_use() -> None:
    assert set(FIELD_WORDS.values()) <= set(FIELDS)
    assert all(word not in FIELDS for word in FIELD_WORDS)


@given(st.lists(st.sampled_from(sorted(FIELD_WORDS)), min_size=1, max_size=5))
def test_each_chinese_placeholder_is_its_own_error(words: list[str]) -> None:
    source = "\uff0c".join(f"{{{word}}}" for word in words)
    with pytest.raises(ValueError, match="unknown field") as caught:
        Template.compile(source)
    message = str(caught.value)
    for word in words:
        assert f"unknown field {{{word}}}; did you mean {{{FIELD_WORDS[word]}}}?" in message
