"""An expectation naming an id the policy does not declare is an error in the tests file.

Found checking policy authoring: ``expect: {category: produce}`` against a policy whose
categories are product, service… ran and showed as an ordinary FAIL, as though the policy
had decided wrongly; the test could never pass. It is refused before any test runs, at its
line, with the id the policy has that it most likely meant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest.runner import Runner

SUPERMARKET = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _problems(
    tmp_path: Path, expect: str, step_expect: str = "{status: received}"
) -> list[Problem]:
    path = tmp_path / "shop.tests.yaml"
    path.write_text(
        f"policy: {SUPERMARKET}\n"
        "complaint: {channel: web, customer: {id: C-1}}\n"
        "tests:\n"
        "  - name: milk\n"
        "    complaint: {text: 牛奶变质了}\n"
        "    steps:\n"
        f"      - {{at: 1h, tick: true, expect: {step_expect}}}\n"
        f"    expect: {expect}\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        Runner().load_file(path)
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("key", "written", "meant"),
    [
        ("category", "produce", "product"),
        ("severity", "critcal", "critical"),
        ("priority", "urgnt", "urgent"),
        ("team", "qualty", "quality"),
    ],
)
def test_an_unknown_id_is_named_at_its_line_with_the_one_meant(
    tmp_path: Path, key: str, written: str, meant: str
) -> None:
    [problem] = _problems(tmp_path, f"{{{key}: {written}}}")
    assert problem.location.file.endswith("shop.tests.yaml")
    assert problem.location.line == 8
    assert problem.location.path == f"tests[0].expect.{key}"
    assert repr(written) in problem.message
    assert f"did you mean {meant!r}?" in problem.hint


def test_every_unknown_id_is_named_steps_included(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "{category: produce, team: nobody}", "{severity: dire}")
    assert {p.location.path for p in problems} == {
        "tests[0].expect.category",
        "tests[0].expect.team",
        "tests[0].steps[0].expect.severity",
    }
    assert {p.location.line for p in problems} == {7, 8}


def test_the_ids_the_policy_declares_are_accepted(tmp_path: Path) -> None:
    catalog = load_policy(SUPERMARKET).catalog
    assert catalog is not None
    path = tmp_path / "shop.tests.yaml"
    expect = {
        "category": next(iter(catalog.categories)),
        "severity": next(iter(catalog.severities)),
        "priority": next(iter(catalog.priorities)),
        "team": next(iter(catalog.teams)),
    }
    written = ", ".join(f"{k}: {v}" for k, v in expect.items())
    path.write_text(
        f"policy: {SUPERMARKET}\ncomplaint: {{channel: web, customer: {{id: C-1}}}}\n"
        f"tests:\n  - name: a\n    complaint: {{text: x}}\n    expect: {{{written}}}\n",
        "utf-8",
    )
    assert len(Runner().load_file(path).tests) == 1
