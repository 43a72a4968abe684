"""What the window's first frame imports stays what it needs.

Every module imported before the first paint is paid at every start (and compiled at
every start where Python writes no bytecode). The list in
``tests/data/first_frame_modules.txt`` is what the first frame imports today; a module
added to it by accident (an import at the top of a module the window needs, of one it
needs only later) fails here. The command line, the export writers, the dialogs' helpers,
scipy, mpmath and the *Why it trains* panel are imported on first use.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import start_to_first_paint

ROOT = Path(__file__).resolve().parents[1]
LISTED = ROOT / "tests" / "data" / "first_frame_modules.txt"
#: Imported on first use, never for the first frame (each was once).
NEVER = (
    "scipy",
    "mpmath",
    "matplotlib",
    "actgui.panels.labs",
    "actgui.shell.export",
    "actgui.shell.page_device",
    "actgui.analysis.meanfield",
    "actgui.analysis.memo",
    "actgui.text.network",
    "numpy.ma",  # (np.unique's first call imported it: 20 ms)
)


def _first_frame_modules(tmp_path: Path) -> set[str]:
    listing = tmp_path / "modules.txt"
    home = tmp_path / "home"
    home.mkdir()
    done = start_to_first_paint(home, ACTGUI_MODULES_AT_FIRST_PAINT=str(listing))
    assert done.returncode == 0, done.stderr
    return set(listing.read_text(encoding="utf-8").split())


def _ours_and_others(names: set[str]) -> set[str]:
    """actgui's modules by full name, other packages by top-level name; no standard library."""
    kept = set()
    for name in names:
        top = name.split(".")[0]
        if top == "actgui":
            kept.add(name)
        elif top not in sys.stdlib_module_names and not top.startswith("_"):
            kept.add(top)
    return kept - {"shibokensupport", "signature_bootstrap"}  # (PySide6's own loader)


def test_the_first_frame_imports_nothing_new(tmp_path):
    imported = _first_frame_modules(tmp_path)
    listed = {
        line.strip()
        for line in LISTED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    new = sorted(_ours_and_others(imported) - listed)
    assert not new, (
        f"the first frame now imports {new}: import them where they are first used, or "
        f"measure the start-up and add them to {LISTED.name}"
    )
    assert "actgui.plot.view" in imported and "actgui.app" in imported  # (the probe works)
    assert not [n for n in imported if n in NEVER or n.startswith(tuple(f"{m}." for m in NEVER))]
