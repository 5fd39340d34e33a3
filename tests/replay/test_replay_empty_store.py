"""A replay of a store that holds no case says so plainly instead of printing empty tables."""

from __future__ import annotations

from pathlib import Path

from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.render import render_text
from complaintkit.storage.sqlite import SQLiteStorage

ROOT = Path(__file__).resolve().parents[2]


def test_an_empty_store_replays_to_none_in_every_section(tmp_path: Path) -> None:
    policy = load_policy(ROOT / "examples" / "cfpb" / "policy.yaml")
    with SQLiteStorage(f"sqlite:///{tmp_path / 'empty.db'}") as storage:
        text = render_text(replay_store(storage, policy, Plugins()))
    lines = text.splitlines()
    assert lines[0] == "== Replay: 0 case(s); 0 would change"
    for section in ("== Counts (current → candidate)", "== Cases that change"):
        assert lines[lines.index(section) + 1] == "  none"
