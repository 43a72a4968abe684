"""The package's layers: what imports Qt, and that no module imports itself in a circle.

Needs no display: each check runs in a fresh interpreter or reads source files.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "actgui"

QT_ANY = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph")
#: What holds the math and the words: no Qt at all, in any module of these packages.
QT_FREE = (
    "actgui.activations",
    "actgui.analysis",
    "actgui.text",
    "actgui.style",
    "actgui.files",
    "actgui.cancel",
    "actgui.memory",
    "actgui.resources",
    "actgui.validation",
)
#: Models and their helpers: QtCore, nothing that draws.
QT_CORE_ONLY = (
    "actgui.model",
    "actgui.preferences",
    "actgui.settings",
    "actgui.setting_values",
    "actgui.coalesce",
    "actgui.collector",
    "actgui.i18n",
    "actgui.worker",
    "actgui.deferred",
    "actgui.labs",
    "actgui.training",
    "actgui.translatable_data",
)
#: No module grows past this many lines (one concern per module).
MAX_LINES = 500


def loaded_after_import(module: str) -> list[str]:
    code = f"import sys, {module}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return out.stdout.split()


def modules_in(name: str) -> list[str]:
    """``name`` and, for a package, every module in it (found on disk)."""
    return sorted(m for m in import_graph() if m == name or m.startswith(name + "."))


#: Imports each module named on the command line in turn; prints the Qt modules loaded
#: after each (a package loaded whole, so a lazy import inside a function is not missed
#: only if it runs at import: the graph test below covers the rest).
_QT_AFTER_EACH = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    qt = sorted(m for m in sys.modules if m.split(".")[0] in {qt!r})
    print(name, *qt[:3])
"""


def test_math_and_text_modules_load_no_qt():
    """Every module of the Qt-free packages (all of ``actgui.analysis``, not a sample), in
    one interpreter, each checked right after its import: the first to load Qt is named."""
    modules = [m for package in QT_FREE for m in modules_in(package)]
    assert set(QT_FREE) <= set(modules)
    code = _QT_AFTER_EACH.format(qt=QT_ANY)
    out = subprocess.run(
        [sys.executable, "-c", code, *modules], check=True, capture_output=True, text=True
    )
    lines = [line.split() for line in out.stdout.splitlines()]
    assert [line[0] for line in lines] == modules
    bad = [line for line in lines if len(line) > 1]
    assert not bad, f"{bad[0][0]} loads {bad[0][1:]}"


#: Imports each module named on the command line in turn; prints, after each, the Qt
#: modules loaded beyond QtCore (PySide6's own support modules apart).
_BEYOND_QTCORE_AFTER_EACH = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    bad = sorted(
        m for m in sys.modules
        if m.split(".")[0] in ("PyQt5", "PyQt6", "pyqtgraph")
        or (m.startswith("PySide6.") and m != "PySide6.QtCore"
            and not m.startswith("PySide6.support"))
    )
    print(name, "QtCore" if "PySide6.QtCore" in sys.modules else "-", *bad[:3])
"""


def test_models_load_only_qtcore():
    """Every model module loads QtCore and nothing that draws (all in one interpreter,
    each checked right after its import: the first to load more is named)."""
    out = subprocess.run(
        [sys.executable, "-c", _BEYOND_QTCORE_AFTER_EACH, *QT_CORE_ONLY],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    lines = [line.split() for line in out.stdout.splitlines()]
    assert [line[0] for line in lines] == list(QT_CORE_ONLY)
    bad = [line for line in lines if len(line) > 2]
    assert not bad, f"{bad[0][0]} loads {bad[0][2:]}"
    assert all(line[1] == "QtCore" for line in lines)


def test_every_top_level_module_has_its_layer():
    """A new module at the package's top is placed in a layer on purpose."""
    placed = {*QT_FREE, *QT_CORE_ONLY, "actgui", "actgui.app", "actgui.__main__"}
    top = {m for m in import_graph() if m.count(".") == 1 and m.split(".")[1] not in
           ("activations", "analysis", "text", "panels", "plot", "shell")}  # fmt: skip
    assert top - placed == set()


def test_no_module_is_longer_than_the_limit():
    sources = [*PACKAGE.rglob("*.py")]
    for folder in mapped_packages().values():
        sources += folder.rglob("*.py")
    lines = {
        p.relative_to(ROOT).as_posix(): len(p.read_text("utf-8").splitlines()) for p in sources
    }
    assert len(lines) > 50
    long = {path: n for path, n in lines.items() if n > MAX_LINES}
    assert not long, f"over {MAX_LINES} lines: {long}"


def mapped_packages() -> dict[str, Path]:
    """Packages that live outside actgui/ (pyproject's package-dir: actgui.resources is the
    top-level resources/), by name, with their folders."""
    try:
        config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    except FileNotFoundError:
        return {}
    mapping = config["tool"]["setuptools"].get("package-dir", {})
    return {name: ROOT / folder for name, folder in mapping.items() if name}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    for package, folder in mapped_packages().items():
        if path.is_relative_to(folder):
            parts = (*package.split("."), *path.relative_to(folder).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The actgui modules ``path`` imports, anywhere in the file (lazy imports count)."""
    tree = ast.parse(path.read_text("utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def import_graph() -> dict[str, set[str]]:
    """Each module's imports of other actgui modules (read once per package root)."""
    key = (PACKAGE, ROOT)
    if key not in _GRAPHS:
        _GRAPHS[key] = _read_graph()
    return {name: set(deps) for name, deps in _GRAPHS[key].items()}


_GRAPHS: dict[tuple[Path, Path], dict[str, set[str]]] = {}


def _read_graph() -> dict[str, set[str]]:
    sources = [*PACKAGE.rglob("*.py")]
    for folder in mapped_packages().values():
        sources += folder.rglob("*.py")
    modules = {module_name(p): p for p in sources}
    graph = {}
    for name, path in modules.items():
        graph[name] = {m for m in imports_of(path) if m in modules and m != name}
    return graph


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert "actgui.app" in graph and "actgui.shell.cli" in graph["actgui.app"]
    # A module importing its own package's __init__ is not a cycle to worry about
    # (the __init__ only re-exports); every other back edge is.
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if node.startswith(nxt + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    """The check above can fail: two modules importing each other are reported."""
    pkg = tmp_path / "actgui"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "app.py").write_text("from actgui.shell import cli\n")
    (pkg / "shell").mkdir()
    (pkg / "shell" / "__init__.py").write_text("")
    (pkg / "shell" / "cli.py").write_text("def f():\n    from actgui.app import main\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", pkg)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    cycle = re.escape("actgui.app → actgui.shell.cli → actgui.app")
    with pytest.raises(AssertionError, match=cycle):
        test_the_package_has_no_import_cycle()


def test_layers_point_one_way():
    """Math and words never import the Qt layers; models never import views; plot parts and
    panels never import each other or the shell."""
    graph = import_graph()
    top_level_free = tuple(m for m in QT_FREE if m.count(".") == 1)
    models = (*QT_CORE_ONLY, *top_level_free)
    views = ("actgui.plot", "actgui.panels", "actgui.shell", "actgui.app")
    assert "actgui.resources" in graph  # the top-level resources/ is checked too
    for name, deps in graph.items():
        if name.startswith(models):
            assert not {d for d in deps if d.startswith(views)}, name
        if name.startswith(("actgui.activations", "actgui.analysis", "actgui.text")):
            assert not {
                d
                for d in deps
                if d.startswith(("actgui.plot", "actgui.panels", "actgui.shell", "actgui.model"))
            }, name
        if name.startswith("actgui.plot"):
            assert not {d for d in deps if d.startswith(("actgui.panels", "actgui.shell"))}, name
        if name.startswith("actgui.panels"):
            # The analysis panel draws on standalone plots (``plot.lab``), never on the
            # main plot's parts.
            standalone = ("actgui.plot.lab", "actgui.plot.palette")
            assert not {
                d
                for d in deps
                if d.startswith(("actgui.shell", "actgui.plot")) and d not in standalone
            }, name
