"""No import cycles in ``gaonb_lint/``, counting imports inside functions: every module's imports
are read with ``ast`` and the graph of modules is searched for a cycle."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Optional, Set

from conftest import REPO_ROOT

PACKAGE = "gaonb_lint"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str, modules: Set[str]) -> Set[str]:
    """The package's modules that ``path`` (module ``name``) imports anywhere in its body: the
    module named (``from pkg import mod`` names ``pkg.mod``, ``from pkg import func`` names
    ``pkg``), and ``importlib.import_module("…")`` with a literal name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    targets: List[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets += [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            targets.append(node.args[0].value)
    found: Set[str] = set()
    for target in targets:
        while target and target not in modules:  # ``import pkg.mod.attr`` → the module part
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def import_graph(root: Path) -> Dict[str, Set[str]]:
    files = {module_name(p, root): p for p in (root / PACKAGE).rglob("*.py")}
    return {name: imports_of(path, name, set(files)) for name, path in files.items()}


def find_cycle(graph: Dict[str, Set[str]]) -> Optional[List[str]]:
    """One cycle of the graph as ``[a, b, …, a]``, or ``None``."""
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []

    def visit(node: str) -> Optional[List[str]]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_gaonb_lint_has_no_import_cycle():
    graph = import_graph(REPO_ROOT)
    assert "gaonb_lint.host" in graph and "gaonb_lint.hookspec" in graph["gaonb_lint.host"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_no_core_module_imports_the_public_facade():
    graph = import_graph(REPO_ROOT)
    users = sorted(name for name, deps in graph.items() if "gaonb_lint.api" in deps and not name.startswith("gaonb_lint.api"))
    assert users == [], users


def test_the_cycle_check_can_fail(tmp_path):
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from gaonb_lint import b\n")
    (pkg / "b.py").write_text("def f():\n    from gaonb_lint.sub.c import g\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("def g():\n    from .. import a\n")
    graph = import_graph(tmp_path)
    assert graph["gaonb_lint.b"] == {"gaonb_lint.sub.c"} and graph["gaonb_lint.sub.c"] == {"gaonb_lint.a"}
    cycle = find_cycle(graph)
    assert cycle is not None and set(cycle) == {"gaonb_lint.a", "gaonb_lint.b", "gaonb_lint.sub.c"}
