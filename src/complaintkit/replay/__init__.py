"""Replay: what a candidate policy would have done with real history, changing nothing."""

from complaintkit.replay.comparison import Comparison
from complaintkit.replay.outcome import Outcome
from complaintkit.replay.rehearsal import Rehearsal
from complaintkit.replay.run import Detail, Replay, replay_file, replay_store

__all__ = ["Comparison", "Detail", "Outcome", "Rehearsal", "Replay", "replay_file", "replay_store"]
