"""The HTML files complaintkit writes let no script run, whatever a slip in escaping lets in.

The report and the replay hold stored text anyone may have typed (a product, an owner, a
withdrawal's reason), escaped where it is written; the status and form pages add a
Content-Security-Policy for the day an escape is missed, but these files had none, so such
a slip in a chart or a table would run in the browser of the manager who opened the
report. Each now starts with a policy allowing nothing but its inline style sheet.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.testing.storage_contract import T0, make_complaint


class _Head(HTMLParser):
    """The Content-Security-Policy of a page's ``<meta>``s, and whether one came before
    anything but the character set."""

    def __init__(self) -> None:
        super().__init__()
        self.policy: str | None = None
        self.before: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = named.get("content")
        elif self.policy is None and tag not in ("html", "head", "meta"):
            self.before.append(tag)


def _directives(page: str) -> dict[str, list[str]]:
    head = _Head()
    head.feed(page)
    assert head.policy is not None, "no Content-Security-Policy"
    assert head.before == [], head.before  # in force before any content
    return {
        name: values for name, *values in (d.split() for d in head.policy.split(";") if d.strip())
    }


def _allows_nothing_but_inline_style(page: str) -> None:
    policy = _directives(page)
    assert policy["default-src"] == ["'none'"]
    assert policy["style-src"] == ["'unsafe-inline'"]
    assert policy["base-uri"] == ["'none'"]
    assert not {"script-src", "script-src-elem", "img-src", "connect-src"} & policy.keys()


def test_the_html_report_allows_no_script() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("P0", product="<script>alert(1)</script>"))
    page = render_html(build_report(open_source(desk.storage), now=T0))
    _allows_nothing_but_inline_style(page)
    assert "<script>" not in page


def test_the_replay_page_allows_no_script(tmp_path: Path) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    played = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])  # the demo's day
    assert played.exit_code == 0, played.output
    html = tmp_path / "replay.html"
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    args = ["--db", db, "replay", str(demo_policy_path()), "--html", str(html)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    _allows_nothing_but_inline_style(html.read_text(encoding="utf-8"))
