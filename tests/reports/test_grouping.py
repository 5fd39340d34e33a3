"""``--by``: counts per tag, owner, team or complaint attribute, equal on every backend."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from cfpb import cfpb_complaint, cfpb_rows
from click.testing import CliRunner
from reports_day import local_plugins

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.policy.assessment import Assessment, EmptyPolicy, History
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.table import render_text

AT = datetime(2020, 1, 1, tzinfo=UTC)


@attrs.frozen
class TaggingPolicy(EmptyPolicy):
    """Tags and routes by the CFPB product, so tags, owners and teams vary."""

    version: str = "test"

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        product = complaint.product or ""
        tags = ("credit",) if "credit" in product.lower() else ()
        if "Debt" in product:
            tags = (*tags, "debt", "collection")
        team = "bureau" if "report" in product.lower() else "banking"
        return Assessment(
            category="other", severity="normal", owner=f"{team}.lead", team=team, tags=tags
        )


@pytest.fixture(params=["memory", "sqlite"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(TaggingPolicy(), storage=url, clock=ManualClock(AT), plugins=local_plugins())
    desk.intake_many([cfpb_complaint(row, AT) for row in cfpb_rows()])
    with desk.storage:
        yield desk


def test_by_attribute_counts_match_the_csv(desk: Desk) -> None:
    source = open_source(desk.storage)
    rows = cfpb_rows()
    assert source.grouped(GroupBy.parse("attribute.company"), Scope()) == Counter(
        r["Company"] for r in rows
    )
    states = Counter(r["State"] for r in rows)
    assert source.grouped(GroupBy.parse("attribute.state"), Scope()) == states


def test_by_tag_counts_a_case_once_per_tag(desk: Desk) -> None:
    rows = cfpb_rows()
    credit = sum("credit" in r["Product"].lower() for r in rows)
    debt = sum("Debt" in r["Product"] for r in rows)
    untagged = sum(
        "credit" not in r["Product"].lower() and "Debt" not in r["Product"] for r in rows
    )
    expected = {"credit": credit, "debt": debt, "collection": debt, None: untagged}
    got = open_source(desk.storage).grouped(GroupBy.parse("tag"), Scope())
    assert got == {k: v for k, v in expected.items() if v}


def test_by_owner_and_team(desk: Desk) -> None:
    source = open_source(desk.storage)
    teams = source.grouped(GroupBy.parse("team"), Scope())
    assert sum(teams.values()) == len(cfpb_rows())
    assert source.grouped(GroupBy.parse("owner"), Scope()) == {
        f"{team}.lead": n for team, n in teams.items()
    }


def test_grouping_respects_the_scope(desk: Desk) -> None:
    product = cfpb_rows()[0]["Product"]
    got = open_source(desk.storage).grouped(GroupBy.parse("channel"), Scope(product=product))
    assert got == {"cfpb": sum(r["Product"] == product for r in cfpb_rows())}


def test_unknown_fact_is_refused_naming_the_option() -> None:
    with pytest.raises(InvalidInput, match="--by"):
        GroupBy.parse("colour")


@pytest.mark.parametrize(
    ("by", "says"),
    [("attribute.", "needs a name"), ('attribute.a"b', "holds '\"' cannot be grouped by")],
)
def test_an_attribute_that_cannot_be_grouped_by_says_why(by: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        GroupBy.parse(by)
    assert refused.value.field == "--by"
    assert says in str(refused.value)


def test_report_by_option(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url, clock=ManualClock(AT), plugins=local_plugins())
    desk.intake_many([cfpb_complaint(row, AT) for row in cfpb_rows()])
    desk.storage.close()
    cli, run = build_cli(local_plugins()), CliRunner()
    data = json.loads(
        run.invoke(cli, ["--db", url, "report", "--json", "--by", "attribute.state"]).output
    )
    top = data["by"]["attribute.state"][0]
    assert top["count"] == Counter(r["State"] for r in cfpb_rows()).most_common(1)[0][1]
    text = run.invoke(cli, ["--db", url, "report", "--by", "attribute.company"]).output
    assert "By Attribute company" in text
    bad = run.invoke(cli, ["--db", url, "report", "--by", "colour"])
    assert bad.exit_code == 2
    assert "--by" in bad.output
    assert bad.output.count("--by") == 1  # named once, not "--by: --by:"


def test_tag_shares_are_shares_of_the_cases(desk: Desk) -> None:
    """A case counts once per tag, so a tag's share is of the cases that carry it (shares
    can sum to more than 100 %); a Pareto cumulative share means nothing there."""
    rows = cfpb_rows()
    report = build_report(open_source(desk.storage), by=[GroupBy.parse("tag")])
    credit = sum("credit" in r["Product"].lower() for r in rows)
    shares = {s.key: (s.count, s.share, s.cumulative) for s in report.by["tag"]}
    assert shares["credit"] == (credit, credit / len(rows), None)
    assert sum(s.share for s in report.by["tag"]) > 1
    assert "-" in render_text(report).split("== By Tag")[1].split("\n")[2]
    assert render_html(report)
