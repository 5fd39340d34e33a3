"""The HTML report: self-contained, charts with titles, axes and legends, loads in Chromium."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from reports_day import (  # noqa: F401 -- fixtures used by name
    T0,
    backend_fixture,
    complaint,
    day_fixture,
    local_plugins,
)

import browser
from browser import CHROMIUM
from complaintkit.cli.report import write_html_report
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import ReportSource, build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.table import render_csv, render_text
from complaintkit.reports.vocabulary import Vocabulary
from complaintkit.storage.base import CaseQuery

FLAGS = ["--headless", *browser.FLAGS, "--enable-logging=stderr", "--v=0"]


def test_html_is_self_contained_with_labelled_charts(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    page = render_html(build_report(day[0]), "en")
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)
    assert "<script" not in page
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 7
    for chart in charts:
        assert "<title>" in chart
        assert 'class="axis-label"' in chart
        assert 'class="legend"' in chart


def test_labels_follow_the_language(day: tuple[ReportSource, dict[str, str]]) -> None:
    report = build_report(day[0])
    assert "投诉分析报告" in render_html(report, "zh")
    assert "首次响应时长" in render_text(report, "zh")
    assert render_csv(report, "en").splitlines()[1] == "Complaint report,4,1,25.0%,3.50,0,4,0"


@browser.needs_chromium
def test_html_loads_in_headless_chromium_without_console_errors(
    day: tuple[ReportSource, dict[str, str]], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(build_report(day[0]), "en"), encoding="utf-8")
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,1600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    assert shot.stat().st_size > 10_000
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert dom.stdout.count("<svg") == 7
    assert "Time to first response" in dom.stdout


def test_sla_metrics_are_named_for_people_not_by_id(
    day: tuple[ReportSource, dict[str, str]],
) -> None:
    report = build_report(day[0])
    assert [s.metric for s in report.sla][:1] == ["first_response"]
    page = render_html(report, "zh")
    sla_chart = next(c for c in re.findall(r"<svg.*?</svg>", page, re.S) if "SLA" in c)
    assert "首次响应" in sla_chart
    assert "first_response" not in sla_chart
    assert "first_response" not in render_text(report, "en")
    assert "First response" in render_text(report, "en")


DEMO = Path(__file__).parents[2] / "src" / "complaintkit" / "demo" / "policy.yaml"


def test_html_report_file_names_categories_by_the_policy_labels(tmp_path: Path) -> None:
    """``write_html_report`` (the demo's report.html) reads the policy as ``report`` does:
    its labels and its incidents section."""
    policy = load_policy(DEMO)
    desk = Desk(policy, storage="memory:", clock=ManualClock(T0), plugins=local_plugins())
    for n, text in enumerate(["快递三天没到", "牛奶变质了", "价格不对"]):
        desk.intake(complaint(f"d{n}", "web", T0, "SKU-1") | {"text": text, "language": "zh"})
    page = write_html_report(desk, tmp_path / "report.html", "zh").read_text(encoding="utf-8")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    categories = {case.category or "" for case in desk.storage.find(CaseQuery())}
    assert categories
    assert not categories & set(cells)
    words = Vocabulary.of(policy)
    assert {words.name("category", c, "zh") for c in categories} <= set(cells)


def test_a_label_written_for_a_region_reads_in_its_language(tmp_path: Path) -> None:
    """Labels written for ``zh-CN`` (or ``zh-Hans``) are read by a Chinese report: it
    showed the English label, or the id when there was none."""
    policy = tmp_path / "shop.yaml"
    policy.write_text(
        "complaintkit: 1\nname: shop\nversion: '1'\n"
        "categories: {product: {label: {zh-CN: 产品投诉, en: Product}}}\n"
        "severities: {minor: {label: {zh-Hans: 一般}}}\n"
        "priorities: {normal: {label: Normal}}\n"
        "teams: {care: {label: Care, default_owner: li.na}}\n"
        "classification: {rules: [], default: {category: product, severity: minor, "
        "priority: normal}}\n"
        "routing: {rules: [], default: {team: care}}\n",
        encoding="utf-8",
    )
    desk = Desk(load_policy(policy), storage="memory:", clock=ManualClock(T0))
    desk.intake(complaint("r1", "web", T0) | {"text": "牛奶变质了"})
    report = build_report(open_source(desk.storage), now=T0, vocabulary=Vocabulary.of(desk.policy))
    rows = render_csv(report, "zh").splitlines()
    assert "类别,产品投诉,1,100.0%,100.0%" in rows
    assert "严重程度,一般,1,100.0%,100.0%" in rows
