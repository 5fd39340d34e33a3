"""Russian in Windows-1251 or KOI8-R sent under a Latin-1 label is read as it was written.

Mail programs set to Western Europe's charset (ISO-8859-1, Windows-1252, ISO-8859-15) label
whatever they send with it, and a Russian customer's Windows-1251 bytes so read are Latin
letters, every one of them accented (Утюг пришел сломан as Óòþã ïðèøåë ñëîìàí): the case
kept mojibake, which no one can answer. Read as Windows-1251 or KOI8-R those bytes are
Russian words, and no word of them mixes Latin letters with Cyrillic ones, where Latin-1
text so read always does (perché as perchй): its accented letters stand among Latin ones.
"""

from __future__ import annotations

import base64
import quopri
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from eight_bit_mail import eight_bit_mail
from western_text import LANGUAGES, RUSSIAN

LABELS = ["iso-8859-1", "windows-1252", "iso-8859-15", "latin1"]


def _written_in(charset: str, text: str) -> bool:
    try:
        text.encode(charset)
    except UnicodeEncodeError:  # Windows' №, — and « » in KOI8-R
        return False
    return True


WRITTEN = [
    (text, charset)
    for charset in ("cp1251", "koi8-r")
    for text in RUSSIAN
    if _written_in(charset, text)
]


@pytest.mark.parametrize(("text", "charset"), WRITTEN)
@pytest.mark.parametrize("label", LABELS)
def test_russian_under_a_latin_1_label_reads_as_written(
    text: str, charset: str, label: str
) -> None:
    complaint = parse_mail(eight_bit_mail(text.encode(charset), label))
    assert complaint.text == text


@pytest.mark.parametrize("label", LABELS)
def test_a_raw_russian_subject_under_a_latin_1_label_reads_as_written(label: str) -> None:
    subject = RUSSIAN[1]
    complaint = parse_mail(eight_bit_mail(b"order 1234", label, subject.encode("cp1251")))
    assert complaint.subject == subject


@pytest.mark.parametrize("label", LABELS)
def test_one_accented_letter_over_and_over_is_latin_1(label: str) -> None:
    text = "àààààààà àààààààà, òòòòòòòò"
    assert parse_mail(eight_bit_mail(text.encode(label), label)).text == text


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("encoding", ["B", "Q"])
def test_an_encoded_russian_subject_under_a_latin_1_label_reads_as_written(
    label: str, encoding: str
) -> None:
    """In encoded words, as mailers cut a long subject: the words of the subject are read
    together, so that each is read in the same charset."""
    subject = RUSSIAN[3]
    raw = subject.encode("cp1251")
    pieces = [raw[start : start + 20] for start in range(0, len(raw), 20)]
    words = [
        f"=?{label}?B?{base64.b64encode(piece).decode()}?="
        if encoding == "B"
        else f"=?{label}?Q?{quopri.encodestring(piece, header=True).decode()}?="
        for piece in pieces
    ]
    complaint = parse_mail(eight_bit_mail(b"order 1234", label, "\r\n ".join(words).encode()))
    assert complaint.subject == subject


def test_an_encoded_latin_1_subject_reads_as_written() -> None:
    subject = LANGUAGES["fr"][2]
    word = f"=?iso-8859-1?B?{base64.b64encode(subject.encode('latin-1')).decode()}?="
    assert parse_mail(eight_bit_mail(b"x", "iso-8859-1", word.encode())).subject == subject


def test_utf8_russian_under_a_latin_1_label_is_still_told_utf8() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(eight_bit_mail(RUSSIAN[0].encode(), "iso-8859-1"))
    assert refused.value.message.endswith("it reads as utf-8")


_SENTENCES = st.sampled_from(sorted(LANGUAGES)).flatmap(
    lambda language: st.lists(st.sampled_from(LANGUAGES[language]), min_size=1, max_size=4)
)


def _words(language: str) -> list[str]:
    return re.findall(r"\S+", " ".join(LANGUAGES[language]))


def _accented(language: str) -> list[str]:
    return [word for word in _words(language) if not word.isascii()]


#: Words of one language at random, each its accented words alone too: text no one writes,
#: and Latin-1 all the same, whose accents read as Cyrillic letters far more often.
_SALAD = st.sampled_from(sorted(LANGUAGES)).flatmap(
    lambda language: st.lists(
        st.sampled_from(_words(language)) | st.sampled_from(_accented(language)),
        min_size=1,
        max_size=40,
    )
)


@given(st.one_of(_SENTENCES, _SALAD), st.sampled_from([str, str.upper, str.lower]))
def test_latin_1_text_under_its_label_reads_as_written(words: list[str], case: object) -> None:
    text = case(" ".join(words))  # type: ignore[operator]
    for label in LABELS:
        try:
            raw = text.encode(label)
        except UnicodeEncodeError:  # € in ISO-8859-1
            continue
        assert parse_mail(eight_bit_mail(raw, label)).text == text


@given(
    st.lists(st.sampled_from(RUSSIAN), min_size=1, max_size=4),
    st.sampled_from(["cp1251", "koi8-r"]),
    st.booleans(),
    st.sampled_from(LABELS),
)
def test_russian_sentences_under_a_latin_1_label_read_as_written(
    sentences: list[str], charset: str, capitals: bool, label: str
) -> None:
    text = " ".join(sentences)
    text = text.upper() if capitals else text
    if _written_in(charset, text):
        assert parse_mail(eight_bit_mail(text.encode(charset), label)).text == text
