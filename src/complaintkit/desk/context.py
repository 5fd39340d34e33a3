"""What complaintkit hands plugins that work with the running system.

Channel and notifier factories that declare a ``context`` parameter, plugin CLI commands
(through :func:`complaintkit.cli.context.pass_plugin_context`) and every ``case_event``
implementation that asks for it get one ``PluginContext``: the Desk, and through it the
storage, clock and policy, plus the configuration the Desk was built from.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from complaintkit.clock import Clock
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.storage.base import Storage

if TYPE_CHECKING:
    from complaintkit.desk.desk import Desk


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@attrs.frozen
class PluginContext:
    """The running Desk and its configuration, as a plugin sees them.

    ``configuration`` holds what the Desk was set up with: for the CLI, ``db`` (the
    storage URL) and ``policy`` (the policy path, or ``None``); an embedding application
    passes its own through ``Desk(configuration=...)``. Read-only.
    """

    desk: Desk
    configuration: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen)

    @property
    def storage(self) -> Storage:
        return self.desk.storage

    @property
    def clock(self) -> Clock:
        return self.desk.clock

    @property
    def policy(self) -> AssessingPolicy:
        return self.desk.policy
