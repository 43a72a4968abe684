"""Start the explorer filling the whole screen (for the documentation's screenshots).

Without a window manager (Xvfb), "maximised" means nothing and the window keeps its default
size; this sets its geometry to the screen's. ``--pin X`` pins the readout's cursor at X (the
cursor is not remembered between runs); ``--labs VIEW`` opens the "Why it trains" panel on
VIEW ("stats", "depth", "depth:variance", "gains", "train"); ``--race NAME`` opens it on the
Train tab and starts the demonstration NAME ("dying_relu", "vanishing_gradients",
"elu_selu_vs_relu", "overfitting", …); ``--network-run I`` shows run I (from 0) on its
Network page. Used by ``scripts/docs_screenshots.sh``.
"""

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from actgui.app import build_window
from actgui.i18n import install_translators
from actgui.preferences import Preferences
from actgui.shell.desktop import ensure_app


def main() -> int:
    app = ensure_app()
    prefs = Preferences(QSettings())
    install_translators(app, prefs.language())
    window = build_window(prefs=prefs)
    window.setGeometry(QGuiApplication.primaryScreen().geometry())
    if "--pin" in sys.argv:
        window.model.set_cursor(float(sys.argv[sys.argv.index("--pin") + 1]), pinned=True)
    window.show()
    if "--labs" in sys.argv:
        window.show_labs(sys.argv[sys.argv.index("--labs") + 1])
    if "--race" in sys.argv:
        window.show_labs("train")
        window.labs.train.apply_preset(sys.argv[sys.argv.index("--race") + 1])
    if "--network-run" in sys.argv:
        train = window.labs.train
        train.pages.setCurrentWidget(train.network)
        wanted = int(sys.argv[sys.argv.index("--network-run") + 1])
        timer = QTimer(window)  # (the runs are listed once the race is there)

        def choose() -> None:
            if train.network.combo.count() > wanted:
                train.network.combo.setCurrentIndex(wanted)
                timer.stop()

        timer.timeout.connect(choose)
        timer.start(200)
    return QApplication.exec()


if __name__ == "__main__":
    sys.exit(main())
