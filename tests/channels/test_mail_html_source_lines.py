"""An HTML part's text broke lines where its source did: Outlook writes its HTML wrapped
at 76 columns, so an attribution line ("On … wrote:", "在 … 写道") split in the source
became two lines of the customer's own, and a reply holding only our quoted letter was
taken as an answer — the case waiting on the customer went back to investigating. A
source line end is white space, as in a browser (none between two Chinese characters);
block elements and ``<br>`` break lines, and ``<pre>`` keeps its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shop_mail_policy import mail_policy

from complaintkit.channels.mail_body import _joined, _segment_break, html_text
from complaintkit.channels.mail_message import parse_mail
from complaintkit.desk import Desk
from complaintkit.model.lifecycle import Status
from complaintkit.policy.compiled import load_policy

POLICY = mail_policy(("answer", "responded"), sender="Care <care@shop.example>")

ATTRIBUTIONS = [
    "<div>On Mon, 23 Nov 2026 at 09:00, Care &lt;care@shop.example&gt;\r\nwrote:</div>",
    "<div>\u5728 2026\u5e7411\u670823\u65e5 09:00\uff0cCare &lt;care@shop.example&gt; \u5199\n"
    "\u9053\uff1a</div>",
]


@pytest.mark.parametrize("attribution", ATTRIBUTIONS)
def test_a_quote_only_reply_in_wrapped_html_answers_nothing(
    tmp_path: Path, attribution: str
) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    desk = Desk(load_policy(tmp_path / "policy.yaml"), storage=f"sqlite:///{tmp_path / 'c.db'}")
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "F-1",
            "customer": {"id": "C-1", "contact": "wang@example.cn"},
            "text": "\u51b0\u7bb1\u4e0d\u5236\u51b7",
            "received_at": "2026-11-23T01:00:00+00:00",
        }
    )
    desk.respond(case.id, "Which model is it?", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na", reason="asked the model")
    (letter,) = [d.outgoing for d in desk.storage.deliveries(case_id=case.id)]
    html = f"<html><body>{attribution}\r\n<blockquote><p>Which model\r\nis it?</p></blockquote>"
    message = (
        "From: wang@example.cn\nTo: care@shop.example\nSubject: Re: About your complaint\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0800\nMessage-ID: <r-1@example.cn>\n"
        f"In-Reply-To: <{letter.delivery_id}@shop.example>\n"
        f"Content-Type: text/html; charset=utf-8\n\n{html}</body></html>\n"
    )
    assert desk.intake(parse_mail(message.encode())).id == case.id
    stored = desk.get(case.id)
    assert len(stored.complaints) == 2
    assert stored.status is Status.WAITING_ON_CUSTOMER


def test_source_line_ends_are_white_space() -> None:
    html = (
        "<p>The fridge I bought\r\nlast week\n  does not cool.<br>Model BCD-256W</p>"
        "<p>\u51b0\u7bb1\u4e0d\n\u5236\u51b7 and\nit <b>leaks</b>\n\u6c34</p>"
    )
    assert html_text(html).splitlines() == [
        "The fridge I bought last week does not cool.",
        "Model BCD-256W",
        "\u51b0\u7bb1\u4e0d\u5236\u51b7 and it leaks \u6c34",
    ]


def test_preformatted_text_keeps_its_lines() -> None:
    html = "<p>Order\nlines:</p><pre>SF123  2\nSF124  1</pre>done"
    assert html_text(html).splitlines() == ["Order lines:", "SF123 2", "SF124 1", "done"]


@given(st.text(alphabet=" \t\f\r\na中文x", max_size=40))
def test_a_source_line_end_is_found_only_from_the_start_of_its_white_space(text: str) -> None:
    """The breaks are looked for from where a run of white space starts (tried inside a
    long run, each position scanned the rest: 50,000 spaces took 90 s), which finds what
    looking from every position finds."""
    everywhere = re.compile(r"[ \t\f]*(?:\r\n?|\n)[ \t\r\n\f]*")
    assert _joined(text) == everywhere.sub(_segment_break, text)


def test_a_long_run_of_white_space_in_the_source_is_one_space() -> None:
    assert html_text("<p>a" + " " * 20_000 + "x\n</p><p>" + "\t" * 20_000 + "b\nc</p>") == (
        "a x\nb c"
    )
