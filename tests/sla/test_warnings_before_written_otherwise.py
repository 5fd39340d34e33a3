"""A warning before the deadline whose time is written in a way the reader refuses:
两小时 before (Chinese numerals), 2 business hours before, 1 day before. Each got only
"write a fraction of the target (0.8) or '<hours/minutes> before'", though the duration
reader knows what to write for 两小时 and the clock already counts working hours on a
business-time target. Now the hint names the warning to write."""

from __future__ import annotations

import pytest

from complaintkit.sla.warning_points import NotAWarning, warning_point


def _hint(written: str) -> str:
    with pytest.raises(NotAWarning) as raised:
        warning_point(written)
    return raised.value.hint


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("两小时 before", "2小时 before"),
        ("二十四小时 before", "24小时 before"),
        ("30 minutes. before", "30 minutes before"),
        ("2 business hours before", "2 hours before"),
        ("4 working hours before", "4 hours before"),
        ("2工作小时 before", "2小时 before"),
    ],
)
def test_a_warning_written_otherwise_is_told_the_warning_to_write(written: str, meant: str) -> None:
    assert f"write {meant!r}" in _hint(written)
    assert warning_point(meant).before is not None


def test_business_hours_are_told_the_clock_counts_them() -> None:
    assert "working hours on a business-time target" in _hint("2 business hours before")


@pytest.mark.parametrize("written", ["1 day before", "1 business day before", "2天 before"])
def test_days_before_are_told_hours(written: str) -> None:
    hint = _hint(written)
    assert "hours or minutes" in hint
    assert "'24 hours before'" in hint


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("一天 before", "'24 hours before'"),
        ("三个工作日 before", "'24 hours before'"),
        ("两个工作小时 before", "write '2个小时 before'"),
    ],
)
def test_what_is_told_for_the_time_is_a_warning_too(written: str, hint: str) -> None:
    """一天 is told '1天', but '1天 before' is no warning either: the hint is the one the
    warning told would get, never a warning that is refused in turn."""
    assert hint in _hint(written)
