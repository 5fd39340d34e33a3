"""``contains: [异物, 头发]`` on a text field: 'contains' takes one value, and the condition
an author means — any of the words — is ``keywords``; the error says so."""

from __future__ import annotations

from complaintkit.policy.tables import check_table


def hint_for(when: dict[str, object]) -> str:
    row = {"when": when, "then": {}}
    found = {p.location.path: p for p in check_table({"rules": [row], "default": {}}, "t")}
    return found["t.rules[0].when.contains"].hint


def test_contains_with_a_list_of_words_says_to_write_keywords() -> None:
    hint = hint_for({"field": "complaint.text", "contains": ["异物", "头发"]})
    assert "keywords: [异物, 头发], fields: [complaint.text]" in hint


def test_contains_with_a_list_of_other_values_keeps_its_hint() -> None:
    hint = hint_for({"field": "complaint.text", "contains": [1, 2]})
    assert hint == "'contains' takes one value the list (or text) must contain"
