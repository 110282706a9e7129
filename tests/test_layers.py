"""The floor plan: each layer imports only the layers below it, and the CLI runs no SQL.

Layers, bottom to top (src/netjournal/):

0. errors, i18n, paths, config, dates, text: the standard library and libraries only
1. db/: the file, the schema, migrations
2. core/: records and rules; no Rich, no Typer, no clock, no environment
3. search/ and formats/: finding people; files in and out (neither imports the other)
4. render/: Rich renderers and plain writers
5. cli/: Typer only

The package's ``__init__`` (the public API) and ``__main__`` sit outside the
floor plan. Imports are read with ``ast``, including the ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "netjournal"

LAYER = {"db": 1, "core": 2, "search": 3, "formats": 3, "render": 4, "cli": 5}
MAX_LINES = 600
MAX_FUNCTION_LINES = 80
# Long on purpose: data written as code (the demo story, tables of phrases).
DATA_FUNCTIONS: set[tuple[str, str]] = set()


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


def _unit(path: Path) -> str:
    """The layer unit a file belongs to: 'db', 'core', ..., or its L0 module name."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _layer(unit: str) -> int:
    return LAYER.get(unit, 0)


def _imported_units(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "netjournal":
                continue
            if len(parts) > 1:
                found.append((node.lineno, parts[1]))
            else:  # from netjournal import x, y
                found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "netjournal" and len(parts) > 1:
                    found.append((node.lineno, parts[1]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and str(arg.value).startswith("netjournal."):
                found.append((node.lineno, str(arg.value).split(".")[1]))
    return found


def test_every_import_points_down() -> None:
    wrong: list[str] = []
    for path in _modules():
        unit = _unit(path)
        if path == PACKAGE / "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for lineno, target in _imported_units(tree):
            if target in ("__version__", unit):
                continue
            mine, theirs = _layer(unit), _layer(target)
            sideways = mine == theirs and mine > 0
            if theirs > mine or sideways:
                rel = path.relative_to(PACKAGE)
                wrong.append(
                    f"{rel}:{lineno} ({unit}, layer {mine}) imports {target} (layer {theirs})"
                )
    assert not wrong, "imports that point the wrong way:\n" + "\n".join(wrong)


def test_the_cli_runs_no_sql() -> None:
    offenders = []
    for path in sorted((PACKAGE / "cli").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in (
                "execute",
                "executemany",
                "executescript",
            ):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, "SQL in the CLI layer: " + ", ".join(offenders)


def test_the_core_never_prints_reads_the_clock_or_the_environment() -> None:
    forbidden_calls = {"print", "input"}
    forbidden_attrs = {("date", "today"), ("datetime", "now"), ("os", "environ"), ("os", "getenv")}
    forbidden_modules = {"rich", "typer", "click"}
    found = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(PACKAGE)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in forbidden_calls:
                found.append(f"{rel}:{node.lineno} calls {node.func.id}()")  # type: ignore[attr-defined]
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in forbidden_attrs
            ):
                found.append(f"{rel}:{node.lineno} uses {node.value.id}.{node.attr}")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                )
                for name in names:
                    if name.split(".")[0] in forbidden_modules:
                        found.append(f"{rel}:{node.lineno} imports {name}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{path.name} has over {MAX_LINES} lines"
    tree = ast.parse(text)
    long = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            key = (str(path.relative_to(PACKAGE)), node.name)
            if length > MAX_FUNCTION_LINES and key not in DATA_FUNCTIONS:
                long.append(f"{node.name} ({length} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines in {path.name}: {long}"
