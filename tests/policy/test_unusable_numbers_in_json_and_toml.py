"""A NaN or an infinity in a JSON or TOML policy was named as YAML spells it: ``"limit":
NaN`` told 'NaN (.nan, 'not a number')', ``limit = inf`` told '(.inf, or … 1.0e+400)',
words and numbers the file's format does not write. Each is now named in its format."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.source import read_source


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("p.json", '{"limit": NaN}', "NaN (NaN,"),
        ("p.json", '{"limit": -Infinity}', "(-Infinity,"),
        ("p.json", '{"limit": 1e999}', "such as 1e400"),
        ("p.toml", "limit = nan\n", "(nan,"),
        ("p.toml", "limit = -inf\n", "(-inf,"),
        ("p.yaml", "limit: .nan\n", "(.nan,"),
        ("p.yaml", "limit: .inf\n", "(.inf,"),
    ],
)
def test_a_number_that_is_no_number_is_named_as_its_format_writes_it(
    tmp_path: Path, name: str, text: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    (problem,) = read_source(path).problems
    assert (problem.location.path, problem.code) == ("limit", "bad-value")
    assert said in problem.message
    assert name.endswith(".yaml") or ".nan" not in problem.message
    assert name.endswith(".yaml") or ".inf" not in problem.message
