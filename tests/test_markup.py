"""User text is text, never markup (issue 22): names of functions of your own such as
``<b>x</b>``, ``<img src="p.png">`` or ``a & b`` go through every view, dialog and export
and come out as the literal text, never bold, never an image, never a shortcut letter.

Qt guesses: a QLabel, a tooltip or a QMessageBox in ``Qt.AutoText`` shows a text as rich text
when it "might be" (``Qt.mightBeRichText``), pyqtgraph's labels (legend, titles, axis
labels) are always HTML, and a button's ``&`` marks a shortcut. The helpers below compute
what such a widget really displays, so each check reads what a user would see.

The ``<img>`` name points at a small image that exists (never ``/dev/zero``: the old code
would read it): were the name interpreted, an image would be drawn instead of the text.
"""

from __future__ import annotations

import csv
import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from actgui.activations import Definition, add_custom, custom_definitions
from actgui.activations.custom import MAX_CUSTOM, key_for

#: Names (at most 40 characters) that are markup, an entity, an ampersand.
HOSTILE = ('<img src="p.png">', "<b>x</b>", "a & b", "<i>", "1 &lt; 2 &amp; 3")
BOLD = "<b>x</b>"


# -- what Qt displays ---------------------------------------------------------------------


def displayed(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a label (or a tooltip, a message box) in ``fmt`` shows for ``text``."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText().replace("\u2028", "\n").replace("\xa0", " ")


def label_shows(label: QLabel) -> str:
    return displayed(label.text(), label.textFormat())


def button_shows(text: str) -> str:
    """A button's or action's text as drawn: "&&" is "&", a lone "&" marks the next letter."""
    return re.sub(r"&(.)", r"\1", text)


def graphics_text(label) -> str:
    """The text a pyqtgraph ``LabelItem`` (legend entries, titles) or an axis label (a
    QGraphicsTextItem) draws: their HTML, rendered."""
    item = getattr(label, "item", label)
    return item.toPlainText().replace("\xa0", " ").strip()  # (an axis label ends in " ")


# -- the functions of your own --------------------------------------------------------------


@pytest.fixture
def hostile(window, tmp_path, monkeypatch):
    """Functions of your own with hostile names (key → name) in the real window, removed
    at the end with any added during the test (an import). ``p.png`` exists in the
    working folder."""
    monkeypatch.chdir(tmp_path)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(tmp_path / "p.png"))
    before = {d.key for d in custom_definitions()}
    names: dict[str, str] = {}
    try:
        for i, name in enumerate(HOSTILE):
            # Bounded (a finite χ₁: a line in the depth view), kinks at i/2 ± 1: their
            # dots lie apart.
            expression = f"min(1, max(-1, x - {i / 2}))"
            definition = Definition(key_for(name), name, expression)
            window.custom.add(definition, show=False)  # add_custom, and the model follows
            names[definition.key] = name
        yield names
    finally:
        for definition in custom_definitions():
            if definition.key not in before:
                window.custom.remove(definition.key)


@pytest.fixture
def shown_window(hostile, window, qtbot):
    """The real window with every hostile function on, ``<b>x</b>`` selected, the cursor
    pinned, kinks marked."""
    model = window.model
    model.set_enabled_keys(list(hostile))
    model.set_selected(next(k for k, n in hostile.items() if n == BOLD))
    model.set_show_kinks(True)
    model.set_cursor(0.5, pinned=True)
    window.plot.refresh()
    qtbot.waitUntil(window.plot.is_current)
    return window


# -- the function ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_the_helpers_keep_text_literal(qapp, name):
    from actgui.text.markup import auto_text, no_mnemonic, plain

    assert displayed(f"<p>{plain(name)}</p>", Qt.TextFormat.RichText) == name
    assert displayed(auto_text(name)) == name
    assert displayed(auto_text(f"Delete {name}?\nsecond line")) == f"Delete {name}?\nsecond line"
    assert button_shows(no_mnemonic(name)) == name
    assert plain("a\"b'c") == "a&quot;b&#x27;c"
    assert auto_text("plain words") == "plain words"  # nothing to guard: left as it is


# -- the main window ------------------------------------------------------------------------


def imported(qtbot, window) -> None:
    """Functions → Import…, to its end: the file is read and built on a worker."""
    window.custom.import_interactive()
    qtbot.waitUntil(lambda: not window.custom.importing(), timeout=30_000)


def test_legend_shows_the_names(shown_window):
    legend = shown_window.plot.legend
    legend.flush()
    drawn = [graphics_text(label) for _, label in legend.item.items]
    for name in HOSTILE:
        assert name in drawn
    assert legend.labels() == drawn


def test_functions_panel_names_and_tooltips(shown_window, hostile):
    window = shown_window
    for key, name in hostile.items():
        button = window.findChild(QPushButton, f"name_{key}")
        assert button_shows(button.text()) == name
        assert name in displayed(button.toolTip())
        check = window.controls.functions._checks[key]
        assert name in displayed(check.toolTip())


def test_details_readout_and_kink_tooltips(shown_window, hostile):
    window = shown_window
    for key, name in hostile.items():
        window.model.set_selected(key)
        text = window.details.text()
        assert name in text.splitlines()[0]  # the live box's title
        assert f"{name} ({key})" in window.details.browser.toPlainText()
    readout = window.readout
    readout.rows()
    names = [readout.table.item(r, 0).text() for r in range(readout.table.rowCount())]
    assert names == list(hostile.values())
    # The kink dots' tooltips, as the mouse shows them: hovering over each dot.
    dots = window.plot.jump_markers
    shown_tips = []
    for x, y in dots.points():
        dots.hoverMoveEvent(_Hover(QPointF(x, y)))
        shown_tips.append(displayed(dots.toolTip()))
    for name in HOSTILE:
        assert any(tip.startswith(f"{name}: f") for tip in shown_tips), (name, shown_tips)
    # A typed x that is not a number is quoted in the error line.
    readout.x_edit.setText(BOLD)
    readout.x_edit.returnPressed.emit()
    assert BOLD in label_shows(readout.error_label)


class _Hover:
    """A hover event at ``pos`` (item coordinates)."""

    def __init__(self, pos: QPointF) -> None:
        self._pos = pos

    def pos(self) -> QPointF:
        return self._pos


def test_plot_title_and_axis_labels(shown_window):
    window = shown_window
    window.prefs.set_presentation(title=f"{BOLD} & <i>", axis_labels=True)
    item = window.plot.getPlotItem()
    assert graphics_text(item.titleLabel) == f"{BOLD} & <i>"
    assert graphics_text(item.getAxis("bottom").label) == "x"


def test_dialogs_quote_names_as_text(shown_window, hostile, monkeypatch, tmp_path, qtbot):
    window = shown_window
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for key, name in hostile.items():
        window.model.set_selected(key)
        window.custom.delete()
        assert name in displayed(asked[-1])
    # An import that skips an entry says why, quoting the entry's name.
    source = tmp_path / "mine.json"
    entries = [
        {"key": "good", "name": "<u>fine</u>", "expression": "x"},
        {"key": "bad", "name": BOLD, "expression": "x + <b>"},
    ]
    source.write_text(json.dumps({"activations": entries}), encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), ""))
    )
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    imported(qtbot, window)
    (text,) = warned
    assert f"entry 2 ({BOLD}):" in displayed(text)
    assert "Added 1 function(s)." in displayed(text)
    assert "<u>fine</u>" in window.plot.legend.labels() or "<u>fine</u>" in [
        button_shows(b.text()) for b in window.findChildren(QPushButton)
    ]


def test_unexpected_error_dialog_quotes_as_text(qapp):
    from actgui.shell.safety import open_error_dialog, show_error_dialog

    summary = f"ValueError: unknown name '{BOLD}' in <img src=\"p.png\">"
    show_error_dialog(summary, "Traceback …")
    box = open_error_dialog()
    try:
        assert summary in displayed(box.text(), box.textFormat())
        show_error_dialog("KeyError: '<i>'", "Traceback …")  # a second one joins the first
        assert "KeyError: '<i>'" in displayed(box.informativeText(), box.textFormat())
    finally:
        box.close()
        QApplication.processEvents()


# -- exports -----------------------------------------------------------------------------------


def svg_texts(path) -> str:
    root = ET.parse(path).getroot()
    return "\n".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))


def test_exports_carry_the_literal_names(shown_window, hostile, tmp_path):
    from actgui.shell.export import export_csv, export_image

    window = shown_window
    svg = export_image(window.plot, tmp_path / "plot.svg")
    source = svg.read_text("utf-8")
    texts = svg_texts(svg)
    for name in HOSTILE:
        assert name in texts, name  # after parsing: the literal name
    assert "&lt;b&gt;x&lt;/b&gt;" in source  # in the file: escaped once, as XML wants
    assert "&amp;lt;" in source  # "1 &lt; 2": the user's entity is text, escaped once
    for suffix in ("png", "pdf"):
        export_image(window.plot, tmp_path / f"plot.{suffix}")
        assert (tmp_path / f"plot.{suffix}").stat().st_size > 0
    export_csv(window.plot, window.model, tmp_path / "plot.csv")
    with open(tmp_path / "plot.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert set(hostile) <= set(header)  # CSV columns are named by key: nothing to escape


# -- the analysis views ("Why it trains") -----------------------------------------------------


def test_lab_plot_legend_and_axis_labels_are_text(qtbot):
    import pyqtgraph as pg

    from actgui.plot.lab import LabPlot

    plot = LabPlot("plot_test", BOLD, "a & <i>")
    qtbot.addWidget(plot)
    legend = plot.legend()
    legend.addItem(pg.PlotDataItem([0, 1], [0, 1]), BOLD)  # as the training view does
    plot.getPlotItem().addItem(pg.PlotDataItem([0, 1], [1, 0], name="<i>"))  # as depth does
    assert [graphics_text(label) for _, label in legend.items] == [BOLD, "<i>"]
    item = plot.getPlotItem()
    assert graphics_text(item.getAxis("bottom").label) == BOLD
    assert graphics_text(item.getAxis("left").label) == "a & <i>"
    plot.set_axis_labels("<b>u</b>", "v & w")
    assert graphics_text(item.getAxis("bottom").label) == "<b>u</b>"
    assert graphics_text(item.getAxis("left").label) == "v & w"
    plot.set_title(f"{BOLD} & <i>")
    assert graphics_text(item.titleLabel) == f"{BOLD} & <i>"
    plot.set_title(None)
    assert not item.titleLabel.isVisible()


def computed(qtbot, labs) -> None:
    """The view on screen refreshed once the worker computed the numbers of the functions
    of your own (they are computed off the GUI thread)."""
    labs.flush()
    qtbot.waitUntil(lambda: not labs.deferred.pending(), timeout=60_000)
    labs.flush()


def test_lab_views_and_their_exports(shown_window, hostile, qtbot, tmp_path):
    from actgui.shell.export import export_image

    window = shown_window
    window.show_labs("depth")
    labs = window.labs
    qtbot.waitUntil(labs.isVisible)
    computed(qtbot, labs)
    plot = labs.depth.plot
    plot.redraw()
    legend = plot.getPlotItem().legend
    drawn = [graphics_text(label) for _, label in legend.items]
    for name in HOSTILE:
        assert name in drawn, drawn
    target = tmp_path / "depth.svg"
    export_image(plot, target)
    texts = svg_texts(target)
    for name in HOSTILE:
        assert name in texts, name


def test_train_view_legend(shown_window, hostile, qtbot):
    from actgui.analysis.race import RaceConfig

    window = shown_window
    window.show_labs("train")
    qtbot.waitUntil(window.labs.isVisible)
    keys = tuple(hostile)[:3]
    window.lab.train.set_config(RaceConfig(keys=keys, n_points=60, hidden=(4,), steps=5))
    window.labs.flush()
    view = window.labs.train
    qtbot.waitUntil(lambda: view.controller.race is not None, timeout=30_000)
    view.button_step.click()
    qtbot.waitUntil(
        lambda: view.controller.race is not None and view.controller.race.steps >= 1,
        timeout=30_000,
    )
    view.redraw()
    legend = view.graphs.plot_loss.getPlotItem().legend
    assert [graphics_text(label) for _, label in legend.items] == [hostile[k] for k in keys]


def test_lab_titles_and_summaries(shown_window, hostile, qtbot):
    window = shown_window
    window.show_labs("stats")
    labs = window.labs
    qtbot.waitUntil(labs.isVisible)
    computed(qtbot, labs)
    title = graphics_text(labs.stats.plot.getPlotItem().titleLabel)
    assert title.startswith(f"{BOLD}(z)"), title
    labs.show_view("depth")
    computed(qtbot, labs)
    assert label_shows(labs.depth.summary).startswith(f"{BOLD} at σ_w")


# -- files a user opens ------------------------------------------------------------------------


def test_unusable_import_files_give_a_message(shown_window, tmp_path, monkeypatch, qtbot):
    window = shown_window
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    for path in ("/dev/zero", fifo, folder, deep):
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, p=path, **k: (str(p), ""))
        )
        imported(qtbot, window)  # a message, never a traceback or a hang
        assert len(warned) == 1, path
        message = displayed(warned.pop())
        assert os.path.basename(path) in message, message
        assert "Error:" not in message, message  # (a reason, not an exception's class)


def test_too_many_functions_is_a_message(shown_window, hostile, monkeypatch, tmp_path, qtbot):
    window = shown_window
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    free = MAX_CUSTOM - len(custom_definitions())
    for i in range(free):
        add_custom(Definition(f"filler_{i}", f"filler {i}", "x"))
    window.custom._synced()
    # One more, in each way there is to add one.
    window.model.set_selected(next(iter(hostile)))
    window.custom.duplicate()
    assert len(warned) == 1 and str(MAX_CUSTOM) in warned.pop()
    source = tmp_path / "more.json"
    source.write_text(
        json.dumps([{"key": "more", "name": "<b>more</b>", "expression": "x"}]), encoding="utf-8"
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), ""))
    )
    imported(qtbot, window)
    assert len(warned) == 1 and str(MAX_CUSTOM) in warned[0]
    assert "<b>more</b>" in displayed(warned[0])


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_legend_entries_kept_across_changes_take_a_new_theme_and_size(window):
    """Entries still wanted are kept at a rebuild (making them again took 0.14 s a tick):
    a kept label is drawn again in the theme's colour and at the new font size."""
    import pyqtgraph as pg

    legend = window.plot.legend
    window.model.set_enabled_keys(["relu", "tanh"])
    legend.flush()
    before = [label for _, label in legend.item.items]
    window.model.set_enabled_keys(["relu", "tanh", "gelu"])
    legend.flush()
    after = [label for _, label in legend.item.items]
    assert after[:2] == before[:2]  # the same items, kept
    window.model.set_enabled_keys(["relu", "gelu"])  # one removed: Qt says nothing
    legend.flush()
    assert legend.labels()[:2] == ["ReLU", "GELU"]
    theme = "dark" if window.prefs.theme() != "dark" else "light"
    window.prefs.set_theme(theme)
    legend.flush()
    color = pg.mkColor(legend.item.opts["labelTextColor"]).name()
    for _, label in legend.item.items:
        assert color in label.item.toHtml().lower() or color.upper() in label.item.toHtml()


def test_the_legend_box_grows_with_its_labels_at_a_larger_font(window):
    """Kept entries re-rendered at a larger font size: the box must be sized again, or the
    labels run out of it."""
    from actgui.preferences import FONT_SIZES

    legend = window.plot.legend
    window.model.set_enabled_keys(["relu", "tanh"])
    legend.flush()
    before = legend.item.geometry().width()
    window.prefs.set_presentation(font_size=max(FONT_SIZES))
    legend.flush()
    widest = max(label.boundingRect().width() for _, label in legend.item.items)
    assert legend.item.geometry().width() > before
    assert legend.item.geometry().width() >= widest
