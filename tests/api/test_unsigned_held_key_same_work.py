"""Without a secret, a complaint under a key another complaint holds was taken in twice:
once under the key it sent (found held: the held case read, compared and refused, its own
commit), then again under a key of its own — two trips through the group commit, two store
transactions, where a free key made one. Answered 2-15x slower, it told anyone timing the
answer which order numbers had a complaint, as the 409 it replaced had. Now the store is
asked once, before intake, about the key sent and the key of its own together, whatever
the key; intake then runs once, under the key the complaint is kept under. The store sees
the same calls for a held key as for a free one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.base import Storage

HELD = {
    "external_id": "ORD-1",
    "customer": {"id": "c-17", "contact": "wang@example.com"},
    "text": "冰箱坏了",
}
PROBE = {"customer": {"id": "c-18", "contact": "li@example.com"}, "text": "probe"}
JSON = [(b"content-type", b"application/json")]
WATCHED = [name for name in vars(Storage) if not name.startswith("_")]


def post(app: Any, body: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
    status, _, answer = asgi_request(app, "POST", "/complaints", JSON, json.dumps(body).encode())
    return status, json.loads(answer)


@contextmanager
def calls_to(storage: Storage) -> Iterator[list[str]]:
    """The names of the storage methods called while inside, in order; not those a
    storage method calls itself (how a backend answers is its own)."""
    seen: list[str] = []
    depth = [0]

    def recording(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if not depth[0]:
                seen.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    kept = {name: getattr(storage, name) for name in WATCHED if callable(getattr(storage, name))}
    for name, method in kept.items():
        setattr(storage, name, recording(name, method))
    try:
        yield seen
    finally:
        for name in kept:
            delattr(storage, name)


@pytest.mark.parametrize("url", ["memory:", "sqlite"])
def test_a_held_key_costs_the_store_what_a_free_key_does(url: str, tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 's.db'}" if url == "sqlite" else url)
    app = create_app(desk)
    assert post(app, HELD)[0] == 201
    with calls_to(desk.storage) as held_calls:
        held = post(app, {**PROBE, "external_id": "ORD-1"})
    with calls_to(desk.storage) as free_calls:
        free = post(app, {**PROBE, "external_id": "ORD-2"})
    desk.storage.close()
    assert held[0] == free[0] == 201
    assert held_calls == free_calls
    assert held_calls.count("transaction") == 1
