"""``report --channel wbe`` (a typo of ``web``) printed a report of nothing without a word,
where ``--category prodcut`` warns. A channel no plugin registers and no stored complaint
came by, that selects nothing, is now warned of on stderr naming the nearest known
channel; the report is still printed and the exit code is 0. A registered channel with no
complaints yet, one stored complaints came by, or ``incident`` (the cases complaintkit
opens itself) is no mistake and is not warned of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "retail" / "supermarket.yaml"


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), args)


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    args = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(POLICY)]
    lines = [
        {
            "channel": channel,
            "external_id": f"D-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "牛奶过期了",
        }
        for n, channel in enumerate(("web", "wechat"))
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    taken = _run([*args, "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    return args


@pytest.mark.parametrize(
    ("value", "nearest"),
    [("wbe", "web"), ("wechta", "wechat"), ("emial", "email"), ("微信", None)],
)
def test_an_unknown_channel_is_warned_of(base: list[str], value: str, nearest: str | None) -> None:
    result = _run([*base, "report", "--channel", value, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 0  # the report is still printed, as JSON
    assert f"warning: --channel {value!r}" in result.stderr
    assert "web" in result.stderr
    if nearest is not None:
        assert f"did you mean {nearest}?" in result.stderr


@pytest.mark.parametrize("value", ["web", "wechat", "email", "incident"])
def test_a_known_channel_is_not_warned_of(base: list[str], value: str) -> None:
    result = _run([*base, "report", "--channel", value, "--json"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
