"""The form's refused bodies kept whole count against the sender's allowance too.

A form refused before its fields could be read as sent (more than ``MAX_FIELDS`` fields, a
charset holding a stray byte) is kept whole as a dead letter: multipart, up to 16 MiB a
post, so a client posting such a form in a loop filled the store faster than garbage
posted to ``POST /complaints`` ever could. Past the sender's allowance
(``refusals_kept``, shared with ``POST /complaints``) the form is shown again with the same
status, asking to send it again later, and nothing is kept."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import MAX_FIELDS
from complaintkit.api.wording import say
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client

URLENCODED = "application/x-www-form-urlencoded"
TOO_MANY = urlencode({f"f{n}": "x" for n in range(MAX_FIELDS)} | {"text": "漏水"}).encode()


def test_forms_refused_whole_in_a_loop_keep_no_more_than_the_allowance(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'cases.db'}")
    app = create_app(desk, refusals_kept=2)
    with desk.storage, running_server(app) as url, loopback_client(base_url=url) as client:
        headers = {"Content-Type": URLENCODED, "Accept-Language": "en"}
        pages = [client.post("/", content=TOO_MANY, headers=headers) for _ in range(4)]
        assert [p.status_code for p in pages] == [413] * 4
        assert len(desk.storage.dead_letters()) == 2
        again = say("send_again_later", "en")
        assert [again in p.text for p in pages] == [False, False, True, True]
        stray = {
            b"Content-Type": f"{URLENCODED}; charset=utf-8\xff".encode("latin-1"),
            b"Accept-Language": b"en",
        }
        refused = client.post("/", content=b"text=x", headers=stray)  # the same allowance
        assert refused.status_code == 422
        assert again in refused.text
        assert len(desk.storage.dead_letters()) == 2
        taken = client.post("/", content=b"text=" + "漏水".encode(), headers=headers)
        assert taken.status_code == 303  # a form read as sent is taken in all the same
