"""Policy test files: naming, discovery and located errors (complaintkit.policytest.spec)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.errors import InvalidInput, PolicyError
from complaintkit.policytest.spec import find_test_files, is_test_file, load_test_file, offset

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail"


def test_only_tests_yaml_files_are_policy_tests() -> None:
    assert is_test_file(Path("shop.tests.yaml"))
    assert is_test_file(Path("shop.tests.yml"))
    assert not is_test_file(Path("shop.yaml"))
    assert not is_test_file(Path("tests.yaml"))


def test_folders_are_searched_for_test_files() -> None:
    assert find_test_files([RETAIL]) == [RETAIL / "supermarket.tests.yaml"]


def test_the_policy_defaults_to_the_file_named_like_the_tests() -> None:
    loaded = load_test_file(RETAIL / "supermarket.tests.yaml")
    assert loaded.policy == RETAIL / "supermarket.yaml"
    assert len(loaded.tests) >= 20


def test_step_times_are_durations_after_intake_or_instants() -> None:
    base = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
    assert offset("2h 30m", base, "at") == base + timedelta(hours=2, minutes=30)
    assert offset("+1 day", base, "at") == base + timedelta(days=1)
    assert offset("2026-11-24T09:00:00+08:00", base, "at") == base + timedelta(days=1)
    assert offset("1 month", base, "at") == base.replace(month=12)
    assert offset("3 months 2 days", base, "at") == base.replace(year=2027, month=2, day=25)
    with pytest.raises(InvalidInput, match="calendar time"):
        offset("2 business days", base, "at")


def test_every_mistake_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x}\n"
        "    expect: {categroy: product}\n"
        "  - complaint: {text: y}\n"
        "    expect: {category: product}\n"
        "  - name: c\n"
        "    complaint: {text: z}\n"
        "    steps: [{respond: hi, close: true}]\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    problems = [(p.location.line, p.message) for p in caught.value.problems]
    assert (4, "unknown key 'categroy'") in problems
    assert (5, "every test needs a name saying what it shows") in problems
    assert (9, "one action per step (got respond, close)") in problems


def test_a_missing_policy_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nothing.tests.yaml"
    path.write_text("tests: [{name: a, complaint: {text: x}, expect: {category: c}}]\n", "utf-8")
    with pytest.raises(PolicyError, match="no policy at"):
        load_test_file(path)


@pytest.mark.parametrize(
    ("at", "said"), [("999999999 days", "100 years"), ("9999-12-31T00:00:00+00:00", "")]
)
def test_a_step_time_out_of_reach_is_a_located_error(tmp_path: Path, at: str, said: str) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "tests:\n"
        "  - name: a\n"
        "    complaint: {text: x, received_at: '9999-12-30T00:00:00+00:00'}\n"
        f"    steps: [{{at: '{at}', tick: true}}, {{at: 2 days, tick: true}}]\n"
        "    expect: {category: other}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    problems = [(p.location.line, p.message) for p in caught.value.problems]
    assert any(line == 4 and said in message for line, message in problems), problems


def _problems(tmp_path: Path, body: str) -> list[tuple[int | None, str]]:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text("tests:\n  - name: a\n    complaint: {text: x}\n" + body, "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    return [(p.location.line, p.location.path) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("expect", "path"),
    [
        ("{deadlines: [first_response]}", "tests[0].expect.deadlines"),
        ("{deadlines: {first_response: [2h]}}", "tests[0].expect.deadlines.first_response"),
        ("{tags: food_safety}", "tests[0].expect.tags"),
        ("{tags_include: [1]}", "tests[0].expect.tags_include[0]"),
        ("{escalations: lead}", "tests[0].expect.escalations"),
        ("{escalation_level: 0.9}", "tests[0].expect.escalation_level"),
        ("{escalation_level: true}", "tests[0].expect.escalation_level"),
        ("{category: [product]}", "tests[0].expect.category"),
        ("{compensation: 5}", "tests[0].expect.compensation"),
        ("{compensation: {totl: 5}}", "tests[0].expect.compensation.totl"),
        ("{compensation: {total: lots}}", "tests[0].expect.compensation.total"),
        ("{compensation: {remedies: refund}}", "tests[0].expect.compensation.remedies"),
        ("{compensation: {remedies: [refund ten]}}", "tests[0].expect.compensation.remedies[0]"),
        ("{compensation: {rows: a}}", "tests[0].expect.compensation.rows"),
        # a misspelt key of a remedy compared its kind alone: voucher 21 passed a voucher 20
        (
            "{compensation: {remedies: [{kind: voucher, amout: 21}]}}",
            "tests[0].expect.compensation.remedies[0].amout",
        ),
        (
            "{compensation: {remedies: [{kind: voucher, amount: 21 CNY, currency: CNY}]}}",
            "tests[0].expect.compensation.remedies[0].currency",
        ),
        # an amount no decision can equal: the test could only fail, for no stated reason
        ("{compensation: {total: NaN CNY}}", "tests[0].expect.compensation.total"),
        ("{compensation: {total: Infinity}}", "tests[0].expect.compensation.total"),
        ("{compensation: {remedies: [refund sNaN]}}", "tests[0].expect.compensation.remedies[0]"),
        # read only when compared: the run's error named the last step's line, not this one
        ("{deadlines: {first_response: 2 fortnights}}", "tests[0].expect.deadlines.first_response"),
        (
            "{deadlines: {first_response: '2026-11-23T11:00:00'}}",
            "tests[0].expect.deadlines.first_response",
        ),
        (
            "{deadlines: {first_response: '2026-13-45T00:00:00+08:00'}}",
            "tests[0].expect.deadlines.first_response",
        ),
        # Decimal would read full-width digits; no other amount text in complaintkit does
        ("{compensation: {total: \uff15\uff10\uff10 CNY}}", "tests[0].expect.compensation.total"),
        (
            "{compensation: {total: \uff15\uff10\uff10.\uff15\uff10}}",
            "tests[0].expect.compensation.total",
        ),
        (
            "{compensation: {remedies: [voucher \uff14\uff10 CNY]}}",
            "tests[0].expect.compensation.remedies[0]",
        ),
    ],
)
def test_an_expectation_of_the_wrong_shape_is_a_located_error(
    tmp_path: Path, expect: str, path: str
) -> None:
    # compared as written it crashed the run, compared characters or checked nothing
    assert (4, path) in _problems(tmp_path, f"    expect: {expect}\n")


@pytest.mark.parametrize(
    ("step", "path"),
    [
        ("close: false", "tests[0].steps[0].close"),
        ("tick: false", "tests[0].steps[0].tick"),
        ("propose_compensation: no", "tests[0].steps[0].propose_compensation"),
        ("follow_up: 4.9", "tests[0].steps[0].follow_up"),
        ("follow_up: 6", "tests[0].steps[0].follow_up"),
        ("follow_up: true", "tests[0].steps[0].follow_up"),
        ("respond: null", "tests[0].steps[0].respond"),
        ("transition: [closed]", "tests[0].steps[0].transition"),
        ("root_cause: {whys: because}", "tests[0].steps[0].root_cause.whys"),
        ("respond: hi, actor: null", "tests[0].steps[0].actor"),
        ("respond: hi, actor: no", "tests[0].steps[0].actor"),
        ("respond: hi, actor: 7", "tests[0].steps[0].actor"),
    ],
)
def test_a_step_value_of_the_wrong_shape_is_a_located_error(
    tmp_path: Path, step: str, path: str
) -> None:
    # close: false closed the case, follow_up: 4.9 recorded a 4, respond: null said 'None',
    # actor: null acted as 'None'
    body = f"    steps:\n      - {{at: 1h, {step}}}\n    expect: {{status: received}}\n"
    assert (5, path) in _problems(tmp_path, body)


@pytest.mark.parametrize(
    ("cause", "path"),
    [
        ("{fishbone: zzz, whys: [a], nature: systemic}", "root_cause.fishbone"),
        ("{fishbone: people, whys: [a]}", "root_cause.nature"),
        ("{fishbone: people, whys: [], nature: systemic}", "root_cause.whys"),
        # a misspelt key was left out of the recorded analysis, and the step passed
        (
            "{fishbone: people, whys: [a], nature: systemic, improvments: [x]}",
            "root_cause.improvments",
        ),
        ("{fishbone: people, whys: [a], nature: systemic, impact: [x]}", "root_cause.impact"),
    ],
)
def test_a_root_cause_the_desk_would_refuse_is_a_located_error(
    tmp_path: Path, cause: str, path: str
) -> None:
    # it ended the test with attrs' ValueError, its Attribute(...) repr and all
    body = (
        f"    steps:\n      - {{at: 1h, root_cause: {cause}}}\n    expect: {{status: received}}\n"
    )
    assert (5, f"tests[0].steps[0].{path}") in _problems(tmp_path, body)


def test_a_bad_received_at_for_the_whole_file_is_named_once_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(
        "received_at: yesterday\ntests:\n"
        "  - {name: a, complaint: {text: x}, expect: {category: c}}\n"
        "  - {name: b, complaint: {text: y}, expect: {category: c}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    assert [(p.location.line, p.location.path) for p in caught.value.problems] == [
        (1, "received_at")
    ]


@pytest.mark.parametrize(
    ("expect", "path"),
    [
        ("{}", "tests[0].expect"),
        ("{tags_include: []}", "tests[0].expect.tags_include"),
        ("{deadlines: {}}", "tests[0].expect.deadlines"),
        ("{compensation: {}}", "tests[0].expect.compensation"),
    ],
)
def test_an_expectation_that_checks_nothing_is_a_located_error(
    tmp_path: Path, expect: str, path: str
) -> None:
    # the test passed whatever the policy did: nothing was compared
    assert (4, path) in _problems(tmp_path, f"    expect: {expect}\n")


def test_an_empty_step_expect_is_a_located_error(tmp_path: Path) -> None:
    body = "    steps:\n      - {at: 1h, respond: hi, expect: {}}\n    expect: {status: received}\n"
    assert (5, "tests[0].steps[0].expect") in _problems(tmp_path, body)


def test_refused_in_a_tests_own_expect_is_a_located_error(tmp_path: Path) -> None:
    # it compared the gates' refusal of no step with (none) and failed every time
    assert (4, "tests[0].expect.refused") in _problems(tmp_path, "    expect: {refused: []}\n")


@pytest.mark.parametrize("name", ["2024", "yes", "[a]"])
def test_a_name_that_is_not_text_is_named_as_such(tmp_path: Path, name: str) -> None:
    # name: 2024 was told every test needs a name, which it has
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    path = tmp_path / "p.tests.yaml"
    path.write_text(f"tests:\n  - name: {name}\n    expect: {{status: received}}\n", "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(path)
    ((line, where, message),) = [
        (p.location.line, p.location.path, p.message) for p in caught.value.problems
    ]
    assert (line, where) == (2, "tests[0].name")
    assert "text" in message


@pytest.mark.parametrize(
    ("body", "path", "meant"),
    [
        ("    expect: {categroy: product}\n", "tests[0].expect.categroy", "category"),
        ("    expcet: {category: product}\n", "tests[0].expcet", "expect"),
        ("    steps: [{at: 1h, respnd: hi}]\n    expect: {status: received}\n", "", "respond"),
        ("    expect: {compensation: {totl: 5 CNY}}\n", "", "total"),
    ],
)
def test_an_unknown_key_close_to_a_known_one_says_which_was_meant(
    tmp_path: Path, body: str, path: str, meant: str
) -> None:
    # the hint listed every key, leaving the author to spot the typo
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    test_file = tmp_path / "p.tests.yaml"
    test_file.write_text("tests:\n  - name: a\n    complaint: {text: x}\n" + body, "utf-8")
    with pytest.raises(PolicyError) as caught:
        load_test_file(test_file)
    hints = [p.hint for p in caught.value.problems if p.message.startswith("unknown key")]
    assert any(f"did you mean {meant!r}?" in hint for hint in hints), hints
    if path:
        assert path in [p.location.path for p in caught.value.problems]


@pytest.mark.parametrize(
    ("steps", "path", "said"),
    [
        ("[{at: '2026-11-22T09:00:00+08:00', respond: hi}]", "steps[0].at", "received"),
        ("[{at: 5h, tick: true}, {at: 2h, respond: hi}]", "steps[1].at", "step 1"),
        ("[{at: 5h, tick: true}, {note: x}, {at: 4h, respond: hi}]", "steps[2].at", "step 1"),
    ],
)
def test_a_step_before_intake_or_before_an_earlier_step_is_a_located_error(
    tmp_path: Path, steps: str, path: str, said: str
) -> None:
    # found only when run: a step before receipt was said to be "before the one above"
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    test_file = tmp_path / "p.tests.yaml"
    test_file.write_text(
        "received_at: '2026-11-23T09:00:00+08:00'\ntests:\n  - name: a\n"
        f"    complaint: {{text: x}}\n    steps: {steps}\n    expect: {{status: received}}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(test_file)
    ((where, line, message),) = [
        (p.location.path, p.location.line, p.message) for p in caught.value.problems
    ]
    assert (where, line) == (f"tests[0].{path}", 5)
    assert said in message


def test_steps_at_the_same_instant_or_in_a_repeated_hour_are_in_order(tmp_path: Path) -> None:
    # 01:10 EST comes after 01:30 EDT on the night the clocks go back
    (tmp_path / "p.yaml").write_text("complaintkit: 1\n", "utf-8")
    test_file = tmp_path / "p.tests.yaml"
    test_file.write_text(
        "received_at: '2026-11-01T00:30:00-04:00'\ntests:\n  - name: a\n"
        "    complaint: {text: x}\n"
        "    steps: [{at: '2026-11-01T01:30:00-04:00', tick: true}, {note: x},"
        " {at: '2026-11-01T01:10:00-05:00', tick: true}, {at: 0h, tick: true}]\n"
        "    expect: {status: received}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_test_file(test_file)
    assert [p.location.path for p in caught.value.problems] == ["tests[0].steps[3].at"]
