"""A number outside the range its key allows (``incidents.batches`` with ``min_cases: 0``,
``window_hours: 0``, ``baseline_days: 1``) had the hint "see docs/policies.md or the
schema". The hint now says what to write at that key — the nearest number allowed, or
the bound for a key whose bound is open — after what the key means when the schema says."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_BATCH = "incidents:\n  batches:\n    - {key: product, min_cases: %s, window_hours: %s}\n"
_SPIKE = "incidents:\n  spikes:\n    - {dimension: category, baseline_days: %s, k: %s}\n"


def _only(tmp_path: Path, body: str) -> tuple[str, int | None, str]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{body}", "utf-8")
    (problem,) = check_policy(path)
    assert "docs/policies.md" not in problem.hint
    return problem.location.path, problem.location.line, problem.hint


@pytest.mark.parametrize("written", ["0", "1", "-3"])
def test_too_few_cases_for_a_batch_says_the_least(tmp_path: Path, written: str) -> None:
    path, line, hint = _only(tmp_path, _BATCH % (written, 72))
    assert (path, line) == ("incidents.batches[0].min_cases", 5)
    assert "write min_cases: 2" in hint
    assert "customers" in hint  # what the count counts


def test_a_window_of_no_time_says_it_must_be_more(tmp_path: Path) -> None:
    path, _, hint = _only(tmp_path, _BATCH % (3, 0))
    assert path == "incidents.batches[0].window_hours"
    assert "window_hours" in hint
    assert "more than 0" in hint


def test_a_window_too_long_says_the_most(tmp_path: Path) -> None:
    _, _, hint = _only(tmp_path, _BATCH % (3, 900000))
    assert "write window_hours: 876600" in hint


def test_a_short_baseline_says_the_least(tmp_path: Path) -> None:
    path, _, hint = _only(tmp_path, _SPIKE % (1, 3))
    assert path == "incidents.spikes[0].baseline_days"
    assert "write baseline_days: 3" in hint
