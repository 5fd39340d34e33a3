"""A time limit on a whole HTTP request through urllib, not on each socket operation.

urllib's ``timeout`` bounds each connect, send and read: a receiver that answers one byte
every second never trips it and holds the caller forever. A ``Watchdog`` shuts the
request's connection down when its time is up, wherever the request is waiting; the
blocked read then ends at once and the caller sees the request failed. The name lookup
before it (``getaddrinfo``, which no timeout bounds and no shutdown reaches) runs in a
thread of its own that the caller stops waiting for when the time is up.
"""

from __future__ import annotations

import contextlib
import http.client
import math
import socket
import ssl
import threading
import time
import urllib.request
from functools import partial
from types import TracebackType
from typing import Any


class Watchdog:
    """Shuts down the sockets it watches ``seconds`` after it is entered."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._waits: list[threading.Event] = []
        self._seconds = seconds
        self._ends = math.inf  # on the monotonic clock, once entered
        self._timer = self._timer_for(seconds)

    def _timer_for(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self._expire)
        timer.daemon = True
        return timer

    def limit(self, seconds: float) -> None:
        """Ends the time ``seconds`` from now, if that is sooner than it was to end."""
        with self._lock:
            if self.expired or time.monotonic() + seconds >= self._ends:
                return
            self._timer.cancel()
            self._ends = time.monotonic() + seconds
            self._timer = self._timer_for(seconds)
            self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def ran_out(self, failure: BaseException) -> bool:
        """Whether ``failure`` is the time running out: this watchdog's, or a socket's own
        timeout of the same length (also as the cause of a library's error: smtplib's
        "Connection unexpectedly closed: timed out"), which under load fires before the
        watchdog's timer thread runs; else a receiver that never answers reads as one that
        refused."""
        seen: BaseException | None = failure
        for _ in range(8):  # a library's chain of errors is short
            if seen is None:
                break
            if isinstance(seen, TimeoutError) or isinstance(
                getattr(seen, "reason", None), TimeoutError
            ):
                return True
            seen = seen.__cause__ or seen.__context__
        return self.expired

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)
            for wait in self._waits:
                wait.set()

    def connection(
        self,
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: Any = None,
    ) -> socket.socket:
        """``socket.create_connection``, watched, with its name lookup bounded too."""
        host, port = address
        found = self._looked_up(host, port)
        failure: OSError | None = None
        for family, kind, proto, _, where in found:
            sock = socket.socket(family, kind, proto)
            try:
                self.watch(sock)
                sock.settimeout(timeout)
                if source_address is not None:
                    sock.bind(source_address)
                sock.connect(where)
                return sock
            except OSError as exc:
                sock.close()
                failure = exc
        raise failure or OSError(f"{host!r} resolves to no address")

    def _looked_up(self, host: str, port: int) -> list[Any]:
        """``getaddrinfo`` for a stream connection, given up on when the time is up (the
        lookup's thread is left to finish on its own: a daemon, it holds nothing)."""
        answer: list[Any] = []
        done = threading.Event()

        def look_up() -> None:
            try:
                answer.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
            except OSError as exc:
                answer.append(exc)
            finally:
                done.set()

        with self._lock:
            if self.expired:
                raise TimeoutError(f"no time left to look up {host!r}")
            self._waits.append(done)
        threading.Thread(target=look_up, name="complaintkit-name-lookup", daemon=True).start()
        done.wait()
        if not answer:  # woken by the watchdog
            raise TimeoutError(f"looking up {host!r} took longer than the attempt may")
        if isinstance(answer[0], OSError):
            raise answer[0]
        return answer[0]  # type: ignore[no-any-return]

    def __enter__(self) -> Watchdog:
        self._ends = time.monotonic() + self._seconds
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    """The plain socket's shutdown, even for a TLS one: it wakes a reader in another thread
    without touching the TLS state that reader is using."""
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class TimedRequest(urllib.request.Request):
    """A request whose connections ``watchdog`` (if any) watches."""

    watchdog: Watchdog | None = None


class HeadersUnread(http.client.HTTPException):
    """The receiver's status line was read, but not its headers (more than http.client
    takes, or a line longer): an answer all the same, ``status`` saying what it was."""

    def __init__(self, status: int, problem: str) -> None:
        super().__init__(f"HTTP {status}, its headers unread: {problem}")
        self.status = status


class _Answered(http.client.HTTPResponse):
    """A response whose status stands when its headers cannot be read: taken for no
    answer, a 2xx would be posted again at every retry. Interim answers before it (``102
    Processing``, ``103 Early Hints``) are read past, as http.client reads past ``100
    Continue`` alone (RFC 9110 15.2: a client must): taken for the answer, a 103 before a
    200 failed the attempt, and the delivery was posted again."""

    def _read_status(self) -> tuple[str, int, str]:
        """http.client's, an interim status given as ``100``, which ``begin`` reads past
        (its headers with it) to the next; ``101`` switches protocols and ends the answer."""
        version, status, reason = super()._read_status()  # type: ignore[misc]
        return version, (http.client.CONTINUE if 101 < status < 200 else status), reason

    def begin(self) -> None:
        try:
            super().begin()
        except http.client.HTTPException as exc:
            if isinstance(self.status, int):  # set once the status line was read
                raise HeadersUnread(self.status, str(exc) or type(exc).__name__) from exc
            raise


class _Watched(http.client.HTTPConnection):
    response_class = _Answered

    def __init__(self, *args: Any, watchdog: Watchdog | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog
        self.cut_short = False  # the receiver stopped reading the request
        if watchdog is not None:
            self._create_connection = watchdog.connection

    def connect(self) -> None:
        super().connect()
        if self.watchdog is not None:
            self.watchdog.watch(self.sock)

    def send(self, data: Any) -> None:
        """http.client's; a receiver that stopped reading the request (it hung up, or
        reset the connection) is read for its answer all the same: one refusing a body too
        large or a key that is wrong answers before the body has arrived (``413``,
        ``401``), and that answer, not the broken pipe, is what the attempt failed by."""
        if self.cut_short:
            return
        try:
            super().send(data)
        except (BrokenPipeError, ConnectionResetError):
            self.cut_short = True  # the rest is not sent; the answer is read next


class _WatchedHTTPS(_Watched, http.client.HTTPSConnection):
    pass


def _watchdog(request: urllib.request.Request) -> Watchdog | None:
    return request.watchdog if isinstance(request, TimedRequest) else None


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_Watched, watchdog=_watchdog(req)), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self) -> None:
        self.context = ssl.create_default_context()
        super().__init__(context=self.context)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            partial(_WatchedHTTPS, watchdog=_watchdog(req)), req, context=self.context
        )


def build_opener(*handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """``urllib.request.build_opener`` whose connections a ``TimedRequest``'s watchdog
    shuts down when its time is up."""
    return urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler(), *handlers)
