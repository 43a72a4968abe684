"""The details panel: the selected function's formulas, parameters, properties and prose.

The page (``text.details.details_html``) is rendered when the selection or the
colours change. What follows the parameters (their values, f(0), f′(0), where
the kinks and jumps are, and a remark such as softplus's threshold switch) sits
in a small box of plain labels above it, refreshed once per pass of the event
loop, touching only the labels whose text changed: dragging a parameter never
re-renders the page (a rich-text label cost ~4 ms a step).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from actgui.activations import REGISTRY
from actgui.coalesce import Coalesced
from actgui.model import ExplorerModel
from actgui.style import color_for
from actgui.text.details import details_html, live_note, live_rows, live_title
from actgui.text.markup import plain

#: Sentences with numbers at most (``text.network``).
MAX_NOTES = 4


class SelectableOnHover(QObject):
    """Lets the mouse select the plain labels of ``frame`` while the pointer is over it.

    A selectable label keeps a text document that every new text lays out again and
    repaints once more: with the values and sentences changing at every step of a drag,
    that was ~1 ms of each step (measured). The pointer is on a slider then, not here;
    over the frame the labels are selectable at once, and a label keeps its selection
    (and stays selectable) when the pointer leaves.
    """

    def __init__(self, frame: QWidget) -> None:
        super().__init__(frame)
        self._frame = frame
        frame.installEventFilter(self)

    def apply(self) -> None:
        """Selectable or not, as the pointer is over the frame or not."""
        hovered = self._frame.underMouse()
        for label in self._frame.findChildren(QLabel):
            if label.textFormat() != Qt.TextFormat.PlainText:
                continue  # (links keep their own flags)
            selectable = hovered or label.hasSelectedText()
            flags = (
                Qt.TextInteractionFlag.TextSelectableByMouse
                if selectable
                else Qt.TextInteractionFlag.NoTextInteraction
            )
            if label.textInteractionFlags() != flags:
                label.setTextInteractionFlags(flags)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Enter, QEvent.Type.Leave):
            self.apply()
        return False


class LiveValues(QFrame):
    """A heading, rows of (label, value) and a wrapped note, in plain labels; only changed
    texts are set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frame_info_live")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(2)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(1)
        self._grid.setColumnStretch(1, 1)
        outer.addLayout(self._grid)
        self.title = self._label(bold=True)
        # (wrapped: at a large font "ReLU at the current parameters" ran out of the dock)
        self.title.setWordWrap(True)
        self._grid.addWidget(self.title, 0, 0, 1, 2)
        self._names: list[QLabel] = []
        self._values: list[QLabel] = []
        # A remark on the current parameters under the rows, hidden when there is none.
        self.note = self._label()
        self.note.setObjectName("label_info_note")
        self.note.setWordWrap(True)
        self.note.hide()
        outer.addWidget(self.note)
        self.selection = SelectableOnHover(self)

    def _label(self, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if bold:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        return label

    def set_rows(self, title: str, rows: list[tuple[str, str]]) -> None:
        """Show ``rows``; labels are created only when the number of rows grows."""
        if self.title.text() != title:
            self.title.setText(title)
        while len(self._names) < len(rows):
            row = len(self._names) + 1
            self._names.append(self._label())
            value = self._label(bold=True)
            # Its width follows the panel, not the text: a new value re-lays out nothing
            # above it (each step of a drag changes one; a relayout cost ~1 ms).
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self._values.append(value)
            self._grid.addWidget(self._names[-1], row, 0)
            self._grid.addWidget(self._values[-1], row, 1)
            self.selection.apply()
        for i, (name_label, value_label) in enumerate(zip(self._names, self._values, strict=True)):
            shown = i < len(rows)
            if shown:
                for label, text in ((name_label, rows[i][0]), (value_label, rows[i][1])):
                    if label.text() != text:
                        label.setText(text)
            if name_label.isHidden() == shown:
                name_label.setVisible(shown)
                value_label.setVisible(shown)

    def set_note(self, text: str) -> None:
        """Show ``text`` under the rows, word-wrapped ("" hides it)."""
        if self.note.text() != text:
            self.note.setText(text)
        if self.note.isHidden() == bool(text):
            self.note.setVisible(bool(text))

    def text(self) -> str:
        """The shown rows as plain text, one "label value" per line, then the note."""
        lines = [self.title.text()]
        lines += [
            f"{n.text()} {v.text()}"
            for n, v in zip(self._names, self._values, strict=True)
            if not n.isHidden()
        ]
        if not self.note.isHidden():
            lines.append(self.note.text())
        return "\n".join(lines)


class DetailsPanel(QWidget):
    """Shows the model's selected function, kept up to date."""

    #: A link to an analysis view was clicked: ``panels.labs.VIEWS`` name, and for the
    #: depth view the quantity after a colon ("depth:gradient").
    view_requested = Signal(str)

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_panel")
        self._model = model
        self._curve_color = color_for
        self._page_key: str | None = ""  # the function the page was rendered for
        self.live = LiveValues(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("text_info")
        self.browser.setAccessibleName(self.tr("Formulas and properties"))
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # What the seed text claims, with this moment's numbers and a link to the view
        # that shows it (classic functions only; hidden for the others).
        # Plain labels for the sentences (their numbers change on every step of a drag;
        # a rich-text label costs ~4 ms to re-lay out) and a constant link after each.
        self.network = QFrame(self)
        self.network.setObjectName("frame_info_network")
        grid = QGridLayout(self.network)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        self._sentences: list[QLabel] = []
        self._links: list[QLabel] = []
        for row in range(MAX_NOTES):
            sentence = QLabel(self.network)
            sentence.setObjectName(f"label_info_network_{row}")
            sentence.setTextFormat(Qt.TextFormat.PlainText)
            sentence.setWordWrap(True)
            link = QLabel(self.network)
            link.setObjectName(f"link_info_network_{row}")
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setAlignment(Qt.AlignmentFlag.AlignTop)
            link.linkActivated.connect(self._on_link)
            grid.addWidget(sentence, row, 0)
            grid.addWidget(link, row, 1)
            self._sentences.append(sentence)
            self._links.append(link)
        self.network.hide()
        self._network_selection = SelectableOnHover(self.network)
        # Never squeezed below its text (the page below scrolls instead).
        self.network.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        # The sentences need scipy (a quarter of a second to import): they are filled in
        # once the window is up (``show_notes``), never on the way to its first frame.
        self._notes_on = False
        layout.addWidget(self.live)
        layout.addWidget(self.network)
        layout.addWidget(self.browser, 1)
        self._live_update = Coalesced(self._update_live, self)
        self._page_update = Coalesced(self._update_page, self)
        model.selected_changed.connect(self._page_update.request)
        model.selected_changed.connect(self._live_update.request)
        model.params_changed.connect(self._on_params_changed)
        # A function of your own edited under the same key: its page is new.
        model.functions_changed.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Render page and values for the selected function now."""
        self._page_key = ""
        self._page_color = ""
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

    def recolor(self) -> None:
        """The selected function's colour may have changed (functions were switched on or
        off): re-render the page only if it really did (a page costs ~4 ms)."""
        key = self._model.selected_key()
        if key is not None and self._curve_color(key) != self._page_color:
            self.refresh()

    def _on_params_changed(self, key: str) -> None:
        if key == self._model.selected_key():
            self._live_update.request()

    def _update_page(self) -> None:
        key = self._model.selected_key()
        if key is not None and key not in REGISTRY:
            key = None  # (unregistered a moment before the model follows)
        if key == self._page_key:
            return
        self._page_key = key
        if key is None:
            hint = QCoreApplication.translate(
                "DetailsPanel", "Click a function's name to see its formulas and properties."
            )
            self.browser.setHtml(f"<p>{plain(hint)}")
            return
        color = self._page_color = self._curve_color(key)
        self.browser.setHtml(details_html(REGISTRY[key], color, QCoreApplication.translate))

    def _update_live(self) -> None:
        key = self._model.selected_key()
        if key is not None and key not in REGISTRY:
            key = None  # (unregistered a moment before the model follows)
        self.live.setVisible(key is not None)
        if key is None:
            return
        lang = QCoreApplication.translate
        act, params = REGISTRY[key], self._model.params(key)
        self.live.set_rows(live_title(act, lang), live_rows(act, params, lang))
        self.live.set_note(live_note(act, params, lang))
        if not self._notes_on:
            self.network.setVisible(False)
            return
        # (The engines behind the sentences are imported with them, after the first frame.)
        from actgui.text.network import SHOW, SHOW_TIP, network_notes

        notes = network_notes(act, params, lang)
        show = plain(lang("NetworkNotes", SHOW))
        for i, (sentence, link) in enumerate(zip(self._sentences, self._links, strict=True)):
            if i < len(notes):
                text, view = notes[i]
                color = link.palette().color(QPalette.ColorRole.Link).name()
                anchor = f'<a href="labs:{view}" style="color:{color}">{show}</a>'
                if sentence.text() != text:
                    sentence.setText(text)
                if link.text() != anchor:
                    link.setText(anchor)
                tip = lang("NetworkNotes", SHOW_TIP)
                if link.toolTip() != tip:
                    link.setToolTip(tip)
            sentence.setVisible(i < len(notes))
            link.setVisible(i < len(notes))
        self.network.setVisible(bool(notes))

    def show_notes(self) -> None:
        """Start showing the sentences with numbers (called once the window is up)."""
        if not self._notes_on:
            self._notes_on = True
            self._live_update.request()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # A rich-text label keeps the link colour of the palette it was set under: after a
        # theme switch, set the links again (dark blue on a dark panel otherwise).
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for link in self._links:
                link.setText("")
            self._live_update.request()
        super().changeEvent(event)

    def network_text(self) -> str:
        """The sentences with numbers, as plain text ("" for functions without any)."""
        self._live_update.flush()
        key = self._model.selected_key()
        if key is None:
            return ""
        from actgui.text.network import network_notes

        notes = network_notes(REGISTRY[key], self._model.params(key), QCoreApplication.translate)
        return "\n".join(sentence for sentence, _ in notes)

    def _on_link(self, href: str) -> None:
        if href.startswith("labs:"):
            self.view_requested.emit(href.removeprefix("labs:"))


if __name__ == "__main__":  # python -m actgui.panels.details
    from actgui.panels import preview

    preview(DetailsPanel, (380, 640), lambda m: m.set_selected("leaky_relu"))
