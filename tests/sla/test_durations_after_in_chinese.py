"""A duration written with 后 ("after"), as a test step or an escalation says it (``at:
2小时后``, ``after: 30分钟后``), says what to write, as 24小时内 does: ``at`` and ``after``
already mean after.

Found writing policy tests for a policy from seed 001: ``{at: 2小时后, tick: true}`` got
only the list of forms the reader takes.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [("2小时后", "'2小时'"), ("30分钟之后", "'30分钟'"), ("三天以后", "'3天'"), ("1天后", "'1天'")],
)
def test_a_duration_after_says_what_to_write(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message
