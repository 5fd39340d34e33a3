"""An encoded word labelled with a charset its writers use the superset of — GB2312
holding GBK's 镕 and 喆, GBK holding GB18030's emoji, Big5 holding Hong Kong's 𨋢,
Shift_JIS holding Windows' ① and ㈱, EUC-KR (``ks_c_5601-1987``) holding Windows' 똠 — was
read by the standard library in the label's strict codec, and the subject or sender's name
stored with replacement characters (朱�F基��), no word of refusal; a body part so labelled
was read in the superset. Encoded words are read as body parts are."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pytest

from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint

#: (label, text, the codec that writes it)
WRITTEN = [
    ("gb2312", "朱镕基喆投诉", "gbk"),
    ("GB2312", "外卖送晚了", "gb2312"),
    ("gbk", "骑手骂人😡", "gb18030"),
    ("big5", "香港𨋢壞了", "big5hkscs"),
    ("shift_jis", "①配達が遅い㈱", "cp932"),
    ("ks_c_5601-1987", "똠방각하", "cp949"),
]


def word(label: str, text: str, codec: str, encoding: str) -> str:
    data = text.encode(codec)
    if encoding == "B":
        return f"=?{label}?B?{base64.b64encode(data).decode()}?="
    return f"=?{label}?Q?{''.join(f'={b:02X}' for b in data)}?="


def read(subject: str, name: str) -> Complaint:
    raw = (
        f"From: {name} <jane@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
        f"Message-ID: <label@example.com>\r\nSubject: {subject}\r\n\r\n饭是凉的\r\n"
    ).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "label.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    assert isinstance(item, Complaint), item
    return item


@pytest.mark.parametrize("encoding", ["B", "Q"])
@pytest.mark.parametrize(("label", "text", "codec"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_an_encoded_word_is_read_in_its_labels_superset(
    label: str, text: str, codec: str, encoding: str
) -> None:
    item = read(word(label, text, codec, encoding), word(label, text[:3], codec, encoding))
    assert item.subject == text
    assert item.customer.name == text[:3]
