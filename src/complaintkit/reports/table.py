"""The report as terminal text and as CSV rows: the same sections, two layouts."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import datetime, tzinfo

from complaintkit.graphemes import cluster_width, clusters, columns, tamed
from complaintkit.reports.labels import Lang, fact_label, label, metric_label, nature_label
from complaintkit.reports.marks import as_stored
from complaintkit.reports.metrics import Report, Share, money_figure
from complaintkit.reports.shown_shares import MOST_PLACES, shown_shares
from complaintkit.visible import shown

Section = tuple[str, list[str], list[list[str]]]


#: The most terminal columns a name or heading takes in the text report; a longer one is
#: cut and ends in "…" (the CSV and JSON keep it whole).
TEXT_CELL_WIDTH = 40


def _pct(value: float | None) -> str:
    """A share to one decimal place, or to as many more as it takes not to show a part as
    all or as none: 1999 answers in time and one late is 99.95%, not 100.0%."""
    if value is None:
        return "-"
    for places in range(1, MOST_PLACES + 1):
        text = f"{value:.{places}%}"
        if not (0 < value < 1 and text in (f"{0:.{places}%}", f"{1:.{places}%}")):
            return text
    return text


def _shares(shares: Sequence[Share]) -> list[tuple[str, str]]:
    """Each row's share and cumulative share as shown: rounded together to add up to 100%
    when the rows divide the cases between them (``shown_shares``); one by one when a case
    counts under several (tags), whose shares add up to more."""
    if shares and all(s.cumulative is not None for s in shares):
        return shown_shares([s.count for s in shares])
    return [(_pct(s.share), _pct(s.cumulative)) for s in shares]


#: The ends of the satisfaction scale: an average shown as one says every answer was it.
_SCORES = (1, 5)


def _average(value: float | None) -> str:
    """The average score to two places, or to as many more as it takes not to show a mix
    as unanimous: 999 answers of 5 and one of 1 are 4.996, not 5.00."""
    if value is None:
        return "-"
    places = 2
    # a mix differs from an end by at least 1/answers: a place per digit of the count
    while places < 15 and value not in _SCORES and float(f"{value:.{places}f}") in _SCORES:
        places += 1
    return f"{value:.{places}f}"


def _hours(value: float | None) -> str:
    """A time in hours to two places, or to as many as show a time of seconds at all (14
    seconds: 0.004, not 0.00, which reads as answered before it came)."""
    if value is None:
        return "-"
    hours = value / 3600
    for places in range(2, MOST_PLACES + 1):
        text = f"{hours:.{places}f}"
        if not (hours > 0 and float(text) == 0):
            return text
    return text


#: The smallest Poisson p shown as a number; below it a spike is as sure as it gets.
_SMALLEST_P = 0.0001


def _p_value(p: float) -> str:
    """A spike's p as a plain decimal to two significant digits (``0.00012``), or
    ``< 0.0001``: ``1e-05`` reads as no number to a manager, nor does a spreadsheet keep it."""
    if p < _SMALLEST_P:
        return f"< {_SMALLEST_P}"
    places = max(2, 1 - math.floor(math.log10(p)))
    return f"{p:.{places}f}"


def shown_instant(at: datetime, zone: tzinfo) -> str:
    """An instant on the wall clock the report counts its days on, to the second: an
    incident opened at 07:30 in Shanghai is not shown at 23:30 the day before in UTC."""
    return at.astimezone(zone).isoformat(timespec="seconds")


def scope_text(report: Report, lang: Lang) -> str:
    """What the report covers, as the options gave it (``since=…, channel=web``), or "all
    cases": a filtered report passed on must not read as the whole store's."""
    scope = report.scope.to_json()
    return ", ".join(f"{k}={v}" for k, v in scope.items() if v) or label("all_time", lang)


def shown_key(report: Report, dimension: str, key: str | None, lang: Lang) -> str:
    """A group's name: its label, "(none)" for cases without the fact, and ``""`` for a
    blank value, a row of its own that must not read as "(none)" too; a name that reads as
    one of those marks is quoted (:func:`~complaintkit.reports.marks.as_stored`)."""
    if key is None:
        return label("none", lang)
    return as_stored(report.vocabulary.name(dimension, key, lang) if key else key)


def doubled(text: str) -> str:
    """Stored ``text`` with its backslashes doubled before ``shown`` escapes its controls:
    the escape ``\\x1b`` of ESC is then never the text ``\\x1b`` someone typed."""
    return text.replace("\\", "\\\\")


def shown_cell(text: str, width: int = TEXT_CELL_WIDTH) -> str:
    """Stored ``text`` as one cell of a table or listing: its backslashes doubled, its
    controls and what draws nothing escaped (``visible.shown``), cut to ``width`` terminal
    columns (:func:`fitted`)."""
    return fitted(shown(doubled(text), lines=False, invisible=True), width)


def sections(report: Report, lang: Lang, width: int | None = None) -> Iterator[Section]:
    """(title, header, rows) for every section, values already formatted; with ``width``,
    each name (a group's, an owner's, an incident's key and value, a ``--by attribute.NAME``
    heading and title) shown as a cell (:func:`shown_cell`) that many terminal columns wide,
    as the text table shows it, and a dead letter's reason three times as wide."""

    def L(name: str) -> str:  # noqa: N802 -- a one-letter shorthand keeps the rows readable
        return label(name, lang)

    none = L("none")

    def name(dimension: str, key: str | None) -> str:
        return cut(shown_key(report, dimension, key, lang))

    def cut(text: str, times: int = 1) -> str:
        return text if width is None else shown_cell(text, times * width)

    yield (
        L("title"),
        [
            L("total"),
            L("reopened"),
            L("rate"),
            L("satisfaction"),
            L("imported"),
            L("customers"),
            L("repeat_customers"),
        ],
        [
            [
                str(report.total),
                str(report.reopened),
                _pct(report.reopen_rate),
                _average(report.satisfaction_average),
                str(report.imported),
                str(report.customers),
                str(report.repeat_customers),
            ]
        ],
    )
    yield (
        L("scope"),
        [L("scope"), L("generated")],
        [[cut(scope_text(report, lang), 3), shown_instant(report.generated_at, report.zone)]],
    )
    for dimension, shares in report.breakdowns.items():
        yield (
            L(dimension),
            [L(dimension), L("count"), L("share"), L("cumulative")],
            [
                [name(dimension, s.key), str(s.count), share, cumulative]
                for s, (share, cumulative) in zip(shares, _shares(shares), strict=True)
            ],
        )
    for fact, shares in report.by.items():
        heading = fact_label(fact, lang)  # an attribute's name is text anyone may type
        yield (
            cut(f"{L('by')} {heading}"),
            [cut(heading), L("count"), L("share"), L("cumulative")],
            [
                [name(fact, s.key), str(s.count), share, cumulative]
                for s, (share, cumulative) in zip(shares, _shares(shares), strict=True)
            ],
        )
    yield (
        L("durations"),
        [
            L("metric"),
            L("count"),
            f"p50 ({L('hours')})",
            f"p90 ({L('hours')})",
            f"p99 ({L('hours')})",
        ],
        [
            [f"{L(name)} ({L(d.basis)})", str(d.count), _hours(d.p50), _hours(d.p90), _hours(d.p99)]
            for name, d in report.durations.items()
        ],
    )
    yield (
        L("sla"),
        [L("metric"), L("met"), L("breached"), L("running"), L("cancelled"), L("attainment")],
        [
            [
                metric_label(s.metric, lang),
                str(s.met),
                str(s.breached),
                str(s.running),
                str(s.cancelled),
                _pct(s.attainment),
            ]
            for s in report.sla
        ],
    )
    yield (
        L("escalation"),
        [L("level"), L("count"), L("reached"), L("rate")],
        [[str(e.level), str(e.cases), str(e.reached), _pct(e.rate)] for e in report.escalation],
    )
    yield (
        L("satisfaction"),
        [L("score"), L("count")],
        [[str(score), str(report.satisfaction.get(score, 0))] for score in range(1, 6)],
    )
    yield (
        L("compensation"),
        [L("remedy"), L("currency"), L("count"), L("amount")],
        [
            *(
                [r.remedy, r.currency or "-", str(r.count), r.shown_total or "-"]
                for r in report.compensation
            ),
            *(
                [L("all_remedies"), currency, str(count), money_figure(total, currency)]
                for currency, (count, total) in report.compensation_totals.items()
            ),
        ],
    )
    for by in ("owner", "team"):
        yield (
            L(f"workload_{by}"),
            [L(by), L("open"), L("late"), L("due_soon")],
            [
                [name(by, w.name), str(w.open), str(w.late), str(w.due_soon)]
                for w in report.workload.get(by, [])
            ],
        )
    yield (
        L("late_cases"),
        [L("case"), L("owner"), L("team"), L("metric"), L("late_by")],
        [
            *(
                [
                    i.case_id,
                    none if i.owner is None else cut(as_stored(i.owner)),
                    name("team", i.team),
                    none if i.metric is None else metric_label(i.metric, lang),  # as the SLA table
                    # to as many places as show it: a case listed late is never 0.0 late
                    _hours(i.late_by_hours * 3600),
                ]
                for i in report.late
            ),
            # the list is the most overdue only: the rest are counted, never left out unseen
            *(
                [[L("more_late").format(n=n), "", "", "", ""]]
                if (n := report.late_total - len(report.late)) > 0
                else []
            ),
        ],
    )
    yield (
        L("root_causes"),
        [L("why"), L("fishbone"), L("nature"), L("count")],
        [
            [cut(as_stored(r.why)), r.fishbone, nature_label(r.nature, lang), str(r.count)]
            for r in report.root_causes
        ],
    )
    yield (
        L("spikes"),
        [L("key"), L("day"), L("count"), L("baseline"), L("threshold"), L("p_value")],
        [
            [
                "; ".join(f"{L(d)}: {name(d, k)}" for d, k in ((s.dimension, s.key), *s.also)),
                s.day.isoformat(),
                str(s.count),
                f"{s.baseline_mean:.2f} ± {s.baseline_stdev:.2f}",
                f"{s.threshold:.2f}",
                _p_value(s.p_value),
            ]
            for s in report.spikes
        ],
    )
    yield (
        L("batches"),
        [L("incident"), L("key"), L("value"), L("count"), L("first_at"), L("last_at")],
        [
            [
                b.id,
                L(b.key) if b.key == "product" else cut(b.key),  # attributes.NAME
                cut(as_stored(b.value)),
                str(b.count),
                shown_instant(b.first_at, report.zone),
                shown_instant(b.last_at, report.zone),
            ]
            for b in report.batches
        ],
    )
    yield (
        L("dead_letters"),
        [L("reason"), L("count")],
        # a reason quotes what was refused (a field's name, a date): up to some 750
        # characters, cut at three names' width, as long as most reasons are
        [[cut(reason, 3), str(n)] for reason, n in report.dead_letters.items()],
    )
    yield (
        L("undelivered"),
        [L("reason"), L("count")],
        [[cut(reason, 3), str(n)] for reason, n in report.undelivered.items()],
    )


def cell_width(text: str) -> int:
    """Terminal cells, a cluster at a time (``graphemes``): wide and full-width characters
    (CJK, emoji, in any plane), flags and emoji sequences take two, marks and format
    characters none."""
    return columns(text)


def fitted(text: str, width: int = TEXT_CELL_WIDTH) -> str:
    """``text`` cut to ``width`` terminal columns, ending in "…" if cut: the whole clusters
    that fit in one column fewer (a wide one never straddles the last, an emoji family or a
    flag is never halved), then the ellipsis; marks past ``MOST_MARKS`` on a letter left out."""
    text = tamed(text)
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for cluster in clusters(text):
        used += cluster_width(cluster)
        if used > width - 1:
            break
        kept.append(cluster)
    return "".join(kept) + "…"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        c + " " * (w - cell_width(c)) for c, w in zip(cells, widths, strict=True)
    ).rstrip()


def render_text(report: Report, lang: Lang = "en") -> str:
    """The sections as aligned tables, each name and column heading at most
    :data:`TEXT_CELL_WIDTH` columns wide (the CSV and JSON keep them whole)."""
    out = []
    for title, header, cells in sections(report, lang, TEXT_CELL_WIDTH):
        out.append(f"== {shown(title, lines=False, invisible=True)}")
        if not cells:
            out.append(f"  {label('nothing', lang)}\n")
            continue
        head = [fitted(shown(cell, lines=False, invisible=True)) for cell in header]
        rows = [[shown(cell, lines=False, invisible=True) for cell in row] for row in cells]
        widths = [max(cell_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
        out.append("  " + _line(head, widths))
        out.extend("  " + _line(row, widths) for row in rows)
        out.append("")
    return "\n".join(out)


#: How a spreadsheet recognises a formula in a cell (OWASP's list, tab and CR included).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Signs read as a trigger that are not one in compatibility form (NFKC): the minus sign.
_MINUS_SIGNS = ("\u2212",)
#: A number a cell may start with a sign for; each digit has one reading (with ``\d+\.?\d*``
#: a run of digits before another character was tried at every split: quadratic).
_NUMBER = re.compile(r"[+-]?(?:\d++(?:\.\d*+)?|\.\d++)%?")


def _starts_a_formula(bare: str) -> bool:
    """Whether ``bare`` starts with a trigger in any of its forms: Excel in Chinese and
    Japanese locales takes a full-width equals, plus, minus or at sign (what an input
    method types) for the ASCII sign, and what a spreadsheet does on import varies, so a
    full-width, small or superscript form (NFKC's) and the minus sign count as the sign."""
    first = bare[:1]
    return (
        first in _FORMULA_START
        or first in _MINUS_SIGNS
        or (not first.isascii() and unicodedata.normalize("NFKC", first) in _FORMULA_START)
    )


#: The mark ``defused`` puts before a cell; a cell starting with it gets one too, so that
#: dropping one leading mark gives back every text as stored (``'=1`` is the text ``=1``,
#: ``''=1`` the text ``'=1``).
_TEXT_MARK = "'"


def defused(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: text that starts like a formula
    (a product named ``=HYPERLINK(…)``, in full-width signs too, an owner ``@SUM(…)``) gets a
    leading ``'``, and so does text starting with ``'``, which would read as a formula
    defused; numbers, percentages and the ``-`` of a missing value stay as they are.
    Leading spaces do not hide a formula: spreadsheets that trim them on import would run
    `` =1+1``."""
    if cell.startswith(_TEXT_MARK):
        return _TEXT_MARK + cell
    bare = cell.lstrip(" \u00a0\u3000")
    if _starts_a_formula(bare) and bare != "-" and not _NUMBER.fullmatch(bare):
        return _TEXT_MARK + cell
    return cell


#: What the CSV shows escaped, as the text report does: terminal controls (``cat`` would
#: run them) and direction controls (a spreadsheet draws ``\u202e1-klim`` as "milk-1");
#: tab, CR and newline stay, in one quoted cell. The backslash is doubled, so the escape
#: ``\x1b`` of ESC is never the text ``\x1b`` someone typed (that is ``\\x1b``).
_HIDDEN_IN_CSV = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\\\\]")


def csv_cell(cell: str) -> str:
    """``cell`` with its hidden characters shown and its backslashes doubled (undoing the
    escapes gives back the text as stored), then ``defused``."""
    return defused(_HIDDEN_IN_CSV.sub(lambda m: m.group().encode("unicode_escape").decode(), cell))


def render_csv(report: Report, lang: Lang = "en") -> str:
    """One long table: section, then the section's header and cells (ragged by section).
    Every cell is ``defused``: product names, owners and labels are stored text. Rows end
    in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone CR."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for title, header, rows in sections(report, lang):
        writer.writerow([csv_cell(cell) for cell in (title, *header)])
        writer.writerows([csv_cell(cell) for cell in (title, *row)] for row in rows)
    return buffer.getvalue()
