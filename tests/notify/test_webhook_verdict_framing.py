"""However a ``200`` answer's body is framed (a ``Content-Length``, chunks, or read until the
receiver hangs up, or never hangs up), packed (none, gzip, deflate) and cut into pieces on
the wire, a robot's refusal in it is a failure naming its code, and an acceptance is
delivered (a real receiver on loopback, writing each piece on its own)."""

from __future__ import annotations

import gzip
import json
import socket
import time
import zlib

from canned_receiver import message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.webhook import WebhookNotifier
from loopback import LoopbackServer


class Pieces(LoopbackServer):
    """Reads the request, writes ``head`` then each of ``pieces``, then hangs up or not."""

    threads = True

    def __init__(self, head: bytes, pieces: list[bytes], hang_up: bool) -> None:
        self.head, self.pieces, self.hang_up = head, pieces, hang_up
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as request:  # read whole: a hang-up then is no reset
            length = 0
            while (line := request.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            request.read(length)
        try:
            connection.sendall(self.head)
            for piece in self.pieces:
                time.sleep(0.001)
                connection.sendall(piece)
        except OSError:
            return
        if not self.hang_up:
            self.stop.wait(30)


def _cut(data: bytes, cuts: list[int]) -> list[bytes]:
    at, pieces = 0, []
    for cut in sorted({c % (len(data) + 1) for c in cuts} | {len(data)}):
        pieces.append(data[at:cut])
        at = cut
    return [piece for piece in pieces if piece]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    code=st.integers(-5, 5) | st.sampled_from([310000, 19021]),
    pad=st.sampled_from([0, 10, 70_000]),
    packing=st.sampled_from(["identity", "gzip", "deflate"]),
    framing=st.sampled_from(["length", "chunked", "close", "open"]),
    cuts=st.lists(st.integers(0, 200_000), max_size=6),
)
def test_the_verdict_is_read_however_the_body_comes(
    code: int, pad: int, packing: str, framing: str, cuts: list[int]
) -> None:
    body = json.dumps({"pad": "p" * pad, "errcode": code, "errmsg": "said"}).encode()
    if packing == "gzip":
        body = gzip.compress(body)
    elif packing == "deflate":
        body = zlib.compress(body)
    head = b"HTTP/1.1 200 OK\r\nContent-Encoding: " + packing.encode() + b"\r\n"
    if framing == "length":
        head += b"Content-Length: " + str(len(body)).encode() + b"\r\n"
    elif framing == "chunked":
        head += b"Transfer-Encoding: chunked\r\n"
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in _cut(body, cuts)) + b"0\r\n\r\n"
    head += b"\r\n"
    receiver = Pieces(head, _cut(body, cuts), hang_up=framing != "open")
    failed: DeliveryFailed | None = None
    try:
        WebhookNotifier(url=receiver.url, timeout=20).send(message())
    except DeliveryFailed as exc:
        failed = exc
    finally:
        receiver.close()
    assert (failed is None) == (code == 0)
    assert failed is None or f"errcode {code}" in str(failed)
