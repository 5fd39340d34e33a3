"""What a policy author sees when an expectation is wrong (complaintkit.policytest.diff)."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policytest import Runner, render

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(f"policy: {RETAIL}\ncomplaint: {{customer: {{id: C-1}}}}\n{body}", "utf-8")
    return path


def test_broken_expectation_shows_expected_actual_and_the_deciding_rule(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: rude cashier\n"
        "    complaint: {text: 收银员态度很差}\n"
        "    expect: {category: price, owner: amy.store, tags: [vip]}\n",
    )
    (result,) = Runner().run_file(path)
    assert not result.passed
    assert render(result).splitlines() == [
        f"FAIL {path}:4  rude cashier",
        "  at intake (line 4):",
        "    category  expected: price",
        "              actual:   service",
        "              (classification[0]: row 'service' (classification[0].rules[7]) matched"
        " → category='service', severity='minor', priority='normal')",
        "    tags      expected: [vip]",
        "              actual:   []",
        "              (missing ['vip']; classification[0]: row 'service'"
        " (classification[0].rules[7]) matched → category='service', severity='minor',"
        " priority='normal')",
    ]


def test_wrong_deadline_is_shown_in_local_time_with_hours_after_intake(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {deadlines: {first_response: 24h}}\n",
    )
    text = render(Runner().run_file(path)[0])
    assert (
        "deadlines.first_response  expected: 2026-11-24T09:00:00+08:00 (+24h after intake)" in text
    )
    assert "actual:   2026-11-23T11:00:00+08:00 (+2h after intake)" in text


def test_failing_step_names_its_line_and_time(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: unanswered\n"
        "    complaint: {text: 面包里有异物}\n"
        "    steps:\n"
        "      - {at: 3h, tick: true, expect: {escalations: []}}\n",
    )
    text = render(Runner().run_file(path)[0])
    assert "step 1 (tick, 3h after intake) (line 7):" in text
    assert "escalations  expected: []" in text
    assert "actual:   [unanswered]" in text


def test_wrong_compensation_shows_the_rows_that_decided(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: late\n"
        "    complaint: {text: 送货上门晚了}\n"
        "    expect: {compensation: {total: 50 CNY, remedies: [voucher 50 CNY, apology]}}\n",
    )
    text = render(Runner().run_file(path)[0])
    assert "compensation.total     expected: 50 CNY" in text
    assert "actual:   20.00 CNY" in text
    assert "actual:   [voucher 20.00 CNY, apology]" in text
    assert "(decided by row(s) late-delivery)" in text


def test_an_illegal_step_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: closed too early\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps:\n"
        "      - {transition: closed}\n"
        "    expect: {status: closed}\n",
    )
    (result,) = Runner().run_file(path)
    assert result.error is not None
    assert "cannot go from 'received' to 'closed'" in result.error
    assert "error at line 7" in render(result)


def test_an_illegal_steps_error_names_the_step_not_the_case_id(tmp_path: Path) -> None:
    # it began "case CK-01J…: cannot go from …", an id that differs every run
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: closed before it was resolved\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps:\n"
        "      - {at: 1h, respond: 收到}\n"
        "      - {at: 2h, close: true}\n"
        "    expect: {status: closed}\n",
    )
    (result,) = Runner().run_file(path)
    (again,) = Runner().run_file(path)
    assert result.error is not None
    assert result.error == again.error  # the same words every run
    assert result.error.startswith("step 2 (close, 2h after intake): cannot go from ")
    assert "CK-" not in result.error
    assert "error at line 8: step 2 (close" in render(result)


def test_a_gate_refusing_a_step_names_the_step_and_speaks_of_the_case(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: closed without a root cause\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps:\n"
        "      - {at: 1h, respond: 收到}\n"
        "      - {resolve: 退款}\n"
        "      - {close: true}\n"
        "    expect: {status: closed}\n",
    )
    (result,) = Runner().run_file(path)
    assert result.error is not None
    assert result.error.startswith(
        "step 2 (resolve, 1h after intake): the case cannot become 'resolved' yet: record "
    )
    assert "CK-" not in result.error


def test_a_step_before_a_later_earlier_complaint_names_the_step_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: earlier complaint after intake\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    earlier: [{text: 又坏了, received_at: '2026-11-24T09:00:00+08:00'}]\n"
        "    steps: [{at: 1h, tick: true}]\n"
        "    expect: {status: received}\n",
    )
    (result,) = Runner().run_file(path)
    assert result.error == (
        "step 1 (tick, 1h after intake): it is before the test's clock (2026-11-24T09:00:00+08:00)"
    )


def test_passing_test_renders_nothing(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n  - name: ok\n    complaint: {text: 牛奶变质了}\n    expect: {owner: li.na}\n",
    )
    (result,) = Runner().run_file(path)
    assert result.passed
    assert render(result) == ""


def test_a_deadline_written_as_a_duration_ends_as_the_target_does(tmp_path: Path) -> None:
    """FCA DISP 1.6.2R's eight weeks end at 24:00 (``ends: end_of_day``); an expectation of
    "8 weeks" means that deadline, not 10:00 on the last day."""
    fca = RETAIL.parents[1] / "regulatory" / "fca-disp.yaml"
    path = tmp_path / "fca.tests.yaml"
    path.write_text(
        f"policy: {fca}\n"
        'received_at: "2025-03-03T10:00:00+00:00"\n'
        "complaint: {channel: email, customer: {id: C-7}, text: My payment was misapplied}\n"
        "tests:\n"
        "  - name: eight weeks\n"
        "    expect: {deadlines: {disp_response: 8 weeks, summary_resolution: 3 business days}}\n",
        "utf-8",
    )
    (result,) = Runner().run_file(path)
    assert render(result) == ""


def test_a_metric_the_policy_does_not_declare_fails_even_expected_as_null(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tests:\n"
        "  - name: misspelt\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {deadlines: {first_respons: null}}\n"
        "  - name: declared but never started\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    expect: {deadlines: {first_response: 2h}}\n",
    )
    misspelt, declared = Runner().run_file(path)
    assert not misspelt.passed
    assert "the policy has no first_respons metric (metrics: " in render(misspelt)
    assert "first_response" in render(misspelt)
    assert declared.passed, render(declared)
