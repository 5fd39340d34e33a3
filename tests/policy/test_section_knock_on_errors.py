"""A section the policy cannot use beyond the vocabulary left errors it alone raised, each
listed beside it, some before it: ``sla:`` left empty (or ``sla.metrics``) made every
escalation level watching a metric 'unknown metric', ``sla.targets`` of the wrong type
told each ladder's level 'watches a metric no target row gives', ``templates:`` left empty
'template … is not defined' at every rule and action naming one, ``notifications:`` 'no
notifier is defined' at each notify action. Those follow from the one mistake: the root is
the error, its hint counting them, as for the vocabulary (test_teams_knock_on_errors)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from complaintkit.policy.compiled import check_policy

ROOT = Path(__file__).parents[2]
SAMR = ROOT / "policies" / "regulatory" / "samr-complaints.yaml"
SHOP = ROOT / "policies" / "ecommerce" / "online-shop.yaml"
DEMO = ROOT / "src" / "complaintkit" / "demo" / "policy.yaml"


def mutated(tmp_path: Path, policy: Path, path: str, value: Any) -> Path:
    data = yaml.safe_load(policy.read_text("utf-8"))
    node = data
    *above, last = path.split(".")
    for key in above:
        node = node[key]
    node[last] = copy.deepcopy(value)
    out = tmp_path / policy.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
    return out


@pytest.mark.parametrize(
    ("policy", "path", "value", "followed"),
    [
        (SAMR, "sla", None, True),
        (SAMR, "sla.metrics", None, True),
        (SAMR, "sla.metrics", ["acceptance"], False),  # read as no metrics: hides none
        (SAMR, "sla.targets", None, True),
        (SAMR, "sla.targets", 12, True),
        (SAMR, "sla.targets", "3 days", True),
        (SHOP, "templates", None, True),
        (SHOP, "templates", ["acknowledgement"], False),
        (DEMO, "templates", None, True),
        (DEMO, "notifications", None, True),
        (DEMO, "notifications", "mail", False),
    ],
    ids=lambda v: str(v).rsplit("/", 1)[-1],
)
def test_a_section_the_policy_cannot_use_is_the_one_error(
    tmp_path: Path, policy: Path, path: str, value: Any, followed: bool
) -> None:
    errors = [
        p for p in check_policy(mutated(tmp_path, policy, path, value)) if p.severity == "error"
    ]
    assert len(errors) == 1, [(p.location.path, p.message) for p in errors]
    (root,) = errors
    assert root.location.path == path
    assert root.location.line is not None
    assert root.hint.endswith("fix this first") == followed, root.hint


def test_a_metric_misspelt_beside_usable_metrics_is_still_named(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMR.read_text("utf-8"))
    level = data["escalation"]["ladders"][0]["levels"][0]
    level["trigger"]["sla"] = "acceptanse"
    out = tmp_path / "samr.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")
    errors = [p for p in check_policy(out) if p.severity == "error"]
    assert [p.location.path for p in errors] == ["escalation.ladders[0].levels[0].trigger.sla"]
