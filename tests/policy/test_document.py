"""Loading documents: extends, folders, packs and the merge rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import PolicyError
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.document import load_document

BASE = """\
complaintkit: 1
name: base
categories: {product: {label: {zh: 产品, en: Product}}, other: {label: Other}}
rules:
  - {id: a, value: 1}
  - {id: b, value: 2}
plain: [1, 2]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_child_rows_with_same_id_replace_in_place_and_new_rows_append(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", BASE)
    child = write(
        tmp_path / "child.yaml",
        "extends: ./base.yaml\nname: child\nrules:\n  - {id: b, value: 20}\n  - {id: c, value: 3}\n"
        "plain: [9]\ncategories: {product: {label: {en: Goods}}}\n",
    )
    document = load_document(child)
    assert document.data["rules"] == [
        {"id": "a", "value": 1},
        {"id": "b", "value": 20},
        {"id": "c", "value": 3},
    ]
    assert document.data["plain"] == [9]
    assert document.data["categories"]["product"]["label"] == {"zh": "产品", "en": "Goods"}
    assert document.data["name"] == "child"
    assert "extends" not in document.data


def test_merged_nodes_point_at_the_file_that_set_them(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", BASE)
    child = write(tmp_path / "child.yaml", "extends: ./base.yaml\nrules:\n  - {id: b, value: 20}\n")
    document = load_document(child)
    assert document.locate("rules[0].value").file.endswith("base.yaml")
    replaced = document.locate("rules[1].value")
    assert replaced.file.endswith("child.yaml")
    assert replaced.line == 3


def test_folder_merges_files_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "10-base.yaml", BASE)
    write(tmp_path / "20-more.json", '{"name": "folder", "plain": [3]}')
    write(tmp_path / "30-last.toml", 'name = "toml wins"\n')
    document = load_document(tmp_path)
    assert document.data["name"] == "toml wins"
    assert document.data["plain"] == [3]
    assert len(document.files) == 3


def test_extends_a_policy_pack_from_a_plugin(tmp_path: Path) -> None:
    class Pack:
        @hookimpl
        def register_policy_packs(self, register: object) -> None:
            register("supermarket", str(demo_policy_path()))  # type: ignore[operator]

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Pack(), name="pack-plugin")
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: supermarket\nname: my-shop\n")
    policy = load_policy(child, Plugins(pm))
    assert policy.name == "my-shop"
    assert "delivery" in policy.section("catalog").categories


def test_unknown_pack_without_plugins_is_a_located_error(tmp_path: Path) -> None:
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: nowhere\n")
    with pytest.raises(PolicyError, match="policy pack 'nowhere'") as info:
        load_document(child)
    assert info.value.problems[0].location.line == 2


def test_missing_path_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no such policy"):
        load_document(tmp_path / "absent.yaml")


def test_a_path_too_long_for_the_system_is_a_policy_error(tmp_path: Path) -> None:
    name = f"./{'9' * 300}.yaml"
    child = write(tmp_path / "shop.yaml", f"complaintkit: 1\nextends: {name}\n")
    with pytest.raises(PolicyError, match="does not exist") as info:
        load_document(child)
    assert info.value.problems[0].location.line == 2
    with pytest.raises(PolicyError, match="no such policy"):
        load_document(tmp_path / f"{'9' * 300}.yaml")


def test_a_file_extended_along_many_routes_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each level extends the one below twice: 2**12 routes to the base, one read each."""
    from complaintkit.policy import document  # noqa: PLC0415 -- patched below
    from complaintkit.policy.source import read_source  # noqa: PLC0415 -- wrapped below

    write(tmp_path / "L0.yaml", BASE)
    for level in range(1, 13):
        below = f"./L{level - 1}.yaml"
        write(tmp_path / f"L{level}.yaml", f"complaintkit: 1\nextends: [{below}, {below}]\n")
    reads: list[str] = []

    def counting(path: Path) -> object:
        reads.append(path.name)
        return read_source(path)

    monkeypatch.setattr(document, "read_source", counting)
    loaded = load_document(tmp_path / "L12.yaml")
    assert sorted(reads) == sorted(f"L{level}.yaml" for level in range(13))
    assert loaded.data["rules"] == [{"id": "a", "value": 1}, {"id": "b", "value": 2}]


def test_a_chain_too_long_is_refused_even_through_a_file_loaded_before(tmp_path: Path) -> None:
    """L20 extends L0..L20 in a chain and also L2 directly: L2, read first by the short
    route, still makes the long route too long."""
    write(tmp_path / "L0.yaml", BASE)
    for level in range(1, 21):
        write(tmp_path / f"L{level}.yaml", f"complaintkit: 1\nextends: ./L{level - 1}.yaml\n")
    write(tmp_path / "top.yaml", "complaintkit: 1\nextends: [./L2.yaml, ./L20.yaml]\n")
    with pytest.raises(PolicyError) as info:
        load_document(tmp_path / "top.yaml")
    assert info.value.problems[0].code == "extends-depth"


@pytest.mark.parametrize("url", ["https://example.com/p.yaml", "file:///etc/base.yaml"])
def test_extends_naming_a_url_says_it_takes_files_and_packs(tmp_path: Path, url: str) -> None:
    # it said the URL 'does not exist (looked for https:/example.com/p.yaml)'
    child = tmp_path / "child.yaml"
    child.write_text(f"complaintkit: 1\nextends: {url}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    assert problem.location.line == 2
    assert "not a URL" in problem.message


def test_a_misspelt_sibling_policy_suggests_the_file_beside_it(tmp_path: Path) -> None:
    # extends: retial beside retail.yaml said only that no plugin provides pack 'retial'
    write(tmp_path / "retail.yaml", BASE)
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: retial\n")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    assert (problem.code, problem.location.line) == ("unknown-pack", 2)
    assert "did you mean './retail.yaml'?" in problem.hint


def test_a_misspelt_relative_path_suggests_the_file_beside_it(tmp_path: Path) -> None:
    write(tmp_path / "retail.yaml", BASE)
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: [./retial.yaml]\n")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    assert problem.code == "extends-missing"
    assert "did you mean './retail.yaml'?" in problem.hint


def test_a_misspelt_pack_name_suggests_the_pack_a_plugin_provides(tmp_path: Path) -> None:
    class Pack:
        @hookimpl
        def register_policy_packs(self, register: object) -> None:
            register("retail", str(demo_policy_path()))  # type: ignore[operator]

    pm = plugin_manager(load_entrypoints=False)
    pm.register(Pack(), name="pack-plugin")
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: retial\nname: my-shop\n")
    with pytest.raises(PolicyError) as refused:
        load_policy(child, Plugins(pm))
    (problem,) = refused.value.problems
    assert problem.code == "unknown-pack"
    assert "did you mean 'retail'?" in problem.hint


def test_a_name_like_nothing_known_gets_no_suggestion(tmp_path: Path) -> None:
    write(tmp_path / "retail.yaml", BASE)
    child = write(tmp_path / "shop.yaml", "complaintkit: 1\nextends: zzzz\n")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    assert "did you mean" not in refused.value.problems[0].hint


@pytest.mark.parametrize(
    ("named", "code"),
    [("./empty", "empty-folder"), ("./base.tests.yaml", "test-file"), ("./notes.txt", "file-type")],
)
def test_extends_naming_what_is_no_policy_is_an_error_at_the_extends(
    tmp_path: Path, named: str, code: str
) -> None:
    # each was reported at the named file or folder alone ('empty: error: the folder holds
    # no policy files'), never saying which policy's extends named it
    (tmp_path / "empty").mkdir()
    write(tmp_path / "base.tests.yaml", "tests: []\n")
    write(tmp_path / "notes.txt", "complaintkit: 1\n")
    child = write(tmp_path / "shop.yaml", f"complaintkit: 1\nname: shop\nextends: {named}\n")
    with pytest.raises(PolicyError) as refused:
        load_document(child)
    (problem,) = refused.value.problems
    assert problem.code == code
    where = problem.location
    assert (where.file, where.line, where.path) == (str(child), 3, "extends")
    assert repr(named) in problem.message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("~\n", "got nothing: the file is empty or holds only ~"),
        ("- categories\n", "got a list"),
        ("categories\n", "got text"),
        ("3\n", "got a number"),
        ("2026-01-01\n", "got date"),
    ],
)
def test_a_policy_that_is_no_mapping_says_what_it_holds(
    tmp_path: Path, text: str, said: str
) -> None:
    """A file holding only ~ was 'a policy must be a mapping of sections (got NoneType)'."""
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=said):
        load_document(path)
