"""The YAML tags a policy may carry: those that say what the value already is.

A tag asks the loader to build something (``!!python/object``, ``!!set``, ``!!binary``),
to read text as another kind (``!!bool maybe``, ``!!null text``), or, on a mapping or a
list, would be dropped by a reader that looks only at the shape. In each case the policy
would not hold what its author sees, so only ``!!str`` (a way to make a value text) and a
tag YAML would give the value anyway are read; every other tag is refused.
"""

from __future__ import annotations

from typing import Any, Final

import yaml

_CORE: Final = "tag:yaml.org,2002:"
MERGE_TAG: Final = _CORE + "merge"
VALUE_TAG: Final = _CORE + "value"
NULL_TAG: Final = _CORE + "null"
_STR: Final = _CORE + "str"
_SHAPE_TAGS: Final[dict[type, str]] = {
    yaml.MappingNode: _CORE + "map",
    yaml.SequenceNode: _CORE + "seq",
}
_RESOLVER: Final[Any] = yaml.SafeLoader("")


def refused_tag(node: yaml.Node) -> str | None:
    """The tag of ``node`` as an author writes it (``!!set``) when a policy may not carry
    it; None for plain data."""
    if isinstance(node, yaml.ScalarNode):  # text (most of a policy) needs no resolving
        fits = node.tag == _STR or node.tag == _RESOLVER.resolve(
            yaml.ScalarNode, node.value, (True, False)
        )
    else:
        fits = node.tag == _SHAPE_TAGS.get(type(node))
    if fits:
        return None
    return "!!" + node.tag.removeprefix(_CORE) if node.tag.startswith(_CORE) else node.tag
