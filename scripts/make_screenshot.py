"""Regenerate docs/screenshot.png, the README's picture, from the real window (offscreen).

python scripts/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actgui.app import build_window  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = build_window(settings)
        model = window.model
        model.set_enabled_keys(["sigmoid", "tanh", "relu", "elu"])
        model.set_param("elu", "alpha", 0.7)
        model.set_order_shown(2, True)
        model.set_x_range(-4.0, 4.0)
        model.set_selected("elu")
        model.set_cursor(-1.0, pinned=True)
        window.resize(1366, 740)
        window.show()
        for _ in range(5):
            QApplication.processEvents()
        window.plot.refresh()
        QApplication.processEvents()
        out = ROOT / "docs" / "screenshot.png"
        window.grab().save(str(out))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
