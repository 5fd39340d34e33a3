"""A charset label is read with the superset its writers really use, under every name the
label goes by: GB2312 text holds GBK characters (朱镕基's 镕, the 喆 and 堃 of names) whether
it is labelled ``gb2312``, ``chinese``, ``iso-ir-58`` or ``GB_2312-80``; Shift_JIS text
holds Windows' ① and ㈱ (cp932), and EUC-KR text (Outlook's ``ks_c_5601-1987``) the
syllables only Windows' UHC has (cp949). Read strictly, the customer's own words came back
as "unreadable" and the form refused them (422), or a mail was dead-lettered."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import httpx
import pytest

from complaintkit.api.app import create_app
from complaintkit.channels.mail_charsets import charset_codec
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

CHINESE = "朱镕基先生的订单,喆和堃的快递漏水"
JAPANESE = "①番の商品が壊れていました。㈱配送"
KOREAN = "똠방각하 주문한 물건이 깨졌어요"
LABELS = [
    ("gb2312", CHINESE, "gbk"),
    ("chinese", CHINESE, "gbk"),
    ("iso-ir-58", CHINESE, "gbk"),
    ("csiso58gb231280", CHINESE, "gbk"),
    ("GB_2312-80", CHINESE, "gbk"),
    ("gb_2312", CHINESE, "gbk"),
    ("csgb2312", CHINESE, "gbk"),
    ("shift_jis", JAPANESE, "cp932"),
    ("Shift-JIS", JAPANESE, "cp932"),
    ("sjis", JAPANESE, "cp932"),
    ("windows-31j", JAPANESE, "cp932"),
    ("euc-kr", KOREAN, "cp949"),
    ("ks_c_5601-1987", KOREAN, "cp949"),
    ("korean", KOREAN, "cp949"),
    ("windows-949", KOREAN, "cp949"),
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[httpx.Client, Desk]]:
    desk = Desk(storage="memory:")
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        yield client, desk


@pytest.mark.parametrize(("label", "words", "written_in"), LABELS)
def test_a_form_keeps_words_its_labels_superset_holds(
    served: tuple[httpx.Client, Desk], label: str, words: str, written_in: str
) -> None:
    client, desk = served
    body = b"text=" + quote_from_bytes(words.encode(written_in)).encode()
    kind = f"application/x-www-form-urlencoded; charset={label}"
    response = client.post("/", content=body, headers={"Content-Type": kind})
    assert response.status_code == 303, response.text
    token = response.headers["location"].split("/status/")[1].split("?")[0]
    case = desk.storage.find_by_token(token)
    assert case is not None
    assert case.complaint.text == words


@pytest.mark.parametrize(("label", "words", "written_in"), LABELS)
def test_every_name_of_a_label_reads_as_its_superset(
    label: str, words: str, written_in: str
) -> None:
    assert words.encode(written_in).decode(charset_codec(label)) == words


@pytest.mark.parametrize("label", ["utf-8", "big5", "iso-8859-1", "euc-jp", "koi8-r"])
def test_other_labels_read_as_they_did(label: str) -> None:
    sample = "abc".encode(label)
    assert sample.decode(charset_codec(label)) == "abc"
