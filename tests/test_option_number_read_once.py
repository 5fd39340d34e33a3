"""An ``-o key=value`` for a number option is read as one in a single pass over its digits.

The option reader shared the quadratic reading of a decimal number that a report's amounts
had (``model.decimal_text``): ``-o timeout=`` then 20,000 digits and a letter took 40 s
to be refused. It is refused at once now, and every number is read as before.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import ConfigError
from complaintkit.options import build


class Waiting:
    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout


def test_a_long_run_of_digits_before_a_letter_is_refused() -> None:
    """40 s before."""
    with pytest.raises(ConfigError) as refused:
        build(Waiting, {"timeout": "1" * 20_000 + "x"}, None, "notifier 'w'")
    assert "timeout" in str(refused.value)


@given(
    st.from_regex(
        r"[+-]?([0-9]{1,6}\.?[0-9]{0,6}|\.[0-9]{1,6})([eE][+-]?[0-9]{1,2})?", fullmatch=True
    )
)
def test_every_decimal_written_plainly_is_read_as_that_float(text: str) -> None:
    assert build(Waiting, {"timeout": text}, None, "notifier 'w'").timeout == float(text)
