"""A warning a time before the deadline, as a Chinese SOP writes it: 到期前2小时, 提前30分钟,
2小时前; and as English says it in full: "2 hours before the deadline".

Each was refused as "not a time before the deadline, ending in 'before'", with the hint
to see the docs or the schema, so the author had to work out that '2小时 before' is read.
The hint now names it; a warning quoted as text ("0.8") is told to drop the quotes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy
from complaintkit.sla.warning_points import warning_point

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problem(tmp_path: Path, warning: str) -> tuple[str, str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        f"sla:\n  warnings: ['{warning}']\n  targets:\n    - resolution: 48h\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    return problem.location.path, problem.message, problem.hint


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("到期前2小时", "2小时 before"),
        ("截止前2小时", "2小时 before"),
        ("提前30分钟", "30分钟 before"),
        ("2小时前", "2小时 before"),
        ("到期前 2 小时", "2 小时 before"),
        ("2 hours before the deadline", "2 hours before"),
        ("30 minutes before deadline", "30 minutes before"),
    ],
)
def test_a_time_before_the_deadline_is_told_the_warning_to_write(
    tmp_path: Path, written: str, write: str
) -> None:
    where, message, hint = _problem(tmp_path, written)
    assert where == "sla.warnings[0]"
    assert written in message
    assert f"write '{write}'" in hint
    warning_point(write)  # what is advised is read


def test_a_fraction_quoted_as_text_is_told_to_drop_the_quotes(tmp_path: Path) -> None:
    where, _, hint = _problem(tmp_path, "0.8")
    assert where == "sla.warnings[0]"
    assert "write 0.8" in hint
    assert "quotes" in hint
