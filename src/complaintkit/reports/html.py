"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, no network
(nor any allowed: ``page_guard``)."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from complaintkit.reports.labels import Lang, fact_label, label, metric_label
from complaintkit.reports.metrics import Report, Share, pareto
from complaintkit.reports.page_guard import GUARD_META
from complaintkit.reports.svg import PALETTE, Mark, Series, Words, bar_chart, line_chart
from complaintkit.reports.table import doubled, fitted, sections, shown_instant, shown_key
from complaintkit.visible import shown

_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#222;max-width:1340px}
h1{margin:0 0 4px}.meta{color:#666;margin-bottom:16px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:6px}
table{border-collapse:collapse;margin:6px 0 18px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:start;overflow-wrap:anywhere}
th{background:#f4f6f8}h2{font-size:17px;margin:18px 0 4px}.alert{color:#b00020}
"""

#: Categories drawn in the daily-volume chart and bars in a Pareto chart; the rest are
#: counted in the chart ("N more") and listed in the tables.
MAX_LINES = 6
MAX_BARS = 12
#: The most terminal columns a name takes in a table cell (twice the text table's): a
#: longer one is cut and ends in "…", as the text table cuts at ``TEXT_CELL_WIDTH``.
HTML_CELL_WIDTH = 80
#: The last instant before ``until`` (which the scope leaves out), to find its day.
_INSTANT = timedelta(microseconds=1)


def _words(lang: Lang) -> Words:
    return Words(no_data=label("no_data", lang), more=label("more", lang))


def _name(report: Report, dimension: str, key: str | None, lang: Lang) -> str:
    """A group's name with its controls shown (``visible.shown``): a bidi override in a
    product would draw what follows it backwards (``\\u202e1-klim`` as "milk-1")."""
    return shown(doubled(shown_key(report, dimension, key, lang)), invisible=True)


def _pareto(report: Report, shares: list[Share], dimension: str, lang: Lang) -> str:
    """The largest first; for products, only complaints naming one (a bar for "none"
    would dwarf the products a manager acts on), the rest counted in the title."""
    fact = shown(
        doubled(fact_label(dimension, lang)), invisible=True
    )  # an attribute's name is stored text
    title = f"{label('pareto', lang)}: {fact}"
    if dimension == "product":
        unnamed = sum(s.count for s in shares if s.key is None)
        shares = pareto({s.key: s.count for s in shares if s.key is not None})
        if unnamed:
            title += label("unnamed_one" if unnamed == 1 else "unnamed", lang).format(n=unnamed)
    top = shares[:MAX_BARS]
    names = [_name(report, dimension, s.key, lang) for s in top]
    return bar_chart(
        title,
        names,
        [Series(label("count", lang), [s.count for s in top], PALETTE[0])],
        fact,
        label("count", lang),
        line=None
        if any(s.cumulative is None for s in top)
        else Series(label("cumulative", lang), [s.cumulative or 0.0 for s in top], PALETTE[1]),
        line_label=label("cumulative", lang),
        words=_words(lang),
        left_out=len(shares) - len(top),
    )


def _durations(report: Report, lang: Lang) -> str:
    """The times some case has: one no case has yet (none resolved) is not drawn, as a bar
    of 0 hours would say the cases took none (the table shows it as "-"). The axis says
    whose hours they are, as the table does: 30 calendar hours over a weekend are 3
    business hours."""
    measured = {name: d for name, d in report.durations.items() if d.count}
    bases = dict.fromkeys(d.basis for d in report.durations.values())
    hours = f"{label('hours', lang)} ({', '.join(label(b, lang) for b in bases)})"
    names = [label(name, lang) for name in measured]
    series = [
        Series(q, [(getattr(d, q) or 0) / 3600 for d in measured.values()], color)
        for q, color in zip(("p50", "p90", "p99"), PALETTE, strict=False)
    ]
    return bar_chart(
        label("durations", lang),
        names,
        series,
        label("metric", lang),
        hours,
        words=_words(lang),
        integer=False,
    )


def _span(report: Report) -> list[date]:
    """Every day of the report's range, quiet ones as 0: from ``since`` to ``until`` or the
    day the report was made, whichever is sooner (a later day is not quiet, only not yet).
    Days before the first case the filters hold are unknown, not quiet (``--since
    2000-01-01`` on a store begun this year draws this year); a report of all time spans
    its cases' days, so a store of past years' complaints is not drawn to today."""
    days = sorted({d for counts in report.daily.values() for d in counts})
    if not days:
        return []
    first, last = days[0], days[-1]
    since, until = report.scope.since, report.scope.until
    made = report.generated_at.astimezone(report.zone).date()
    if since is not None and report.known_before:
        first = min(first, since.astimezone(report.zone).date())
    if until is not None:
        last = max(last, min(made, (until - _INSTANT).astimezone(report.zone).date()))
    elif since is not None:
        last = max(last, made)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _daily(report: Report, lang: Lang) -> str:
    span = _span(report)
    ranked = sorted(report.daily, key=lambda k: -sum(report.daily[k].values()))
    series = [
        Series(
            _name(report, "category", key, lang),
            [report.daily[key].get(d, 0) for d in span],
            color,
        )
        for key, color in zip(ranked[:MAX_LINES], PALETTE, strict=False)
    ]
    index = {day: i for i, day in enumerate(span)}
    opened = [b.opened_at.astimezone(report.zone).date() for b in report.batches]
    marks = [Mark(index[s.day], label("spike", lang)) for s in report.spikes if s.day in index] + [
        Mark(index[day], label("incident_mark", lang), PALETTE[6]) for day in opened if day in index
    ]
    return line_chart(
        label("daily", lang),
        [d.isoformat() for d in span],
        series,
        label("day", lang),
        label("count", lang),
        marks=marks,
        words=_words(lang),
        left_out=max(len(ranked) - MAX_LINES, 0),
    )


def _sla(report: Report, lang: Lang) -> str:
    return bar_chart(
        label("sla", lang),
        [metric_label(s.metric, lang) for s in report.sla],
        [
            Series(label("met", lang), [s.met for s in report.sla], PALETTE[4]),
            Series(label("breached", lang), [s.breached for s in report.sla], PALETTE[2]),
            Series(label("running", lang), [s.running for s in report.sla], PALETTE[5]),
            Series(label("cancelled", lang), [s.cancelled for s in report.sla], PALETTE[6]),
        ],
        label("metric", lang),
        label("count", lang),
        words=_words(lang),
    )


def _satisfaction(report: Report, lang: Lang) -> str:
    return bar_chart(
        label("satisfaction", lang),
        [str(s) for s in range(1, 6)],
        [
            Series(
                label("responses", lang),
                [report.satisfaction.get(s, 0) for s in range(1, 6)],
                PALETTE[3],
            )
        ],
        label("score", lang),
        label("count", lang),
        words=_words(lang),
    )


def render_html(report: Report, lang: Lang = "en") -> str:
    charts = [
        _pareto(report, report.breakdowns["category"], "category", lang),
        _pareto(report, report.breakdowns["product"], "product", lang),
        _pareto(report, report.breakdowns["channel"], "channel", lang),
        *(_pareto(report, shares, fact, lang) for fact, shares in report.by.items()),
        _durations(report, lang),
        _daily(report, lang),
        _sla(report, lang),
        _satisfaction(report, lang),
    ]
    scope = report.scope.to_json()
    # each value in its own direction: a product "מוצר (12)" in this left-to-right line
    # would draw its brackets on the wrong sides
    scope_html = ", ".join(
        f"{escape(k)}=<bdi>{escape(shown(doubled(v), invisible=True))}</bdi>"
        for k, v in scope.items()
        if v
    ) or escape(label("all_time", lang))
    tables = []
    for title, header, rows in sections(report, lang, HTML_CELL_WIDTH):
        if title == label(
            "scope", lang
        ):  # the page's heading line says it, each value in its own direction
            continue
        css = (
            ' class="alert"'
            if rows and title in (label("spikes", lang), label("batches", lang))
            else ""
        )
        # a line per row and per table: a page read as text (report --html -) or compared
        # line by line stays readable
        cells = (
            "\n".join(
                "<tr>"
                + "".join(f'<td dir="auto">{escape(shown(c, invisible=True))}</td>' for c in row)
                + "</tr>"
                for row in rows
            )
            or f'<tr><td colspan="{len(header)}">{escape(label("nothing", lang))}</td></tr>'
        )
        head = "".join(
            f'<th dir="auto">{escape(fitted(shown(h, invisible=True), HTML_CELL_WIDTH))}</th>'
            for h in header
        )
        tables.append(
            f'<h2{css} dir="auto">{escape(shown(title, invisible=True))}</h2><table><tr>{head}</tr>\n{cells}</table>'
        )
    figures = "".join(f"<figure>{chart}</figure>" for chart in charts)
    body = "\n".join(tables)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8">{GUARD_META}<meta name="viewport" content="width=device-width">'
        f"<title>{escape(label('title', lang))}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(label('title', lang))}</h1>"
        f'<div class="meta">{escape(label("scope", lang))}: {scope_html} · '
        f"{escape(label('total', lang))}: {report.total} · {escape(label('generated', lang))}: "
        f"{escape(shown_instant(report.generated_at, report.zone))}</div>"
        f'<div class="charts">{figures}</div>\n{body}\n</body></html>\n'
    )
