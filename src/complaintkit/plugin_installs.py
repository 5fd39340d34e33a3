"""The plugins installed in the ``complaintkit`` entry-point group, read once per process.

Finding them reads every installed distribution's metadata (tens of milliseconds in an
environment of some eighty distributions), and a process builds a plugin manager for each
Desk, CLI invocation and policy test run. pluggy's ``load_setuptools_entrypoints`` reads
them all again for each plugin it is asked to load by name. What was read is kept for as
long as the places it was read from are unchanged: the same ``sys.path`` (from the same
working directory), each of its directories not modified since (installing, upgrading or
removing a distribution adds or removes its ``.dist-info`` there), as ``importlib.metadata``
keeps its own directory listings. So a plugin installed while a process runs is still
found by the next plugin manager that process builds; only an ``entry_points.txt`` edited
in place is not seen until the process starts again.
"""

from __future__ import annotations

import importlib.metadata
import os
import sys

import attrs

from complaintkit import hookspecs

_Places = tuple[tuple[str, int | None], ...]


@attrs.frozen
class Installed:
    """One plugin an installed distribution names, with that distribution's name and
    version as read once (each reading parses its metadata file again)."""

    entry_point: importlib.metadata.EntryPoint
    distribution: str | None
    version: str | None

    @property
    def name(self) -> str:
        return self.entry_point.name

    @property
    def installed_by(self) -> str | None:
        """ "name version" of the distribution, if it is known."""
        return None if self.distribution is None else f"{self.distribution} {self.version}"


#: The places last read, and the plugins found there.
_read: tuple[_Places, tuple[Installed, ...]] | None = None

#: Each plugin loaded from an entry point, by ``id``, with its distribution ("name version").
_installed_by: dict[int, tuple[object, str | None]] = {}


def entry_points() -> tuple[Installed, ...]:
    """The ``complaintkit`` entry points installed, one per distribution, in
    ``importlib.metadata``'s order (``sys.path``'s)."""
    global _read  # noqa: PLW0603 - the one per-process copy this module exists to keep
    places = _places()
    if _read is None or _read[0] != places:
        found = importlib.metadata.entry_points(group=hookspecs.PROJECT)
        _read = (places, tuple(_installed(entry_point) for entry_point in found))
    return _read[1]


def load(installed: Installed) -> object:
    """The plugin ``installed`` names, remembered with the distribution installing it.
    An entry point naming nothing (``acme =``) failed inside ``importlib.metadata``'s
    parsing, as "'NoneType' object has no attribute 'group'"."""
    entry_point = installed.entry_point
    if importlib.metadata.EntryPoint.pattern.match(entry_point.value) is None:
        raise ValueError(
            f"its entry point {entry_point.name} = {entry_point.value!r} names no module: "
            f"write {entry_point.name} = package.module, or package.module:object"
        )
    plugin = entry_point.load()
    _installed_by[id(plugin)] = (plugin, installed.installed_by)
    return plugin


def installed_by(plugin: object) -> str | None:
    """The distribution ("name version") whose entry point ``plugin`` was loaded from;
    None for a plugin registered otherwise (a built-in, one an application registered)."""
    found = _installed_by.get(id(plugin))
    return found[1] if found is not None and found[0] is plugin else None


def _installed(entry_point: importlib.metadata.EntryPoint) -> Installed:
    dist = entry_point.dist
    if dist is None:
        return Installed(entry_point, None, None)
    return Installed(entry_point, dist.name, dist.version)


def _places() -> _Places:
    """Each ``sys.path`` entry, made absolute, with when it was last modified."""
    places: list[tuple[str, int | None]] = []
    for place in sys.path:
        where = os.path.abspath(place)
        try:
            places.append((where, os.stat(where).st_mtime_ns))
        except OSError:  # not there (yet): an empty place
            places.append((where, None))
    return tuple(places)
