"""An author's slip in a real policy file gives a located policy error, never a traceback.

Each shipped policy (``policies/``, the demo's, the docs' base) is written out as YAML,
JSON and TOML and then slipped on the way an editor slips: a line deleted, duplicated or
swapped with another, a value of another type, a Chinese or full-width character typed
in, a tab in the indentation, Windows line ends on some lines, the file cut at a byte.
Loading must then either succeed or raise :class:`PolicyError` whose every problem names
its file and a line or key path.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.policy.compiled import load_policy

ROOT = Path(__file__).parents[2]
SHIPPED = [
    *sorted(p for p in (ROOT / "policies").rglob("*.yaml") if not p.name.endswith(".tests.yaml")),
    ROOT / "src" / "complaintkit" / "demo" / "policy.yaml",
    ROOT / "docs" / "policy" / "base.yaml",
]
#: characters an author's keyboard slips in: Chinese text, full-width punctuation and space
SLIPS = ["\u4e2d", "\uff1a", "\uff0c", "\u3000", "\uff5b", "\uff3d", "\u201c", "\t", "\u00a0"]
OTHER_TYPES = ["[x]", "{a: 1}", "12", "true", "2026-01-01", '""', "~", "-1.5", "'7'"]


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | date):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        pairs = (f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items() if v is not None)
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _toml(data: dict[str, Any]) -> str:
    """``data`` as TOML, each section one line: enough for a parser to read it back."""
    return "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in data.items())


def _forms(path: Path) -> dict[str, str]:
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        ".yaml": text,
        ".json": json.dumps(data, ensure_ascii=False, indent=2, default=str),
        ".toml": _toml(data),
    }


FORMS = {(p, suffix): text for p in SHIPPED for suffix, text in _forms(p).items()}


@st.composite
def slipped(draw: st.DrawFn) -> tuple[Path, str, bytes]:
    """A policy's text with one to three slips, as the bytes saved."""
    path, suffix = draw(st.sampled_from(sorted(FORMS)))
    lines = FORMS[path, suffix].split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        slip = draw(st.sampled_from(["delete", "type", "swap", "char", "dup", "tab", "crlf"]))
        if slip == "delete":
            del lines[i]
        elif slip == "type" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(OTHER_TYPES))
        elif slip == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], line
        elif slip == "char":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(SLIPS)) + line[at:]
        elif slip == "dup":
            lines.insert(i, line)
        elif slip == "tab":
            lines[i] = "\t" + line.lstrip(" ")
        elif slip == "crlf":
            lines[i] = line + "\r"
        if not lines:
            lines = [""]
    raw = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]  # may cut a character in two
    return path, suffix, raw


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policies' folders, so a slipped file's ``extends`` still finds its parents."""
    root = tmp_path_factory.mktemp("slips")
    shutil.copytree(ROOT / "policies", root / "policies")
    shutil.copytree(ROOT / "docs" / "policy", root / "docs")
    (root / "demo").mkdir()
    return root


def _copy_of(copies: Path, path: Path) -> Path:
    if path.is_relative_to(ROOT / "policies"):
        return copies / path.relative_to(ROOT)
    return copies / ("docs" if "docs" in path.parts else "demo") / path.name


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(slipped())
def test_a_slipped_policy_loads_or_names_where_it_is_wrong(
    copies: Path, case: tuple[Path, str, bytes]
) -> None:
    path, suffix, raw = case
    target = _copy_of(copies, path).with_name(f"slipped{suffix}")
    target.write_bytes(raw)
    problems: tuple[Problem, ...] = ()
    try:
        load_policy(target)  # anything but a PolicyError fails the test
    except PolicyError as exc:
        problems = exc.problems or (Problem(Location(""), ""),)  # an empty error fails too
    for problem in problems:
        where = problem.location
        assert where.file, problem
        assert where.line is not None or where.path, problem
        assert problem.message, problem
