"""One ``complaintkit validate`` run reports every mistake it can: a schema error in one
section hides nothing in another, nor in the sections that read it, each problem at its
own line, once."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

THREE_MISTAKES = """\
complaintkit: 1
extends: ./base.yaml
sla:
  targets:
    - first_response: 24h
      resolution: 48h
      bogus: 1
templates:
  ack:
    en:
      subject: "We received {case.id}"
      body: "We will reply by {case.nmae}."
notifications:
  notifiers:
    log: {type: log}
  rules:
    - {"on": opened, notify: [customer], via: log, template: ack}
compensation:
  currency: CNY
  rules:
    - id: r1
      when: {field: complaint.amount, ">": 0}
      remedies:
        - {kind: voucher, amount: 12x}
"""


def _policy(tmp_path: Path, text: str) -> Path:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    return path


def test_schema_template_and_amount_mistakes_in_one_json_report(tmp_path: Path) -> None:
    path = _policy(tmp_path, THREE_MISTAKES)
    result = CliRunner().invoke(CLI, ["validate", "--json", str(path)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    (policy,) = report["policies"]
    errors = [p for p in policy["problems"] if p["severity"] == "error"]
    lines = {p["path"]: p["line"] for p in errors}
    assert lines["sla.targets[0].bogus"] == 7
    assert lines["templates.ack.en.body"] == 12
    assert lines["compensation.rules[0].remedies[0].amount"] == 24
    assert len(errors) == 3
    spots = [(p["line"], p["column"], p["message"]) for p in errors]
    assert len(spots) == len(set(spots))


def test_a_schema_error_in_the_vocabulary_hides_no_table_mistake(tmp_path: Path) -> None:
    """categories with a schema error: classification and routing, which read it, are
    still checked (their typos were only reported once the vocabulary was fixed)."""
    text = BASE.read_text("utf-8").replace(
        "  other: {label: {zh: 其他, en: Other}}",
        "  other: {label: {zh: 其他, en: Other}, bogus: 1}",
    )
    text = text.replace("then: {team: quality}", "then: {team: qualty}")
    text = text.replace("when: {keywords: [变质, spoiled]}", "when: {field: complaint.chanel}")
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    errors = [p for p in check_policy(path) if p.severity == "error"]
    paths = [p.location.path for p in errors]
    assert "categories.other.bogus" in paths
    assert "classification.rules[0].when" in paths or any(
        p.startswith("classification.rules[0].when") for p in paths
    )
    assert "routing.rules[0].then.team" in paths
    assert all(p.location.line for p in errors)
    assert len(paths) == len(set(paths))


def test_a_condition_mistake_hides_no_unknown_id_in_the_same_table(tmp_path: Path) -> None:
    path = _policy(
        tmp_path,
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        "    - id: spoiled\n      when: {field: complaint.chanel, ==: web}\n"
        "      then: {category: prodct, severity: critical, priority: urgent}\n",
    )
    errors = [p for p in check_policy(path) if p.severity == "error"]
    by_path = {p.location.path: p for p in errors}
    assert "classification.rules[0].when.field" in by_path
    assert by_path["classification.rules[0].then.category"].location.line == 7
    assert len(errors) == len(by_path)
