"""``report --category/--severity`` take the policy's ids; the label the report prints for one
(``Product``, ``产品投诉``) is refused naming the id, not answered with an empty report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(POLICY), storage=url)
    desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c"},
            "text": "牛奶变质了",
        }
    )
    desk.storage.close()
    return url


def _report(url: str, *args: str) -> tuple[int, str]:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", url, "--policy", str(POLICY), "report", *args])
    # a report's standard output alone: a filter no case matches warns on stderr
    return result.exit_code, result.stdout if result.exit_code == 0 else result.output


@pytest.mark.parametrize(
    ("option", "shown", "key"),
    [
        ("--category", "Product", "product"),
        ("--category", "产品投诉", "product"),
        ("--severity", "Critical", "critical"),
        ("--severity", "严重", "critical"),
    ],
)
def test_a_label_is_refused_naming_its_id(store: str, option: str, shown: str, key: str) -> None:
    code, output = _report(store, option, shown, "--json")
    assert code == 2, output
    assert option in output
    assert repr(key) in output


def test_the_id_selects_and_an_id_the_policy_no_longer_names_is_still_a_filter(
    store: str,
) -> None:
    code, output = _report(store, "--category", "product", "--json")
    assert (code, json.loads(output)["total"]) == (0, 1)
    code, output = _report(store, "--category", "retired_category", "--json")
    assert (code, json.loads(output)["total"]) == (0, 0)


def test_the_filters_say_what_they_take() -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    text = CliRunner().invoke(cli, ["report", "--help"]).output
    for option in ("--category", "--channel", "--severity", "--product"):
        line = next(line for line in text.splitlines() if line.strip().startswith(option))
        assert len(line.split()) > 2, line
