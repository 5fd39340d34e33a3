"""Embedding complaintkit in a shop's web app (Starlette): the customer pages come with it.

    python examples/webapp/app.py     # then open http://127.0.0.1:8000/complaints/

The shop keeps its own routes and mounts complaintkit's app under ``/complaints``: a
complaint form (zh or en by the browser's language), and a status page per case that shows
the customer, in their own time zone and words, what happens next and when. The page needs
the case's status token, so case ids alone cannot be browsed. API clients get JSON from the
same URLs.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from complaintkit import Desk
from complaintkit.api.app import create_app as complaint_app
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"


def create_app(desk: Desk) -> Starlette:
    """The shop around one Desk (tests pass a Desk on memory storage with a manual clock)."""

    async def home(request: Request) -> Response:
        return HTMLResponse(
            '<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>小店</title><h1>小店</h1><a href="/complaints/">投诉与建议</a>'
        )

    return Starlette(routes=[Route("/", home), Mount("/complaints", complaint_app(desk))])


def default_app() -> Starlette:
    """The app on SQLite (``COMPLAINTKIT_DB``): ``uvicorn --factory examples.webapp.app:default_app``."""
    storage = os.environ.get("COMPLAINTKIT_DB", "sqlite:///webapp.db")
    return create_app(Desk(load_policy(POLICY), storage=storage))


if __name__ == "__main__":
    import uvicorn

    from complaintkit.api.header_deadline import headers_in_time

    # uvicorn alone waits for a request's headers for ever: close slow connections
    uvicorn.run(default_app(), host="127.0.0.1", port=8000, http=headers_in_time())
