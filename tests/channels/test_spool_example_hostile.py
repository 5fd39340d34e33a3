"""The spool channel docs/plugins.md shows, fed the files a spool folder really gets: a
file that is JSON but no object, one that is no file (a folder named ``x.json``), one
naming another channel (which would claim that channel's keys). Each costs itself only,
as a dead letter; the good files become cases and the run goes on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from complaintkit.channels import Rejected, take_in
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

DOCS = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")


def _spool_channel() -> Any:
    namespace: dict[str, Any] = {}
    for block in re.findall(r"```python\n(.*?)```", DOCS, flags=re.S):
        if "class SpoolChannel" in block:
            # runs our own documentation example; never policy or complaint content
            exec(compile(block, "docs/plugins.md", "exec"), namespace)
    return namespace["SpoolChannel"]()


GOOD = {"received_at": "2026-11-23T09:00:00+08:00", "customer": {"id": "C"}, "text": "late"}


def test_each_bad_spool_file_costs_itself_only(tmp_path: Path) -> None:
    (tmp_path / "a-list.json").write_text("[]", encoding="utf-8")
    (tmp_path / "b-null.json").write_text("null", encoding="utf-8")
    (tmp_path / "c-folder.json").mkdir()
    (tmp_path / "d-other.json").write_text(json.dumps({**GOOD, "channel": "http"}), "utf-8")
    (tmp_path / "e-good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    channel = _spool_channel()
    records = [r for r in channel.read(str(tmp_path)) if isinstance(r, Complaint | Rejected)]
    refused = sorted(r.source for r in records if isinstance(r, Rejected))
    assert refused == ["a-list.json", "b-null.json", "c-folder.json", "d-other.json"]
    assert [r.external_id for r in records if isinstance(r, Complaint)] == ["e-good"]


def test_a_run_over_a_bad_spool_takes_the_good_files_in(tmp_path: Path) -> None:
    (tmp_path / "a-list.json").write_text("[]", encoding="utf-8")
    (tmp_path / "b-good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    channel = _spool_channel()
    desk = Desk(storage="memory:")
    take_in(desk, "spool", channel.read(str(tmp_path)), acknowledge=channel.acknowledge)
    assert len(list(desk.storage.case_ids())) == 1
    assert [d.source for d in desk.storage.dead_letters()] == ["spool:a-list.json"]
    assert not list(tmp_path.glob("*.json"))  # each stored, as a case or a letter
