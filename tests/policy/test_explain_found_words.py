"""``explain`` shows each keyword a row found as the complaint spelt it where it counted:
in the first field holding it, and not where an ``except`` phrase kept it from counting."""

from __future__ import annotations

from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import compile_table


def found(keyword: object, subject: str, text: str) -> list[str]:
    table = compile_table(
        {"rules": [{"id": "r", "when": {"keywords": [keyword]}, "then": {"category": "c"}}]},
        "classification",
    )
    trace = table.explain(Facts({"complaint": {"subject": subject, "text": text}}))
    return [str(word) for word in trace.rows[0].found]


def test_the_spelling_shown_is_the_first_field_s() -> None:
    assert found("late", "Late", "LATE") == ["late (the text has Late)"]
    assert found("late", "", "LATE") == ["late (the text has LATE)"]


def test_the_spelling_shown_is_one_that_counted() -> None:
    keyword = {"text": "没送", "except": ["没送到"]}
    text = "没送到\uff0c昨天也沒送"  # the second, traditional 沒送 counts
    assert found(keyword, "", text) == ["没送 (the text has 沒送)"]
