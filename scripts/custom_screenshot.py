"""The README's picture of a function of your own: the window with one shown, and the dialog
open on another formula. Run under Xvfb by ``scripts/docs_screenshots.sh``."""

import sys
import tempfile

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from actgui.activations import Definition
from actgui.app import build_window
from actgui.shell.custom_dialog import CustomDialog
from actgui.shell.desktop import ensure_app


def main() -> int:
    app = ensure_app()
    settings = QSettings(tempfile.mkdtemp() + "/s.ini", QSettings.Format.IniFormat)
    window = build_window(settings)
    window.setGeometry(QGuiApplication.primaryScreen().geometry())
    window.show()
    window.custom.add(
        Definition("soft_clip", "Soft clip", "where(x > 0, c*tanh(x/c), alpha*expm1(x))",
                   (("c", 0.5, 10.0, 3.0),))
    )  # fmt: skip
    window.model.set_cursor(1.5, pinned=True)
    dialog = CustomDialog(window)
    dialog.name_edit.setText("My Swish")
    dialog.formula_edit.setText("x * sigmoid(beta * x)")
    dialog.check()
    dialog.resize(620, 560)
    dialog.move(360, 60)
    dialog.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
