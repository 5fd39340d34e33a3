"""The packages' shape: no import cycles between modules, and modules that stay small.

The plugins' packages (the bundled ones and the example) are held to the same rules: they
are read and changed like the core, and a module grown too large is as hard to read there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "complaintkit"
#: Where plugins keep their packages: ``<plugin>/src/<package>/__init__.py``.
PLUGIN_SOURCES = ("plugins/*/src", "examples/plugin/*/src")
PLUGIN_PACKAGES = sorted(
    init.parent for pattern in PLUGIN_SOURCES for init in ROOT.glob(f"{pattern}/*/__init__.py")
)
PACKAGES = [PACKAGE, *PLUGIN_PACKAGES]
#: The top-level names of our packages: imports of these are the ones the rules govern.
OURS = frozenset(package.name for package in PACKAGES)
#: tox's largest module is 656 lines; ours stay under this.
MAX_LINES = 600


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path, package): path for package in PACKAGES for path in package.rglob("*.py")
}


def test_every_plugin_source_directory_is_checked() -> None:
    """A plugin whose package the patterns missed would escape every rule below."""
    sources = [src for pattern in PLUGIN_SOURCES for src in ROOT.glob(pattern)]
    assert sources, f"no plugin sources under {PLUGIN_SOURCES}"
    unchecked = [str(src) for src in sources if not any(p.parent == src for p in PLUGIN_PACKAGES)]
    assert not unchecked, f"plugin sources holding no package: {unchecked}"


def _type_checking_only(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name | ast.Attribute) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def _imports(node: ast.AST, package: str) -> Iterator[str]:
    """Modules ``node`` imports at run time (anywhere, functions included), not the
    ``if TYPE_CHECKING:`` ones, which never execute."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking_only(child):
            for other in child.orelse:
                yield from _imports(other, package)
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                anchor = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in child.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in MODULES else base
        yield from _imports(child, package)


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {m for m in _imports(tree, package) if m in MODULES and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_graph_sees_function_level_imports_and_skips_type_checking_ones() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from complaintkit.desk import Desk\n"
        "def f():\n    from complaintkit.plugins import Plugins\n"
    )
    assert set(_imports(tree, "complaintkit")) == {"typing", "complaintkit.plugins"}


def deferred_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import of our packages made inside a function."""
    found: set[tuple[int, str]] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module or ""]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                found.update((node.lineno, n) for n in names if n.split(".")[0] in OURS)
    return sorted(found)


def test_deferred_imports_are_found_in_nested_functions() -> None:
    tree = ast.parse(
        "import complaintkit.model\n"
        "def f():\n    def g():\n        from complaintkit.desk import Desk\n"
        "    import uvicorn\n"
        "    from complaintkit_postgres import ledger\n"
    )
    assert deferred_imports(tree) == [(4, "complaintkit.desk"), (6, "complaintkit_postgres")]


#: Plugin modules that defer imports of their own package: what complaintkit loads for
#: every command (the package and its entry-point module), which loads the part needing
#: the plugin's client library only when it is used. So does the test kit's server, a top
#: layer nothing in complaintkit imports: tests import it for ``free_port`` too, and only
#: ``running_server`` needs uvicorn (the ``server`` extra) and the server built on it.
LOADED_ON_USE = frozenset(
    {"complaintkit_postgres", "complaintkit_postgres.plugin", "complaintkit.testing.server"}
)


def test_only_the_cli_defers_imports_of_complaintkit() -> None:
    """An import inside a function is how a lower layer reaches a higher one out of the
    cycle test's sight at import time (the policy importing the Desk, a plugin's storage
    importing its reports); only the core's CLI, the top layer, defers one, to load an
    optional extra, and the other top layers in ``LOADED_ON_USE`` (a plugin's, the test
    kit's server), to load a client library only where it is used."""
    found = [
        f"{name}:{line} imports {module}"
        for name, path in MODULES.items()
        if not name.startswith("complaintkit.cli") and name not in LOADED_ON_USE
        for line, module in deferred_imports(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not found, "import at module level, or move the caller up a layer:\n" + "\n".join(found)


def test_cycle_finder_reports_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles (break them: move the shared part down a layer):\n" + (
        "\n".join(" <-> ".join(component) for component in found)
    )


def test_modules_stay_small() -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()
    }
    large = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not large, f"split these modules (over {MAX_LINES} lines): {large}"
