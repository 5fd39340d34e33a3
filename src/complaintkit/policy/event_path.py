"""The path of the node a YAML event scan has reached, for errors found before any data is
built: an alias, nesting too deep, or a syntax error the parser stops at is reported in
its section (``routing.rules[1]``) as well as at its line, as every later error is.
"""

from __future__ import annotations

import attrs
import yaml


@attrs.define
class _Frame:
    """One open mapping or list: the key or index of its current child."""

    in_mapping: bool
    key: str | int = -1
    #: a mapping's next node is a key (not the value of the key before it)
    at_key: bool = True


@attrs.define
class EventPath:
    """Follows ``yaml.parse`` events; :attr:`path` is where the latest one sits."""

    _frames: list[_Frame] = attrs.field(factory=list)

    @property
    def path(self) -> str:
        here = ""
        for frame in self._frames:
            if frame.in_mapping and frame.at_key:
                break  # between a finished value and the next key: the mapping itself
            if isinstance(frame.key, str):
                here = f"{here}.{frame.key}" if here else frame.key
            elif frame.key >= 0:
                here = f"{here}[{frame.key}]"
        return here

    def see(self, event: yaml.Event) -> None:
        """Move to ``event``: call before checking it, so an error names its own node."""
        if isinstance(event, yaml.CollectionEndEvent):
            self._frames.pop()
            self._done()
            return
        if not isinstance(event, yaml.NodeEvent):
            return  # stream and document boundaries
        parent = self._frames[-1] if self._frames else None
        if parent is not None and parent.in_mapping and parent.at_key:
            parent.key = str(getattr(event, "value", "?"))
            parent.at_key = False
            if isinstance(event, yaml.CollectionStartEvent):
                self._frames.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
            return
        if parent is not None and not parent.in_mapping:
            parent.key = int(parent.key) + 1
        if isinstance(event, yaml.CollectionStartEvent):
            self._frames.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
        else:
            self._done()

    def _done(self) -> None:
        """A value is complete: its mapping's next node is a key again."""
        if self._frames and self._frames[-1].in_mapping:
            self._frames[-1].at_key = True
