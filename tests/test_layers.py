"""The layers hold (DESIGN.md): the core never reaches the UI, and no import cycle exists.

Imports are read from the source with `ast`, imports inside functions included (a cycle
hidden in a function is still a cycle, only a later one); imports under
`if TYPE_CHECKING:` are left out, as they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tui" / "newsreader"
# Packages that are the core: they never import Textual or the UI.
CORE = ("library", "comments", "render", "feeds")
FORBIDDEN_IN_CORE = ("textual", "newsreader.ui")


def module_names(package: Path, name: str) -> dict[str, Path]:
    """Every module of the package, by dotted name (a package by its own name)."""
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join((name, *parts))] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST, *, typing_only: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every import statement under `node`, and whether it runs only for type checkers."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _import_nodes_of(statement, typing_only=True)
            for statement in child.orelse:
                yield from _import_nodes_of(statement, typing_only=typing_only)
        else:
            yield from _import_nodes_of(child, typing_only=typing_only)


def _import_nodes_of(node: ast.AST, *, typing_only: bool) -> Iterator[tuple[ast.AST, bool]]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node, typing_only
    else:
        yield from _import_nodes(node, typing_only=typing_only)


def imports_of(module: str, path: Path, known: set[str], *, with_typing: bool = False) -> set[str]:
    """The modules `module` imports: known ones resolved, outside ones by top name."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node, typing_only in _import_nodes(ast.parse(path.read_text(), str(path))):
        if typing_only and not with_typing:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            assert isinstance(node, ast.ImportFrom)
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from a import b` imports the module a.b when there is one, else a name of a.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        for target in targets:
            if target in known or target.split(".")[0] not in {m.split(".")[0] for m in known}:
                found.add(target)
            else:
                # A name of the package that is not one of its modules: its package.
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target:
                    found.add(target)
    # Importing a.b.c runs a/__init__ and a/b/__init__ first, except those already under
    # way: the packages the importing module itself is in.
    own = {".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 2)}
    with_parents = set(found)
    for target in found:
        parts = target.split(".")
        with_parents.update(".".join(parts[:n]) for n in range(1, len(parts)))
    return {target for target in with_parents - own if target in known or target in found}


def import_graph(package: Path, name: str, *, with_typing: bool = False) -> dict[str, set[str]]:
    modules = module_names(package, name)
    known = set(modules)
    return {
        module: imports_of(module, path, known, with_typing=with_typing) & known
        for module, path in modules.items()
    }


def all_imports(package: Path, name: str) -> dict[str, set[str]]:
    modules = module_names(package, name)
    return {module: imports_of(module, path, set(modules)) for module, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
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


# --- the checker checks what it should ---------------------------------------------------


def _write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / "pkg" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "pkg"


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "app.py": "from pkg.screens.main import Main\n",
            "screens/__init__.py": "",
            "screens/main.py": "def f():\n    from pkg.app import App\n",
            "typed.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.other\n"
            ),
            "other.py": "from . import typed\n",
        },
    )
    assert cycles(import_graph(package, "pkg")) == [["pkg.app", "pkg.screens.main"]]


def test_imports_only_for_type_checkers_make_no_cycle(tmp_path: Path) -> None:
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg.b import B\n",
            "b.py": "from pkg import a\n",
        },
    )
    graph = import_graph(package, "pkg")
    assert graph["pkg.b"] == {"pkg.a"}
    assert cycles(graph) == []
    assert "pkg.b" in import_graph(package, "pkg", with_typing=True)["pkg.a"]


def test_relative_imports_and_submodules_resolve(tmp_path: Path) -> None:
    package = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "ui/__init__.py": "",
            "ui/app.py": "from . import messages\nfrom ..core import thing\nimport textual.app\n",
            "ui/messages.py": "",
            "core.py": "",
        },
    )
    imported = all_imports(package, "pkg")["pkg.ui.app"]
    assert {"pkg.ui.messages", "pkg.core", "textual.app"} <= imported


# --- the package --------------------------------------------------------------------------


def test_the_core_never_imports_the_ui_or_textual() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, targets in all_imports(PACKAGE, "newsreader").items()
        if module.split(".")[1:2] and module.split(".")[1] in CORE
        for target in sorted(targets)
        if any(target == f or target.startswith(f + ".") for f in FORBIDDEN_IN_CORE)
    ]
    assert offenders == []
    modules = module_names(PACKAGE, "newsreader")
    assert any(module.startswith("newsreader.render.") for module in modules)


def test_no_import_cycle_in_the_package() -> None:
    assert cycles(import_graph(PACKAGE, "newsreader")) == []


def test_no_screen_or_widget_imports_the_app_even_for_types() -> None:
    graph = import_graph(PACKAGE, "newsreader", with_typing=True)
    offenders = sorted(
        module
        for module, targets in graph.items()
        if module.startswith(("newsreader.ui.screens", "newsreader.ui.widgets"))
        and "newsreader.ui.app" in targets
    )
    assert offenders == []


def test_workers_report_with_messages_not_calls_into_the_ui() -> None:
    # `call_from_thread` blocks the worker until the UI thread has run the call; messages
    # do not (ui/messages.py).
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "call_from_thread" in path.read_text()
    ]
    assert offenders == []


def test_exit_codes_are_defined_in_one_place() -> None:
    # Every command exits with the same numbers (exit_codes.py); a module of its own set
    # could drift from them.
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "exit_codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = [
                leaf.id
                for target in targets
                for leaf in ast.walk(target)
                if isinstance(leaf, ast.Name) and leaf.id.startswith("EXIT_")
            ]
            offenders += [f"{path.relative_to(PACKAGE)}: {name}" for name in names]
    assert offenders == []
