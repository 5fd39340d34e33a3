"""The policy authors' pages in docs/policy/ run: every policy example loads and every
policy-test example passes; docs/policies.md sends readers to docs, not into src/, and no
page or --help names a page the repository does not hold."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import PolicyError
from complaintkit.notify.templates import FIELDS
from complaintkit.policy import compiled
from complaintkit.policy.compiled import load_policy
from complaintkit.policytest import Runner
from complaintkit.policytest.spec import load_test_file
from complaintkit.sla import horizon

REPO = Path(__file__).parents[1]
DOCS = REPO / "docs"
PAGES = sorted((DOCS / "policy").glob("*.md"))
PREAMBLE = "complaintkit: 1\nextends: {base}\n"


def examples(page: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", page.read_text("utf-8"), flags=re.S)


def test_there_is_a_page_per_policy_section() -> None:
    names = {p.stem for p in PAGES}
    assert {
        "classification-and-routing",
        "escalation",
        "compensation",
        "templates-and-notifications",
        "incidents",
    } <= names


@pytest.mark.parametrize("page", [p for p in PAGES if examples(p)], ids=lambda p: p.stem)
def test_every_example_on_the_page_runs(page: Path, tmp_path: Path) -> None:
    policy: Path | None = None
    for n, text in enumerate(examples(page)):
        data = yaml.safe_load(text)
        if isinstance(data, dict) and "tests" in data:
            shipped = data.get("policy")  # a policy the repository ships, by its path there
            assert shipped or policy, f"{page.name}: a test example before any policy"
            tests = tmp_path / f"example{n}.tests.yaml"
            written = (
                text.replace(f"policy: {shipped}", f"policy: {REPO / shipped}", 1)
                if shipped
                else f"policy: {policy}\n{text}"
            )
            tests.write_text(written, "utf-8")
            failed = [r for r in Runner().run_file(tests) if not r.passed]
            assert failed == [], f"{page.name} example {n}: {failed}"
            continue
        policy = tmp_path / f"example{n}.yaml"
        preamble = PREAMBLE.format(base=DOCS / "policy" / "base.yaml")
        policy.write_text(text if text.startswith("complaintkit:") else preamble + text, "utf-8")
        loaded = load_policy(policy)
        assert [p for p in loaded.problems if p.severity == "error"] == []


def test_the_language_reference_does_not_send_authors_into_the_source() -> None:
    text = (DOCS / "policies.md").read_text("utf-8")
    assert "src/" not in text
    assert not re.search(r"complaintkit/[\w/]+\.py", text)


ROOT = DOCS.parent
PAGES_FOR_USERS = [ROOT / "README.md", *sorted(DOCS.glob("*.md")), *PAGES]


def help_texts() -> list[str]:
    """``--help`` of every command and subcommand of the CLI."""
    texts: list[str] = []

    def walk(command: click.Command, words: list[str]) -> None:
        result = CliRunner().invoke(build_cli(), [*words, "--help"])
        texts.append(result.output)
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])

    walk(build_cli(), [])
    return texts


def test_pages_and_help_name_only_pages_the_repository_holds() -> None:
    """A page or a command's --help that sends users to a .md file names one they can open."""
    texts = {str(page.relative_to(ROOT)): page.read_text("utf-8") for page in PAGES_FOR_USERS}
    texts |= {f"--help {n}": text for n, text in enumerate(help_texts())}
    missing = set()
    for where, text in texts.items():
        for name in re.findall(r"[\w./-]+\.md\b", text):
            base = (ROOT / where).parent if where.endswith(".md") else ROOT
            if not ((base / name).exists() or (ROOT / name).exists()):
                missing.add((where.split(" ")[0], name))
    assert sorted(missing) == []


def test_the_holiday_data_call_runs_as_written() -> None:
    """docs/policies.md's call for the warnings `validate` adds runs and locates them."""
    text = " ".join((DOCS / "policies.md").read_text("utf-8").split())
    (call,) = re.findall(
        r"`(holiday_data_problems\(.*?\))` from `complaintkit\.sla\.horizon`", text
    )
    assert "`load_policy(path, plugins=None) -> Policy` from `complaintkit.policy.compiled`" in text
    assert "`check_policy(path) -> [Problem]`, also from `complaintkit.policy.compiled`" in text
    path = ROOT / "policies" / "regulatory" / "samr-complaints.yaml"
    names = {
        "holiday_data_problems": horizon.holiday_data_problems,
        "policy": compiled.load_policy(path),
        "now": datetime(2100, 12, 1, tzinfo=UTC),  # into 2101: no holiday data
    }
    problems = eval(call, names)  # our own docs' call, on our own policy
    assert [(p.code, p.location.file, p.location.line > 0) for p in problems] == [
        ("holiday-data", str(path), True)
    ]
    assert compiled.check_policy(path) == []


def test_each_statutory_pack_has_its_policy_tests_beside_it() -> None:
    """docs/policy/compensation.md: the statutory packs are complete policies to extend,
    'each with policy tests'."""
    assert "each with policy tests" in " ".join(
        (DOCS / "policy" / "compensation.md").read_text("utf-8").split()
    )
    for folder in (ROOT / "policies" / "statutory", ROOT / "policies" / "statutory" / "extended"):
        packs = [p for p in folder.glob("*.yaml") if not p.name.endswith(".tests.yaml")]
        assert packs
        for pack in packs:
            tests = pack.with_name(pack.stem + ".tests.yaml")
            assert tests.exists(), f"{pack.name} has no {tests.name}"
            assert load_test_file(tests).tests


def test_the_templates_page_lists_every_placeholder() -> None:
    """docs/policy/templates-and-notifications.md names each field a template may use."""
    page = (DOCS / "policy" / "templates-and-notifications.md").read_text("utf-8")
    listed = set(re.findall(r"`\{([a-z_.]+)\}`", page.split("## Rules")[0]))
    listed = {"case.due.<metric>" if n.startswith("case.due.") else n for n in listed}
    assert listed - {"name"} == set(FIELDS)


def section_of(text: str, anchor: str) -> str:
    """The ``## …`` section of a page that ``#anchor`` links to."""
    for part in re.split(r"\n(?=## )", text):
        heading = part.splitlines()[0].lstrip("# ").lower()
        if re.sub(r"[^\w]+", "-", heading).strip("-") == anchor:
            return part
    raise AssertionError(f"no section #{anchor}")


def test_the_precedence_example_says_which_parent_wins(tmp_path: Path) -> None:
    """docs/policies.md: a.yaml and b.yaml set the quality team's default owner
    differently; precedence makes b.yaml's win, and without it loading is an error."""
    text = section_of((DOCS / "policies.md").read_text("utf-8"), "extends-and-merge-rules")
    (example,) = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    base = DOCS / "policy" / "base.yaml"
    for name, owner in (("a", "li.na"), ("b", "qa.zhou")):
        parent = f"complaintkit: 1\nname: {name}\nextends: {base}\n"
        parent += f"teams: {{quality: {{default_owner: {owner}}}}}\n"
        (tmp_path / f"{name}.yaml").write_text(parent, "utf-8")
    shop = tmp_path / "shop.yaml"
    shop.write_text(example, "utf-8")
    assert load_policy(shop).data["teams"]["quality"]["default_owner"] == "qa.zhou"
    shop.write_text(re.sub(r"precedence:.*\n", "", example), "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_policy(shop)
    assert "teams.quality.default_owner" in str(refused.value)
    assert "a.yaml" in str(refused.value)
    assert "b.yaml" in str(refused.value)


#: Pages whose policy examples a test loads, and that test; an example elsewhere (the
#: reference's outlines in docs/policies.md) does not show a key to authors as working.
RUN_BY = {
    "README.md": "tests/test_readme.py",
    "docs/closing-the-loop.md": "tests/policy/test_gates.py",
    "docs/delivery.md": "tests/delivery/test_docs_delivery.py",
    "docs/history.md": "tests/test_docs_history.py",
    "docs/plugins.md": "tests/test_docs_plugin_examples.py",
    "docs/policies.md#extends-and-merge-rules": "tests/test_docs.py",
    "docs/reports.md": "tests/reports/test_policy.py",
    "docs/sla.md": "tests/test_docs_sla.py",
    **{str(page.relative_to(ROOT)): "tests/test_docs.py" for page in PAGES},
}
#: Top-level keys no example needs to show: the editor's schema line, which
#: docs/policies.md shows as the comment editors read.
UNSHOWN = {"$schema"}


def yaml_examples() -> list[dict[str, object]]:
    """Every YAML example that is a policy mapping on the pages of RUN_BY, and base.yaml."""
    found = [yaml.safe_load((DOCS / "policy" / "base.yaml").read_text("utf-8"))]
    for where in RUN_BY:
        page, _, anchor = where.partition("#")
        text = (ROOT / page).read_text("utf-8")
        if anchor:
            text = section_of(text, anchor)
        for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S):
            try:
                data = yaml.safe_load(block)
            except yaml.YAMLError:  # a fragment shown inline (a condition), not a policy
                continue
            if isinstance(data, dict):
                found.append(data)
    return found


def test_each_page_with_shown_examples_is_read_by_the_test_running_them() -> None:
    for where, test in RUN_BY.items():
        page = Path(where.partition("#")[0])
        text = (ROOT / test).read_text("utf-8")
        assert page.name in text or f"{page.parent}/" in text, f"{test} never reads {page}"


SCHEMA = json.loads((ROOT / "src/complaintkit/policy/policy.schema.json").read_text("utf-8"))


def keys_of(fragment: dict[str, Any]) -> list[str]:
    """The keys a top-level schema fragment names (through a $ref, or a list of tables)."""
    if "$ref" in fragment:
        fragment = SCHEMA["$defs"][fragment["$ref"].rsplit("/", 1)[1]]
    for option in fragment.get("anyOf", ()):
        if "$ref" in option:
            return keys_of(option)
    return list(fragment.get("properties", {}))


def test_every_policy_section_and_its_keys_are_shown_in_an_example_a_test_runs() -> None:
    """A top-level key, or a key of a section, that no example a test loads shows is one
    authors never find, or find not working."""
    shown: dict[str, set[str]] = {}
    for data in yaml_examples():
        for key, value in data.items():
            items = value if isinstance(value, list) else [value]
            for item in items:
                shown.setdefault(str(key), set()).update(item if isinstance(item, dict) else ())
    unshown = []
    for key, fragment in SCHEMA["properties"].items():
        if key in UNSHOWN:
            assert key in (DOCS / "policies.md").read_text("utf-8")
        elif key not in shown:
            unshown.append(key)
        else:
            unshown += [f"{key}.{name}" for name in keys_of(fragment) if name not in shown[key]]
    assert unshown == []


def nested_keys(node: object, seen: frozenset[str] = frozenset()) -> set[str]:
    """Every key the schema names below ``node``, through references (a condition's keys
    aside: the condition reference lists and loads each)."""
    if isinstance(node, list):
        return set().union(*(nested_keys(item, seen) for item in node))
    if not isinstance(node, dict):
        return set()
    keys = set(node.get("properties", {}))
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen and not ref.endswith("/condition"):
        keys |= nested_keys(SCHEMA["$defs"][ref.rsplit("/", 1)[1]], seen | {ref})
    skipped = {"$ref", "$defs", "properties"}
    children = [v for k, v in node.items() if k not in skipped]
    return keys | nested_keys([*node.get("properties", {}).values(), *children], seen)


def shown_keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(map(str, node)).union(*(shown_keys(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(shown_keys(item) for item in node))
    return set()


def test_every_option_at_any_depth_is_shown_in_an_example_a_test_runs() -> None:
    """An option inside a section (a metric's restart, a batch's opens_case, a team's
    members) that no example a test loads shows is one authors find only in prose."""
    shown = set().union(*(shown_keys(data) for data in yaml_examples()))
    assert sorted(nested_keys(SCHEMA["properties"]) - shown - UNSHOWN) == []


def reference_conditions() -> list[str]:
    """Each condition docs/policies.md lists under Conditions, one a line (its comment
    dropped; the line of ``[...]`` placeholders is an outline, not a condition)."""
    text = section_of((DOCS / "policies.md").read_text("utf-8"), "conditions")
    (block,) = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [line for line in lines if line and "[...]" not in line]


@pytest.mark.parametrize("condition", reference_conditions())
def test_each_condition_of_the_reference_loads(condition: str, tmp_path: Path) -> None:
    """The language reference's conditions were parsed by no test: one written wrong there
    is copied wrong into policies."""
    policy = tmp_path / "policy.yaml"
    rows = f"routing:\n  rules:\n    - id: shown\n      when: {condition}\n      then: {{team: desk}}\n"
    policy.write_text(PREAMBLE.format(base=DOCS / "policy" / "base.yaml") + rows, "utf-8")
    assert [p for p in load_policy(policy).problems if p.severity == "error"] == []


def test_the_reference_lists_every_condition_form() -> None:
    assert len(reference_conditions()) == 11
