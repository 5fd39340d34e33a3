"""The incidents policy section compiles to rules and names the place of every mistake."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from complaintkit.errors import Location, PolicyError
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import IncidentPolicy, SpikeRule, WindowRule, compile_incidents
from complaintkit.reports.policy import SCHEMA


def locate(path: str) -> Location:
    return Location("policy.yaml", 7, 3, path)


def test_compiles_batches_and_spikes() -> None:
    data = {
        "batches": [{"key": "attributes.batch", "min_cases": 5, "window_hours": 168}],
        "spikes": [{"dimension": "product", "k": 4}],
    }
    jsonschema.validate(data, SCHEMA)
    assert compile_incidents(data, "incidents", locate) == IncidentPolicy(
        (WindowRule("attributes.batch", 5, 168),), (SpikeRule("product", k=4),)
    )


def test_missing_section_gives_default_spike_watch() -> None:
    assert compile_incidents(None, "incidents", locate).spikes == (
        SpikeRule("category"),
        SpikeRule("product"),
    )


def test_errors_name_the_location() -> None:
    with pytest.raises(PolicyError) as caught:
        compile_incidents(
            {"batches": [{"key": "sku", "min_cases": 3, "window_hours": 1}]}, "incidents", locate
        )
    assert "policy.yaml:7:3 (at incidents.batches[0])" in str(caught.value)


def test_the_documented_incidents_section_compiles() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(.*?)```", docs, flags=re.S)
    data = yaml.safe_load(block)["incidents"]
    jsonschema.validate(data, SCHEMA)
    compiled = compile_incidents(data, "incidents", locate)
    assert compiled.batches[1] == WindowRule("attributes.batch", 5, 168, quiet_hours=48)


RETAIL = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"


@pytest.mark.parametrize(
    "rule",
    [
        "{dimension: category, k: .nan}",
        "{dimension: category, max_p: .nan}",
        "{dimension: category, k: .inf}",
        "{dimension: category, min_count: .nan}",
    ],
)
def test_a_spike_rule_that_is_not_a_finite_number_is_refused(tmp_path: Path, rule: str) -> None:
    """YAML's .nan passes the schema's bounds (every comparison with NaN is false) and made
    every day of every key a spike; it is refused where it is written."""
    text = RETAIL.read_text(encoding="utf-8")
    assert "incidents:\n  batches:\n" in text
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        text.replace("incidents:\n  batches:\n", f"incidents:\n  spikes: [{rule}]\n  batches:\n"),
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as caught:
        load_policy(policy)
    assert "incidents.spikes[0]" in str(caught.value)
