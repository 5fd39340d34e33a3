# ruff: noqa: RUF001, RUF002 -- the tests write the full-width letters an author types
"""An equality's true, false or null typed with the input method in full-width mode:
``==: ｔｒｕｅ``, ``in: [Ｆａｌｓｅ, x]``, ``'!=': ｎｕｌｌ``.

YAML reads them as text, so ``==: ｔｒｕｅ`` compared the fact with the text 'ｔｒｕｅ',
which no true equals: the row never matched, with no word at load. ``==: ３`` is refused
with the number to write in ASCII digits; these are refused so too, with the word to write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from one_row import condition_errors

from complaintkit.policy.conditions import compile_condition


@pytest.mark.parametrize(
    ("condition", "operator", "hint"),
    [
        ("field: complaint.attributes.fraud, ==: ｔｒｕｅ", "==", "write '==': true"),
        ("field: complaint.attributes.fraud, ==: Ｔｒｕｅ", "==", "write '==': true"),
        ("field: complaint.attributes.fraud, ==: ＴＲＵＥ", "==", "write '==': true"),
        ("field: complaint.attributes.fraud, '!=': ｆａｌｓｅ", "!=", "write '!=': false"),
        ("field: complaint.attributes.fraud, in: [ｔｒｕｅ, x]", "in", "write 'in': [true, x]"),
        (
            "field: complaint.attributes.fraud, 'not in': [Ｆａｌｓｅ]",
            "not in",
            "write 'not in': [false]",
        ),
    ],
)
def test_full_width_true_or_false_is_told_the_word_to_write(
    tmp_path: Path, condition: str, operator: str, hint: str
) -> None:
    ((path, line, told),) = condition_errors(tmp_path, condition)
    assert (path, line) == (f"classification.rules[1].when.{operator}", 6)
    assert told.startswith(hint), told


def test_full_width_null_is_told_how_to_ask_for_a_missing_field(tmp_path: Path) -> None:
    ((path, line, told),) = condition_errors(
        tmp_path, "field: complaint.attributes.x, ==: ｎｕｌｌ"
    )
    assert (path, line) == ("classification.rules[1].when.==", 6)
    assert "exists: false" in told


def test_a_record_field_is_told_to_quote_the_text(tmp_path: Path) -> None:
    ((path, _, told),) = condition_errors(tmp_path, "field: customer.tier, ==: ｔｒｕｅ")
    assert path == "classification.rules[1].when.=="
    assert '"true"' in told


@pytest.mark.parametrize("text", ["true", "ｔｒｕｅ值", "ｔｒｕｅｌｙ", "真"])
def test_text_that_is_no_full_width_literal_is_compared_as_written(text: str) -> None:
    compile_condition({"field": "customer.tier", "==": text})
    compile_condition({"field": "complaint.attributes.x", "in": [text, "vip"]})
