"""A file refused for its anchors and aliases, read all the same for its other mistakes.

Anchors and aliases are refused (an alias bomb must never expand), and that refusal used
to end the file's checking: a misspelt category or a duplicate row id beside an anchor
waited for the next run. The file is composed once more by a reader that takes each alias
for a placeholder, never looking its anchor up; a key whose value was an alias is left out
(a null would replace what a parent policy gives it), an alias in a list is a null. What
is at an alias is not checked further: the refusal covers it; an anchored value is read in
full, so what is under the anchor is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import yaml

from complaintkit.errors import PolicyError, Problem

if TYPE_CHECKING:
    from complaintkit.policy.source import Source


class AliasesRefused(PolicyError):
    """A file refused for its anchors and aliases, with what the rest of it reads as
    (``source``, each key whose value was an alias left out): the loader checks that too,
    so the file's other mistakes are reported in the same run."""

    def __init__(self, problems: list[Problem], source: Source) -> None:
        super().__init__(problems)
        self.source = source


class _AliasesAsNull(yaml.SafeLoader):
    """Composes a file whose anchors and aliases were refused, each alias a null: so its
    other mistakes are reported in the same run, and no alias is ever expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            return yaml.ScalarNode(_ALIASED, "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


#: The tag of the node an alias is read as: never a tag a file can write (tags are refused).
_ALIASED: Final = "tag:complaintkit.dev,2026:alias"


def _drop_aliased(node: yaml.Node) -> None:
    """Leave out each key whose value was an alias, as if not written (a null would replace
    what a parent policy gives it); an alias in a list is a null, keeping the indexes."""
    if isinstance(node, yaml.MappingNode):
        node.value = [(k, v) for k, v in node.value if v.tag != _ALIASED]
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if item.tag == _ALIASED:
                item.tag = "tag:yaml.org,2002:null"
    for child in _children(node):
        _drop_aliased(child)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def compose_without_aliases(text: str, refused: Sequence[Problem]) -> yaml.Node | None:
    """The file's top-level mapping, each alias a placeholder dropped as above; None when
    the file was ``refused`` for more than its aliases (nesting too deep), cannot be
    composed again or is no mapping (the refusal then says all there is to say)."""
    if any(p.code not in ("alias", "anchor") for p in refused):
        return None
    try:
        node = yaml.compose(text, Loader=_AliasesAsNull)
    except yaml.YAMLError:  # what libyaml's scan read, the pure-Python reader may not (a tab)
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    _drop_aliased(node)
    return node
