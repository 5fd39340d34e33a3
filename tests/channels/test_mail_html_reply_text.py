"""A customer whose mail program sends HTML only answers above our letter, which it
quotes in a ``<blockquote>``: the text taken in ran their words and our letter together
("还是不行非常抱歉…", a paragraph and the quote on one line), and a ``<title>`` or a
heading joined the first line. Block elements now start and end their own lines, what a
``<blockquote>`` holds is quoted with ``>`` as a plain-text reply quotes it, and the title
(no part of the visible letter) is left out."""

from __future__ import annotations

from complaintkit.channels.mail_body import html_text


def test_the_customers_words_and_the_quoted_letter_are_apart() -> None:
    html = (
        "<html><head><title>Re: \u7b54\u590d</title></head><body>"
        "<p>\u8fd8\u662f&nbsp;\u4e0d\u884c</p>"
        "<blockquote><p>\u975e\u5e38\u62b1\u6b49</p><blockquote>older</blockquote></blockquote>"
        "</body></html>"
    )
    assert html_text(html).splitlines() == [
        "\u8fd8\u662f \u4e0d\u884c",
        "> \u975e\u5e38\u62b1\u6b49",
        ">> older",
    ]


def test_headings_cells_and_paragraph_ends_break_as_shown() -> None:
    html = "<h1>Order</h1>SF123<p>late</p>again<table><tr><td>a</td><td>b</td></tr></table>"
    assert html_text(html).splitlines() == ["Order", "SF123", "late", "again", "a b"]


def test_scripts_and_styles_still_show_nothing() -> None:
    assert html_text("<style>p{}</style><script>x()</script><p>hi</p>") == "hi"
