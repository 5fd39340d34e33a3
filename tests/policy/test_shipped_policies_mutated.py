# ruff: noqa: RUF001 -- the tests write the full-width marks an author types
"""The shipped policies, mutated as authors slip (a tab, a full-width colon or comma, a
key given twice, a Windows line end, a key misspelt or deleted, a value of another type,
an alias bomb, nesting thousands deep): each either loads or is refused with problems that
all name a line and column, the mutated line among them where the slip is on it, and never
with a traceback."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

ROOT = Path(__file__).resolve().parents[2]
#: Small shipped policies that extend none (so a copy elsewhere reads alone).
SHIPPED = {
    name: (ROOT / name).read_text(encoding="utf-8")
    for name in (
        "policies/regulatory/cfpb.yaml",
        "policies/regulatory/hkma-complaints.yaml",
        "policies/regulatory/fca-disp.yaml",
        "policies/regulatory/psd2-art101.yaml",
        "examples/cfpb/policy.yaml",
    )
}
KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>(?: .*)?)$")
#: Slips on one line, and whether the line itself must be named.
ON_THE_LINE = ("tab", "full-width colon", "twice")
ANYWHERE = ("crlf", "full-width comma", "misspelt", "deleted", "number", "list", "mapping")


def key_lines(text: str) -> list[int]:
    """The lines starting with a key, neither inside nor opening a ``{...}`` written over
    several lines (where a tab is a space to YAML, and a line given twice is told where
    the collection opens: test_unclosed_flow_names_its_opening)."""
    lines = text.split("\n")
    continued = tuple(",{[")
    return [
        n
        for n, line in enumerate(lines)
        if KEY_LINE.match(line)
        and not line.rstrip().endswith(continued)
        and not (n and lines[n - 1].rstrip().endswith(continued))
    ]


def mutated(text: str, at: int, slip: str) -> tuple[str, int]:
    """The text with ``slip`` at line index ``at``, and the 1-based line it is on."""
    lines = text.split("\n")
    found = KEY_LINE.match(lines[at])
    assert found is not None
    indent, key, rest = found["indent"], found["key"], found["rest"]
    line = at + 1
    if slip == "tab":
        lines[at] = "\t" + lines[at]
    elif slip == "full-width colon":
        lines[at] = f"{indent}{key}：{rest}"
    elif slip == "twice":
        lines.insert(at + 1, lines[at])
        line = at + 2
    elif slip == "crlf":
        lines[at] += "\r"
    elif slip == "full-width comma":
        lines[at] = lines[at].replace(", ", "，", 1)
    elif slip == "misspelt":
        lines[at] = f"{indent}{key[:-1] or 'x'}:{rest}"
    elif slip == "deleted":
        del lines[at]
    else:
        value = {"number": "5", "list": "[1, 2]", "mapping": "{x: 1}"}[slip]
        lines[at] = f"{indent}{key}: {value}"
    return "\n".join(lines), line


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "policy.yaml"
    path.write_bytes(text.encode("utf-8"))
    return [p for p in check_policy(path) if p.severity == "error"]


SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(name=st.sampled_from(sorted(SHIPPED)), slip=st.sampled_from(ON_THE_LINE), data=st.data())
def test_a_slip_on_a_line_is_told_at_that_line(
    tmp_path: Path, name: str, slip: str, data: st.DataObject
) -> None:
    at = data.draw(st.sampled_from(key_lines(SHIPPED[name])))
    text, line = mutated(SHIPPED[name], at, slip)
    found = problems(tmp_path, text)
    assert all(p.location.line is not None and p.location.column for p in found), found
    assert line in [p.location.line for p in found], (line, found)


@SETTINGS
@given(name=st.sampled_from(sorted(SHIPPED)), slip=st.sampled_from(ANYWHERE), data=st.data())
def test_any_slip_loads_or_is_told_where(
    tmp_path: Path, name: str, slip: str, data: st.DataObject
) -> None:
    at = data.draw(st.sampled_from(key_lines(SHIPPED[name])))
    text, _ = mutated(SHIPPED[name], at, slip)
    found = problems(tmp_path, text)
    assert all(p.location.line is not None and p.location.column for p in found), found


def test_an_alias_bomb_and_deep_nesting_are_refused_where_written(tmp_path: Path) -> None:
    text = SHIPPED["policies/regulatory/cfpb.yaml"]
    last = text.count("\n") + 1
    bomb = "".join(f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]\n" for n in range(1, 12))
    for tail in ("x0: &x0 [lol]\n" + bomb, "deep: " + "[" * 20_000 + "\n"):
        found = problems(tmp_path, text.rstrip("\n") + "\n" + tail)
        assert found
        assert all(p.location.line is not None and p.location.line >= last for p in found)
