"""What an install ships: every package of actgui/, and the top-level resources/ as the package
actgui.resources, in a wheel (a non-editable install) as in the source tree.

The wheel is built from a copy of the sources (pip, with build isolation: it needs the
setuptools that pyproject.toml asks for, from the package index or pip's cache) and imported
in a fresh interpreter with no source tree on its path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
SHIPPED = ("actgui.svg", "actgui.desktop", "translations/actgui_zh_CN.qm")


def package_folders() -> dict[str, Path]:
    """Every listed package and the folder its files come from."""
    mapped = CONFIG.get("package-dir", {})
    return {name: ROOT / mapped.get(name, name.replace(".", "/")) for name in CONFIG["packages"]}


def test_every_package_folder_is_listed_and_every_listed_package_exists():
    listed = package_folders()
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "actgui").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    unlisted = sorted(found - set(listed))
    assert not unlisted, f"add to [tool.setuptools] packages in pyproject.toml: {unlisted}"
    missing = [name for name, folder in listed.items() if not (folder / "__init__.py").is_file()]
    assert not missing


def test_resources_live_at_the_top_level_only():
    """resources/ is the one copy: a stale actgui/resources/ would shadow it in an editable
    install."""
    assert package_folders()["actgui.resources"] == ROOT / "resources"
    assert not (ROOT / "actgui" / "resources").exists()
    patterns = CONFIG["package-data"]["actgui.resources"]
    files = [
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"
    ]
    assert set(SHIPPED) <= set(files)
    unshipped = [f for f in files if not any(fnmatch(f, pattern) for pattern in patterns)]
    assert not unshipped, "add them to [tool.setuptools.package-data]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of the sources as they are now, built from a copy (no build/ left here)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("actgui", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = work.glob("actgui-*.whl")
    return built


def test_the_wheel_holds_every_module_and_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "actgui").rglob("*.py")} | {
        f"actgui/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "resources").glob("*.py")
    }
    missing = sorted(modules - names)
    assert not missing, f"not in the wheel: {missing}"
    assert {f"actgui/resources/{name}" for name in SHIPPED} <= names
    assert not [name for name in names if name.startswith("resources/")]


def test_the_installed_wheel_finds_its_resources_and_speaks_chinese(wheel, tmp_path):
    """As a non-editable install: the package unpacked alone, imported from elsewhere."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = f"""
import actgui, actgui.app
from actgui.resources import resource
assert actgui.__file__.startswith({str(site)!r}), actgui.__file__
for name in {SHIPPED!r}:
    path = resource(name)
    assert path.is_file() and path.is_relative_to({str(site)!r}), path
from PySide6.QtWidgets import QApplication
from actgui import i18n
app = QApplication([])
assert i18n.install_translators(app, "zh_CN") == "zh_CN"
assert QApplication.translate("MainWindow", "&File") == "文件(&F)"
print("ok")
"""
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
