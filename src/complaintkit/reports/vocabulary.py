"""The policy's own words for the ids a report groups by: 送餐慢, not ``delivery_slow``."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from complaintkit.policy.catalog import Catalog, Entry
from complaintkit.reports.labels import Lang

#: Report dimension → the catalog kind that labels its values.
_KINDS = {"category": "categories", "severity": "severities", "team": "teams"}


@attrs.frozen
class Vocabulary:
    """Labels per dimension and id; ids the policy does not name are shown as they are."""

    entries: Mapping[str, Mapping[str, Entry]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, policy: object) -> Vocabulary:
        """The vocabulary of a loaded policy (empty for a policy without a catalog)."""
        sections = getattr(policy, "sections", None)
        catalog = sections.get("catalog") if isinstance(sections, Mapping) else None
        if not isinstance(catalog, Catalog):
            return cls()
        return cls({dimension: catalog.kind(kind) for dimension, kind in _KINDS.items()})

    def name(self, dimension: str, key: str, lang: Lang) -> str:
        entry = self.entries.get(dimension, {}).get(key)
        return key if entry is None else entry.label(lang)
