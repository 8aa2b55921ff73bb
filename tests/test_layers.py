"""The layer contract (issue #21): which part of the code may import which, read from the
source itself (every import, at the top or inside a function, and ``lazy.module("geo.…")``).

Layers, lowest first; a module imports only from its own layer or lower ones:

0. the foundation, the modules directly in ``geo/``: settings, words, formatting, colours,
   tiles, coordinates, the weights the settings check (no database);
1. ``geo/storage/``: the only package that imports SQLAlchemy;
2. the rules, measures and documents: ``geo/ingest/``, ``geo/core/``, ``geo/workflow/``,
   ``geo/reports/``, ``geo/views/``;
3. the surfaces: ``geo/ui/`` (Streamlit) and ``geo/ops/`` (the command line, the web route,
   the operator's tools);
4. ``pages/`` and ``app.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo.config import REPO_ROOT

FOUNDATION = {
    "config",
    "vocab",
    "i18n",
    "formatting",
    "colors",
    "tiles",
    "coords",
    "lazy",
    "refusals",
    "weights",
}
RULES = {"ingest", "core", "workflow", "reports", "views"}
SURFACES = {"ui", "ops", "__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module this file imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # ``from geo import store`` imports the module geo.store.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("geo.")
        ):
            found.add(str(node.args[0].value))
    return found


def _sources() -> dict[str, set[str]]:
    files = [*REPO_ROOT.glob("geo/**/*.py"), *REPO_ROOT.glob("pages/*.py"), REPO_ROOT / "app.py"]
    return {_module_name(p): _imports(p) for p in files if "migrations" not in p.parts}


def _is_module(name: str) -> bool:
    path = REPO_ROOT / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer(name: str) -> int:
    parts = name.split(".")
    if parts[0] in ("pages", "app"):
        return 4
    if parts[:2] == ["geo", "storage"]:
        return 1
    if len(parts) == 1:  # the package itself (geo/__init__.py)
        return 0
    if parts[1] in SURFACES:
        return 3
    return 2 if parts[1] in RULES else 0


@pytest.fixture(scope="module")
def sources() -> dict[str, set[str]]:
    return _sources()


def test_only_storage_imports_sqlalchemy(sources: dict[str, set[str]]) -> None:
    using = {
        name
        for name, imported in sources.items()
        if any(i == "sqlalchemy" or i.startswith("sqlalchemy.") for i in imported)
        and not name.startswith("geo.storage")
    }
    assert using == set(), "SQL outside geo/storage/: move it into a storage module"


def test_no_module_imports_a_higher_layer(sources: dict[str, set[str]]) -> None:
    upward = {
        (name, target)
        for name, imported in sources.items()
        for target in imported
        if target.startswith("geo.") and _is_module(target) and layer(target) > layer(name)
    }
    assert upward == set(), "an import against the layers"


def test_the_package_tree_is_the_layers() -> None:
    """A module directly in ``geo/`` is foundation; everything else sits in a layer's package."""
    top = {p.stem for p in (REPO_ROOT / "geo").glob("*.py")} - {"__init__", "__main__"}
    assert top == FOUNDATION, "a new module belongs in the package of its layer"
    packages = {p.parent.name for p in (REPO_ROOT / "geo").glob("*/__init__.py")}
    assert packages == {"storage", *RULES, *SURFACES} - {"__main__"}


def test_each_package_says_what_it_holds() -> None:
    """Every module of a layer's package is in its ``__all__`` (``geo.ui`` exports functions)."""
    for package in ("storage", *RULES, "ops"):
        folder = REPO_ROOT / "geo" / package
        modules = {p.stem for p in folder.glob("*.py")} - {"__init__"}
        tree = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
        listed = next(
            {ast.literal_eval(e) for e in node.value.elts}
            for node in tree.body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
        )
        assert listed == modules, package


def test_the_contract_reads_what_it_claims() -> None:
    """The reader finds imports at the top, inside functions, and lazy ones."""
    imported = _imports(REPO_ROOT / "geo" / "ops" / "cli.py")
    assert {"geo.lazy", "geo.storage.store", "geo.storage.accounts"} <= imported
    assert "geo.weights" in _imports(REPO_ROOT / "geo" / "config.py")  # inside a function
    assert "sqlalchemy" in _imports(REPO_ROOT / "geo" / "storage" / "store.py")
    assert layer("geo.storage.store") == 1 and layer("geo.ui.auth") == 3
    assert (
        layer("geo.config") == 0
        and layer("geo.core.measures") == 2
        and layer("pages.overview") == 4
    )
