"""The hook implementations complaintkit loads through the ``complaintkit`` entry point."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from complaintkit import hookimpl
from complaintkit.hookspecs import Register
from complaintkit.notify.base import Message

PACKS = Path(__file__).parent / "packs"


class OutboxNotifier:
    """Appends each message as one JSON line to ``path`` (a stand-in for a pager API)."""

    def __init__(self, path: str = "acme-outbox.jsonl") -> None:
        self.path = Path(path)

    def send(self, message: Message) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(message.to_json(), ensure_ascii=False, default=str) + "\n")


def sku_prefix(argument: object) -> Callable[[object], bool]:
    """``sku_prefix: FRZ-`` or ``[FRZ-, CHL-]``: the value starts with one of the prefixes,
    in upper or lower case (``frz-`` is ``FRZ-``, and matches ``Frz-1001``)."""
    prefixes = (argument,) if isinstance(argument, str) else argument
    if not isinstance(prefixes, (list, tuple)) or not all(
        isinstance(p, str) and p for p in prefixes
    ):
        raise ValueError("sku_prefix needs a prefix or a list of prefixes, like FRZ-")
    wanted = tuple(prefix.upper() for prefix in prefixes)
    return lambda value: isinstance(value, str) and value.upper().startswith(wanted)


@hookimpl
def register_notifiers(register: Register) -> None:
    register("acme_outbox", OutboxNotifier)


@hookimpl
def register_operators(register: Register) -> None:
    register("sku_prefix", (sku_prefix, "a product-code prefix or a list of them"))


@hookimpl
def register_policy_packs(register: Register) -> None:
    register("acme/grocery", str(PACKS / "grocery.yaml"))
