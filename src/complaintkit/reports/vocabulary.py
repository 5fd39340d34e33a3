"""The policy's own words for the ids a report groups by: 送餐慢, not ``delivery_slow``."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import attrs

from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.policy.catalog import Entry
from complaintkit.reports.labels import Lang

#: Report dimension → the catalog kind that labels its values.
_KINDS = {"category": "categories", "severity": "severities", "team": "teams"}


@attrs.frozen
class Vocabulary:
    """Labels per dimension and id; ids the policy does not name are shown as they are."""

    entries: Mapping[str, Mapping[str, Entry]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, policy: AssessingPolicy) -> Vocabulary:
        """The vocabulary of a policy's catalog (empty when it has none)."""
        catalog = policy.catalog
        if catalog is None:
            return cls()
        return cls({dimension: catalog.kind(kind) for dimension, kind in _KINDS.items()})

    def name(self, dimension: str, key: str, lang: Lang) -> str:
        entry = self.entries.get(dimension, {}).get(key)
        return key if entry is None else entry.label(lang)

    def labelled(self, dimension: str, text: str) -> str | None:
        """The id whose label (in any language) is ``text``, when ``text`` is no id of
        ``dimension`` itself: a filter given ``Product`` for ``product`` matches no case."""
        entries = self.entries.get(dimension, {})
        if text in entries:
            return None
        folded = text.strip().casefold()
        for key, entry in entries.items():
            if folded in {label.strip().casefold() for label in entry.labels.values()}:
                return key
        return None

    def unnamed(self, dimension: str, key: str) -> str | None:
        """Why a report filtered by ``key`` that counted no case counted nothing, when
        ``key`` is no id of ``dimension`` the policy names (those it does, and the nearest);
        None when it is one or the policy names none. A misspelt id would otherwise give an
        empty report without a word; an id older cases hold counts them, and is no mistake."""
        entries = self.entries.get(dimension, {})
        if not entries or key in entries:
            return None
        why = f"is no {dimension} of the policy ({', '.join(entries)}) and no case in scope has it"
        nearest = difflib.get_close_matches(key, list(entries), n=1)
        return f"{why}: did you mean {nearest[0]}?" if nearest else why
