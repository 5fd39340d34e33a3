"""``report --product ''`` (or a blank ``--category``, ``--channel``, ``--severity``) names
nothing any complaint holds — no stored product is blank — and printed an empty report as if
no complaint were about it. It is a usage error naming the option; for the complaints that
name no product it points at the ``(none)`` row of the product breakdown, which counts them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.reports.scope import DIMENSIONS, Scope

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.fixture(name="store")
def store_fixture(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(POLICY), storage=url)
    for n, product in enumerate(("milk-1", None, None)):
        desk.intake(
            {
                "channel": "web",
                "external_id": str(n),
                "received_at": "2026-11-23T09:00:00+08:00",
                "customer": {"id": f"c-{n}"},
                "text": "牛奶变质了",
                **({"product": product} if product else {}),
            }
        )
    desk.storage.close()
    return url


def _report(url: str, *args: str) -> tuple[int, str]:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", url, "--policy", str(POLICY), "report", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("blank", ["", " ", "\t"])
@pytest.mark.parametrize("option", ["--product", "--category", "--channel", "--severity"])
def test_a_blank_filter_is_a_usage_error_naming_its_option(
    store: str, option: str, blank: str
) -> None:
    code, output = _report(store, option, blank, "--json")
    assert code == 2, output
    assert option in output
    assert "blank" in output


def test_a_blank_product_points_at_the_row_of_complaints_naming_none(store: str) -> None:
    _, output = _report(store, "--product", "")
    assert "(none)" in output
    assert "--by product" in output


def test_the_none_row_counts_the_complaints_naming_no_product(store: str) -> None:
    code, output = _report(store, "--by", "product", "--json")
    assert code == 0, output
    rows = json.loads(output)["breakdowns"]["product"]
    assert {row["key"]: row["count"] for row in rows} == {"milk-1": 1, None: 2}


@given(st.sampled_from(DIMENSIONS), st.text(alphabet=" \t\n\u3000", max_size=3))
def test_a_scope_refuses_a_blank_filter(dimension: str, blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Scope(**{dimension: blank})  # type: ignore[arg-type]
    assert refused.value.field == dimension


def test_a_scope_keeps_a_filter_that_names_something() -> None:
    since = datetime(2026, 11, 1, tzinfo=UTC)
    assert Scope(since, product=" milk-1 ").filters() == {"product": " milk-1 "}
