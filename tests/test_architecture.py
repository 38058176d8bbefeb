"""The layering rules of the architecture (README "Layout"), checked on the source.

From the bottom: ``model`` (domain packages, each over the ones below it), ``reports``
(layouts over what model gives), ``usecases`` (the acts, over both), then ``cli`` and
``ui`` side by side, and ``main`` on top.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "model": {"PySide6", "shiboken6", "ui", "reports", "usecases", "cli", "main"},
    "reports": {"PySide6", "shiboken6", "ui", "usecases", "cli", "main"},
    "usecases": {"PySide6", "shiboken6", "ui", "cli", "main"},
    "cli": {"PySide6", "shiboken6", "ui", "main"},
    "ui": {"cli", "main"},
}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


# model/'s domain packages, lowest first: each may import only its own and lower ones (and
# the ground modules beside them: appinfo, errors, paths, progress).
MODEL_LAYERS = ("store", "people", "checklist", "sites", "inspections", "photos", "notices",
                "sync", "office", "demo")
MODEL_GROUND = {"appinfo", "errors", "paths", "progress"}


def _model_imports(path: Path) -> set[str]:
    """The model packages or top modules a file imports (``model.X…`` → X)."""
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "model" else [
                f"model.{alias.name}" for alias in node.names]
        found |= {name.split(".")[1] for name in names
                  if name.startswith("model.") and len(name.split(".")) > 1}
    return found


def _layer(path: Path) -> str:
    parts = path.relative_to(ROOT / "model").parts
    return parts[0] if len(parts) > 1 else path.stem


def test_model_packages_import_only_their_own_layer_and_below():
    files = list((ROOT / "model").rglob("*.py"))
    assert {_layer(p) for p in files} == set(MODEL_LAYERS) | MODEL_GROUND | {"__init__"}
    for path in files:
        here = _layer(path)
        for there in _model_imports(path) - {here} - MODEL_GROUND:
            where = f"{path.relative_to(ROOT)} imports model.{there}"
            assert here not in MODEL_GROUND, f"{where}: a ground module imports no package"
            if here in MODEL_LAYERS:
                assert MODEL_LAYERS.index(there) < MODEL_LAYERS.index(here), (
                    f"{where}, a higher layer ({' < '.join(MODEL_LAYERS)})")


def test_every_model_package_says_what_it_owns():
    for layer in MODEL_LAYERS:
        doc = ast.get_docstring(ast.parse((ROOT / "model" / layer / "__init__.py").read_text(
            "utf-8")))
        assert doc and len(doc) > 40, f"model/{layer}/__init__.py has no docstring"


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_import_only_what_the_layering_allows(package):
    files = list((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        bad = _imported_roots(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_importing_the_core_leaves_qt_unloaded():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for package in ("model", "reports", "usecases", "cli")
        for p in (ROOT / package).rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


# What a command's process imports before it runs (main.py: the parser, the dispatch, the
# session), and the libraries that must wait for the command that uses them: the test suite
# starts the program about a thousand times.
EVERY_COMMAND = ("main", "cli.parser", "cli.commands", "usecases.services")
HEAVY = ("PIL", "reportlab", "pyhanko", "openpyxl", "cryptography.x509", "PySide6")


def test_starting_a_command_leaves_the_heavy_libraries_unloaded():
    code = ("import importlib, sys\n"
            f"for name in {EVERY_COMMAND!r}: importlib.import_module(name)\n"
            f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


PRODUCT = ("model", "reports", "usecases", "cli", "ui")
MAX_MODULE_LINES = 500  # a module past this wants splitting by concept
MAX_PUBLIC_METHODS = 30  # a class past this is a god object: split it by domain


def _product_files() -> list[Path]:
    return [p for package in PRODUCT for p in (ROOT / package).rglob("*.py")] + [ROOT / "main.py"]


def test_no_product_module_is_long():
    long = {str(p.relative_to(ROOT)): n for p in _product_files()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def test_no_class_has_too_many_public_methods():
    crowded = {}
    for path in _product_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                public = [f for f in node.body if isinstance(f, ast.FunctionDef)
                          and not f.name.startswith("_")]
                if len(public) > MAX_PUBLIC_METHODS:
                    crowded[f"{path.relative_to(ROOT)}:{node.name}"] = len(public)
    assert not crowded, f"classes with over {MAX_PUBLIC_METHODS} public methods: {crowded}"
