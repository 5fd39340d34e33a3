"""An agent's name is the actor recorded on each step they send, so it must be one a step
takes: an id (one line of visible text, no blank at either end) and not ``system``. A name
that is not was accepted when the server started, and every step that agent then sent was
refused (422, ``actor``), however right the request; the server now refuses to start,
naming the agent, as it refuses a token anyone could send."""

from __future__ import annotations

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError

AGENT = "agent-token-0123456789"
OTHER = "other-token-0123456789"


@pytest.mark.parametrize(
    "name", ["system", "li.na ", " li.na", "li.na\n", "\u202eanil", "li\u200bna", " "]
)
def test_an_agent_whose_name_no_step_takes_is_refused_at_start(name: str) -> None:
    with pytest.raises(ConfigError) as refused:
        create_app(Desk(), agent_tokens={OTHER: "chen.jing", AGENT: name})
    assert repr(name) in str(refused.value)
    assert "agent" in str(refused.value)


@pytest.mark.parametrize("name", ["li.na", "王芳", "Li Na", "qa.zhou"])
def test_agents_named_by_ids_start(name: str) -> None:
    create_app(Desk(), agent_tokens={AGENT: name})
