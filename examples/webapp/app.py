"""Embedding complaintkit in a small web app (Starlette): a complaint form and a status page.

    python examples/webapp/app.py     # then open http://127.0.0.1:8000/

POST / takes the form in, opens a case under the e-commerce policy and redirects to the
case's status page, which shows the customer what they may see: status, owner's team,
the promised answer time and every visible message. The page needs the case's status
token, so case ids alone cannot be browsed.
"""

from __future__ import annotations

import html
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from complaintkit import Desk
from complaintkit.errors import InvalidInput, NotFound
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"

FORM = """<!doctype html><meta charset="utf-8"><title>投诉 / Complaint</title>
<h1>提交投诉 / Submit a complaint</h1>{error}
<form method="post">
<label>姓名 / Name <input name="name" required></label><br>
<label>订单号 / Order <input name="order_id"></label><br>
<label>问题描述 / What happened <textarea name="text" required></textarea></label><br>
<button>提交 / Submit</button></form>"""


def create_app(desk: Desk) -> Starlette:
    """The app around one Desk (tests pass a Desk on memory storage with a manual clock)."""

    async def form(request: Request) -> Response:
        if request.method == "GET":
            return HTMLResponse(FORM.format(error=""))
        # a plain urlencoded form; parsed here so the example needs no python-multipart
        fields = parse_qs((await request.body()).decode("utf-8"), max_num_fields=10)
        data = {key: values[0].strip() for key, values in fields.items()}
        try:
            case = desk.intake(
                {
                    "channel": "web",
                    "external_id": secrets.token_hex(8),
                    "received_at": desk.clock.now().isoformat(),
                    "customer": {"id": f"web:{data.get('name', '')}", "name": data.get("name")},
                    "text": data.get("text", ""),
                    "order_id": data.get("order_id") or None,
                }
            )
        except InvalidInput as exc:
            error = f"<p role=alert>{html.escape(str(exc))}</p>"
            return HTMLResponse(FORM.format(error=error), status_code=400)
        return RedirectResponse(f"/cases/{case.id}?token={case.status_token}", status_code=303)

    async def status(request: Request) -> Response:
        try:
            case = desk.get(request.path_params["case_id"])
        except NotFound:
            return HTMLResponse("<p>没有这个投诉 / no such complaint</p>", status_code=404)
        if not secrets.compare_digest(request.query_params.get("token", ""), case.status_token):
            return HTMLResponse("<p>链接无效 / invalid link</p>", status_code=404)
        first = case.clocks.get("first_response", {})
        due = "已回复 / answered" if first.get("state") == "stopped" else first.get("due_at") or ""
        messages = "".join(
            f"<li>{html.escape(e.at.isoformat())}: {html.escape(str(e.data.get('message', '')))}</li>"
            for e in desk.history(case.id)
            if e.kind == "responded" and e.data.get("visible", True)
        )
        return HTMLResponse(
            f"""<!doctype html><meta charset="utf-8"><title>{case.id}</title>
<h1>投诉 {case.id}</h1>
<dl><dt>状态 / Status</dt><dd id=status>{case.status.value}</dd>
<dt>类别 / Category</dt><dd id=category>{html.escape(case.category or "")}</dd>
<dt>负责团队 / Team</dt><dd id=team>{html.escape(case.team or "")}</dd>
<dt>首次回复时限 / First answer by</dt><dd id=due>{html.escape(due)}</dd></dl>
<ul id=messages>{messages}</ul>"""
        )

    return Starlette(
        routes=[
            Route("/", form, methods=["GET", "POST"]),
            Route("/cases/{case_id}", status),
        ]
    )


def default_app() -> Starlette:
    """The app on SQLite (``COMPLAINTKIT_DB``): ``uvicorn --factory examples.webapp.app:default_app``."""
    storage = os.environ.get("COMPLAINTKIT_DB", "sqlite:///webapp.db")
    return create_app(Desk(load_policy(POLICY), storage=storage))


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(default_app(), host="127.0.0.1", port=8000)
