"""The channel contract, run against the JSON-lines channel and the streaming spool
channel that docs/plugins.md shows (its code is taken from the page and run)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.testing import ChannelContract

DOCS = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")


def docs_example() -> dict[str, Any]:
    """The page's python blocks, run in one namespace: the channel, then its test class."""
    namespace: dict[str, Any] = {}
    for block in re.findall(r"```python\n(.*?)```", DOCS, flags=re.S):
        if "SpoolChannel" in block:
            # runs our own documentation example; never policy or complaint content
            exec(compile(block, "docs/plugins.md", "exec"), namespace)
    return namespace


EXAMPLE = docs_example()
TestDocsSpoolChannel = EXAMPLE["TestSpoolChannel"]


class TestJsonLinesChannel(ChannelContract):
    @pytest.fixture
    def channel(self) -> JsonLinesChannel:
        return JsonLinesChannel(channel="web")

    @pytest.fixture
    def source(self, tmp_path: Path) -> str:
        lines = [
            json.dumps(
                {
                    "external_id": f"K-{n}",
                    "received_at": "2026-11-23T09:00:00+08:00",
                    "customer": {"id": f"C{n}"},
                    "text": "快递三天没到",
                }
            )
            for n in range(20)
        ]
        path = tmp_path / "in.jsonl"
        path.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
        return str(path)

    @pytest.fixture
    def expected(self) -> int:
        return 20


def test_the_spool_channel_deletes_only_what_was_stored(tmp_path: Path) -> None:
    """Killed between two commits, the spool keeps exactly the files not yet stored."""
    for n in range(10):
        complaint = {
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "C"},
            "text": "x",
        }
        (tmp_path / f"K-{n}.json").write_text(json.dumps(complaint), encoding="utf-8")
    channel = EXAMPLE["SpoolChannel"]()
    desk = Desk(storage="memory:")

    def crash_after(records: Sequence[Complaint | Rejected]) -> None:
        channel.acknowledge(records)
        raise KeyboardInterrupt  # the process dies right after the first commit

    with pytest.raises(KeyboardInterrupt):
        take_in(desk, "spool", channel.read(str(tmp_path)), batch=4, acknowledge=crash_after)
    assert len(list(desk.storage.case_ids())) == 4
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == [f"K-{n}" for n in range(4, 10)]
