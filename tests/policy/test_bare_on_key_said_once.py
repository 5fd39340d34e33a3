"""A notification rule written ``{on: opened, …}`` (YAML 1.1 reads the bare key ``on`` as
true) was two errors for one slip: the key refused as a boolean, and ``missing key 'on'``
in the rule. The key is refused once and read on as the text written, so the rest of the
rule is still checked and nothing is said twice."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_bare_on_key_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "templates:\n  t: {zh: {subject: s, body: b}}\n"
        "notifications:\n  notifiers: {log: {type: log}}\n"
        "  rules:\n    - {on: opened, notify: [custmer], via: log, template: t}\n",
        "utf-8",
    )
    found = [(p.location.path, p.code) for p in check_policy(path)]
    assert found == [
        ("notifications.rules[0]", "key-type"),
        ("notifications.rules[0].notify[0]", "schema.enum"),
    ]


def test_the_refused_key_is_read_on_as_written() -> None:
    source = parse_text("rules:\n  - {on: opened, yes: 1}\n", "p.yaml")
    assert [p.code for p in source.problems] == ["key-type", "key-type"]
    assert source.data == {"rules": [{"on": "opened", "yes": 1}]}
