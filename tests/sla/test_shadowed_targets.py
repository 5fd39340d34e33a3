"""A target row read after one that gives the same metric to every case (no ``when``, or
the identical ``when``) never applies to that metric: the first row naming a metric wins.
An author who lists the general row first and the special one after it (a service
complaint's 3个工作日 below an unconditional 1周) got the general deadline silently."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, sla: str) -> list[tuple[int | None, str, str, str]]:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("complaintkit: 1\nextends: ./base.yaml\n" + sla, "utf-8")
    return [
        (p.location.line, p.location.path, p.message, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]


def test_a_metric_below_an_unconditional_row_is_an_error_at_it(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "sla:\n"
        "  targets:\n"
        "    - when: {field: case.priority, ==: urgent}\n"
        "      first_response: 2h\n"
        "    - first_response: 24小时\n"
        "      resolution: 1周\n"
        "    - when: {field: case.category, ==: service}\n"
        "      resolution: 3个工作日\n",
    )
    ((line, path, message, hint),) = found
    assert (line, path) == (10, "sla.targets[2].resolution")
    assert "sla.targets[1]" in message
    assert "every case" in message
    assert "p.yaml:7" in message
    assert "before" in hint


def test_the_identical_condition_shadows_too(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "sla:\n"
        "  targets:\n"
        "    - when: {field: case.priority, ==: urgent}\n"
        "      first_response: 2h\n"
        "    - when: {field: case.priority, ==: urgent}\n"
        "      first_response: 1h\n"
        "      resolution: 24h\n",
    )
    ((line, path, message, _hint),) = found
    assert (line, path) == (8, "sla.targets[1].first_response")
    assert "identical" in message


def test_rows_each_giving_their_own_metrics_are_fine(tmp_path: Path) -> None:
    assert (
        _problems(
            tmp_path,
            "sla:\n"
            "  targets:\n"
            "    - when: {field: case.priority, ==: urgent}\n"
            "      resolution: 24h\n"
            "    - first_response: 24h\n"
            "    - when: {field: case.priority, ==: high}\n"
            "      resolution: 3 business days\n"
            "    - resolution: 5 business days\n",
        )
        == []
    )


def test_a_metric_whose_values_an_earlier_row_takes_is_an_error_at_it(tmp_path: Path) -> None:
    """``in: [urgent, high]`` then ``==: high``: every high case gets the first row's 24h,
    so the second row's 48h never applied, and loaded silently."""
    found = _problems(
        tmp_path,
        "sla:\n"
        "  targets:\n"
        "    - when: {field: case.priority, in: [urgent, high]}\n"
        "      resolution: 24h\n"
        "    - when: {field: case.priority, ==: high}\n"
        "      resolution: 48h\n"
        "    - when: {field: case.priority, in: [high, normal]}\n"
        "      resolution: 72h\n",
    )
    ((line, path, message, _),) = found
    assert (line, path) == (8, "sla.targets[1].resolution")
    assert "sla.targets[0]" in message
    assert "case.priority == 'high' lies within case.priority in ['high', 'urgent']" in message


def test_a_metric_whose_range_an_earlier_row_holds_is_an_error_at_it(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "sla:\n"
        "  targets:\n"
        "    - when: {field: complaint.amount, '>=': 1000}\n"
        "      resolution: 24h\n"
        "    - when: {field: complaint.amount, '>=': 5000}\n"
        "      resolution: 4h\n",
    )
    ((_, path, message, _),) = found
    assert path == "sla.targets[1].resolution"
    assert "complaint.amount >= 5000 lies within complaint.amount >= 1000" in message
