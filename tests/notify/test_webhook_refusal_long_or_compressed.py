"""A chat robot's refusal in a ``200`` answer is a refusal however the body comes: longer
than 64 KiB (a long ``errmsg``, or fields before the code), or compressed
(``Content-Encoding: gzip`` or ``deflate``, as a gateway in front of the robot may send it).
Both were counted delivered, the message lost: only the first 64 KiB were read, and as bytes
(real receivers on loopback, answering raw bytes)."""

from __future__ import annotations

import gzip
import json
import zlib
from datetime import timedelta

import pytest
from canned_receiver import failure_of, ok_answer

REFUSED = {"errcode": 310000, "errmsg": "keywords not in content"}
LONG = 70 * 1024


@pytest.mark.parametrize(
    "body",
    [
        {**REFUSED, "errmsg": "keywords not in content " + "x" * LONG},
        {"trace": "t" * LONG, **REFUSED},
        {"data": [{"n": n, "s": '[{\\"}]'} for n in range(8000)], **REFUSED},
    ],
    ids=["long-message", "long-field-before", "nested-before"],
)
def test_a_refusal_longer_than_64_kib_is_a_refusal(body: dict[str, object]) -> None:
    failed = failure_of(ok_answer(json.dumps(body).encode()))
    assert failed is not None
    assert "errcode 310000" in str(failed)
    assert "keywords not in content" in str(failed)
    assert failed.final


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        (b"gzip", gzip.compress),
        (b"x-gzip", gzip.compress),
        (b"deflate", zlib.compress),
        (b"deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw, as some servers do
    ],
)
@pytest.mark.parametrize("padding", [0, LONG])
def test_a_compressed_refusal_is_a_refusal(encoding: bytes, compress: object, padding: int) -> None:
    body = json.dumps({"pad": "p" * padding, **REFUSED}).encode()
    assert callable(compress)
    failed = failure_of(ok_answer(compress(body), b"Content-Encoding: " + encoding))
    assert failed is not None
    assert "errcode 310000" in str(failed)
    assert failed.final


@pytest.mark.parametrize("encoding", [b"gzip", b"deflate"])
def test_a_compressed_acceptance_is_delivered(encoding: bytes) -> None:
    body = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
    packed = gzip.compress(body) if encoding == b"gzip" else zlib.compress(body)
    assert failure_of(ok_answer(packed, b"Content-Encoding: " + encoding)) is None


def _gzip_of_zeros(start: bytes, megabytes: int) -> bytes:
    """``start`` then ``megabytes`` MiB of zeros in a JSON string, gzipped: a few KiB."""
    packer = zlib.compressobj(wbits=31)
    packed = [packer.compress(start + b'"pad": "')]
    zeros = b"0" * (1024 * 1024)
    packed += [packer.compress(zeros) for _ in range(megabytes)]
    return b"".join([*packed, packer.compress(b'"}'), packer.flush()])


@pytest.mark.parametrize(
    ("start", "refused"),
    [(b'{"errcode": 0, "errmsg": "ok", ', False), (b'{"errcode": 5, "errmsg": "no", ', True)],
)
def test_a_small_gzip_of_a_huge_body_is_read_only_so_far(start: bytes, refused: bool) -> None:
    """24 MiB of text unpacked from some 24 KiB: read as far as a verdict is looked for (what
    came before is read), not to its end."""
    failed = failure_of(ok_answer(_gzip_of_zeros(start, 24), b"Content-Encoding: gzip"))
    assert (failed is not None) == refused


def test_a_robot_too_busy_is_waited_for_as_its_retry_after_asks() -> None:
    """A robot saying "too fast" in a 200 with a ``Retry-After`` asked for that rest; the
    header was dropped and the delivery tried again on the backoff."""
    body = json.dumps({"errcode": 130101, "errmsg": "send too fast"}).encode()
    failed = failure_of(ok_answer(body, b"Retry-After: 120"))
    assert failed is not None
    assert not failed.final
    assert failed.retry_after == timedelta(seconds=120)
