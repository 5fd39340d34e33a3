"""A notifier missing its settings (an ``smtp`` without ``sender``, a ``webhook`` without
``url``) or given one its type does not take is a ``validate`` error at the notifier, not a
policy that validates and then stops every command with an unlocated message."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy

PLUGINS = Plugins(plugin_manager(load_entrypoints=False))

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {product: {label: 产品}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服, default_owner: chen.jing}}
classification:
  rules: []
  default: {category: product, severity: minor, priority: normal}
routing: {rules: [], default: {team: desk}}
templates:
  ack:
    zh: {subject: "已受理 {case.id}", body: "您好"}
notifications:
  notifiers:
    mail: {type: smtp}
    hook: {type: webhook, options: {url: "https://hooks.example/x", 密钥: abc}}
    log: {type: log}
  rules:
    - {"on": opened, notify: [customer], via: mail, template: ack}
"""


def test_a_notifier_without_its_settings_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    problems = {p.location.path: p for p in check_policy(path, PLUGINS) if p.severity == "error"}
    mail = problems["notifications.notifiers.mail"]
    assert "'sender'" in mail.message
    assert mail.location.line == 17
    assert "options: {sender:" in mail.hint
    hook = problems["notifications.notifiers.hook"]
    assert "'密钥'" in hook.message
    assert "secret" in hook.message
    assert "notifications.notifiers.log" not in problems
    result = CliRunner().invoke(build_cli(PLUGINS), ["validate", str(path)])
    assert result.exit_code == 1
    assert "policy.yaml:17:" in result.output
    assert "Traceback" not in result.output


def test_notifiers_with_their_settings_validate(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    text = POLICY.replace("{type: smtp}", "{type: smtp, options: {sender: care@shop.example}}")
    path.write_text(text.replace("密钥: abc", "timeout: 5"), encoding="utf-8")
    assert [p for p in check_policy(path, PLUGINS) if p.severity == "error"] == []
