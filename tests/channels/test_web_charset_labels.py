"""Charset labels of the WHATWG Encoding Standard that Python does not know
(``unicode-1-1-utf-8``, ``windows-874``, ``x-mac-roman``, ``iso-8859-8-i``…) refused a
message part, an encoded word or a form field as 'declares unknown charset', and a CSV
file read with ``-o encoding=windows-874`` as an unknown encoding: the complaint was a
dead letter though its text was readable. Every label the Standard lists now reads text
as the Standard reads it (``win-1251``, which old Russian mail programs write, too)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from complaintkit.api.form_fields import read_form
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.mail_charsets import charset_codec
from complaintkit.channels.mail_message import parse_mail
from complaintkit.model.complaint import Complaint

#: The Encoding Standard's encodings (encodings.json): a codec that writes a sample the
#: encoding holds, the sample, and every label of the encoding. ISO-8859-1 and US-ASCII's
#: labels, which it reads as Windows-1252, are sampled with text all three read alike.
STANDARD = {
    "UTF-8": (
        "utf-8",
        "外卖送晚了",
        "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    ),
    "IBM866": ("cp866", "Утюг сломан", "866 cp866 csibm866 ibm866"),
    "ISO-8859-2": (
        "iso8859-2",
        "Żółć",
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    ),
    "ISO-8859-3": (
        "iso8859-3",
        "Ħaġa",
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    ),
    "ISO-8859-4": (
        "iso8859-4",
        "Ģirts",
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    ),
    "ISO-8859-5": (
        "iso8859-5",
        "Утюг сломан",
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988",
    ),
    "ISO-8859-6": (
        "iso8859-6",
        "المنتج مكسور",
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    ),
    "ISO-8859-7": (
        "iso8859-7",
        "Σπασμένο",
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    ),
    "ISO-8859-8": (
        "iso8859-8",
        "המוצר שבור",
        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual",
    ),
    "ISO-8859-8-I": ("iso8859-8", "המוצר שבור", "csiso88598i iso-8859-8-i logical"),
    "ISO-8859-10": (
        "iso8859-10",
        "Ŋå",
        "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    ),
    "ISO-8859-13": ("iso8859-13", "Ąžuolas", "iso-8859-13 iso8859-13 iso885913"),
    "ISO-8859-14": ("iso8859-14", "Ŵŷ", "iso-8859-14 iso8859-14 iso885914"),
    "ISO-8859-15": (
        "iso8859-15",
        "5 €",
        "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    ),
    "ISO-8859-16": ("iso8859-16", "Ștefan", "iso-8859-16"),
    "KOI8-R": ("koi8-r", "Утюг сломан", "cskoi8r koi koi8 koi8-r koi8_r"),
    "KOI8-U": ("koi8-u", "Праска зламана ї", "koi8-ru koi8-u"),
    "macintosh": ("mac-roman", "café", "csmacintosh mac macintosh x-mac-roman"),
    "windows-874": (
        "cp874",
        "สินค้าเสียหาย",
        "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    ),
    "windows-1250": ("cp1250", "Żółć", "cp1250 windows-1250 x-cp1250"),
    "windows-1251": ("cp1251", "Утюг сломан", "cp1251 windows-1251 x-cp1251"),
    "windows-1252": (
        "cp1252",
        "parcel broken",
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    ),
    "windows-1253": ("cp1253", "Σπασμένο", "cp1253 windows-1253 x-cp1253"),
    "windows-1254": (
        "cp1254",
        "Şeker çok geç",
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    ),
    "windows-1255": ("cp1255", "המוצר שבור", "cp1255 windows-1255 x-cp1255"),
    "windows-1256": ("cp1256", "المنتج مكسور", "cp1256 windows-1256 x-cp1256"),
    "windows-1257": ("cp1257", "Ąžuolas", "cp1257 windows-1257 x-cp1257"),
    "windows-1258": ("cp1258", "Hàng", "cp1258 windows-1258 x-cp1258"),
    "x-mac-cyrillic": ("mac-cyrillic", "Утюг сломан", "x-mac-cyrillic x-mac-ukrainian"),
    "GBK": (
        "gbk",
        "外卖送晚了",
        "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    ),
    "gb18030": ("gb18030", "外卖送晚了", "gb18030"),
    "Big5": ("big5hkscs", "外賣送得太慢了", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    "EUC-JP": ("euc_jp", "配達が遅れて", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    "ISO-2022-JP": ("iso2022_jp", "配達が遅れて", "csiso2022jp iso-2022-jp"),
    "Shift_JIS": (
        "cp932",
        "配達が遅れて①",
        "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    ),
    "EUC-KR": (
        "cp949",
        "배송이 너무 늦어요",
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
    ),
    "UTF-16BE": ("utf-16-be", "外卖送晚了", "unicodefffe utf-16be"),
    "UTF-16LE": (
        "utf-16-le",
        "外卖送晚了",
        "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
    ),
}
#: (encoding, label) for each label the Standard lists.
LABELLED = [(name, label) for name, (_, _, labels) in STANDARD.items() for label in labels.split()]

#: Labels that mail programs and browsers send which Python's codec registry does not know.
FOUND_REFUSED = ["unicode-1-1-utf-8", "win-1251", "iso-8859-8-i", "x-mac-roman", "windows-874"]
WRITTEN = {
    "unicode-1-1-utf-8": "UTF-8",
    "iso-8859-8-i": "ISO-8859-8-I",
    "x-mac-roman": "macintosh",
    "windows-874": "windows-874",
}


def written_in(label: str) -> tuple[str, str]:
    """The codec text labelled ``label`` is written with, and a sample of it."""
    codec, sample, _ = STANDARD[WRITTEN.get(label, "windows-1251")]
    return codec, sample


@pytest.mark.parametrize(("encoding", "label"), LABELLED)
def test_every_label_of_the_standard_reads_its_encoding(encoding: str, label: str) -> None:
    codec, sample, _ = STANDARD[encoding]
    assert sample.encode(codec).decode(charset_codec(label)) == sample
    assert sample.encode(codec).decode(charset_codec(label.upper())) == sample


def test_the_russian_win_labels_read_their_windows_charset() -> None:
    for number in range(9):
        assert charset_codec(f"win-125{number}") == f"cp125{number}"


def _mail(head: bytes, body: bytes) -> bytes:
    return (
        b"From: a@example.com\r\nMessage-ID: <l1@example.com>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n" + head + b"\r\n\r\n" + body
    )


@pytest.mark.parametrize("label", FOUND_REFUSED)
def test_a_mail_part_so_labelled_is_read(label: str) -> None:
    codec, sample = written_in(label)
    head = f"Subject: s\r\nContent-Type: text/plain; charset={label}".encode()
    assert parse_mail(_mail(head, sample.encode(codec))).text == sample


@pytest.mark.parametrize("label", FOUND_REFUSED)
def test_an_encoded_word_so_labelled_is_read(label: str) -> None:
    codec, sample = written_in(label)
    word = f"=?{label}?B?{base64.b64encode(sample.encode(codec)).decode()}?="
    head = f"Subject: {word}\r\nContent-Type: text/plain; charset=utf-8".encode()
    assert parse_mail(_mail(head, b"body")).subject == sample


@pytest.mark.parametrize("label", FOUND_REFUSED)
def test_a_form_field_so_labelled_is_read(label: str) -> None:
    codec, sample = written_in(label)
    body = (
        b'--B\r\nContent-Disposition: form-data; name="text"\r\n'
        + f"Content-Type: text/plain; charset={label}\r\n\r\n".encode()
        + sample.encode(codec)
        + b"\r\n--B--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=B", {"text"}) == {"text": sample}


@pytest.mark.parametrize("label", FOUND_REFUSED)
def test_a_csv_file_read_with_the_label_is_read(tmp_path: Path, label: str) -> None:
    codec, sample = written_in(label)
    source = tmp_path / "rows.csv"
    source.write_bytes(f"ticket,opened,text\r\nT-1,2026-10-08 09:00,{sample}\r\n".encode(codec))
    columns = {"external_id": "ticket", "received_at": "opened", "text": "text"}
    (complaint,) = CsvChannel(columns, encoding=label).read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == sample
