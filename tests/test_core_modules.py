"""The conversation core stays split by responsibility: no import cycle between its modules, none too big."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "bot" / "core"


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in CORE.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                deps |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[name] = deps & set(modules)
    return graph


def test_no_import_cycle_in_the_core() -> None:
    graph = _graph()
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for dep in graph[name]:
            if dep in path:
                cycles.append(" -> ".join([*path, dep]))
            else:
                visit(dep, [*path, dep])

    for name in graph:
        visit(name, [name])
    assert not cycles, cycles


def test_each_core_module_stays_small() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in CORE.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
