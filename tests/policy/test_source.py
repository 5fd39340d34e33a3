"""Reading policy files: locations, and hostile input failing fast."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.located import flatten
from complaintkit.policy.source import MAX_BYTES, MAX_DEPTH, parse_text, read_source


def test_yaml_locations_point_at_keys_and_items() -> None:
    source = parse_text("a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n", "p.yaml")
    where = flatten(source.tree)
    assert (where["a.b"].line, where["a.b"].column) == (2, 3)
    assert (where["a.c[1].d"].line, where["a.c[1].d"].column) == (5, 8)
    assert source.data == {"a": {"b": 1, "c": ["x", {"d": 2}]}}


def test_json_gets_line_and_column_of_each_key() -> None:
    source = parse_text('{"a": {\n  "b": [1, {"c": true}]\n}}', "p.json", ".json")
    where = flatten(source.tree)
    assert (where["a.b[1].c"].line, where["a.b[1].c"].column) == (2, 13)


def test_toml_locations_are_best_effort_lines() -> None:
    source = parse_text(
        'complaintkit = 1\n\n[teams.desk]\ndefault_owner = "x"\n', "p.toml", ".toml"
    )
    assert flatten(source.tree)["teams.desk.default_owner"].line == 4


def test_each_table_of_a_toml_array_of_tables_is_at_its_own_header() -> None:
    # every row was located at the first row's lines: an error in the third named line 3
    text = "[[rules]]\nid = 'a'\n\n[[rules]]\nid = 'b'\n\n[[rules]]\nid = 'c'\n"
    located = flatten(parse_text(text, "p.toml", ".toml").tree)
    assert [located[f"rules[{n}]"].line for n in range(3)] == [1, 4, 7]
    assert [located[f"rules[{n}].id"].line for n in range(3)] == [2, 5, 8]


def test_alias_bomb_is_refused_before_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]"
        for i in range(8)
    ]
    started = time.perf_counter()
    with pytest.raises(PolicyError, match="anchors and aliases") as info:
        parse_text("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - started < 5  # generous: the point is it never expands
    assert info.value.problems[0].location.line == 1


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".yaml", "[" * 10_000 + "]" * 10_000),
        (".json", "[" * 10_000 + "]" * 10_000),
        (".toml", "a = " + "[" * 10_000 + "]" * 10_000),
    ],
)
def test_deep_nesting_is_refused(suffix: str, text: str) -> None:
    """Refused, located and coded, whichever parser layer notices first (libyaml has a
    nesting limit of its own in newer PyYAML wheels)."""
    with pytest.raises(PolicyError) as info:
        parse_text(text, f"deep{suffix}", suffix)
    (problem,) = info.value.problems
    assert problem.code == "too-deep"
    assert problem.location.file == f"deep{suffix}"
    assert str(MAX_DEPTH) in problem.message


def test_malformed_yaml_beyond_the_depth_limit_is_still_too_deep() -> None:
    text = "[" * 5_000 + "1, }" + "]" * 5_000
    with pytest.raises(PolicyError) as info:
        parse_text(text, "deep.yaml", ".yaml")
    assert info.value.problems[0].code == "too-deep"


def test_malformed_shallow_yaml_stays_a_syntax_error() -> None:
    with pytest.raises(PolicyError) as info:
        parse_text("[[[1, }]]]", "bad.yaml", ".yaml")
    assert info.value.problems[0].code == "syntax"


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# padding\n" * 1_000_000)  # 10 MB
    with pytest.raises(PolicyError, match="limit is") as info:
        read_source(huge)
    assert info.value.problems[0].code == "too-large"
    assert huge.stat().st_size > MAX_BYTES


def test_malformed_yaml_reports_the_parser_position() -> None:
    with pytest.raises(PolicyError) as info:
        parse_text("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml")
    problem = info.value.problems[0]
    assert problem.location.file == "bad.yaml"
    assert problem.location.line == 3
    assert "malformed YAML" in problem.message


def test_non_utf8_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(PolicyError, match="not UTF-8"):
        read_source(path)


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.ini"
    path.write_text("x=1")
    with pytest.raises(PolicyError, match="unsupported policy file type"):
        read_source(path)


@pytest.mark.parametrize("word", ["on", "off", "yes", "No"])
def test_a_bare_yaml_boolean_key_says_what_yaml_made_of_it(word: str) -> None:
    # it said "mapping keys must be text (got True)" of a key that reads "on"
    (problem,) = parse_text(f"rules:\n  - {{{word}: opened}}\n", "n.yaml").problems
    assert (problem.location.line, problem.location.column) == (2, 6)
    assert repr(word) in problem.message
    assert f'"{word}"' in problem.hint


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ufffe"])
def test_a_control_character_is_named_at_its_line_and_column(char: str) -> None:
    # it said 'in "<unicode string>", position 12' and gave no line
    with pytest.raises(PolicyError) as info:
        parse_text(f'a: 1\nname: "a{char}b"\n', "n.yaml")
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (2, 9)
    assert f"U+{ord(char):04X}" in problem.message
    assert "<unicode string>" not in problem.message


def _refused(text: str, suffix: str = ".yaml") -> tuple[int | None, str]:
    """Line and path of the last problem, raised or kept to report with the others."""
    try:
        problems = parse_text(text, f"p{suffix}", suffix).problems
    except PolicyError as refused:
        problems = refused.problems
    where = problems[-1].location
    return where.line, where.path


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        # each said only p.yaml:LINE:COLUMN, leaving the author to find the section
        ("complaintkit: 1\nteams:\n  desk: {}\n  desk: {}\n", 4, "teams.desk"),
        ("complaintkit: 1\nrouting:\n  default: &d {team: desk}\n", 3, "routing.default"),
        ("complaintkit: 1\nrouting:\n  rules:\n    - *d\n", 4, "routing.rules[0]"),
        ("complaintkit: 1\nrouting:\n\trules: []\n", 3, "routing"),
        ("tests:\n  - complaint: {text: x}\n\texpect: {}\n", 3, "tests[0]"),
        (
            "complaintkit: 1\nsla: {targets: [{when: " + "[" * 70 + "]}]}\n",
            2,
            "sla.targets[0].when",
        ),
    ],
)
def test_a_yaml_error_names_the_section_it_is_in(text: str, line: int, path: str) -> None:
    found_line, found_path = _refused(text)
    assert found_line == line
    deep = path.endswith(".when")  # the list nested past the limit, inside when
    assert found_path.startswith(f"{path}[0]") if deep else found_path == path


def test_a_duplicate_json_key_names_its_section() -> None:
    assert _refused('{"teams": {"desk": {},\n "desk": {}}}', ".json") == (2, "teams.desk")


@pytest.mark.parametrize(
    ("text", "suffix", "line"),
    [
        ("sla:\n  warnings: [0.5, .nan]\n", ".yaml", 2),
        ("sla:\n  warnings: [0.5, -.inf]\n", ".yaml", 2),
        ('{"sla":\n {"warnings": [0.5, NaN]}}', ".json", 2),
        ('{"sla":\n {"warnings": [0.5, -Infinity]}}', ".json", 2),
        ("[sla]\nwarnings = [0.5, inf]\n", ".toml", 2),
    ],
)
def test_a_number_that_is_no_finite_number_is_refused_where_it_is_written(
    text: str, suffix: str, line: int
) -> None:
    # .nan validated as a warning share or an escalation's elapsed, then every clock
    # crashed with 'cannot convert float NaN to integer'
    source = parse_text(text, f"p{suffix}", suffix)
    (problem,) = source.problems
    assert problem.code == "bad-value"
    assert (problem.location.line, problem.location.path) == (line, "sla.warnings[1]")
    assert source.data["sla"]["warnings"] == [0.5, None]


def test_json_written_with_escaped_emoji_keeps_its_locations() -> None:
    # json.dumps writes 🙏 as the surrogate pair \ud83d\ude4f, which the YAML reader that
    # finds JSON locations refuses: every error was then reported at line 1, column 1
    text = json.dumps({"name": "谢谢 🙏", "teams": {"desk": {"default_owner": 5}}}, indent=1)
    source = parse_text(text, "p.json", ".json")
    assert source.data["name"] == "谢谢 🙏"
    assert flatten(source.tree)["teams.desk.default_owner"].line == 5


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("name", "谢谢 🙏"),  # as json.dumps escapes it: a surrogate pair
        ("a" * 2000, 1),  # a key longer than the YAML reader takes
    ],
)
def test_a_json_policy_the_yaml_reader_cannot_read_is_checked_all_the_same(
    tmp_path: Path, key: str, value: object
) -> None:
    base = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"complaintkit": 1, "extends": str(base), key: value}))
    # was a KeyError on the missing location of extends: a traceback, not an answer
    problems = check_policy(path)
    assert [p.location.path for p in problems] == ([] if key == "name" else [key])


@pytest.mark.parametrize(
    ("escaped", "line", "column", "half"),
    [
        ('"keywords": ["\\ud83d"]', 3, 16, "d83d"),  # a high half cut from its pair
        ('"keywords": ["ok \\ude4f"]', 3, 19, "de4f"),  # a low half alone
        ('"keywords": ["\\ude4f\\ud83d"]', 3, 16, "de4f"),  # the halves the wrong way round
        ('"keywords": ["\\ud83d x \\ude4f"]', 3, 16, "d83d"),  # apart
    ],
)
def test_half_a_surrogate_pair_in_json_is_a_problem_at_its_escape(
    escaped: str, line: int, column: int, half: str
) -> None:
    """Read as text no encoder can write, it failed far from the value: compiling keywords
    ("please report as a bug"), or never matching in a contains."""
    text = '{\n "name": "x",\n ' + escaped + "\n}"
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "p.json", ".json")
    first = refused.value.problems[0]
    assert (first.location.line, first.location.column) == (line, column)
    assert f"\\u{half}" in first.message


@pytest.mark.parametrize(
    "escaped", ['"\\ud83d\\ude4f"', '"\\\\ud83d"', '"\\\\\\\\ud83d"', '"\\u00e9"']
)
def test_whole_pairs_and_escaped_backslashes_are_text(escaped: str) -> None:
    source = parse_text('{"name": ' + escaped + "}", "p.json", ".json")
    source.data["name"].encode()  # writable text
