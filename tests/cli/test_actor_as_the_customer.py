"""``customer:<id>`` is the actor of what a customer does themselves — an answer on their
status page, a reply to a letter — which the history, the letters and replay read as the
customer's own act. A member of staff giving it as ``--actor`` (or an agent so named on the
server) recorded the acceptance they typed as the customer's, so the audit trail said the
customer answered on their page; it is refused naming ``--actor`` (at start, naming the
agent), nothing stored: staff record what a customer told them under their own name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.api.app import create_app
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.plugins import Plugins, plugin_manager


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("actor", ["customer:c1", "customer:sha256:" + "0" * 64])
@pytest.mark.parametrize("step", [["note", "客户来电"], ["respond", "好的"]])
def test_staff_cannot_act_as_the_customer(tmp_path: Path, actor: str, step: list[str]) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=db)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "M-1",
            "received_at": "2026-12-01T10:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "买的牛奶变质了",
        }
    )
    before = desk.history(case.id)
    desk.storage.close()
    result = run("--db", db, "cases", step[0], case.id, step[1], "--actor", actor)
    assert result.exit_code == 2, result.output
    assert "--actor" in result.output
    assert "customer" in result.output
    assert Desk(storage=db).history(case.id) == before


def test_an_agent_named_as_a_customer_is_refused_at_start() -> None:
    with pytest.raises(ConfigError) as refused:
        create_app(Desk(), agent_tokens={"agent-token-0123456789": "customer:c1"})
    assert "customer:c1" in str(refused.value)
