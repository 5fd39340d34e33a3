"""A policy document: one file, a folder of files, and what it ``extends:``, merged.

Merge rules (also in docs/policies.md), applied parent first, then each child over it:

* mappings merge key by key, deeply; a scalar or list in the child replaces the parent's;
* a list whose items are all mappings with an ``id`` (rule rows) merges by id: a child row
  with a parent row's id replaces that row in place, other child rows are appended;
* ``extends`` itself is not inherited, and ``complaintkit`` (the format version) must agree.

A folder is all its ``*.yaml``, ``*.yml``, ``*.toml`` and ``*.json`` files merged in name
order, as if each extended the one before; policy tests beside them (``*.tests.yaml``) are
not part of the policy. Every merged node keeps the location of the file
that last set it, so errors point at the file an author has to edit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.model.jsonvalues import json_kind
from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.currency import currency_changes
from complaintkit.policy.data_paths import leaves
from complaintkit.policy.extends_targets import unextendable
from complaintkit.policy.extends_twice import extended_twice
from complaintkit.policy.folder_names import left_out
from complaintkit.policy.folder_overrides import PeerSettings
from complaintkit.policy.located import Located, node_locations
from complaintkit.policy.merge import merge
from complaintkit.policy.merged_paths import at_merged_paths
from complaintkit.policy.precedence import clash_problems, unusable_order
from complaintkit.policy.short_paths import shortest
from complaintkit.policy.source import SUFFIXES, Source, is_test_file, read_source
from complaintkit.policy.timezone_changes import timezone_changes
from complaintkit.policy.typos import close_matches
from complaintkit.policy.yaml_aliases import AliasesRefused

#: The format this loader reads: ``complaintkit: 1`` at the top of a policy.
FORMAT_VERSION: Final = 1
#: Longest chain of ``extends:``; deeper chains are almost surely a mistake.
MAX_EXTENDS: Final = 16

#: ``resolve_pack(name) -> path`` for ``extends: <pack name>``; None when unknown.
PackResolver = Callable[[str], "Path | None"]
#: ``pack_names() -> names`` of every installed pack, asked only to suggest one for a typo.
PackNames = Callable[[], Iterable[str]]


@attrs.frozen
class Document:
    """Merged policy data and where each node came from."""

    data: Mapping[str, Any]
    #: each node's path → where it was read (a path here need not be filled in)
    locations: Mapping[str, Location]
    files: tuple[str, ...]
    #: errors found while reading and merging that did not stop it (reported with the rest)
    problems: tuple[Problem, ...] = ()

    def locate(self, path: str) -> Location:
        """The location of ``path``, or of its nearest located ancestor."""
        here = path
        while True:
            found = self.locations.get(here)
            if found is not None:
                if found.path == path:
                    return found
                return Location(found.file, found.line, found.column, path)
            if not here:
                return Location(self.files[0] if self.files else "<policy>", path=path)
            cut = max(here.rfind("."), here.rfind("["))
            here = here[:cut] if cut > 0 else ""

    def holding(self, texts: Collection[str]) -> list[str]:
        """The paths of values that are one of ``texts``, in document order: where the
        policy names a field (``field: complaint.channel``, ``fields: [...]``)."""
        return [
            path for path, value in leaves(self.data) if isinstance(value, str) and value in texts
        ]


#: One loaded policy: merged data, its locations and the files it came from.
Loaded = tuple[dict[str, Any], Located, list[str]]


@attrs.define
class _Loading:
    """One :func:`load_document` call. A file extended along many routes (``extends:
    [./a.yaml, ./a.yaml]`` at every level) is read and merged once, not once per route:
    ``done`` keeps each loaded file (by resolved path) with the length of the longest
    extends chain below it, so reusing it still respects :data:`MAX_EXTENDS`."""

    packs: PackResolver | None
    pack_names: PackNames | None = None
    problems: list[Problem] = attrs.field(factory=list)
    done: dict[Path, tuple[Loaded, int]] = attrs.field(factory=dict)
    #: files that could not be loaded, reported once: tried again along another route,
    #: an extends list of each level twice would be read 2**levels times
    failed: set[Path] = attrs.field(factory=set)
    #: every file read, whose own problems are moved to the merged policy's paths
    read: list[Source] = attrs.field(factory=list)


def load_document(
    path: str | Path, packs: PackResolver | None = None, pack_names: PackNames | None = None
) -> Document:
    """Read ``path`` (a file or folder) with everything it extends, merged."""
    loading = _Loading(packs, pack_names)
    try:
        data, tree, files = _load(Path(path), loading, ())
    except UnreadFolder as exc:  # with what the files read so far stepped over
        raise UnreadFolder([*exc.problems, *loading.problems], exc.readable) from None
    problems = at_merged_paths(loading.problems, loading.read, data)
    return Document(data, node_locations(tree), tuple(files), tuple(problems))


def _empty(source: Source, peers: int = 1) -> Problem:
    """A file holding nothing: the whole policy (an error), or one of ``peers`` files of a
    folder, the rest of which make a whole policy (a warning: it adds nothing to it)."""
    said = "blank lines or comments (or {})"
    if peers > 1:
        return Problem(
            Location(source.file, 1, 1),
            f"this file of the policy folder is empty, so it adds nothing: it holds only {said}",
            "write the sections it was meant to hold, or delete it",
            severity="warning",
            code="empty",
        )
    return Problem(
        Location(source.file, 1, 1),
        f"the policy file is empty: it holds nothing but {said}",
        "a policy starts with complaintkit: 1, then its sections (categories:, severities:, "
        "priorities:, teams:, classification:, routing:); see docs/policies.md",
        code="empty",
    )


def _load(path: Path, loading: _Loading, chain: tuple[Path, ...]) -> Loaded:
    problems = loading.problems
    height = 0
    sources = _sources(path)
    problems.extend(p for source in sources for p in source.problems)
    loading.read.extend(sources)
    data: dict[str, Any] = {}
    tree = Located(Location(sources[0].file, 1, 1))
    files: list[str] = []
    peers = PeerSettings()
    empty = [source for source in sources if source.data == {} and not source.problems]
    if len(sources) == 1 and empty:
        raise PolicyError([_empty(sources[0])])  # said once, not as each part it lacks
    if path.is_dir():
        problems.extend(left_out(path, (Path(source.file) for source in sources)))
    problems.extend(_empty(source, len(sources)) for source in empty)
    for source in sources:
        if not isinstance(source.data, dict):
            raise PolicyError(
                [
                    Problem(
                        source.tree.location,
                        f"a policy must be a mapping of sections (got {_kind_of(source.data)})",
                        "start the file with 'complaintkit: 1' and sections such as categories:",
                        code="not-a-mapping",
                    )
                ]
            )
        try:
            parents, below = _extends(source, loading, (*chain, path))
        except PolicyError as exc:
            raise _with_readable(exc, sources) from None
        height = max(height, below)
        own: dict[str, Any] = {
            k: v for k, v in source.data.items() if k not in ("extends", "precedence")
        }
        own_tree = Located(source.tree.location, dict(source.tree.children))
        own_tree.children.pop("extends", None)
        own_tree.children.pop("precedence", None)
        parents = _by_precedence(source, parents, own, own_tree, problems)
        for parent_data, parent_tree, parent_files in parents:
            data, tree = merge(data, tree, parent_data, parent_tree)
            files.extend(f for f in parent_files if f not in files)
        problems.extend(currency_changes(data, tree, own, own_tree))
        problems.extend(timezone_changes(data, tree, own, own_tree))
        if len(sources) > 1:
            problems.extend(peers.add(own, own_tree))
        data, tree = merge(data, tree, own, own_tree)
        files.append(source.file)
    loading.done[path.resolve()] = ((data, tree, files), height)
    return data, tree, files


def _sources(path: Path) -> list[Source]:
    if _exists(path) and path.is_dir():
        names = _policy_files(path)
        if not names:
            raise PolicyError(
                [
                    Problem(
                        Location(str(path)),
                        "the folder holds no policy files",
                        "add *.yaml, *.yml, *.toml or *.json files, or point at a file",
                        code="empty-folder",
                    )
                ]
            )
        return _read_all(names)
    if not _exists(path):
        raise PolicyError(
            [
                Problem(
                    Location(str(path)),
                    "no such policy file or folder",
                    "check the path",
                    code="not-found",
                )
            ]
        )
    if is_test_file(path):
        raise PolicyError(
            [
                Problem(
                    Location(str(path)),
                    "this is a policy test file, not a policy",
                    f"run complaintkit test {path}, or validate the policy it tests",
                    code="test-file",
                )
            ]
        )
    try:
        return [read_source(path)]
    except AliasesRefused as refused:  # the rest of the file is checked all the same
        return [refused.source]


def _read_all(paths: list[Path]) -> list[Source]:
    """Every file of a folder, or the problems of each that cannot be read: a folder
    mixing encodings names all its files to re-save at once, not one per run."""
    sources: list[Source] = []
    problems: list[Problem] = []
    unread = False
    for path in paths:
        try:
            sources.append(read_source(path))
            problems.extend(sources[-1].problems)
        except AliasesRefused as refused:
            sources.append(refused.source)
            problems.extend(refused.source.problems)
        except PolicyError as exc:
            problems.extend(exc.problems)
            unread = True
    if unread:
        raise UnreadFolder(problems, sources)
    return sources


class UnreadFolder(PolicyError):
    """A policy some files of which could not be read or found (one of a folder, or one it
    extends), with those that could: each is still checked on its own
    (:mod:`complaintkit.policy.peer_files`), so one run names their mistakes too."""

    def __init__(self, problems: Sequence[Problem], readable: Sequence[Source]) -> None:
        super().__init__(problems)
        self.readable = tuple(readable)


def _with_readable(exc: PolicyError, sources: Sequence[Source]) -> UnreadFolder:
    """``exc``, met loading what ``sources`` extend, with ``sources`` among the files read."""
    earlier = exc.readable if isinstance(exc, UnreadFolder) else ()
    return UnreadFolder(exc.problems, [*earlier, *sources])


def _extends(
    source: Source, loading: _Loading, chain: tuple[Path, ...]
) -> tuple[list[Loaded], int]:
    """The policies ``source`` extends, loaded, and the longest extends chain below it.

    When some cannot be loaded, the others still are: the error then carries them as
    files read, so each is checked on its own in the same run."""
    raw = source.data.get("extends")
    if raw is None:
        return [], 0
    where = source.tree.children["extends"]
    if raw == []:  # a parent meant and not named: the file is no whole policy
        spot = attrs.evolve(where.location, path="extends")
        message, hint = "extends: [] names no policy", "name the policy it extends, or remove it"
        raise _problem(spot, message, hint, "extends")
    names = raw if isinstance(raw, list) else [raw]
    loaded: list[Loaded] = []
    failed: list[PolicyError] = []
    height = 0
    named: dict[Path, Location] = {}
    for i, name in enumerate(names):
        spot = where.children[i].location if isinstance(raw, list) else where.location
        spot = attrs.evolve(spot, path="extends" + (f"[{i}]" if isinstance(raw, list) else ""))
        try:
            parent, below, target = _parent(source, loading, chain, spot, name)
        except PolicyError as exc:
            failed.append(exc)
            continue
        first = named.setdefault(target, spot)
        if first is not spot:
            loading.problems.append(extended_twice(name, spot, first))
        loaded.append(parent)
        height = max(height, below)
    if failed:
        read = [s for exc in failed if isinstance(exc, UnreadFolder) for s in exc.readable]
        read += [Source(files[-1], data, tree) for data, tree, files in loaded]
        once = {source.file: source for source in reversed(read)}  # a file listed twice
        raise UnreadFolder([p for exc in failed for p in exc.problems], list(once.values()))
    return loaded, height


def _parent(
    source: Source, loading: _Loading, chain: tuple[Path, ...], spot: Location, name: object
) -> tuple[Loaded, int, Path]:
    """The policy ``source`` extends by ``name`` (at ``spot``), loaded, the length of the
    extends chain from it down, and its resolved path."""
    if not isinstance(name, str) or not name.strip():
        raise _problem(
            spot,
            f"extends must name a policy file or pack (got {got(name)})",
            "write extends: ./base.yaml or extends: <pack name>",
            "extends",
        )
    target = _resolve(name, Path(source.file), loading, spot)
    if (refused := unextendable(name, target, Path(source.file), spot)) is not None:
        raise PolicyError([refused])
    _refuse_no_policy(name, target, spot)
    if target.resolve() in {p.resolve() for p in chain}:
        cycle = " -> ".join(str(p) for p in (*chain, target))
        raise _problem(
            spot,
            f"extends forms a cycle: {cycle}",
            f"remove extends: {name} here, or the extends in {target.name} that leads back "
            "to this file",
            "extends-cycle",
        )
    done, below = loading.done.get(target.resolve(), (None, 0))
    if len(chain) + below >= MAX_EXTENDS:
        raise _problem(
            spot,
            f"extends chain is longer than {MAX_EXTENDS} policies",
            "flatten the chain",
            "extends-depth",
        )
    if target.resolve() in loading.failed:
        raise UnreadFolder([], [])  # its problems are reported where it was first tried
    try:
        parent = done or _load(target, loading, chain)
    except PolicyError:
        loading.failed.add(target.resolve())
        raise
    return parent, loading.done[target.resolve()][1] + 1, target.resolve()


def _resolve(name: str, extending: Path, loading: _Loading, spot: Location) -> Path:
    base = extending.parent
    if "://" in name:  # nothing is fetched: a policy is what is on disk, reviewed
        raise _problem(
            spot,
            f"extends names {as_written(name)}: it takes a policy file or pack, not a URL",
            "download the policy, review it, and extend the file",
            "extends-url",
        )
    if names_a_path(name):
        target = shortest(base / name)  # an absolute name replaces base
        if not _exists(target):
            raise _problem(
                spot,
                f"extends names {as_written(name)}, which does not exist (looked for {target})",
                _meant(name, extending, loading)
                or "fix the relative path (it is relative to this file)",
                "extends-missing",
            )
        return target
    found = loading.packs(name) if loading.packs is not None else None
    if found is None:
        raise _problem(
            spot,
            f"extends names policy pack {as_written(name)}, which no installed plugin provides",
            _meant(name, extending, loading)
            or "install the plugin that ships it (see complaintkit "
            "plugins), or write a relative path such as ./base.yaml",
            "unknown-pack",
        )
    if not _exists(Path(found)):
        raise _problem(
            spot,
            f"extends names policy pack {as_written(name)}, whose plugin points to {found}, which does "
            "not exist",
            "reinstall the plugin that provides it (see complaintkit plugins)",
            "extends-missing",
        )
    return Path(found)


def names_a_path(name: str) -> bool:
    """Whether ``extends`` reads ``name`` as a file's path (``./base.yaml``, ``/etc/x``,
    ``base.yaml``), not as a policy pack's name (``acme/eu261``)."""
    return name.startswith((".", "/")) or Path(name).suffix.lower() in SUFFIXES


def _refuse_no_policy(name: str, target: Path, spot: Location) -> None:
    """Refuse, at the ``extends`` naming it, a target that can hold no policy: reported
    at the target alone, the error would not say which policy's extends is wrong."""
    if target.is_dir():
        if not _policy_files(target):
            raise _problem(
                spot,
                f"extends names {as_written(name)}, a folder that holds no policy files",
                "name a policy file, or a folder of *.yaml, *.yml, *.toml or *.json files",
                "empty-folder",
            )
    elif is_test_file(target):
        raise _problem(
            spot,
            f"extends names {as_written(name)}, which is a policy test file, not a policy",
            "extend the policy it tests",
            "test-file",
        )
    elif target.suffix.lower() not in SUFFIXES:
        raise _problem(
            spot,
            f"extends names {as_written(name)}, which is no policy file ({target.suffix or 'no suffix'})",
            "extend a *.yaml, *.yml, *.toml or *.json file",
            "file-type",
        )


def _meant(name: str, extending: Path, loading: _Loading) -> str | None:
    """``did you mean …?`` for a name close to an installed pack or a policy file beside
    the one named (``retial`` for ``./retail.yaml``); None when nothing is close."""
    if "\\" in name:  # Windows's separator, part of a file's name elsewhere
        return (
            f"write {as_written(name.replace(chr(92), '/'))}: a policy separates folders "
            "with '/', which Windows reads too (elsewhere a '\\' is part of a file's name)"
        )
    packs = list(loading.pack_names()) if loading.pack_names is not None else []
    pack = [] if names_a_path(name) or "/" not in name else close_matches(name, packs, n=1)
    if pack:  # acme/eu216: compared as a pack's whole name, not by its last part
        return f"did you mean {as_written(pack[0])}?"
    meant: dict[str, str] = {pack: pack for pack in packs}
    parent = Path(name).parent
    try:
        siblings = _policy_files((extending.parent / name).parent)
    except OSError:  # a folder that cannot be listed offers nothing to suggest
        siblings = []
    for sibling in siblings:
        if sibling.resolve() != extending.resolve():
            written = f"./{sibling.name}" if parent == Path() else str(parent / sibling.name)
            meant.setdefault(sibling.stem, written)
    # names compared without their suffix: ./missing.yaml is close to ./gbk.yaml by .yaml alone
    named = Path(name)
    key = named.stem if named.suffix.lower() in SUFFIXES else named.name
    form = unicodedata.normalize("NFC", key)
    twin = next((m for m in meant if m != key and unicodedata.normalize("NFC", m) == form), None)
    if twin is not None:
        return (
            f"the file {as_written(meant[twin])} is named so in another Unicode form (an "
            "accent as one character or as a combining mark, as a Mac may save a name): "
            "rename the file, or retype its name here"
        )
    close = close_matches(key, list(meant), n=1)
    return f"did you mean {as_written(meant[close[0]])}?" if close else None


def _policy_files(folder: Path) -> list[Path]:
    """The policy files in ``folder``, in name order (its tests aside)."""
    return sorted(p for p in folder.iterdir() if is_policy_file(p))


def is_policy_file(path: Path) -> bool:
    """A policy file by its name, anything but a folder: a FIFO, a device or a symbolic
    link that leads nowhere is one too, so that reading it fails, named, instead of the
    policy (or ``validate``) silently going without it."""
    if path.name.startswith(_ARTEFACTS):
        return False
    return path.suffix.lower() in SUFFIXES and not path.is_dir() and not is_test_file(path)


#: Names an editor or a system gives what it keeps beside a file, never policy: Emacs's
#: lock while a buffer is modified (``.#x.yaml``, a link that leads nowhere) and macOS's
#: AppleDouble metadata (``._x.yaml``, binary) on a shared drive or in a zip.
_ARTEFACTS: Final = (".#", "._")


def _exists(path: Path) -> bool:
    """``path.exists()``; a name the system refuses (too long for it) names nothing."""
    try:
        return path.exists()
    except OSError:
        return False


def _problem(spot: Location, message: str, hint: str, code: str) -> PolicyError:
    return PolicyError([Problem(spot, message, hint, code=code)])


def _by_precedence(
    source: Source,
    parents: list[Loaded],
    own: dict[str, Any],
    own_tree: Located,
    problems: list[Problem],
) -> list[Loaded]:
    """Parents in merge order: by ``precedence:`` (the winner last) when the child gives
    it; otherwise in extends order, with every clash between them reported."""
    raw = source.data.get("extends")
    names = [str(n) for n in (raw if isinstance(raw, list) else [raw])][: len(parents)]
    order = source.data.get("precedence")
    if "precedence" in source.data:
        spot = source.tree.children["precedence"].location
        if (unusable := unusable_order(order, names, spot)) is not None:
            problems.append(unusable)
            return parents
        unknown = [n for n in order if n not in names]
        if unknown:
            problems.append(
                Problem(
                    attrs.evolve(spot, path="precedence"),
                    f"precedence names {as_written(unknown[0])}, which this policy does not extend",
                    f"list names exactly as written under extends: {', '.join(names)}",
                    code="precedence",
                )
            )
            return parents
        rank = {name: i for i, name in enumerate(order)}
        ranked = sorted(range(len(parents)), key=lambda i: -rank.get(names[i], len(order)))
        return [parents[i] for i in ranked]
    if len(parents) > 1:
        # compared with the child's own values on top: what the child sets is settled
        settled = [merge(data, tree, own, own_tree) for data, tree, _ in parents]
        problems.extend(clash_problems(names, settled, source.tree.location))
    return parents


def _kind_of(data: object) -> str:
    """What a file that is no mapping holds, in a policy author's words."""
    if data is None:
        return "nothing: the file is empty or holds only ~ or null"
    return json_kind(data)
