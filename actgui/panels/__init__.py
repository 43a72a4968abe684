"""Docked panels and side panels, each a thin view of the model (and the preferences).

Each panel module ends with a preview: ``python -m actgui.panels.<name>`` shows that
panel alone, on a fresh model (Orange's habit: one piece on screen, quick to look at).
"""

from __future__ import annotations

from collections.abc import Callable


def preview(make: Callable, size: tuple[int, int], setup: Callable | None = None) -> int:
    """Show ``make(model)`` alone on a fresh model (``setup(model)`` first); run until closed."""
    from PySide6.QtWidgets import QApplication

    from actgui.model import ExplorerModel

    app = QApplication.instance() or QApplication([])
    model = ExplorerModel()
    if setup is not None:
        setup(model)
    panel = make(model)
    panel.resize(*size)
    panel.show()
    return app.exec()
