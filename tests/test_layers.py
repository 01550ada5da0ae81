"""The package's layout is its architecture: no module imports one that imports it back (directly or
round a circle, lazily or for type checking alike), and no subpackage imports one of a later stage.

Layers, lowest first (modules of one layer may import each other):
0. the top-level modules (errors, files, project, dates, input_files, state_store);
1. the model: ``glossary``, ``articles``, ``po``;
2. translation: ``mt``, ``memory``;
3. the stages and what they produce: ``stages``, ``editions``, ``qa``, ``exchange``;
4. ``cli``.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from tests.conftest import REPO

LAYERS = {
    "glossary": 1,
    "articles": 1,
    "po": 1,
    "mt": 2,
    "memory": 2,
    "stages": 3,
    "editions": 3,
    "qa": 3,
    "exchange": 3,
    "cli": 4,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted((REPO / "pipeline").rglob("*.py"))}


def imported_modules(module: str) -> set[str]:
    """The pipeline modules ``module`` imports anywhere in its text (``from pipeline.x import y`` is
    ``pipeline.x.y`` where that is a module, else ``pipeline.x``)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            while name not in MODULES and "." in name:
                name = name.rsplit(".", 1)[0]
            if name in MODULES and name not in (module, "pipeline"):
                found.add(name)
    return found


GRAPH = {module: imported_modules(module) for module in MODULES}


def layer(module: str) -> int | None:
    """None for the package itself and ``__main__``, which only start the CLI."""
    if module in ("pipeline", "pipeline.__main__"):
        return None
    return LAYERS.get(module.split(".")[1], 0)


def test_no_module_imports_itself_round_a_circle():
    graphlib.TopologicalSorter(GRAPH).prepare()  # raises CycleError naming the circle


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_layer(module):
    later = {target for target in GRAPH[module] if layer(module) is not None and (layer(target) or 0) > layer(module)}
    assert not later, f"{module} (layer {layer(module)}) imports {sorted(later)}"


def test_the_checker_sees_the_layers():
    assert layer("pipeline.errors") == 0 and layer("pipeline.po.catalogs") == 1 and layer("pipeline.cli") == 4
    assert "pipeline.po.catalogs" in GRAPH["pipeline.stages.extract"]
