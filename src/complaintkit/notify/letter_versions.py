"""Which version of a template a complaint's letters use, its text read only as needed.

``NotificationPolicy.template`` picks the version in the language the complaint declares,
else in the one its text is written in (``written_tag``), else the default one. Reading
the text costs more than the rest of a letter, and a text shows one of four answers, so
each template's version for each answer is looked up once per policy: a complaint's text
is then read only when its template has versions for it to choose between, and whether
its Chinese is Traditional only when the template tells Traditional from Simplified.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from complaintkit.model.chinese_script import traditional
from complaintkit.model.language import written_in, written_language
from complaintkit.notify.policy import LocalisedTemplate, NotificationPolicy

#: Every language ``written_tag`` can say a text is written in (None: no language shows).
_SHOWN: Final = (None, "en", "zh", "zh-Hant")

Version = tuple[str, LocalisedTemplate]


@attrs.frozen
class _Choice:
    """One template's version for each language a text can show."""

    versions: Mapping[str | None, Version]
    #: whether the text chooses: the versions are not all one
    read: bool
    #: whether Traditional Chinese reads another version than Simplified
    scripts_apart: bool

    @classmethod
    def of(cls, policy: NotificationPolicy, name: str) -> _Choice:
        versions = {shown: policy.template(name, None, shown) for shown in _SHOWN}
        keys = {shown: key for shown, (key, _) in versions.items()}
        return cls(versions, len(set(keys.values())) > 1, keys["zh-Hant"] != keys["zh"])


class LetterVersions:
    """``NotificationPolicy.template`` for a complaint's declared language and text, each
    template's choice by the text's language worked out when the policy is bound."""

    def __init__(self, policy: NotificationPolicy) -> None:
        self.policy = policy
        self._choices = {name: _Choice.of(policy, name) for name in policy.templates}

    def versions(self, names: Sequence[str], declared: str | None, text: str) -> list[Version]:
        """The version of each template of ``names`` for a complaint declaring ``declared``
        and written ``text``, with the language it is written in: what
        ``policy.template(name, declared, written_tag(text))`` gives, the text read once."""
        out: list[Version] = []
        shown: str | None = None
        read = False
        for name in names:
            versions = self.policy.templates[name]
            choice = self._choices[name]
            if (key := written_in(versions, declared)) is not None:
                out.append((key, versions[key]))
            elif not choice.read:
                out.append(choice.versions[None])
            else:
                if not read:
                    shown, read = written_language(text), True
                hant = shown == "zh" and choice.scripts_apart and traditional(text)
                out.append(choice.versions["zh-Hant" if hant else shown])
        return out
