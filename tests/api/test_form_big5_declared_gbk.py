"""A form in Big5 whose page declares GBK (``charset=gbk``, a site's wrong label) was read in
GBK, which reads Big5 bytes whole: a case opened saying 癳繺獶盽е for 送餐非常快. A value the
declared charset reads only as characters no one writes together
(``model.readable_as.misread``, the check CSV rows and JSON bodies get) is now not read
whole: the form is shown again naming the field, and no case opens."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from loopback import loopback_client


def test_a_big5_form_labelled_gbk_opens_no_case_in_mojibake() -> None:
    desk = Desk(storage="memory:")
    text = quote_from_bytes("送餐非常快湯都涼了".encode("big5")).encode()
    body = b"name=Li&contact=li%40example.com&text=" + text
    kind = "application/x-www-form-urlencoded; charset=gbk"
    with running_server(create_app(desk)) as url, loopback_client(base_url=url) as client:
        response = client.post("/", content=body, headers={"Content-Type": kind})
    assert response.status_code != 303, response.text
    assert "text" in response.text
    assert list(desk.storage.case_ids()) == []
