"""``complaintkit explain`` as a Chinese organisation reads it: which keyword a row found,
deadlines in the zone the policy keeps time in, and outcomes spelt as YAML writes them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))

POLICY = """\
complaintkit: 1
name: 测试
version: "1"
categories: {food_safety: {label: 食品安全}, other: {label: 其他}}
severities: {high: {label: 高}}
priorities: {normal: {label: 一般}}
teams: {qa: {label: 品控, default_owner: li.na}}
calendars:
  store: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
classification:
  - hit_policy: first
    rules:
      - id: fs
        when: {keywords: [异物, 变质, Mould, 发霉]}
        then: {category: food_safety, severity: high, priority: normal, tags: [食品, "12315"]}
    default: {category: other, severity: high, priority: normal}
routing:
  hit_policy: first
  rules: []
  default: {team: qa}
"""
#: MOULD as a Chinese input method types it in full-width mode
WIDE_MOULD = "\uff2d\uff2f\uff35\uff2c\uff24"
LADDER = """\
escalation:
  ladders:
    - name: standard
      levels:
        - name: late
          trigger: {sla: resolution, elapsed: 1.0}
          actions: [{add_tags: [late]}]
"""


def explain(tmp_path: Path, policy: str, text: str, *options: str) -> str:
    (tmp_path / "p.yaml").write_text(policy, "utf-8")
    complaint = {
        "channel": "web",
        "external_id": "x1",
        "received_at": "2026-11-20T17:30:00+08:00",
        "text": text,
        "customer": {"id": "C1"},
    }
    (tmp_path / "c.json").write_text(json.dumps(complaint, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(
        CLI, ["explain", *options, str(tmp_path / "p.yaml"), str(tmp_path / "c.json")]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_keywords_row_that_fired_names_the_words_it_found(tmp_path: Path) -> None:
    lines = explain(tmp_path, POLICY, "牛奶變質了还有" + WIDE_MOULD).splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("  ✓ fs"))
    assert (
        lines[row + 1]
        == f"      found: 变质 (the text has 變質), Mould (the text has {WIDE_MOULD})"
    )


def test_the_found_words_are_in_the_json_too(tmp_path: Path) -> None:
    data = json.loads(explain(tmp_path, POLICY, "有异物", "--json"))
    (row,) = data["blocks"][0]["rows"]
    assert row["found"] == [{"keyword": "异物", "as_written": "异物"}]


def test_a_word_found_in_another_case_shows_the_case_the_text_used(tmp_path: Path) -> None:
    output = explain(tmp_path, POLICY, "chocolate, MOULD and mould")
    assert "      found: Mould (the text has MOULD)\n" in output


def test_a_row_that_found_a_word_as_the_policy_spells_it_says_only_the_word(
    tmp_path: Path,
) -> None:
    output = explain(tmp_path, POLICY, "面包发霉里面有异物")
    assert "      found: 异物, 发霉\n" in output


def test_outcomes_are_spelt_as_yaml_writes_them(tmp_path: Path) -> None:
    output = explain(tmp_path, POLICY, "有异物")
    assert (
        "=> rows fs selected: {category: food_safety, severity: high, priority: normal, "
        "tags: [食品, '12315']}" in output
    )
    assert "  category: food_safety\n" in output
    assert "  tags: [食品, '12315']\n" in output
    assert "'food_safety'" not in output


def test_a_ladder_fires_in_the_zone_of_the_clock_it_watches(tmp_path: Path) -> None:
    policy = POLICY + "sla:\n  targets:\n    - {calendar: store, resolution: 3 business days}\n"
    output = explain(tmp_path, policy + LADDER, "有异物")
    assert "due 2026-11-25T18:00:00+08:00" in output
    assert "1. late: 100% of resolution elapsed — fires 2026-11-25T18:00:00+08:00" in output
    assert "+00:00" not in output


def test_the_24x7_default_says_its_days_are_utc_days(tmp_path: Path) -> None:
    policy = POLICY + "sla:\n  targets:\n    - {resolution: 1 business day}\n"
    output = explain(tmp_path, policy, "有异物")
    assert (
        "calendar: 24x7 (the default calendar: every hour counts, and its days run "
        "midnight to midnight UTC; sla.calendar: store would count them in Asia/Shanghai)"
    ) in output


def test_the_24x7_default_of_a_policy_without_calendars_says_utc(tmp_path: Path) -> None:
    bare = POLICY.replace(
        'calendars:\n  store: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}\n', ""
    )
    output = explain(tmp_path, bare + "sla:\n  targets:\n    - {resolution: 3 days}\n", "有异物")
    assert (
        "calendar: 24x7 (the default calendar: every hour counts, and its days run "
        "midnight to midnight UTC; declare a calendar with your timezone to count them there)"
    ) in output
