"""The details panel: the selected function's formulas, parameters, properties and prose.

The page (``text.details.details_html``) is rendered when the selection, the
colours or the language change. What follows the parameters (their values,
f(0), f′(0), kinks, jumps) sits in a small box of its own above it, refreshed
once per pass of the event loop: dragging a parameter never re-renders the page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from actgui.activations import REGISTRY
from actgui.coalesce import Coalesced
from actgui.model import ExplorerModel
from actgui.plot.palette import color_for
from actgui.text.details import details_html, live_html


class DetailsPanel(QWidget):
    """Shows the model's selected function, kept up to date."""

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_panel")
        self._model = model
        self._curve_color = color_for
        self._page_key: str | None = ""  # the function the page was rendered for
        self.live = QLabel(self)
        self.live.setObjectName("label_info_live")
        self.live.setTextFormat(Qt.TextFormat.RichText)
        self.live.setFrameShape(QFrame.Shape.StyledPanel)
        self.live.setMargin(4)
        self.live.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("text_info")
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.live)
        layout.addWidget(self.browser, 1)
        self._live_update = Coalesced(self._update_live, self)
        self._page_update = Coalesced(self._update_page, self)
        model.selected_changed.connect(self._page_update.request)
        model.selected_changed.connect(self._live_update.request)
        model.params_changed.connect(self._on_params_changed)
        self.refresh()

    def refresh(self) -> None:
        """Render page and values for the selected function now."""
        self._page_key = ""
        self._update_page()
        self._update_live()

    def text(self) -> str:
        """Everything the panel shows, as plain text (after any pending update)."""
        self._page_update.flush()
        self._live_update.flush()
        return self.live.text() + "\n" + self.browser.toPlainText()

    def set_curve_colors(self, curve_color) -> None:
        """Use ``curve_color(key)`` for titles (the plot's colours for its theme)."""
        self._curve_color = curve_color
        self.refresh()

    def _on_params_changed(self, key: str) -> None:
        if key == self._model.selected_key():
            self._live_update.request()

    def _update_page(self) -> None:
        key = self._model.selected_key()
        if key == self._page_key:
            return
        self._page_key = key
        if key is None:
            hint = QCoreApplication.translate(
                "InfoPanel", "Click a function's name to see its formulas and properties."
            )
            self.browser.setHtml(f"<p>{hint}")
            return
        color = self._curve_color(key)
        self.browser.setHtml(details_html(REGISTRY[key], color, QCoreApplication.translate))

    def _update_live(self) -> None:
        key = self._model.selected_key()
        self.live.setVisible(key is not None)
        if key is None:
            return
        html = live_html(REGISTRY[key], self._model.params(key), QCoreApplication.translate)
        if html != self.live.text():
            self.live.setText(html)


if __name__ == "__main__":  # a look at the panel alone: python -m actgui.panels.details
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    model = ExplorerModel()
    model.set_selected("leaky_relu")
    panel = DetailsPanel(model)
    panel.resize(380, 640)
    panel.show()
    app.exec()
