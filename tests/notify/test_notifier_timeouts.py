"""A notifier's ``timeout`` is checked when the policy's notifiers are built: one that no
socket or timer takes (NaN, 0, negative, infinite, centuries) failed every attempt with
the socket's words, and an infinite one left a traceback of the timer thread on stderr."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import ConfigError
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier


def build(kind: str, timeout: Any) -> object:
    if kind == "smtp":
        return SmtpNotifier(sender="care@shop.example", timeout=timeout)
    return WebhookNotifier(url="http://127.0.0.1:9/hook", timeout=timeout)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["nan", "-1", 0, "inf", "1e400", 1e12, "soon", True, None])
def test_a_timeout_no_attempt_can_keep_is_a_config_error(kind: str, timeout: Any) -> None:
    with pytest.raises(ConfigError, match="timeout") as caught:
        build(kind, timeout)
    assert kind in str(caught.value)


@pytest.mark.parametrize("kind", ["smtp", "webhook"])
@pytest.mark.parametrize("timeout", ["5", 2.5, 30, "0.5", 3600])
def test_a_sensible_timeout_is_taken(kind: str, timeout: Any) -> None:
    assert build(kind, timeout).timeout == float(timeout)  # type: ignore[attr-defined]
