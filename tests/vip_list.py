"""A plugin whose operator a policy's conditions ask, for the tests of what its failing
costs: ``vip-list``, whose ``vip_owner`` answers ``False`` until a test makes it raise or
answer something else; the head of a policy written for it; and an escalation ladder whose
``when`` asks it, read again at every change a case goes through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import complaintkit
from complaintkit.plugins import Plugins, plugin_manager

#: A policy's opening sections, before what a test asks the plugin about.
HEAD = """\
complaintkit: 1
name: tested-by-a-plugin
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
classification:
  - rules: []
    default: {category: other, severity: minor, priority: normal}
routing: {rules: [], default: {owner: chen.jing}}
"""
#: SLA targets and an escalation ladder whose ``when`` asks ``vip_owner`` of the owner.
LADDER = """\
sla:
  targets: [{first_response: 24h, resolution: 10d}]
escalation:
  ladders:
    - name: vip
      when: {field: case.owner, vip_owner: x}
      levels:
        - {name: lead, trigger: {sla: resolution, elapsed: 0.8}, actions: [{add_tags: [vip]}]}
"""


def unreachable(value: object) -> bool:
    """A VIP list that cannot be reached."""
    raise RuntimeError("the VIP list is unreachable")


def says_no(value: object) -> Any:
    """A VIP list that answers text, not ``True`` or ``False``."""
    return "no"


class VipList:
    """The ``vip-list`` plugin: ``vip_owner`` answers as ``test`` does when asked."""

    def __init__(self, test: Callable[[object], Any] = lambda value: False) -> None:
        self.test = test

    def tested(self, value: object) -> Any:
        """``test``'s answer: the one in force now, not the one when the policy loaded."""
        return self.test(value)

    @complaintkit.hookimpl
    def register_operators(self, register: Callable[..., None]) -> None:
        register("vip_owner", lambda argument: self.tested)

    def plugins(self) -> Plugins:
        """The plugins a desk runs: this one, none installed."""
        pm = plugin_manager(load_entrypoints=False)
        pm.register(self, name="vip-list")
        return Plugins(pm)
