"""The language a complaint's letters read in, for what is written about it elsewhere.

A batch incident opens a case of its own whose text the library writes in English; its
notices must read as the letters of the complaint that opened it do, by the rule
``NotificationPolicy.template`` follows: the declared tag when the policy writes in it,
else the language of the text's script (Chinese in Traditional characters
``zh-Hant``), else ``notifications.default_language``.
"""

from __future__ import annotations

from complaintkit.model.complaint import Complaint
from complaintkit.model.language import written_in, written_tag
from complaintkit.notify.policy import NotificationPolicy


def reader_language(policy: NotificationPolicy | None, complaint: Complaint) -> str | None:
    """The language ``complaint``'s letters read in under ``policy``; None when nothing
    says (a text showing no language, no default)."""
    declared = complaint.language
    templates = {} if policy is None else policy.templates
    if declared and (policy is None or any(written_in(t, declared) for t in templates.values())):
        return declared
    default = None if policy is None else policy.default_language
    return written_tag(complaint.text) or default or declared
