"""A dash beginning a line that continues text begun on the line above — a description
wrapped before its em dash, as an editor or a YAML formatter wraps long lines
(``description: … neither)`` then ``  — it decides whether art. 7 pays``), or Chinese
text wrapped before its dash ``——`` — was an error, "'—' begins the line where YAML
begins a list item", though no list item can begin there and YAML reads the text as
written. The shipped EU 261 policy, dumped by PyYAML, failed so. A dash continuing text is
punctuation; one beginning a value of its own (``members:`` then ``  — amy``) is still
named, as is any other bullet continuing text (the lines it meant are folded into one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

ROOT = Path(__file__).parents[2]
WORDS = st.text(alphabet=st.sampled_from("abcxyz 变质发霉退款 ."), min_size=1, max_size=20).map(
    lambda s: s.strip() or "x"
)


@settings(max_examples=60, deadline=None)
@given(
    dash=st.sampled_from(["\u2014", "\u2013", "\u2014\u2014"]),
    first=WORDS,
    rest=WORDS,
    indent=st.integers(min_value=1, max_value=6),
    more=st.lists(WORDS, max_size=2),
)
def test_a_dash_continuing_text_is_punctuation(
    dash: str, first: str, rest: str, indent: int, more: list[str]
) -> None:
    pad = " " * indent
    lines = [f"description: {first}", *(f"{pad}{m}" for m in more), f"{pad}{dash} {rest}"]
    text = "\n".join(lines) + "\nname: x\n"
    source = parse_text(text, "p.yaml")
    assert source.problems == ()
    assert source.data["description"].endswith(f"{dash} {rest}")


@pytest.mark.parametrize("dash", ["\u2014", "\u2013"])
def test_a_dash_beginning_a_value_is_still_a_bullet(dash: str) -> None:
    text = f"teams:\n  desk:\n    members:\n      {dash} amy\n      {dash} bob\n"
    source = parse_text(text, "p.yaml")
    assert [p.code for p in source.problems] == ["bullet", "bullet"]


def test_another_bullet_continuing_text_is_still_named() -> None:
    source = parse_text("description: steps\n  \u2022 one\n  \u2022 two\nname: x\n", "p.yaml")
    assert [p.code for p in source.problems] == ["bullet", "bullet"]


def test_the_shipped_eu261_policy_dumped_by_pyyaml_loads(tmp_path: Path) -> None:
    policy = ROOT / "policies" / "statutory" / "eu-261-2004-art7.yaml"
    data = yaml.safe_load(policy.read_text("utf-8"))
    path = tmp_path / "eu261.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert [p for p in check_policy(path) if p.severity == "error"] == []
