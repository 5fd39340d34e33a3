"""The webhook notifier: a signed JSON POST, retried with exponential backoff.

The body is the message as JSON; the ``X-Complaintkit-Signature`` header carries its
HMAC-SHA256 (see ``signing``). A 2xx answer is success; anything else, or no answer, is
retried after ``backoff * 2**attempt`` seconds, up to ``retries`` more times, then
``DeliveryFailed`` is raised and the delivery thread records a dead letter. ``sleep`` is
injectable so tests never wait.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from complaintkit.errors import ComplaintkitError, ConfigError
from complaintkit.notify.base import Message
from complaintkit.notify.signing import HEADER, sign


class DeliveryFailed(ComplaintkitError, RuntimeError):
    """A notifier gave up; the message names the last failure and the attempts made."""


class WebhookNotifier:
    def __init__(
        self,
        *,
        url: str,
        secret: str | None = None,
        retries: int | str = 3,
        backoff: float | str = 1.0,
        timeout: float | str = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ConfigError(f"webhook notifier: {url!r} is not an http(s) URL")
        self.url = url
        self.secret = secret
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.timeout = float(timeout)
        self.sleep = sleep

    def request(self, message: Message) -> urllib.request.Request:
        body = json.dumps(message.to_json(), ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.secret:
            headers[HEADER] = sign(self.secret, body)
        return urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310 -- scheme checked in __init__

    def send(self, message: Message) -> None:
        request = self.request(message)
        failure = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 -- scheme checked in __init__
                    if 200 <= response.status < 300:
                        return
                    failure = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                failure = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                failure = f"no answer: {getattr(exc, 'reason', exc)}"
        raise DeliveryFailed(
            f"webhook {self.url}: gave up after {self.retries + 1} attempts; last: {failure}"
        )
