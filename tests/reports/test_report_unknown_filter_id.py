"""``report --category mortgages`` (a typo of ``mortgage``) printed a report of nothing as
if no complaint were about it. A category or severity the policy does not name, that no
complaint in scope has either, is now warned of on stderr, naming the ids the policy has
(and the nearest one); the report is still printed and the exit code is 0 — an id an older
policy used, still on stored cases, filters as before without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ROOT / "policies" / "retail" / "supermarket.yaml"
CFPB = ROOT / "examples" / "cfpb" / "policy.yaml"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


def _taken_in(tmp_path: Path, policy: Path) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(policy)]
    line = {
        "channel": "web",
        "external_id": "D-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "牛奶过期了",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    taken = _run([*args, "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    return args


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    return _taken_in(tmp_path, SHANGHAI)


@pytest.mark.parametrize(
    ("option", "value", "nearest"),
    [
        ("--category", "prodcut", "product"),
        ("--severity", "majr", "major"),
        ("--category", "食品", None),
    ],
    ids=["category-typo", "severity-typo", "category-chinese"],
)
def test_an_id_the_policy_does_not_name_is_warned_of(
    base: list[str], option: str, value: str, nearest: str | None
) -> None:
    result = _run([*base, "report", option, value, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0  # the report is still printed, as JSON
    assert f"warning: {option} {value!r}" in result.stderr
    assert "product, service, price, delivery, other" in result.stderr or option == "--severity"
    if nearest is not None:
        assert f"did you mean {nearest}?" in result.stderr


def test_an_id_on_stored_cases_is_no_mistake(tmp_path: Path, base: list[str]) -> None:
    """A case classified under another policy keeps its category: it is counted, unwarned."""
    (tmp_path / "older").mkdir()
    older = _taken_in(tmp_path / "older", CFPB)
    cases = json.loads(_run([*older, "cases", "list", "--json"]).stdout)
    category = cases[0]["category"]
    with_today = [older[0], older[1], "--policy", str(SHANGHAI)]
    result = _run([*with_today, "report", "--category", category, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 1
    assert "warning" not in result.stderr
    for option, value in (("--category", "product"), ("--severity", "minor")):  # named, none
        named = _run([*base, "report", option, value])
        assert named.exit_code == 0, named.output
        assert "warning" not in named.stderr
