"""What each key the schema requires holds and is for, as a missing key's hint says it.

"missing key 'rules' in routing" names the key; an author who left it out also needs its
form and its use — ``add rules: [] — the rows tried in order…`` — which the schema's
``required`` lists do not carry. Keys of one name in several places (``id``, ``name``,
``rules``, ``to``) are told apart by the path of the mapping they are missing from.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Final

#: (pattern of the holding mapping's path, indices as [], key) → (form to write, purpose);
#: the first pattern matching wins, so the specific come before the ``*`` of their key.
PURPOSES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("", "complaintkit"): ("1", "the policy format version: a policy starts with it"),
    ("*", "extends"): ("./base.yaml", "the policy or pack this one builds on"),
    ("*rules[]", "then"): ("{…}", "the outputs the row sets when its when holds"),
    ("gates[]", "id"): ("needs_root_cause", "the gate's name, which a refused move names"),
    ("*", "id"): ("spoiled", "the row's name, which errors, explain and each case name it by"),
    ("compensation", "rules"): ("[]", "the rows granting remedies, tried in order"),
    ("*", "rules"): ("[]", "the rows tried in order; with none, the default decides every case"),
    ("*", "remedies"): ("[apology]", "what a case the row matches is granted"),
    ("*", "kind"): ("cash", "which remedy this is"),
    ("*approvals[]", "above"): ("500", "the amount past which a decision needs approval"),
    ("*", "role"): ("manager", "who approves it"),
    ("*", "limit"): ("1000", "the most one customer is granted within the days"),
    ("*", "days"): ("30", "the window, in days, the limit counts over"),
    ("*", "currency"): ("CNY", "the currency of the section's amounts"),
    ("*", "timezone"): ("Asia/Shanghai", "the zone the calendar's hours are read in"),
    ("*", "hours"): ('{mon-fri: ["09:00-18:00"]}', "the weekly working hours"),
    ("*", "intersect"): ("[office, cn_public]", "the calendars that must all be working"),
    ("*", "union"): ("[office, night]", "the calendars any one of which working will do"),
    ("*", "field"): ("complaint.attributes.store", "the field whose value picks the calendar"),
    ("*", "map"): ("{store-1: office}", "the calendar for each value of the field"),
    ("*", "default"): ("office", "the calendar for a value the map does not name"),
    ("*", "within"): ("3 business days", "the time the target allows"),
    ("*", "upon"): ("holding_reply", "the event or status that extends the clock"),
    ("gates[]", "to"): ("[closed]", "the statuses the gate guards"),
    ("*", "to"): ("35 business days", "the period counted anew from the clock's start"),
    ("*", "by"): ("15 business days", "the time the extension adds"),
    ("*", "mode"): ("rebase", "how open cases' clocks move to these targets"),
    ("*levels[]", "name"): ("lead", "the level's name, which events and explain give"),
    ("*", "name"): ("standard", "the ladder's name, which a case keeps to"),
    ("*", "levels"): (
        "[{name: lead, trigger: {sla: resolution, elapsed: 0.8}, actions: […]}]",
        "the steps the ladder climbs, in order",
    ),
    ("*", "trigger"): ("{sla: resolution, elapsed: 0.8}", "when the level fires"),
    ("*", "actions"): ("[{notify: {role: team_lead, template: …}}]", "what the level does"),
    ("*", "sla"): ("resolution", "the clock whose share of time fires the level"),
    ("*", "elapsed"): ("0.8", "the share of the clock's time that fires the level"),
    ("*", "since"): ("responded", "the event the time is counted from"),
    ("*", "after"): ("2 business days", "the time after that event that fires the level"),
    ("*", "condition"): ("{field: case.severity, ==: critical}", "what fires the level"),
    ("*", "on"): ("opened", "the event that sends the letter"),
    ("*", "notify"): ("[customer]", "who gets it: customer, owner, team_lead or manager"),
    ("*", "via"): ("log", "the notifier under notifications.notifiers that sends it"),
    ("*", "template"): ("acknowledgement", "the template under templates it sends"),
    ("*", "type"): ("log", "the notifier type a plugin registered: log, smtp, webhook…"),
    ("*", "subject"): ("…", "the letter's subject line"),
    ("*", "body"): ("…", "the letter's text"),
    ("*", "min_cases"): ("3", "complaints from this many customers open an incident"),
    ("*", "window_hours"): ("24", "the hours those complaints must fall within"),
    ("*", "require"): ("[root_cause]", "the steps that must be on the case first"),
    ("*", "text"): ("变质", "the words the keyword matches"),
}


def required_hint(path: str, missing: list[str]) -> str:
    """``add KEY: FORM — PURPOSE`` for each key ``missing`` from the mapping at ``path``."""
    shape = re.sub(r"\[\d+\]", "[]", path)
    said = []
    for key in missing:
        found = next(
            (told for (place, name), told in PURPOSES.items() if name == key and _at(shape, place)),
            None,
        )
        said.append(f"add {key}: {found[0]} — {found[1]}" if found else f"add {key}: …")
    return "; ".join(said)


def _at(shape: str, place: str) -> bool:
    return shape == place if not place or "*" not in place else fnmatchcase(shape, place)
