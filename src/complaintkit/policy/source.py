"""Reading one policy file into plain data plus a file:line:column for every node.

Policy authors fix what they can find, so every value read from a file keeps where it came
from: a :class:`Located` tree mirrors the data (mapping keys point at the key, list items at
the item) and :func:`flatten` turns it into ``{"classification.rules[0].when": Location}``,
the path spelling the condition compiler and rule tables use.

Policy files may come from elsewhere (a pack, a pull request), so reading is defensive and
fails fast: files over :data:`MAX_BYTES` are refused before they are read, YAML anchors and
aliases are refused while scanning events (an alias bomb never expands), and nesting deeper
than :data:`MAX_DEPTH` is refused before any recursive code sees the data.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs
import yaml

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy import data_paths
from complaintkit.policy.as_written import shorten
from complaintkit.policy.byte_order_marks import said_first, stray_byte_order_marks
from complaintkit.policy.encoding import policy_text
from complaintkit.policy.file_end import WHERE_THE_FILE_ENDS, end_of_text, past_the_text
from complaintkit.policy.float_digits import (
    FloatDigits,
    keeps_its_text,
    plain_elsewhere,
    with_its_text,
)
from complaintkit.policy.fullwidth import full_width_slips
from complaintkit.policy.invisible_in_words import invisible_in_words
from complaintkit.policy.json_depth import too_deep_at as json_too_deep_at
from complaintkit.policy.json_wording import json_meaning
from complaintkit.policy.located import Located, flatten
from complaintkit.policy.lone_surrogates import lone_surrogates
from complaintkit.policy.plain_scalars import misread as misread_scalar
from complaintkit.policy.quote_marks import chinese_quoted
from complaintkit.policy.thousands_commas import Joins
from complaintkit.policy.toml_depth import too_deep_at as toml_too_deep_at
from complaintkit.policy.toml_places import toml_places
from complaintkit.policy.toml_twice import given_twice
from complaintkit.policy.toml_wording import no_such_date, toml_meaning
from complaintkit.policy.unusable_numbers import (
    LONG_DIGITS,
    LONG_NUMBER_HINT,
    long_numbers,
    not_finite,
)
from complaintkit.policy.yaml_aliases import AliasesRefused, compose_without_aliases
from complaintkit.policy.yaml_duplicates import HINT as DUPLICATE_HINT
from complaintkit.policy.yaml_duplicates import duplicate_keys, duplicate_message
from complaintkit.policy.yaml_errors import BARE_NOT_EQUAL, yaml_error
from complaintkit.policy.yaml_scan import LOADER, path_at, refuse_deep_nesting, scan_events
from complaintkit.policy.yaml_tags import MERGE_TAG, NULL_TAG, VALUE_TAG, refused_tag
from complaintkit.sla.date_advice import date_advice

#: Largest policy file read; a real SOP is a few hundred kilobytes at most.
MAX_BYTES: Final = 2 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH: Final = 64
#: Longest text (value or key) accepted: a long letter template is a few thousand
#: characters, and a keyword longer than a complaint can never match one.
MAX_TEXT_CHARS: Final = 20_000
SUFFIXES: Final = (".yaml", ".yml", ".toml", ".json")
#: Policy tests' file names: ``*.tests.yaml``, in any format a policy may be written in.
TEST_SUFFIXES: Final = tuple(".tests" + suffix for suffix in SUFFIXES)
_TAG_HINT: Final = "policies hold plain text, numbers, true/false, lists and mappings: remove it"
_MERGE_KEY: Final = (
    "YAML merge keys (<<) are not allowed in policies",
    "write the keys out in full, or share them with extends:",
)

#: A line end written as CR alone (an old Mac editor's): the readers before the parser, and
#: JSON's and TOML's, count lines by LF.
_LONE_CR: Final = re.compile(r"\r(?!\n)")
_TOML_POSITION: Final = re.compile(r"\(at line (\d+), column (\d+)\)")
#: tomllib's place for an error past the last character: a value or table left unfinished.
_TOML_END: Final = re.compile(r"\(at end of document\)")
#: A JSON escape of half a surrogate pair (json.dumps writes 🙏 as \ud83d\ude4f), which
#: YAML refuses; an escaped backslash before it (``\\ud83d``) is plain text.
_SURROGATE_ESCAPE: Final = re.compile(r"(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


#: A child's path (``a.b``, ``a[0]``): sections read it from here; it lives in data_paths,
#: where the readers this module uses find it too.
join: Final = data_paths.join


@attrs.frozen
class Source:
    """One file's data and locations.

    ``problems`` are errors the reader could step over (a value it could not read becomes
    None) so that the loader reports them together with everything else it finds.
    """

    file: str
    data: Any
    tree: Located
    problems: tuple[Problem, ...] = ()


def is_test_file(path: Path) -> bool:
    """``*.tests.yaml`` (``.yml``, ``.toml``, ``.json``): policy tests, which live beside
    policies and are never read as part of one."""
    return path.name.lower().endswith(TEST_SUFFIXES)


def fail(
    file: str,
    message: str,
    hint: str = "",
    *,
    line: int | None = None,
    column: int | None = None,
    code: str = "",
    path: str = "",
) -> PolicyError:
    return PolicyError([Problem(Location(file, line, column, path), message, hint, code=code)])


def read_source(path: Path) -> Source:
    """Read a YAML, TOML or JSON policy file; raises PolicyError with the location."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise fail(
            file,
            f"unsupported policy file type {suffix or '(none)'!r}",
            "name the file *.yaml, *.yml, *.toml or *.json",
            code="file-type",
        )
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would wait for a writer forever
            raise fail(file, "not a regular file", "point at a policy file", code="unreadable")
        if status.st_size > MAX_BYTES:
            raise _too_big(file, status.st_size)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        link = f" (a symbolic link to {os.readlink(path)})" if path.is_symlink() else ""
        raise fail(
            file,
            f"cannot read the policy file{link}: {exc.strerror or exc}",
            "check the path and permissions",
            code="unreadable",
        ) from None
    if len(raw) > MAX_BYTES:
        raise _too_big(file, len(raw))
    return parse_text(policy_text(raw, file), file, suffix)


def parse_text(text: str, file: str, suffix: str = ".yaml") -> Source:
    """Parse policy text given its format (by suffix); raises PolicyError."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _too_big(file, len(text))
    text = _LONE_CR.sub("\n", text)  # a line break to YAML (and to the author's editor)
    text, marks, columns = stray_byte_order_marks(text, file)
    read = _toml if suffix == ".toml" else _json if suffix == ".json" else _yaml
    with said_first(marks, columns):
        source = columns.source(invisible_in_words(_finite(read(text, file)), text, []))
    return attrs.evolve(source, problems=(*marks, *source.problems)) if marks else source


def _finite(source: Source) -> Source:
    """``source`` with each NaN or infinity (YAML ``.nan``, JSON ``NaN``, TOML ``inf``) and
    each text over :data:`MAX_TEXT_CHARS` made None and reported: no policy number means
    NaN, arithmetic on it would fail only when a complaint arrives, and a megabyte keyword
    would slow every complaint."""
    found = list(_unusable(source.data, "", Path(source.file).suffix))
    if not found:
        return source
    where = flatten(source.tree)
    problems = [
        Problem(attrs.evolve(where.get(path, source.tree.location), path=path), m, h, code=c)
        for path, (m, h, c) in found
    ]
    return attrs.evolve(source, problems=(*source.problems, *problems))


def _unusable(data: Any, path: str, suffix: str) -> Iterator[tuple[str, tuple[str, str, str]]]:
    """Each NaN, infinity or overlong text below ``data`` (a value replaced by None, a key
    left out), with its path and (message, hint, code)."""
    for key, value in list(_items(data)):
        here = join(path, key)
        if isinstance(key, str) and len(key) > MAX_TEXT_CHARS:
            del data[key]
            yield here, _too_long(key)
        elif isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            data[key] = None
            yield here, _too_long(value)
        elif isinstance(value, float) and not math.isfinite(value):
            data[key] = None
            yield here, not_finite(value, here, suffix)
        else:
            yield from _unusable(value, here, suffix)


def _too_long(text: str) -> tuple[str, str, str]:
    return (
        f"text of {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}",
        "a policy holds keywords, labels and templates, not documents: shorten it",
        "too-long",
    )


def _too_big(file: str, size: int) -> PolicyError:
    return fail(
        file,
        f"the policy file is {size:,} bytes; the limit is {MAX_BYTES:,}",
        "split the policy into a folder of smaller files",
        code="too-large",
    )


# --- YAML ------------------------------------------------------------------------------


def _mark(file: str, mark: Any) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def _yaml(text: str, file: str) -> Source:
    text, problems, columns = full_width_slips(text, file)
    seen = columns.problems  # what is found in the text read, where the file has it
    try:
        scan_events(text, file, MAX_DEPTH)
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        refuse_deep_nesting(text, file, MAX_DEPTH)
        located = yaml_error(file, exc, text, path_at(text))
        twice = duplicate_keys(text, file, LOADER)
        raise PolicyError([*problems, *seen([*twice, *located.problems])]) from None
    except PolicyError as refused:  # anchors and aliases: said with the slips found before
        found = [*problems, *seen([*refused.problems, *duplicate_keys(text, file, LOADER)])]
        found.sort(key=lambda p: p.location.line or 0)
        if (rest := compose_without_aliases(text, refused.problems)) is None:
            raise PolicyError(found) from None
        data, tree = (builder := _NodeReader(file)).read(rest)  # the rest is checked too
        read = columns.source(Source(file, data, tree, tuple(builder.problems)))
        raise AliasesRefused(found, attrs.evolve(read, problems=(*found, *read.problems))) from None
    if node is None or _nothing_written(node):  # empty, comments, or only '---'
        return Source(file, {}, Located(Location(file, 1, 1)), tuple(problems))
    builder = _NodeReader(file)
    data, tree = builder.read(node)
    read = columns.source(Source(file, data, tree, tuple(builder.problems)))
    return attrs.evolve(read, problems=(*problems, *read.problems))


def _nothing_written(node: yaml.Node) -> bool:
    """A document begun with '---' holding nothing: no ``~`` or ``null`` is written."""
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG and not node.value


class _NodeReader:
    """Turns composed YAML nodes into plain data and a Located tree (no recursion limit
    issues: depth is already bounded by the event scan)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def read(
        self, node: yaml.Node, path: str = "", where: Location | None = None
    ) -> tuple[Any, Located]:
        """``node`` as data, and its Located tree at ``where`` (by default its own start: a
        mapping's value is located at its key)."""
        here = Located(where or _mark(self.file, node.start_mark))
        if self._refused(node, path):
            return None, here
        if isinstance(node, yaml.MappingNode):
            data: dict[str, Any] = {}
            joins = Joins(node)
            for key_node, value_node in _taken(node):
                if (run := joins.continued(key_node, value_node)) is not None:
                    data[str(run.at)] = run.number
                    continue
                where = _mark(self.file, key_node.start_mark)
                scalar = isinstance(key_node, yaml.ScalarNode)
                if self._refused(key_node, join(path, key_node.value) if scalar else path):
                    continue
                if not scalar:  # ``? [a, b]``, ``{a: 1}: x``
                    self._problem(
                        where,
                        "a mapping key must be a plain value, not a list or mapping",
                        "use a text key",
                        "key-type",
                        path,
                    )
                    continue
                key = self._scalar(key_node)
                if isinstance(key, bool):  # YAML 1.1: on, off, yes, no; read on as written
                    self._problem(
                        where,
                        f"YAML reads the bare key {key_node.value!r} as {str(key).lower()}, "
                        "not text",
                        f'write it in quotes: "{key_node.value}"',
                        "key-type",
                        path,
                    )
                    key = key_node.value
                if not isinstance(key, str):
                    self._problem(
                        where,
                        f"YAML reads the key {key_node.value} as {_key_kind(key)}, not as text",
                        f'write it in quotes: "{key_node.value}"',
                        "key-type",
                        path,
                    )
                    continue
                if key in data:
                    first = here.children[key].location
                    self._problem(
                        where,
                        duplicate_message(key, first, where.line),
                        DUPLICATE_HINT,
                        "duplicate-key",
                        join(path, key),
                    )
                    continue
                data[key], here.children[key] = self.read(value_node, join(path, key), where)
                joins.entry(key, value_node)
            self._thousands(joins, path)
            return data, here
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            joins = Joins(node)
            for item in _taken(node):
                if (run := joins.continued(item)) is not None:
                    items[-1] = run.number
                    continue
                value, here.children[len(items)] = self.read(item, join(path, len(items)))
                joins.entry(len(items), item)
                items.append(value)
            self._thousands(joins, path, items)
            return items, here
        assert isinstance(node, yaml.ScalarNode)  # the one other kind of node YAML composes
        return self._scalar(node, path), here

    def _thousands(self, joins: Joins, path: str, items: list[Any] | None = None) -> None:
        for run, message, hint in joins.problems(items):
            where = _mark(self.file, run.first.start_mark)
            self._problem(where, message, hint, "thousands-separator", join(path, run.at))

    def _refused(self, node: yaml.Node, path: str) -> bool:
        """Whether ``node`` is a merge key or carries a tag a policy may not (reported)."""
        if node.tag == MERGE_TAG:
            message, hint = _MERGE_KEY
        elif (tag := refused_tag(node)) is not None and tag.startswith("!="):
            # YAML reads an unquoted ``!=`` as a tag, so the operator never reaches the rule
            message, hint = BARE_NOT_EQUAL
        elif tag is not None:
            message, hint = f"the YAML tag {tag} is not allowed in policies", _TAG_HINT
        else:
            return False
        where = _mark(self.file, node.start_mark)
        self._problem(where, message, hint, "alias" if node.tag == MERGE_TAG else "yaml-tag", path)
        return True

    def _scalar(self, node: yaml.ScalarNode, path: str = "") -> Any:
        if node.tag == VALUE_TAG:  # a bare '=': YAML 1.1's "value key", to an author text
            return node.value
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # the tag resolver took it for a number or a date the constructor cannot build
            self._problem(
                _mark(self.file, node.start_mark),
                f"{shorten(node.value)!r} is not a usable {_kind(node.tag)}",
                date_advice(node.value) if node.tag.endswith("timestamp") else LONG_NUMBER_HINT,
                "bad-value",
                path,
            )
            return None
        if not node.style and (misread := misread_scalar(node.value, value, path)):
            self._problem(_mark(self.file, node.start_mark), *misread, "bad-value", path)
            return None
        if not node.style and isinstance(value, float) and keeps_its_text(path):
            return with_its_text(node.value, value)  # an amount, never a fact compared
        if not node.style and isinstance(value, str) and (quoted := chinese_quoted(value)):
            self._problem(_mark(self.file, node.start_mark), *quoted, "full-width", path)
        return value

    def _problem(self, where: Location, message: str, hint: str, code: str, path: str = "") -> None:
        self.problems.append(Problem(attrs.evolve(where, path=path), message, hint, code=code))


def _taken(node: yaml.Node) -> Iterator[Any]:
    """The children of ``node``, each let go of once read: the data and locations read
    then reuse the composed nodes' memory (a 2 MiB policy composes to some 80 MB) rather
    than adding to it. ``node`` is left without children."""
    children = node.value
    node.value = []
    children.reverse()
    while children:
        yield children.pop()


def _key_kind(key: object) -> str:
    """What YAML made of a bare key that is no text (``2026-01-01:``, ``1:``, ``~:``)."""
    if key is None:
        return "nothing (null)"
    return "a date" if isinstance(key, date) else "a number"


def _kind(tag: str) -> str:
    return "date" if tag.endswith("timestamp") else "number"


# --- JSON ------------------------------------------------------------------------------


def _json(text: str, file: str) -> Source:
    if (deep := json_too_deep_at(text, MAX_DEPTH)) is not None:
        raise _too_deep(file, deep)
    problems: list[Problem] = []
    unusable: list[str] = []
    floats = FloatDigits()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:  # the first is kept, as in YAML (located below)
                twice = f"duplicate key {key!r}"
                problems.append(
                    Problem(Location(file), twice, DUPLICATE_HINT, code="duplicate-key")
                )
                continue
            out[key] = value
        return out

    def number(digits: str) -> int | None:
        try:
            return int(digits)
        except ValueError:  # longer than Python builds an int from (4300 digits)
            unusable.append(digits)
            return None

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=number, parse_float=floats)
        data = plain_elsewhere(data)
    except json.JSONDecodeError as exc:
        at_end = past_the_text(text, exc.lineno, exc.colno)
        line, column = end_of_text(text) if at_end else (exc.lineno, exc.colno)
        raise fail(
            file,
            f"malformed JSON: {json_meaning(text, exc.pos)}{WHERE_THE_FILE_ENDS if at_end else ''}",
            "fix the JSON at this position",
            line=line,
            column=column,
            code="syntax",
        ) from None
    if halves := lone_surrogates(text, file):
        raise PolicyError(halves)
    # JSON is valid YAML flow syntax, so the YAML reader can say where things are
    tree, located = _read_as_yaml(text, data, file)
    twice = [p for p in located if p.code == "duplicate-key"] or problems
    if unusable:
        numbers = [p for p in located if p.code == "bad-value"]
        numbers = numbers or long_numbers(text, file, unusable)
        return Source(file, data, tree, (*twice, *numbers))
    return Source(file, data, tree, (*twice, *floats.problems(text, file, data, tree)))


def _read_as_yaml(text: str, data: Any, file: str) -> tuple[Located, list[Problem]]:
    """Locations (and located problems) for JSON text, read by the YAML parser (a surrogate
    escape as another of its length, a tab, only ever between JSON's tokens, as a space: the
    columns stay right); file-level for each node of ``data`` when a JSON nicety trips it up."""
    text = _SURROGATE_ESCAPE.sub(r"\1\\u003f", text).replace("\t", " ")
    try:
        scan_events(text, file, MAX_DEPTH)
        node = yaml.compose(text, Loader=LOADER)
    except (yaml.YAMLError, PolicyError):
        return _tree_at_key_lines(data, "", file), []  # no lines to search: each node at line 1
    if node is None:
        return Located(Location(file, 1, 1)), []
    reader = _NodeReader(file)
    tree = reader.read(node)[1]
    return tree, reader.problems


# --- TOML ------------------------------------------------------------------------------


def _toml(text: str, file: str) -> Source:
    floats = FloatDigits()
    try:
        data = plain_elsewhere(tomllib.loads(text, parse_float=floats))
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else end_of_text(text)
        message = _TOML_POSITION.sub("", _TOML_END.sub("", str(exc))).strip()
        here = text.split("\n")[line - 1][column - 1 :] if found else ""
        meaning = f"{toml_meaning(message, here)}{'' if found else WHERE_THE_FILE_ENDS}"
        hint = "fix the TOML at this position"
        if found and (no_day := no_such_date(text.split("\n")[line - 1], column)) is not None:
            column, meaning, hint = no_day
        if found and "overwrite" in message.lower() and (twice := given_twice(text, line)):
            meaning = f"the key {twice.key!r} is given twice in one table (first at line {twice.first_line})"
            column, hint = twice.column, "remove one of them"
        raise fail(
            file, f"malformed TOML: {meaning}", hint, line=line, column=column, code="syntax"
        ) from None
    except ValueError:  # an integer longer than Python builds (4300 digits)
        long = LONG_DIGITS.search(text)
        raise PolicyError(long_numbers(text, file, [long[0] if long else ""])) from None
    except RecursionError:
        raise _too_deep(file, toml_too_deep_at(text, MAX_DEPTH)) from None
    tree = _tree_at_key_lines(data, text, file)
    return Source(file, data, tree, floats.problems(text, file, data, tree))


def _too_deep(file: str, at: tuple[int, int] | None) -> PolicyError:
    """The error for a text nesting deeper than :data:`MAX_DEPTH`, at the line and column
    where it passes it (at the file when that is not known)."""
    line, column = at or (None, None)
    return fail(
        file,
        f"the policy nests deeper than {MAX_DEPTH} levels",
        "flatten the structure",
        line=line,
        column=column,
        code="too-deep",
    )


def _tree_at_key_lines(data: Any, text: str, file: str) -> Located:
    """Each node where its key or list item is written (:mod:`.toml_places`), at its
    parent's place when it is not found (an array of tables' item fields share nothing).
    A table or array nested deeper than :data:`MAX_DEPTH` levels (the root the first) is
    refused."""
    places = toml_places(text, MAX_DEPTH) if text else {}
    root = Located(Location(file, 1, 1))
    stack: list[tuple[Any, Located, tuple[str | int, ...]]] = [(data, root, ())]
    while stack:
        value, node, path = stack.pop()
        if len(path) >= MAX_DEPTH and isinstance(value, dict | list):
            raise _too_deep(file, toml_too_deep_at(text, MAX_DEPTH))
        for key, child_value in _items(value):
            here = (*path, key)
            line, column = places.get(here, (node.location.line, node.location.column))
            child = Located(Location(file, line, column))
            node.children[key] = child
            stack.append((child_value, child, here))
    return root


def _items(value: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(value, dict):
        yield from value.items()
    elif isinstance(value, list):
        yield from enumerate(value)
