"""The menus of choices: View → Line Width, Font Size, Plot Title, Axis Labels, Theme and
Language, and File → Image Options. Each choice is a checkable action that sets a
preference; the checked one follows the preferences, however they changed. Also the
builders of the window's named actions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from actgui.i18n import LANGUAGES
from actgui.preferences import (
    FONT_SIZES,
    LINE_WIDTHS,
    MAX_SIDE,
    MAX_TITLE,
    MIN_SIDE,
    SCALES,
    SIZE_PRESETS,
    ZOOM_STEPS,
    Preferences,
    one_line,
    size_text,
)


def make_action(
    owner: QWidget, name: str, text: str, shortcut: QKeySequence, tip: str, slot: Callable
) -> QAction:
    """An action ``name`` of ``owner`` (its shortcut works wherever the focus is in it)."""
    action = QAction(text, owner)
    action.setObjectName(name)
    action.setShortcut(shortcut)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def choice_actions(
    owner: QWidget,
    menu: QMenu,
    kind: str,
    labels: dict[str, str],
    current: str,
    apply: Callable[[str], object],
) -> dict[str, QAction]:
    """Exclusive checkable actions ``action_<kind>_<value>``; triggering one calls apply."""
    group = QActionGroup(owner)
    actions = {}
    for value, label in labels.items():
        action = QAction(label, owner)
        action.setObjectName(f"action_{kind}_{value}")
        action.setCheckable(True)
        action.setChecked(value == current)
        action.triggered.connect(lambda _=False, v=value: apply(v))
        group.addAction(action)
        menu.addAction(action)
        actions[value] = action
    return actions


class OptionMenus(QObject):
    """The choices of ``prefs`` as menu entries of ``window`` (their dialogs' parent)."""

    def __init__(self, window: QWidget, prefs: Preferences) -> None:
        super().__init__(window)
        self._window = window
        self._prefs = prefs
        prefs.theme_changed.connect(self._on_theme_changed)
        prefs.language_changed.connect(self._on_language_changed)
        prefs.image_options_changed.connect(self._on_image_options_changed)
        prefs.presentation_changed.connect(self._on_presentation_changed)

    def _choices(self, menu, kind: str, labels: dict[str, str], current: str, apply):
        return choice_actions(self._window, menu, kind, labels, current, apply)

    # -- View ------------------------------------------------------------------
    def fill_view_menu(self, view_menu: QMenu) -> None:
        """Line width, font size, title and axis labels (for a projector and for slides);
        then the theme and the language."""
        prefs = self._prefs
        self._fill_scale_actions(view_menu)
        view_menu.addSeparator()
        p = prefs.presentation()
        widths = {f"{w:g}": self.tr("%1 px").replace("%1", f"{w:g}") for w in LINE_WIDTHS}
        self._width_actions = self._choices(
            view_menu.addMenu(self.tr("Line &Width")), "line_width", widths,
            f"{p.line_width:g}", lambda v: prefs.set_presentation(line_width=float(v)),
        )  # fmt: skip
        fonts = {str(f): self.tr("%1 pt").replace("%1", str(f)) for f in FONT_SIZES}
        self._font_actions = self._choices(
            view_menu.addMenu(self.tr("&Font Size")), "font_size", fonts,
            str(p.font_size), lambda v: prefs.set_presentation(font_size=int(v)),
        )  # fmt: skip
        self.action_plot_title = make_action(
            self._window,
            "action_plot_title",
            self.tr("Plot &Title…"),
            QKeySequence(),
            self.tr("A title above the plot (on screen and in exported images)"),
            self.edit_title,
        )
        view_menu.addAction(self.action_plot_title)
        self.action_axis_labels = make_action(
            self._window,
            "action_axis_labels",
            self.tr("&Axis Labels"),
            QKeySequence(),
            self.tr("Label the axes x and y"),
            lambda on: prefs.set_presentation(axis_labels=bool(on)),
        )
        self.action_axis_labels.setCheckable(True)
        self.action_axis_labels.setChecked(p.axis_labels)
        view_menu.addAction(self.action_axis_labels)
        self.action_legends = make_action(
            self._window,
            "action_legends",
            self.tr("&Legends"),
            QKeySequence(),
            self.tr("Show the plots' legends (drag one to move it; each goes where it hides "
                    "the fewest data)"),
            lambda on: prefs.set_presentation(legend=bool(on)),
        )  # fmt: skip
        self.action_legends.setCheckable(True)
        self.action_legends.setChecked(p.legend)
        view_menu.addAction(self.action_legends)
        view_menu.addSeparator()
        self._theme_actions = self._choices(
            view_menu.addMenu(self.tr("&Theme")),
            "theme",
            {
                "system": self.tr("Follow the system"),
                "light": self.tr("Light"),
                "dark": self.tr("Dark"),
            },
            prefs.theme(),
            prefs.set_theme,
        )
        languages = {"system": self.tr("Follow the system")}
        languages.update({code: lang.native_name for code, lang in LANGUAGES.items()})
        self._language_actions = self._choices(
            view_menu.addMenu(self.tr("&Language")),
            "language",
            languages,
            prefs.language(),
            prefs.set_language,
        )

    def _fill_scale_actions(self, view_menu: QMenu) -> None:
        """Presentation Mode (F5; Esc leaves it) and the browser's zoom keys, for the
        whole window: texts, lines and margins of every panel and plot."""
        prefs = self._prefs
        window = self._window
        self.action_presentation = make_action(
            window,
            "action_presentation",
            self.tr("&Presentation Mode"),
            QKeySequence(Qt.Key.Key_F5),
            self.tr("Every text and line larger, for a projector (Esc leaves it)"),
            lambda on: prefs.set_presentation_mode(bool(on)),
        )
        self.action_presentation.setCheckable(True)
        self.action_presentation.setChecked(prefs.presentation_mode())
        view_menu.addAction(self.action_presentation)
        # Esc leaves it, and only then is Esc the window's: the plot's pinned cursor and
        # the dialogs keep theirs otherwise.
        self.action_leave_presentation = make_action(
            window,
            "action_leave_presentation",
            self.tr("Leave Presentation Mode"),
            QKeySequence(Qt.Key.Key_Escape),
            "",
            lambda: prefs.set_presentation_mode(False),
        )
        self.action_leave_presentation.setEnabled(prefs.presentation_mode())
        zoom = view_menu.addMenu(self.tr("&Zoom"))
        zoom.setObjectName("menu_zoom")
        self.action_zoom_in = make_action(
            window,
            "action_zoom_in",
            self.tr("Zoom &In"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Equal),
            self.tr("Every text and line of the window larger"),
            lambda: prefs.zoom_by(1),
        )
        self.action_zoom_in.setShortcuts(
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Equal),
                QKeySequence(QKeySequence.StandardKey.ZoomIn),
            ]
        )
        self.action_zoom_out = make_action(
            window,
            "action_zoom_out",
            self.tr("Zoom &Out"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Minus),
            self.tr("Every text and line of the window smaller"),
            lambda: prefs.zoom_by(-1),
        )
        self.action_zoom_reset = make_action(
            window,
            "action_zoom_reset",
            self.tr("&Actual Size"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_0),
            self.tr("Texts and lines at their normal size (100 %)"),
            lambda: prefs.set_zoom(100),
        )
        for action in (self.action_zoom_in, self.action_zoom_out, self.action_zoom_reset):
            zoom.addAction(action)
        prefs.interface_scale_changed.connect(self._on_scale_changed)
        self._on_scale_changed()

    def _on_scale_changed(self, *_args) -> None:
        prefs = self._prefs
        on = prefs.presentation_mode()
        self.action_presentation.setChecked(on)
        self.action_leave_presentation.setEnabled(on)
        self.action_zoom_in.setEnabled(prefs.zoom() < ZOOM_STEPS[-1])
        self.action_zoom_out.setEnabled(prefs.zoom() > ZOOM_STEPS[0])
        self.action_zoom_reset.setText(
            self.tr("&Actual Size (now %1 %)").replace("%1", str(prefs.zoom()))
        )

    def edit_title(self) -> None:
        """Ask for the plot's title (empty for none)."""
        text, ok = QInputDialog.getText(
            self._window,
            self.tr("Plot Title"),
            self.tr("Title above the plot (leave empty for none):"),
            text=self._prefs.presentation().title,
        )
        if not ok:
            return
        text = one_line(text)
        if len(text) > MAX_TITLE:
            QMessageBox.warning(
                self._window,
                self.tr("Title too long"),
                self.tr("A title has at most %1 characters.").replace("%1", str(MAX_TITLE)),
            )
            return
        self._prefs.set_presentation(title=text)

    def _on_presentation_changed(self) -> None:
        p = self._prefs.presentation()
        self._width_actions[f"{p.line_width:g}"].setChecked(True)
        self._font_actions[str(p.font_size)].setChecked(True)
        self.action_axis_labels.setChecked(p.axis_labels)
        self.action_legends.setChecked(p.legend)

    def _on_theme_changed(self, theme: str) -> None:
        self._theme_actions[theme].setChecked(True)

    def _on_language_changed(self, language: str) -> None:
        self._language_actions[language].setChecked(True)

    # -- File → Image Options ----------------------------------------------------
    def fill_image_options_menu(self, menu: QMenu) -> None:
        """PNG scale, background and size of exported images."""
        prefs = self._prefs
        options = prefs.image_options()
        scales = {str(s): self.tr("PNG scale %1×").replace("%1", str(s)) for s in SCALES}
        self._scale_actions = self._choices(
            menu, "scale", scales, str(options.scale),
            lambda v: prefs.set_image_options(scale=int(v)),
        )  # fmt: skip
        menu.addSeparator()
        backgrounds = {
            "shown": self.tr("Background as shown"),
            "white": self.tr("White background"),
            "transparent": self.tr("Transparent background"),
        }
        self._background_actions = self._choices(
            menu, "background", backgrounds, options.background,
            lambda v: prefs.set_image_options(background=v),
        )  # fmt: skip
        menu.addSeparator()
        sizes = {
            "shown": self.tr("Size as on screen"),
            "1920x1080": self.tr("1920×1080 (slide, 16:9)"),
            "1280x720": self.tr("1280×720 (16:9)"),
            "1080x1080": self.tr("1080×1080 (square)"),
            "custom": self.tr("Custom Size…"),
        }
        current = size_text(options.size)
        self._size_actions = self._choices(
            menu, "size", sizes, current if current in SIZE_PRESETS else "custom",
            lambda v: self.ask_custom_size() if v == "custom" else prefs.set_image_options(
                size=v
            ),
        )  # fmt: skip

    def ask_custom_size(self) -> None:
        """Ask for an export size in pixels, "1600x900" (a 1× image; the scale multiplies it)."""
        current = self._prefs.image_options().size or (1600, 900)
        text, ok = QInputDialog.getText(
            self._window,
            self.tr("Custom Size"),
            self.tr("Width × height of exported images, in pixels (%1–%2 each):")
            .replace("%1", str(MIN_SIDE))
            .replace("%2", str(MAX_SIDE)),
            text=size_text(current),
        )
        if ok:
            try:
                self._prefs.set_image_options(size=text)
            except ValueError:
                QMessageBox.warning(
                    self._window,
                    self.tr("Custom Size"),
                    self.tr("Type a size like 1600x900, each side %1–%2 pixels.")
                    .replace("%1", str(MIN_SIDE))
                    .replace("%2", str(MAX_SIDE)),
                )
        self._on_image_options_changed()  # the checked entry follows what was kept

    def _on_image_options_changed(self) -> None:
        options = self._prefs.image_options()
        self._scale_actions[str(options.scale)].setChecked(True)
        self._background_actions[options.background].setChecked(True)
        size = size_text(options.size)
        self._size_actions.get(size, self._size_actions["custom"]).setChecked(True)
