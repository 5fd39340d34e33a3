"""``notifications.publish`` names notifiers that get every case event: one whose type
cannot publish (``log``, ``smtp``) is a located error of ``validate``, not a Desk that
refuses to start."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import checked_policy

PLUGINS = Plugins(plugin_manager(load_entrypoints=False))
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

POLICY = """\
complaintkit: 1
extends: {base}
templates:
  ack:
    en: {{subject: s, body: b}}
notifications:
  notifiers:
    hook: {{type: webhook, options: {{url: "https://ops.example.com/c", secret: k-1234567890abcdef}}}}
    mail: {{type: {kind}}}
  publish: [hook, mail]
"""


def _write(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "policy.yaml"
    text = POLICY.format(base=BASE, kind=kind)
    # an smtp needs its sender and a webhook its url, else that is an error of its own
    text = text.replace("{type: smtp}", "{type: smtp, options: {sender: care@shop.example}}")
    text = text.replace("{type: webhook}", '{type: webhook, options: {url: "https://b.example"}}')
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["log", "smtp"])
def test_publishing_through_a_notifier_that_cannot_is_a_located_error(
    tmp_path: Path, kind: str
) -> None:
    policy, problems = checked_policy(_write(tmp_path, kind), PLUGINS)
    assert policy is None
    [problem] = [p for p in problems if p.severity == "error"]
    assert problem.location.path == "notifications.publish[1]"
    assert (problem.location.line, problem.location.column) == (10, 19)
    assert "'mail'" in problem.message
    assert kind in problem.message


def test_validate_exits_1_naming_the_notifier(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(PLUGINS), ["validate", str(_write(tmp_path, "log"))])
    assert result.exit_code == 1
    assert "policy.yaml:10:19 (at notifications.publish[1])" in result.output


def test_a_notifier_that_publishes_is_accepted(tmp_path: Path) -> None:
    policy, problems = checked_policy(_write(tmp_path, "webhook"), PLUGINS)
    assert policy is not None, problems
