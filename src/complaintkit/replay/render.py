"""A replay as text for the terminal and as a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from decimal import Decimal
from html import escape

from complaintkit.graphemes import tamed
from complaintkit.model.events import CaseEvent
from complaintkit.replay.comparison import SIDES, Comparison
from complaintkit.replay.outcome import value_text
from complaintkit.replay.run import Detail, Replay
from complaintkit.reports.metrics import money_figure
from complaintkit.reports.page_guard import GUARD_META
from complaintkit.reports.table import cell_width
from complaintkit.visible import shown


def _cell(text: str) -> str:
    """Stored text (an owner, a reason) as the terminal shows it, never acts on it, with at
    most ``MOST_MARKS`` marks on a letter (``tamed``), as the report shows it: more are
    drawn over the lines above and below."""
    return shown(tamed(text), lines=False)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns measured in terminal cells (CJK takes two), control characters escaped."""
    cells = [[_cell(cell) for cell in row] for row in [header, *rows]]
    widths = [max(cell_width(r[i]) for r in cells) for i in range(len(header))]
    return [
        "  "
        + "  ".join(
            cell + " " * (width - cell_width(cell)) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in cells
    ]


def _delta(current: int, candidate: int) -> str:
    return "" if current == candidate else f"{candidate - current:+d}"


def _instant(at: datetime, zone: tzinfo | None) -> str:
    """An instant where people read it, its offset written; as run without a zone."""
    return (at if zone is None else at.astimezone(zone)).isoformat()


#: How a line writes one stored text, padded to a width: as the terminal shows it, or
#: (``_isolated``) as a page does.
Field = Callable[[str, int], str]


def _padded(text: str, width: int = 0) -> str:
    return _cell(text).ljust(width)


def _isolated(text: str, width: int = 0) -> str:
    """Escaped, in its own direction (``<bdi>``): a reason in Hebrew on a left-to-right
    line would draw its brackets on the wrong sides; padded outside the isolation."""
    shown_text = _cell(text)
    return f"<bdi>{escape(shown_text)}</bdi>" + " " * (width - len(shown_text))


def _timeline(events: list[CaseEvent], zone: tzinfo | None, field: Field) -> list[str]:
    return [
        f"    {_instant(e.at, zone)}  {field(e.kind, 22)} {field(e.actor, 10)} {field(e.reason, 0)}"
        for e in events
    ]


def render_detail(detail: Detail, field: Field = _padded) -> list[str]:
    """The case's changes and both timelines, each stored text written by ``field``."""
    out = [f"== Case {field(detail.case_id, 0)}"]
    out += [f"  {field(change, 0)}" for change in detail.changes] or ["  no difference"]
    out += ["", "  current:", *_timeline(detail.current_events, detail.zone, field)]
    out += ["", "  candidate:", *_timeline(detail.candidate_events, detail.zone, field)]
    return out


def _money(replay: Replay) -> list[list[str]]:
    """(currency, current total, candidate total) for every currency either side proposed."""
    money = replay.comparison.money
    return [
        [c, *(money_figure(money[side].get(c, Decimal(0)), c) for side in SIDES)]
        for c in replay.comparison.currencies()
    ]


def _more(replay: Replay) -> list[str]:
    """The changed cases counted but not named (past ``--limit``)."""
    more = replay.comparison.changed - len(replay.comparison.listed)
    return [f"… and {more} more (--limit 0 lists all)"] if more > 0 else []


def _lagging(comparison: Comparison) -> list[str]:
    """Why changed cases may owe nothing to the policy: the store's ticks lag its history."""
    if not comparison.lagging:
        return []
    return [
        f"   {comparison.lagging} of them have SLA work due by then that no tick has stored "
        "(the store's ticks lag behind its history): run `complaintkit tick` and replay "
        "again to see what the policy alone changes"
    ]


def _past_now(replay: Replay) -> list[str]:
    """Why changed cases may owe nothing to the policy: the run goes on after now."""
    if replay.past_now is None:
        return []
    return [
        f"   the run goes past now ({_instant(replay.past_now, replay.zone)}): what falls due after it "
        "is fired by the candidate alone, as no tick has run then yet"
    ]


def render_text(replay: Replay) -> str:
    comparison = replay.comparison
    horizon = "" if replay.horizon is None else f" up to {_instant(replay.horizon, replay.zone)}"
    counts = [
        [dim, value_text(value), str(a), str(b), _delta(a, b)]
        for dim, value, a, b in comparison.rows()
    ]
    out = [
        f"== Replay: {comparison.cases} case(s){horizon}; {comparison.changed} would change",
        *_lagging(comparison),
        *_past_now(replay),
        "",
        "== Counts (current → candidate)",
        *(
            _table(["Dimension", "Value", "Current", "Candidate", "Change"], counts)
            if counts
            else ["  none"]
        ),
        "",
        "== Compensation proposed",
    ]
    money = _money(replay)
    out += _table(["Currency", "Current", "Candidate"], money) if money else ["  none"]
    out += ["", "== Cases that change"]
    out += [f"  {_cell(c.case_id)}: {_cell('; '.join(c.changes))}" for c in comparison.listed] or [
        "  none"
    ]
    out += [f"  {line}" for line in _more(replay)]
    for source, reason in replay.rejected:
        out.append(f"  rejected {_cell(source)}: {_cell(reason)}")
    for case_id, problem in replay.damaged:
        out.append(f"  damaged case {_cell(case_id)}: {_cell(problem)}")
    if replay.detail is not None:
        out += ["", *render_detail(replay.detail)]
    return "\n".join(out) + "\n"


def render_html(replay: Replay) -> str:
    """The same figures as one HTML page with no outside resources."""
    comparison = replay.comparison

    def table(header: list[str], rows: list[list[str]]) -> str:
        """Stored text (an owner, a reason) shown as the text output shows it (``_cell``),
        each cell in the direction of its first strong letter (a Hebrew reason right to left)."""
        head = "".join(f'<th dir="auto">{escape(_cell(h))}</th>' for h in header)
        body = "".join(
            "<tr>" + "".join(f'<td dir="auto">{escape(_cell(cell))}</td>' for cell in row) + "</tr>"
            for row in rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    counts = [
        [dim, value_text(value), str(a), str(b), _delta(a, b)]
        for dim, value, a, b in comparison.rows()
    ]
    changed = [[c.case_id, "; ".join(c.changes)] for c in comparison.listed]
    detail = (
        ""
        if replay.detail is None
        else f"<h2>Case {escape(_cell(replay.detail.case_id))}</h2><pre>"
        + "\n".join(render_detail(replay.detail, _isolated))  # escaped by _isolated
        + "</pre>"
    )
    horizon = "-" if replay.horizon is None else _instant(replay.horizon, replay.zone)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{GUARD_META}<title>complaintkit replay</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:start;overflow-wrap:anywhere}"
        # a reason typed at length wraps rather than widening the page past the window
        "pre{white-space:pre-wrap;overflow-wrap:anywhere}</style></head><body>"
        f"<h1>Replay: {comparison.cases} case(s) up to {escape(horizon)}, "
        f"{comparison.changed} would change</h1>"
        + "".join(
            f"<p>{escape(line.strip())}</p>" for line in [*_lagging(comparison), *_past_now(replay)]
        )
        + "<h2>Counts</h2>"
        + table(["Dimension", "Value", "Current", "Candidate", "Change"], counts)
        + "<h2>Compensation proposed</h2>"
        + table(["Currency", "Current", "Candidate"], _money(replay))
        + "<h2>Cases that change</h2>"
        + table(["Case", "Changes"], changed)
        + "".join(f"<p>{escape(line)}</p>" for line in _more(replay))
        + (
            "<h2>Rejected</h2>" + table(["Source", "Error"], [list(r) for r in replay.rejected])
            if replay.rejected
            else ""
        )
        + (
            "<h2>Damaged</h2>" + table(["Case", "Problem"], [list(d) for d in replay.damaged])
            if replay.damaged
            else ""
        )
        + detail
        + "</body></html>"
    )
