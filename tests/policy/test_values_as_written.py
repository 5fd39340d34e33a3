"""Messages to policy authors spell values as YAML writes them: a bare ``2026-01-01`` where
an operator wants text or a number said ``(got datetime.date(2026, 1, 1))``."""

from __future__ import annotations

from datetime import date

import pytest

from complaintkit.policy.as_written import as_written
from complaintkit.policy.operators import to_number, to_scalar


@pytest.mark.parametrize("convert", [to_number, to_scalar])
def test_a_date_where_an_operator_wants_a_literal_is_named_as_written(convert: object) -> None:
    with pytest.raises(ValueError, match="got the date 2026-01-01") as info:
        convert(date(2026, 1, 1))  # type: ignore[operator]
    assert "datetime" not in str(info.value)
    assert "quote it" in str(info.value)


@pytest.mark.parametrize(
    ("value", "written"),
    [(True, "true"), (False, "false"), (None, "null"), (date(2026, 1, 1), "2026-01-01"),
     ("on", "'on'"), (12, "12")],
)  # fmt: skip
def test_values_are_spelt_as_yaml_writes_them(value: object, written: str) -> None:
    assert as_written(value) == written


def test_a_long_value_is_cut_to_fit_a_terminal() -> None:
    assert len(as_written("x" * 10_000)) < 60
