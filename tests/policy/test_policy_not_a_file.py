"""A policy path that is a FIFO (or a device) is refused at once: reading it would wait for
a writer forever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_naming_it(tmp_path: Path) -> None:
    fifo = tmp_path / "policy.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PolicyError) as info:
        load_policy(fifo)
    [problem] = info.value.problems
    assert problem.location.file == str(fifo)
    assert "not a regular file" in problem.message
