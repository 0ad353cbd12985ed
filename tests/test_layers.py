"""calcviz's modules import in one direction: parsing, then the symbolic core, then functions and fields, then
the analyses. Read from the source (ast), so a circle is caught even when it would only bite at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "calcviz"

# The bottom layers, from the bottom: each module may import only modules of its own layer or below.
PARSING = {"tokens", "parsing"}
CORE = {"_budget", "_numeric", "_valued", "_written", "_symbolic", "_checks", "_roots"}
FOUNDATION = {"functions", "fields"}
LAYERS = [PARSING, CORE, FOUNDATION]


def _calcviz_imports(tree: ast.AST) -> list[tuple[str, int, bool]]:
    """(module imported, line, whether inside a function body) for each import of a calcviz module."""
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom) and (child.level == 1 or (child.module or "").startswith("calcviz")):
                module = child.module if child.level == 1 else (child.module or "").removeprefix("calcviz").lstrip(".")
                names = [module.split(".")[0]] if module else [alias.name for alias in child.names]
                found.extend((name, child.lineno, in_function) for name in names)
            elif isinstance(child, ast.Import):
                found.extend((alias.name.split(".")[1], child.lineno, in_function)
                             for alias in child.names if alias.name.startswith("calcviz."))
            visit(child, nested)

    visit(tree, False)
    return found


def _graph() -> dict[str, list[tuple[str, int, bool]]]:
    return {path.stem: _calcviz_imports(ast.parse(path.read_text(), filename=str(path)))
            for path in sorted(PACKAGE.glob("*.py"))}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a list of modules (first == last), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def walk(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (found := walk(target)):
                return found
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (found := walk(module)):
            return found
    return None


def test_the_graph_reader_sees_circles_and_nested_imports():
    tree = ast.parse("from .limits import limit\ndef f():\n    from . import integrals\n")
    assert _calcviz_imports(tree) == [("limits", 1, False), ("integrals", 3, True)]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_calcviz_has_no_import_circle():
    graph = {module: {target for target, _, _ in imports} for module, imports in _graph().items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_no_calcviz_module_imports_inside_a_function():
    """An import in a function body is how a circle hides; with the layers there is no reason left for one."""
    nested = [f"calcviz/{module}.py:{line} imports {target}" for module, imports in _graph().items()
              for target, line, in_function in imports if in_function]
    assert nested == []


@pytest.mark.parametrize("layer", range(len(LAYERS)))
def test_the_bottom_layers_import_nothing_above_them(layer):
    allowed = set().union(*LAYERS[: layer + 1])
    graph = _graph()
    upward = [f"{module} imports {target}" for module in sorted(LAYERS[layer])
              for target, _, _ in graph[module] if target not in allowed]
    assert upward == []


def test_the_package_imports_its_modules_lazily():
    """``import calcviz`` runs no submodule: each loads on first use (PEP 562), so a scene's render, and the
    Makefile's dependency scan, see only what the scene uses."""
    assert [target for target, _, _ in _graph()["__init__"]] == []


def test_no_calcviz_module_is_long():
    """A module over about 450 lines holds more than one topic: split it along its seams."""
    lengths = {path.name: len(path.read_text().splitlines()) for path in PACKAGE.glob("*.py")}
    assert {name: length for name, length in lengths.items() if length > 460} == {}


def test_nothing_outside_calcviz_imports_its_private_modules():
    """calcviz's underscored modules are its own core: scenes and scripts use what the public modules give."""
    root = PACKAGE.parent
    found = [f"{path.relative_to(root)}:{line}" for folder in ("scenes", "scripts") for path in sorted((root / folder).rglob("*.py"))
             for name, line, _ in _calcviz_imports(ast.parse(path.read_text(), filename=str(path))) if name.startswith("_")]
    assert not found, found
