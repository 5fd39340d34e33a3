"""A factor wrapped as a fact (``multiple: {fact: 5}``, a Python-ish spelling of "the
number 5") is an error located at the key, saying to write the number bare
(``write multiple: 5``) and what ``{fact: …}`` is for; the message quotes what was written
as the policy wrote it, not as a Python dict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
ART55 = ROOT / "policies" / "statutory" / "cn-consumer-protection-art55.yaml"
SHIPPED = "amount: {multiple: 1, of: loss}"


def _validate(tmp_path: Path, amount: str) -> tuple[str, int]:
    text = ART55.read_text(encoding="utf-8")
    assert SHIPPED in text
    line = text[: text.index(SHIPPED)].count("\n") + 1
    policy = tmp_path / "art55.yaml"
    policy.write_text(text.replace(SHIPPED, f"amount: {amount}", 1), encoding="utf-8")
    result = CliRunner().invoke(build_cli(), ["validate", str(policy)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output, line


@pytest.mark.parametrize(
    ("amount", "bare"),
    [
        ("{multiple: {fact: 5}, of: loss}", "multiple: 5"),
        ("{multiple: {fact: '2.5'}, of: loss}", "multiple: 2.5"),
        ("{percent: {fact: 30}, of: loss}", "percent: 30"),
    ],
)
def test_a_number_written_as_a_fact_gets_the_bare_spelling(
    tmp_path: Path, amount: str, bare: str
) -> None:
    output, line = _validate(tmp_path, amount)
    kind = bare.split(":", maxsplit=1)[0]
    located = re.search(rf"art55\.yaml:{line}:\d+ \(at [^)]*\.amount\.{kind}\): error: ", output)
    assert located is not None, output
    assert f"write {bare}" in output
    assert "{fact: days_late}" in output  # what a fact is for
    assert "{'fact'" not in output  # quoted as written, not as a Python dict


def test_a_fact_name_that_is_no_name_says_how_one_is_written(tmp_path: Path) -> None:
    output, line = _validate(tmp_path, "{multiple: {fact: days late}, of: loss}")
    assert re.search(rf"art55\.yaml:{line}:\d+ \(at [^)]*\.amount\.multiple\)", output), output
    assert "write multiple: {fact: days_late}" in output
    assert "{'fact'" not in output
