"""The complaint form's fields take the direction of what is typed into them.

The form is ``lang="en"`` or ``zh-CN``, left to right, and so was every field: a customer
typing Arabic or Hebrew saw their sentence's full stop and brackets jump to its wrong end as
they typed, and the text they are asked to check before sending misread. Each field takes
its direction from its first strong letter (``dir="auto"``), as a chat app's box does; the
form shown again after a refusal keeps what was typed, drawn the same way.
"""

from __future__ import annotations

from html.parser import HTMLParser

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

HTML = {"Accept": "text/html", "Accept-Language": "en"}


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.direction: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in ("input", "textarea") and named.get("type") != "hidden":
            self.direction[str(named.get("name"))] = named.get("dir")


def _directions(page: str) -> dict[str, str | None]:
    controls = _Controls()
    controls.feed(page)
    return controls.direction


def test_every_field_takes_the_direction_of_what_is_typed() -> None:
    with running_server(create_app(Desk())) as url, loopback_client(base_url=url) as client:
        empty = client.get("/", headers=HTML)
        refused = client.post("/", data={"name": "سارة", "text": ""}, headers=HTML)
    assert refused.status_code == 422
    for page in (empty.text, refused.text):
        assert _directions(page) == dict.fromkeys(_directions(page), "auto")
        assert {"name", "contact", "order_id", "text"} <= _directions(page).keys()
