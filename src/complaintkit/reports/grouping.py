"""``--by``: the fact a report groups cases by — a case field, a tag, or a complaint attribute.

``category``, ``severity``, ``channel`` and ``product`` are report dimensions (a product
counted however it was typed, as in the breakdown); ``owner`` and
``team`` are who holds the case; ``tag`` counts a case once per tag it carries (so rows can sum
to more than the total); ``attribute.NAME`` reads the complaint's free attribute NAME, e.g.
``attribute.company`` or ``attribute.state`` in CFPB data.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.incidents import attribute_text
from complaintkit.model.case import Case

FIELDS = ("category", "severity", "channel", "product", "owner", "team", "tag")


@attrs.frozen
class GroupBy:
    """``field`` is one of ``FIELDS`` or ``attribute`` (then ``attribute`` names it)."""

    field: str
    attribute: str | None = None

    @classmethod
    def parse(cls, text: str) -> GroupBy:
        name = text.strip()
        if name.startswith(("attribute.", "attributes.")):
            attribute = name.split(".", 1)[1]
            if not attribute:
                raise InvalidInput("--by", f"attribute.NAME needs a name, got {text!r}")
            if '"' in attribute:  # the stores' JSON paths quote a name with it
                raise InvalidInput(
                    "--by", f"an attribute whose name holds '\"' cannot be grouped by, got {text!r}"
                )
            return cls("attribute", attribute)
        if name not in FIELDS:
            raise InvalidInput(
                "--by", f"must be one of {', '.join(FIELDS)} or attribute.NAME, got {text!r}"
            )
        return cls(name)

    @property
    def many(self) -> bool:
        """Whether a case can have several values (count in several rows)."""
        return self.field == "tag"

    def __str__(self) -> str:
        return f"attribute.{self.attribute}" if self.field == "attribute" else self.field

    def values(self, case: Case) -> Iterator[str | None]:
        """The case's value(s) of this fact, when it is no report dimension (those are
        counted as ``ReportSource.counts`` counts them: a product however typed); a case
        without one yields None once."""
        if self.field == "tag":
            yield from case.tags or (None,)
        elif self.field == "attribute":
            raw = case.complaint.attributes.get(self.attribute or "")
            yield None if raw is None else attribute_text(raw)
        else:
            yield getattr(case, self.field)
