"""A number, true or a date where text goes was told "YAML reads this as …, not as text"
with a hint about YAML's unquoted words in a JSON or TOML policy too, where no YAML reads
anything: the author wrote that type. There it is now the type expected and the one found,
with the text to write in quotes; a YAML policy is still told what YAML made of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_JSON = '{"complaintkit": 1, "extends": "%s", "templates": {"late": {"en": {"subject": %s, "body": "Sorry."}}}}'
_TOML = 'complaintkit = 1\nextends = "%s"\n[templates.late.en]\nsubject = %s\nbody = "Sorry."\n'


@pytest.mark.parametrize(
    ("suffix", "form", "written", "quoted"),
    [
        (".json", _JSON, "1.5", '"1.5"'),
        (".json", _JSON, "true", '"true"'),
        (".toml", _TOML, "1.5", '"1.5"'),
        (".toml", _TOML, "false", '"false"'),
        (".toml", _TOML, "2026-01-01", '"2026-01-01"'),
    ],
)
def test_no_yaml_is_named_outside_yaml(
    tmp_path: Path, suffix: str, form: str, written: str, quoted: str
) -> None:
    path = tmp_path / f"p{suffix}"
    path.write_text(form % (BASE.as_posix(), written), "utf-8")
    (problem,) = check_policy(path)
    assert problem.location.path == "templates.late.en.subject"
    assert "YAML" not in problem.message
    assert "YAML" not in problem.hint
    assert "expected text" in problem.message
    assert quoted in problem.hint


def test_a_yaml_policy_is_still_told_what_yaml_read(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  late:\n    en:\n"
        "      subject: no\n      body: Sorry.\n",
        "utf-8",
    )
    (problem,) = check_policy(path)
    assert "YAML" in problem.message
