"""An attachment's file name in RFC 2231 pieces (``filename*0*=gbk''%D6%EC%EF;
filename*1*=%D8…``) cut inside a character — mailers cut the percent-encoded bytes into
pieces of equal length, not at characters — was kept garbled (朱�F基发票.pdf): the standard
library decodes each piece on its own. The pieces' bytes are joined, then decoded."""

from __future__ import annotations

import itertools
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_parameter_pieces import joined_sections
from complaintkit.model.complaint import Complaint

NAMES = [
    ("gbk", "朱镕基发票.pdf", "gbk"),
    ("gb2312", "外卖发票.pdf", "gb2312"),
    ("big5", "外賣維修單.pdf", "big5"),
    ("utf-8", "外卖发票.pdf", "utf-8"),
]


def pieces(label: str, quoted: str, cuts: list[int]) -> str:
    """``quoted`` cut at each byte in ``cuts`` into RFC 2231 sections."""
    bounds = [0, *(3 * cut for cut in cuts), len(quoted)]
    sections = [quoted[a:b] for a, b in itertools.pairwise(bounds)]
    sections[0] = f"{label}''{sections[0]}"
    return "; ".join(f"filename*{n}*={s}" for n, s in enumerate(sections))


def cases() -> list[tuple[str, str]]:
    found = []
    for label, name, codec in NAMES:
        data = name.encode(codec)
        quoted = "".join(f"%{byte:02X}" for byte in data)
        found += [(name, f"attachment; {pieces(label, quoted, [c])}") for c in range(1, len(data))]
        found.append((name, f"attachment; {pieces(label, quoted, [1, 2, 5])}"))
    return found


def attachment_names(disposition: str) -> list[str]:
    raw = (
        "From: Jane <jane@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
        "Message-ID: <att@example.com>\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\n发票开错了\r\n--B\r\n"
        f"Content-Type: application/pdf\r\nContent-Disposition: {disposition}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--B--\r\n"
    ).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    assert isinstance(item, Complaint), item
    return [a["filename"] for a in item.attributes["attachments"]]


@pytest.mark.parametrize(("name", "disposition"), cases())
def test_pieces_cut_inside_a_character_are_decoded_joined(name: str, disposition: str) -> None:
    assert attachment_names(disposition) == [name]


def test_a_quoted_piece_after_encoded_ones_is_part_of_the_name() -> None:
    quoted = urllib.parse.quote("朱镕基".encode("gbk"))
    disposition = (
        f"attachment;\r\n filename*0*=gbk''{quoted[:9]};\r\n filename*1*={quoted[9:]};"
        '\r\n filename*2="-invoice; 2026.pdf"'
    )
    assert attachment_names(disposition) == ["朱镕基-invoice; 2026.pdf"]


def test_pieces_out_of_order_or_in_a_quoted_value_are_left_as_written() -> None:
    inside = "attachment; name=\"a; filename*0*=gbk''%D6\"; size=3"
    assert joined_sections(inside) == inside
    gap = "attachment; filename*0*=gbk''%D6%EC; filename*2*=%EF"
    assert joined_sections(gap) == gap
    twice = "attachment; filename*0*=gbk''%D6%EC; filename*1*=%EF; filename*1*=%D8"
    assert joined_sections(twice) == twice


def test_hostile_headers_are_read_in_linear_time() -> None:
    for hostile in (
        ";a*0*=" * 3_400,
        '"' + ";a*0*=x" * 2_800,
        "; filename*0*=utf-8''" + "%" * 20_000,
        " " * 20_000 + "x",
    ):
        assert joined_sections(hostile[:20_000]) is not None
