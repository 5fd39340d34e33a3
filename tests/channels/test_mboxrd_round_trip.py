"""Any mbox an mboxrd writer makes — a blank line between messages, each body line
starting with 'From ' after any number of '>' quoted by one more — reads back as its
messages, each body as the customer wrote it."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint

SEPARATOR = b"From jane@example.com Mon Nov 23 09:00:00 2026\n"
LINES = [
    "From someone@x Sat Jan  3 01:05:34 1996",
    "From here on it broke",
    ">From a quote",
    ">>From a quote of a quote",
    "Subject: a line like a header",
    "text",
    "",
]
bodies = st.lists(st.sampled_from(LINES), min_size=1, max_size=6).filter(
    lambda lines: any(line.strip() for line in lines)
)


def _written(n: int, lines: list[str]) -> bytes:
    body = "\n".join(re.sub(r"^(>*From )", r">\1", line) for line in lines)
    head = f"From: c{n}@example.com\nMessage-ID: <rd{n}@x>\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n"
    return SEPARATOR + f"{head}Subject: s\n\n{body}\n\n".encode()


@settings(max_examples=80, deadline=None)
@given(st.lists(bodies, min_size=1, max_size=4))
def test_an_mboxrd_reads_back_as_written(written: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rd.mbox"
        path.write_bytes(b"".join(_written(n, lines) for n, lines in enumerate(written)))
        items = list(MailChannel().read(str(path)))
    assert [i.external_id for i in items if isinstance(i, Complaint)] == [
        f"rd{n}@x" for n in range(len(written))
    ]
    for item, lines in zip(items, written, strict=True):
        assert isinstance(item, Complaint)
        assert item.text == "\n".join(lines).strip("\n")
