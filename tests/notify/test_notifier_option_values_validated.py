"""A built-in notifier's option of the right type but a value it refuses (a sender that is
two addresses, a login in clear text to a remote relay, a webhook secret too short, a log
level that is none, a timeout of 0) passed ``validate``, which read only the factory's
signature, and then stopped every command — intake, deliver, even ``outbox`` and
``dead-letters list`` — with a message naming neither the notifier nor the file. It is a
``validate`` error at the notifier now; a plugin's notifier, which ``validate`` does not
build, refusing a value costs that notifier's messages, named (test_notifier_refusing_its_options)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_notifier_options_validated import PLUGINS, POLICY

import complaintkit
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.hookspecs import Register
from complaintkit.notify.unbuilt import Unbuilt
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import check_policy

SOUND = POLICY.replace("{type: smtp}", "{type: smtp, options: {sender: care@shop.example}}")
SOUND = SOUND.replace("密钥: abc", "timeout: 5")
REFUSED = {
    "mail": "{type: smtp, options: {sender: 'a@shop.example, b@shop.example'}}",
    "hook": '{type: webhook, options: {url: "https://hooks.example/x", secret: short}}',
    "log": "{type: log, options: {level: LOUD}}",
}
WRITTEN = {
    "mail": "{type: smtp, options: {sender: care@shop.example}}",
    "hook": '{type: webhook, options: {url: "https://hooks.example/x", timeout: 5}}',
    "log": "{type: log}",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_value_a_notifier_refuses_is_a_located_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(SOUND.replace(WRITTEN[name], REFUSED[name]), encoding="utf-8")
    errors = [p for p in check_policy(path, PLUGINS) if p.severity == "error"]
    assert [p.location.path for p in errors] == [f"notifications.notifiers.{name}"]
    assert f"notifier {name!r}" in errors[0].message
    result = CliRunner().invoke(build_cli(PLUGINS), ["validate", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


class _Sms:
    """A plugin's notifier refusing a value when built (``validate`` builds no plugin's)."""

    def __init__(self, *, sender: str) -> None:
        if not sender.isdigit():
            raise ConfigError(f"sms notifier: sender {sender!r} is no number")

    def send(self, message: object) -> None:
        pass


class _SmsPlugin:
    @complaintkit.hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("sms", _Sms)


def test_a_desk_on_such_a_policy_names_the_notifier(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    text = SOUND.replace(WRITTEN["log"], "{type: sms, options: {sender: shop}}")
    path.write_text(text.replace("via: mail", "via: log"), encoding="utf-8")
    pm = plugin_manager(load_entrypoints=False)
    pm.register(_SmsPlugin(), name="sms-gateway")
    desk = Desk(path, storage="memory:", plugins=Plugins(pm))  # it costs that notifier's mail
    assert desk.notifications is not None
    unbuilt = desk.notifications.notifiers["log"]
    assert isinstance(unbuilt, Unbuilt)
    assert "notifier 'log'" in unbuilt.reason
    assert "'shop' is no number" in unbuilt.reason


def test_the_sound_policy_validates(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(SOUND, encoding="utf-8")
    assert [p for p in check_policy(path, PLUGINS) if p.severity == "error"] == []
