"""The webhook notifier: one signed JSON POST per attempt.

The body is the message as JSON (or, for a published case event, ``{"delivery_id",
"event"}``). With a ``secret``, ``X-Complaintkit-Timestamp`` carries the Unix second of the
attempt and ``X-Complaintkit-Signature`` the HMAC-SHA256 of ``<timestamp>.<body>`` — the
scheme HTTP intake checks (``signing.request_problem``), so a receiver can refuse a captured
request replayed later. ``X-Complaintkit-Delivery`` carries the delivery id, the same on every attempt, for the receiver to
deduplicate on. A 2xx answer is success, unless its JSON body holds a chat robot's refusal
(``robot_verdict``: DingTalk's ``errcode``, Feishu's ``code``); a redirect is not followed (urllib would resend a
301-303 as a GET without the body) and is a failure like a 5xx. The delivery worker retries the rest with backoff,
except a 4xx other than 408 and 429, which no retry can fix; a ``Retry-After`` header (in
seconds or as an HTTP date) is passed on so the worker waits as long as asked.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from email.message import Message as Headers
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from complaintkit.clock import Clock, SystemClock
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.model.events import CaseEvent
from complaintkit.notify.answer_body import verdict_members
from complaintkit.notify.base import Message
from complaintkit.notify.http_deadline import (
    HeadersUnread,
    TimedRequest,
    Watchdog,
    build_opener,
)
from complaintkit.notify.name_trouble import name_trouble
from complaintkit.notify.options import shown_url, timeout_seconds, webhook_url
from complaintkit.notify.robot_verdict import refusal
from complaintkit.notify.signing import (
    DELIVERY_HEADER,
    HEADER,
    TIMESTAMP_HEADER,
    header_delivery_id,
    secret_problem,
    sign_request,
)
from complaintkit.notify.tls_trouble import tls_trouble
from complaintkit.notify.visible_text import visible

if TYPE_CHECKING:
    from complaintkit.desk.context import PluginContext


#: Client errors a later attempt can get past: a timeout and "too many requests".
RETRYABLE_4XX = frozenset({408, 429})


def retry_after(headers: Headers | None) -> timedelta | datetime | None:
    """The ``Retry-After`` header as a delay or an instant (in any of an HTTP date's three
    forms); ``None`` if absent or garbled."""
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to isdigit, no number to int
        # a receiver's "wait a billion years" is a long wait, not an overflow
        return timedelta(seconds=int(value)) if len(value) <= _SECONDS_DIGITS else timedelta.max
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # an HTTP date is in GMT, its asctime form saying no zone (RFC 9110 5.6.7)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Leaves a 3xx answer as it is: following one would drop the POST's body."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    """Built at the first delivery, not at import: its TLS context loads the CA store,
    which every command would otherwise pay for."""
    return build_opener(_NoRedirects())


#: Longer than any retry policy waits, and short enough for a timedelta.
_SECONDS_DIGITS = 12


class WebhookNotifier:
    def __init__(
        self,
        *,
        url: str,
        secret: str | None = None,
        timeout: float | str = 10.0,
        context: PluginContext | None = None,
    ) -> None:
        self.url = webhook_url(url)
        problem = None if secret is None else secret_problem(secret)
        if problem is not None:
            # YAML reads `secret: 12345` as a number; an empty one would sign nothing, and a
            # short one lets whoever sees a signed request guess it and sign their own
            raise ConfigError(
                f'webhook notifier: secret {problem}, written as text (quote a number: secret: "…")'
            )
        self.secret = secret
        self.shown = shown_url(self.url)  # in failures: no key the URL may hold
        self.host = urllib.parse.urlsplit(self.url).hostname or ""
        self.timeout = timeout_seconds("webhook", timeout)
        self.clock: Clock = context.clock if context is not None else SystemClock()

    def request(self, payload: dict[str, Any], delivery_id: str) -> TimedRequest:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        header_id = header_delivery_id(delivery_id)
        if header_id is not None:  # as in an e-mail: one holding a line break is left out
            headers[DELIVERY_HEADER] = header_id
        if self.secret:
            timestamp = int(self.clock.now().timestamp())
            headers[TIMESTAMP_HEADER] = str(timestamp)
            headers[HEADER] = sign_request(self.secret, body, timestamp)
        return TimedRequest(self.url, data=body, headers=headers, method="POST")

    def send(self, message: Message) -> None:
        self._post(message.to_json(), message.delivery_id)

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        self._post({"delivery_id": delivery_id, "event": event.to_json()}, delivery_id)

    def _post(self, payload: dict[str, Any], delivery_id: str) -> None:
        """One attempt. The watchdog is asked only when reading the answer failed (was it
        the time running out?): an answer read is an answer, even one that arrived as the
        time ran out; taken for silence, a 2xx would be posted again."""
        request = self.request(payload, delivery_id)
        opener = _opener()  # before the time starts: the first one reads the CA store
        with Watchdog(self.timeout) as watchdog:
            request.watchdog = watchdog
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    status = response.status
                    headers = response.headers
                    refused = (
                        refusal(verdict_members(response, watchdog))
                        if 200 <= status < 300
                        else None
                    )
            except urllib.error.HTTPError as exc:  # a 3xx, 4xx or 5xx: it holds the answer
                with contextlib.closing(exc):  # its connection, not left to the collector
                    status, headers, refused = exc.code, exc.headers, None
            except HeadersUnread as exc:  # the status is the answer, whatever came after it
                status, headers, refused = exc.status, None, None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                if watchdog.ran_out(exc):  # the answer, however far it got, is no answer
                    raise DeliveryFailed(
                        f"webhook {self.shown}: no answer within {self.timeout:g} s",
                        unanswered=True,
                    ) from None
                trouble = tls_trouble(exc, "the URL's https", "an http:// URL") or name_trouble(
                    exc, self.host, "url"
                )
                said = trouble or _not_http(exc) or f"no answer: {getattr(exc, 'reason', exc)}"
                raise DeliveryFailed(f"webhook {self.shown}: {said}") from None
        if 200 <= status < 300:
            if refused is None:
                return
            raise DeliveryFailed(
                f"webhook {self.shown}: HTTP {status}: {refused}",
                final=refused.final,
                retry_after=retry_after(headers),  # a robot "too fast" may say how long
            )
        final = 400 <= status < 500 and status not in RETRYABLE_4XX
        location = headers.get("Location") if headers is not None else None
        moved = (  # named as the notifier's URL is: it is that URL moved, key and all
            f" (a redirect to {shown_url(location)!r:.200}, not followed)"
            if 300 <= status < 400 and location is not None
            else ""
        )
        raise DeliveryFailed(
            f"webhook {self.shown}: HTTP {status}{moved}",
            final=final,
            retry_after=retry_after(headers),
        )


def _not_http(exc: BaseException) -> str | None:
    """What a receiver answering in another protocol said (an SMTP or SSH server's banner
    on the URL's port), on one line, and what to check; None for another failure."""
    if not isinstance(exc, http.client.BadStatusLine) or isinstance(
        exc, http.client.RemoteDisconnected
    ):
        return None
    words = visible(str(exc.args[0] if exc.args else "").strip())
    return (
        f"answered with what is no HTTP answer: {words!r:.120}: check that the URL's host and "
        "port are the receiver's"
    )
