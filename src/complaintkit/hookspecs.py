"""Every hook complaintkit calls, in one place.

Naming grammar:

* ``register_<things>(register)`` — *provider* hooks. complaintkit calls each once when it
  first needs that kind of thing and passes a ``register(name, obj)`` callback. Names must be
  unique across plugins: registering a name another plugin already registered raises
  ``PluginError`` naming both. Built-in features are registered through these same hooks.
  What they return is ignored; one that registers nothing but returns something is a
  ``PluginError`` naming it.
* ``<noun>_<verb>`` returning a value, ``firstresult`` — *override* hooks: the first plugin
  that returns something other than ``None`` decides (``classify_complaint``).
* ``case_event(event, case, context)`` — the single *lifecycle* hook, called for every
  stored event.

Implement a hook with ``@complaintkit.hookimpl`` in a module or object listed under the
``complaintkit`` entry-point group of your package. Every hook is called through pluggy, so
an implementation may take only the parameters it needs (``case_event(event)``), and
``tryfirst``/``trylast``/``wrapper`` work as pluggy documents them, but for this: a
provider hook, and ``case_event``, is called one plugin at a time, so a ``wrapper=True``
implementation runs around each plugin's call. A provider hook's wrapper is handed that
plugin's ``register`` (or ``cli``), so one registering (or adding a command) itself is a
``PluginError`` naming it.

Hooks are called synchronously, inside the work that calls them, and complaintkit cannot
stop one: a call taking ``COMPLAINTKIT_SLOW_HOOK_SECONDS`` (1 s) or more is logged as a
warning naming the plugin and the hook (``complaintkit.plugin_slow``), its next slow calls
of that hook in the minute after only counted. Bound every wait.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from complaintkit.desk.context import PluginContext
    from complaintkit.model.case import Case
    from complaintkit.model.complaint import Complaint
    from complaintkit.model.events import CaseEvent

PROJECT = "complaintkit"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

Register = Callable[[str, Any], None]


# --- providers ---------------------------------------------------------------------------


@hookspec
def register_storage(register: Register) -> None:
    """Provide storage backends, one per URL scheme.

    Called once, the first time a storage URL is opened. Call
    ``register(scheme, factory)`` where ``factory(url: str) -> Storage`` opens the backend for
    a URL of that scheme (``register("sqlite", SQLiteStorage)`` serves ``sqlite:///cases.db``).
    Built-ins: ``memory`` and ``sqlite``. Return value is ignored.
    """


@hookspec
def register_channels(register: Register) -> None:
    """Provide intake channels, by name.

    Called once, the first time a channel is looked up (``complaintkit intake --channel``).
    Call ``register(name, factory)``; the factory takes the channel's options as keyword
    arguments, checked against its signature first (an unknown option, or a value that is
    not of an annotated ``str``/``int``/``float``/``bool`` type, is a ``ConfigError`` naming
    it), plus ``context`` (a ``PluginContext``) if it declares that parameter. It returns a
    ``complaintkit.channels.Channel``:
    ``read(source: str)`` yields, per input record, a ``Complaint`` carrying its external id
    (the idempotency key) or a ``complaintkit.channels.Rejected`` (where, raw input, reason)
    that intake records in the dead-letter store. A streaming channel also yields
    ``CHECKPOINT`` before it waits and has ``acknowledge(records)``, called after each
    commit with exactly the records stored. Built-ins: ``jsonl``, ``csv``, ``email``.
    Return value is ignored.
    """


@hookspec
def register_notifiers(register: Register) -> None:
    """Provide notifiers, by name.

    Called once, the first time a notification is routed. Call ``register(name, factory)``;
    the factory takes the notifier's options (the policy's ``notifications.notifiers`` entry)
    as keyword arguments, checked as for channels (``ConfigError`` naming a bad option), plus
    ``context`` (a ``PluginContext``) if it declares that parameter, and returns a
    ``complaintkit.notify.Notifier``: ``send(message)`` makes one attempt to deliver a
    ``complaintkit.notify.Message`` or raises; the delivery worker calls it from the outbox,
    retries with backoff and dead-letters after the last attempt. ``send`` bounds its own
    waits (a timeout on every connection and read): complaintkit cannot stop a running call;
    one still running after ``COMPLAINTKIT_NOTIFIER_DEADLINE_SECONDS`` (300) is left to run,
    its delivery retried later (``complaintkit.delivery.deadline``), perhaps sent twice.
    ``publish(event, delivery_id)`` too, for ``notifications.publish``.
    Built-ins: ``log``, ``smtp``, ``webhook``. Return value is ignored.
    """


@hookspec
def register_operators(register: Register) -> None:
    """Provide condition operators for policy files, by name.

    Called once, when the first policy is compiled. Call ``register(name, factory)``; the
    factory receives the operator's argument from the policy and returns a predicate over
    facts. Built-ins: ``==``, ``in``, ``keywords``, ``regex`` and the rest of the condition
    language. Return value is ignored.
    """


@hookspec
def register_formulas(register: Register) -> None:
    """Provide compensation amount formulas for policy files, by key.

    Called once, when the first compensation section is compiled. Call
    ``register(name, factory)``; a formula mapping whose key is ``name``
    (``{name: ..., floor: ..., cap: ...}``) is compiled by
    ``factory(spec, path, compiler) -> Formula | None``, where ``compiler`` is the
    ``complaintkit.compensation.formulas.FormulaCompiler`` (use ``compiler.compile`` for
    nested formulas and ``compiler.error`` to report problems, then return ``None``; a
    ``None`` with no error reported is an error of the policy naming the plugin).
    Built-ins: ``fixed``, ``percent``, ``multiple``, ``greater_of``, ``sum_of``,
    ``least_of``. Return value is ignored.
    """


@hookspec
def register_policy_packs(register: Register) -> None:
    """Provide policy packs a policy can ``extends:`` by name.

    Called once, the first time a policy names a pack. Call ``register(name, path)`` with the
    pack's name (``retail``, ``acme/eu261``) and the path of its policy file or folder.
    Return value is ignored.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``complaintkit`` CLI.

    Called once, when the CLI starts. Add commands with ``cli.add_command(...)`` (or
    ``@cli.command()``); ``complaintkit plugins`` lists them under your plugin. A command
    that needs the configured Desk, storage, clock or policy takes them with
    ``complaintkit.cli.context.pass_plugin_context``, which refuses a ``--db`` naming no
    store unless given ``creates_store=True``. A command name another plugin already
    added raises ``PluginError`` naming both. Return value is ignored.
    """


# --- overrides ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def classify_complaint(complaint: Complaint, proposed: dict[str, Any]) -> dict[str, Any] | None:
    """Override the policy's classification of a complaint (a model, a service, a rule).

    Called at intake after the policy has classified ``complaint``; ``proposed`` is the
    policy's outcome (``category``, ``severity``, ``priority``, ``tags``). Return a mapping
    holding the fields to replace, or ``None`` to keep the policy's outcome. The first
    non-``None`` result wins; the reason recorded on the case names the plugin. An answer
    with other fields, ids the policy's catalog does not declare, or tags that are not a
    list (any sequence: a tuple too) of non-blank text refuses the complaint
    (``InvalidInput`` naming the plugin and what to return), as an exception raised here does.
    """


# --- lifecycle ---------------------------------------------------------------------------


@hookspec
def case_event(event: CaseEvent, case: Case, context: PluginContext) -> None:
    """React to something that happened to a case.

    Called after every event has been stored — opened, classified, assigned, responded,
    transitioned, SLA warnings and breaches, escalations, compensation decisions — with the
    event and the case as it stands after it. ``event.kind`` says which. Never called for
    provisional work (``explain``, policy tests, ``check``).

    :param event: the stored ``CaseEvent``.
    :param case: the ``Case`` after the event.

    Each plugin is told in a call of its own, with copies of its own
    (``complaintkit.model.detached``): changing them changes nothing stored, nor the case
    the Desk returns to its caller, nor what another plugin is told. A ``wrapper=True``
    implementation runs around each plugin's call.
    :param context: the ``PluginContext`` (desk, storage, clock, policy, configuration) of
        the Desk that stored it; a plugin may make further changes through ``context.desk``,
        told to plugins in turn up to ``MAX_NESTED_CHANGES`` (``complaintkit.builtin.lifecycle``)
        calls deep: a plugin changing the case for every event it is told of stops there.

    An exception raised here is logged, naming the plugin (by the built-in
    ``complaintkit.builtin.lifecycle`` wrapper, or by ``Plugins.case_events`` for a
    plugin's wrapper outside it), and does not
    undo the stored change; the implementations after it in hook order are still told.
    Return value is ignored.
    """
