"""A redirect's target keeps the receiver's key out of the failure, as the notifier's URL
does: a receiver asked over http answers 301 to the same URL over https, its key
(DingTalk's ``?access_token=``, a Feishu hook's path) and all, and the failure's text is the
outbox's last error, a dead letter's reason and a log line. The failure names where the
redirect leads by scheme and host, enough to point the notifier's ``url`` there."""

from __future__ import annotations

import pytest
from canned_receiver import Receiver, message

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.webhook import WebhookNotifier
from loopback import started

receivers = pytest.fixture(started, name="receivers")

KEY = "7f3e9c1a5b2d4e6f8a0b"
TARGETS = {
    "query": (
        f"https://oapi.dingtalk.com/robot/send?access_token={KEY}",
        "https://oapi.dingtalk.com/…",
    ),
    "path": (f"https://open.feishu.cn/open-apis/bot/v2/hook/{KEY}", "https://open.feishu.cn/…"),
    "relative": (f"/robot/send?access_token={KEY}", "/…"),
    "user": (f"https://{KEY}@hooks.example.com/", "https://…@hooks.example.com/"),
}


@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("where", sorted(TARGETS))
def test_a_redirect_names_its_target_without_its_key(
    receivers: list[Receiver], status: int, where: str
) -> None:
    location, shown = TARGETS[where]
    answer = f"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
    receiver = Receiver(answer.encode())
    receivers.append(receiver)
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=f"{receiver.url}?access_token={KEY}").send(message())
    reason = str(caught.value)
    assert KEY not in reason
    assert f"HTTP {status} (a redirect to {shown!r}, not followed)" in reason
    assert receiver.requests == 1
