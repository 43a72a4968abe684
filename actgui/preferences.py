"""Application preferences: theme, language, image options, export folder and formats.

``Preferences`` is a ``QObject`` (QtCore only), the counterpart of
``ExplorerModel`` for choices about the application rather than the plot's
content. Setters validate, write through to ``QSettings`` (when there is one:
the command line uses preferences without any) and emit only on a real change.
Menus and views subscribe to the signals; none of them keeps a choice itself.
Every entry is read through ``setting_values.read_choice`` (bounded text, one of the
choices): a bad one is logged and its default used, the others still apply.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from actgui import settings as keys
from actgui.i18n import language_choices
from actgui.setting_values import read_choice

log = logging.getLogger(__name__)

#: View → Theme; "system" follows the desktop's colour scheme.
THEMES: tuple[str, ...] = ("system", "light", "dark")
#: PNG scale factors: lines and text grow with the image.
SCALES: tuple[int, ...] = (1, 2, 4)
#: Image backgrounds; "white" draws a dark-theme plot in its light colours.
BACKGROUNDS: tuple[str, ...] = ("shown", "white", "transparent")
#: Kinds of export that remember their last format.
EXPORT_KINDS: tuple[str, ...] = ("image", "data")
#: Export sizes offered in the menu (logical pixels of a 1× image; None: as on screen).
SIZE_PRESETS: dict[str, tuple[int, int] | None] = {
    "shown": None,
    "1920x1080": (1920, 1080),
    "1280x720": (1280, 720),
    "1080x1080": (1080, 1080),
}
#: Smallest and largest side of a custom export size, in layout pixels (the command line's
#: --size takes the same smallest side; ``shell.export.MAX_SIDE`` bounds the pixels after
#: the scale).
MIN_SIDE, MAX_SIDE = 100, 4000
#: Curve widths in pixels (wider pens cost paint time: 1 px is the fast default).
LINE_WIDTHS: tuple[float, ...] = (1.0, 1.5, 2.0, 3.0)
#: Plot text sizes in points (ticks, legend, labels; a title is a third larger).
FONT_SIZES: tuple[int, ...] = (9, 11, 14, 18, 24)
DEFAULT_FONT_SIZE = 9
#: Longest plot title.
MAX_TITLE = 200
#: View → Zoom In / Zoom Out (Ctrl+= / Ctrl+−) steps through these, in percent, as a
#: browser does; Ctrl+0 returns to 100.
ZOOM_STEPS: tuple[int, ...] = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
#: How much larger Presentation Mode (F5) draws every text and line: 9 pt becomes 13.5 pt.
PRESENTATION_SCALE = 1.5
#: Smallest and largest factor of the interface's texts and lines (zoom × presentation).
MIN_SCALE, MAX_SCALE = 0.25, 8.0
#: The plot's margin around its axes and title at the default font size, in pixels.
PLOT_MARGIN = 4.0


def one_line(text: str) -> str:
    """A title as typed, on one line: runs of spaces, tabs and newlines become one space."""
    return " ".join(text.split())


def parse_size(text: str) -> tuple[int, int] | None:
    """ "shown" → None, "WxH" → (W, H) within [MIN_SIDE, MAX_SIDE]; ``ValueError`` otherwise."""
    text = text.strip().lower().replace("×", "x")
    if text == "shown":
        return None
    parts = text.split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"size must be 'shown' or WIDTHxHEIGHT, e.g. 1920x1080; got {text!r}")
    width, height = (int(p) for p in parts)
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ValueError(f"each side must be {MIN_SIDE}–{MAX_SIDE} pixels, got {width}×{height}")
    return width, height


def size_text(size: tuple[int, int] | None) -> str:
    """The inverse of :func:`parse_size`."""
    return "shown" if size is None else f"{size[0]}x{size[1]}"


@dataclass(frozen=True)
class ImageOptions:
    """How an image is rendered: PNG scale factor, background, and the plot's size
    (None: as on screen; else logical pixels, independent of the window)."""

    scale: int = 1
    background: str = "shown"
    size: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, got {self.scale!r}")
        if self.background not in BACKGROUNDS:
            raise ValueError(f"background must be one of {BACKGROUNDS}, got {self.background!r}")
        if self.size is not None:
            parse_size(size_text(self.size))


@dataclass(frozen=True)
class Presentation:
    """How the plot is drawn for an audience: curve width, text size, title, axis labels.

    ``scale`` multiplies both sizes: the interface's zoom and Presentation Mode on screen,
    the ratio of ``--font-size`` to the default on the command line (when no line width
    is given), so a larger text comes with proportionate lines and margins. Draw with
    :attr:`text_size`, :attr:`pen_width` and :attr:`margin`."""

    line_width: float = 1.0
    font_size: int = DEFAULT_FONT_SIZE
    title: str = ""
    axis_labels: bool = True
    scale: float = 1.0
    legend: bool = True

    @property
    def text_size(self) -> float:
        """The plot's text size in points (ticks, legend, axis labels)."""
        return self.font_size * self.scale

    @property
    def pen_width(self) -> float:
        """The width of a plain curve in pixels."""
        return self.line_width * self.scale

    @property
    def margin(self) -> float:
        """The room around the plot's axes and title, in pixels: in proportion to the text."""
        return PLOT_MARGIN * self.text_size / DEFAULT_FONT_SIZE

    def __post_init__(self) -> None:
        if isinstance(self.line_width, bool) or self.line_width not in LINE_WIDTHS:
            raise ValueError(f"line width must be one of {LINE_WIDTHS}, got {self.line_width!r}")
        if type(self.font_size) is not int or self.font_size not in FONT_SIZES:
            raise ValueError(f"font size must be one of {FONT_SIZES}, got {self.font_size!r}")
        if not isinstance(self.title, str) or len(self.title) > MAX_TITLE or "\n" in self.title:
            raise ValueError(f"the title must be one line of at most {MAX_TITLE} characters")
        if not isinstance(self.axis_labels, bool):
            raise ValueError(f"axis_labels must be True or False, got {self.axis_labels!r}")
        if (
            isinstance(self.scale, bool)
            or not isinstance(self.scale, int | float)
            or not MIN_SCALE <= self.scale <= MAX_SCALE
        ):
            raise ValueError(f"scale must be within {MIN_SCALE}–{MAX_SCALE}, got {self.scale!r}")
        if not isinstance(self.legend, bool):
            raise ValueError(f"legend must be True or False, got {self.legend!r}")


def effective_theme(theme: str) -> str:
    """ "light" or "dark": ``theme`` itself, or the desktop's colour scheme for "system"."""
    if theme in ("light", "dark"):
        return theme
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints() if QGuiApplication.instance() else None
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


class Preferences(QObject):
    """The application's choices, read from and written to ``settings`` (None: in memory)."""

    #: The theme choice ("system", "light" or "dark") changed.
    theme_changed = Signal(str)
    #: The language choice changed (it applies at the next start).
    language_changed = Signal(str)
    #: The image scale, background or size changed.
    image_options_changed = Signal()
    #: Line width, font size, title or axis labels changed, or the interface's scale
    #: (zoom, Presentation Mode), which multiplies the first two.
    presentation_changed = Signal()
    #: The interface's scale changed (zoom or Presentation Mode): every text and line.
    interface_scale_changed = Signal(float)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._theme = read_choice(settings, keys.THEME, THEMES, "system")
        self._language = read_choice(settings, keys.LANGUAGE, language_choices(), "system")
        scale = read_choice(settings, keys.EXPORT_SCALE, [str(s) for s in SCALES], "1")
        background = read_choice(settings, keys.EXPORT_BACKGROUND, BACKGROUNDS, "shown")
        size_raw = read_choice(settings, keys.EXPORT_SIZE, None, "shown")
        try:
            size = parse_size(size_raw)
        except ValueError as exc:
            log.warning("Ignoring setting %s=%r: %s", keys.EXPORT_SIZE, size_raw, exc)
            size = None
        self._image = ImageOptions(int(scale), background, size)
        width = read_choice(settings, keys.LINE_WIDTH, [f"{w:g}" for w in LINE_WIDTHS], "1")
        font = read_choice(
            settings, keys.FONT_SIZE, [str(f) for f in FONT_SIZES], str(DEFAULT_FONT_SIZE)
        )
        labels = read_choice(settings, keys.AXIS_LABELS, ("1", "0"), "1")
        legend = read_choice(settings, keys.LEGEND, ("1", "0"), "1") == "1"
        title = read_choice(settings, keys.PLOT_TITLE, None, "")
        try:
            self._presentation = Presentation(
                float(width), int(font), title, labels == "1", legend=legend
            )
        except ValueError as exc:
            log.warning("Ignoring setting %s: %s", keys.PLOT_TITLE, exc)
            self._presentation = Presentation(
                float(width), int(font), "", labels == "1", legend=legend
            )
        zoom = read_choice(settings, keys.ZOOM, [str(z) for z in ZOOM_STEPS], "100")
        self._zoom = int(zoom)
        mode = read_choice(settings, keys.PRESENTATION_MODE, ("1", "0"), "0")
        self._presentation_mode = mode == "1"

    def _store(self, key: str, value: str) -> None:
        if self._settings is not None:
            self._settings.setValue(key, value)

    # -- theme -------------------------------------------------------------------
    def theme(self) -> str:
        """ "system", "light" or "dark"."""
        return self._theme

    def effective_theme(self) -> str:
        """The theme in use: "light" or "dark"."""
        return effective_theme(self._theme)

    def set_theme(self, theme: str) -> None:
        """Choose a theme; ``ValueError`` (and no change) for anything but :data:`THEMES`."""
        if theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
        self._store(keys.THEME, theme)
        if theme != self._theme:
            self._theme = theme
            self.theme_changed.emit(theme)

    # -- language ----------------------------------------------------------------
    def language(self) -> str:
        """ "system" or a language code of ``actgui.i18n.LANGUAGES``."""
        return self._language

    def set_language(self, language: str) -> None:
        """Choose the interface language (from the next start)."""
        choices = language_choices()
        if language not in choices:
            raise ValueError(f"language must be one of {', '.join(choices)}, got {language!r}")
        self._store(keys.LANGUAGE, language)
        if language != self._language:
            self._language = language
            self.language_changed.emit(language)

    # -- images ------------------------------------------------------------------
    def image_options(self) -> ImageOptions:
        """The PNG scale and the background of exported and copied images."""
        return self._image

    def set_image_options(
        self,
        scale: int | None = None,
        background: str | None = None,
        size: tuple[int, int] | str | None = "",
    ) -> None:
        """Change the scale, background and/or size ("shown", "WxH" or (W, H); the default
        "" keeps it); ``ValueError`` (and no change) if invalid."""
        if scale is not None and (isinstance(scale, bool) or scale not in SCALES):
            raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")  # 2.5 is not 2
        if size == "":
            size = self._image.size
        elif isinstance(size, str):
            size = parse_size(size)
        new = ImageOptions(
            self._image.scale if scale is None else int(scale),
            self._image.background if background is None else background,
            None if size is None else (int(size[0]), int(size[1])),
        )
        self._store(keys.EXPORT_SCALE, str(new.scale))
        self._store(keys.EXPORT_BACKGROUND, new.background)
        self._store(keys.EXPORT_SIZE, size_text(new.size))
        if new != self._image:
            self._image = new
            self.image_options_changed.emit()

    # -- presentation ------------------------------------------------------------
    def presentation(self) -> Presentation:
        """Line width, font size, title and axis labels of the plot (on screen and exported),
        at the interface's scale."""
        return replace(self._presentation, scale=self.interface_scale())

    def set_presentation(self, **changes: object) -> None:
        """Change some of ``line_width``, ``font_size``, ``title``, ``axis_labels``, ``legend``;
        ``ValueError`` (and no change) if a value is invalid, ``TypeError`` for an unknown name."""
        if "scale" in changes:
            raise TypeError("the scale follows the zoom and Presentation Mode")
        new = replace(self._presentation, **changes)
        self._store(keys.LINE_WIDTH, f"{new.line_width:g}")
        self._store(keys.FONT_SIZE, str(new.font_size))
        self._store(keys.PLOT_TITLE, new.title)
        self._store(keys.AXIS_LABELS, "1" if new.axis_labels else "0")
        self._store(keys.LEGEND, "1" if new.legend else "0")
        if new != self._presentation:
            self._presentation = new
            self.presentation_changed.emit()

    # -- the interface's scale -----------------------------------------------------------
    def zoom(self) -> int:
        """The interface's zoom in percent (one of :data:`ZOOM_STEPS`)."""
        return self._zoom

    def presentation_mode(self) -> bool:
        """Whether Presentation Mode is on (everything :data:`PRESENTATION_SCALE` times larger)."""
        return self._presentation_mode

    def interface_scale(self) -> float:
        """What every text and line of the window is multiplied by: zoom × presentation."""
        return self._zoom / 100 * (PRESENTATION_SCALE if self._presentation_mode else 1.0)

    def set_zoom(self, percent: int) -> None:
        """Zoom the interface to ``percent``; ``ValueError`` (and no change) unless one of
        :data:`ZOOM_STEPS`."""
        if isinstance(percent, bool) or percent not in ZOOM_STEPS:
            raise ValueError(f"zoom must be one of {ZOOM_STEPS}, got {percent!r}")
        self._store(keys.ZOOM, str(int(percent)))
        self._change_scale(lambda: setattr(self, "_zoom", int(percent)))

    def zoom_by(self, steps: int) -> None:
        """``steps`` steps of :data:`ZOOM_STEPS` up (or down), stopping at either end."""
        here = ZOOM_STEPS.index(self._zoom)
        self.set_zoom(ZOOM_STEPS[min(max(here + steps, 0), len(ZOOM_STEPS) - 1)])

    def set_presentation_mode(self, on: bool) -> None:
        """Turn Presentation Mode on or off (remembered)."""
        if not isinstance(on, bool):
            raise ValueError(f"presentation mode must be True or False, got {on!r}")
        self._store(keys.PRESENTATION_MODE, "1" if on else "0")
        self._change_scale(lambda: setattr(self, "_presentation_mode", on))

    def _change_scale(self, change) -> None:
        before = self.interface_scale()
        change()
        if self.interface_scale() != before:
            self.interface_scale_changed.emit(self.interface_scale())
            self.presentation_changed.emit()

    # -- export folder and formats ---------------------------------------------------
    def export_dir(self) -> Path:
        """The folder of the last export (the home folder at first)."""
        text = read_choice(self._settings, keys.EXPORT_DIR, None, "")
        if "\0" in text:
            log.warning("Ignoring setting %s: not a folder name", keys.EXPORT_DIR)
            return Path.home()
        return Path(text) if text else Path.home()

    def export_format(self, kind: str, formats: tuple[str, ...]) -> str:
        """The format last used for ``kind`` ("image" or "data"), if still among ``formats``."""
        return read_choice(self._settings, f"{keys.EXPORT_FORMAT}_{kind}", formats, formats[0])

    def remember_export(self, kind: str, path: Path) -> None:
        """Remember the folder and the format of a successful export of ``kind``."""
        if kind not in EXPORT_KINDS:
            raise ValueError(f"kind must be one of {EXPORT_KINDS}, got {kind!r}")
        self._store(keys.EXPORT_DIR, str(path.parent))
        self._store(f"{keys.EXPORT_FORMAT}_{kind}", path.suffix.lower().lstrip("."))

    # -- everything --------------------------------------------------------------
    def restore_defaults(self) -> None:
        """Theme and language follow the system, images 1× as shown, the plot's texts and
        lines and the interface at their default sizes."""
        self.set_theme("system")
        self.set_language("system")
        self.set_image_options(1, "shown", "shown")
        default = Presentation()
        self.set_presentation(
            line_width=default.line_width,
            font_size=default.font_size,
            title=default.title,
            axis_labels=default.axis_labels,
            legend=default.legend,
        )
        self.set_zoom(100)
        self.set_presentation_mode(False)
