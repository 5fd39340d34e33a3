"""A number too large for a policy is refused with a message a terminal can show: its
length, not its hundreds of digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.policy_numbers import MAX_DIGITS, to_number


@pytest.mark.parametrize("number", [10**400, -(10**400) + 1])
def test_a_number_beyond_the_limit_is_named_by_its_length(number: object) -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_DIGITS} digits") as info:
        to_number(number)
    assert len(str(info.value)) < 120
    assert "401 characters" in str(info.value)


@pytest.mark.parametrize("text", ["1" + "0" * 400, "x" * 10_000])
def test_long_text_where_a_number_goes_is_cut_in_the_message(text: str) -> None:
    with pytest.raises(ValueError, match="expects a number") as info:
        to_number(text)
    assert len(str(info.value)) < 120


@pytest.mark.parametrize(
    "written", ["0x" + "9" * 5000, "0b" + "1" * 20_000, "0" + "7" * 5000, "-0x" + "f" * 4000]
)
def test_a_yaml_number_in_another_base_too_long_to_print_is_a_problem(
    tmp_path: Path, written: str
) -> None:
    """YAML 1.1 reads ``0x…`` as hexadecimal; one of 5,000 digits is an integer Python will
    not print (over 4,300 decimal digits), and saying what YAML read raised ValueError."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"complaintkit: 1\nname: x\nversion: {written}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(policy)
    message = str(info.value)
    assert "policy.yaml:3:10" in message
    assert len(max(message.splitlines(), key=len)) < 300


def test_a_long_yaml_number_in_another_base_is_named_by_its_ends(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(f"complaintkit: 1\nname: x\nversion: 0x{'9' * 3000}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(policy)
    (line,) = (line for line in str(info.value).splitlines() if "YAML reads" in line)
    assert "(3002 characters)" in line
    assert len(line) < 300
