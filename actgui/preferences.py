"""Application preferences: theme, language, image options, export folder and formats.

``Preferences`` is a ``QObject`` (QtCore only), the counterpart of
``ExplorerModel`` for choices about the application rather than the plot's
content. Setters validate, write through to ``QSettings`` (when there is one:
the command line uses preferences without any) and emit only on a real change.
Menus and views subscribe to the signals; none of them keeps a choice itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from actgui import settings as keys
from actgui.i18n import language_choices
from actgui.settings import read_choice

#: View → Theme; "system" follows the desktop's colour scheme.
THEMES: tuple[str, ...] = ("system", "light", "dark")
#: PNG scale factors: lines and text grow with the image.
SCALES: tuple[int, ...] = (1, 2, 4)
#: Image backgrounds; "white" draws a dark-theme plot in its light colours.
BACKGROUNDS: tuple[str, ...] = ("shown", "white", "transparent")
#: Kinds of export that remember their last format.
EXPORT_KINDS: tuple[str, ...] = ("image", "data")


@dataclass(frozen=True)
class ImageOptions:
    """How an image is rendered: PNG scale factor and background."""

    scale: int = 1
    background: str = "shown"

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {SCALES}, got {self.scale!r}")
        if self.background not in BACKGROUNDS:
            raise ValueError(f"background must be one of {BACKGROUNDS}, got {self.background!r}")


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
    #: The image scale or background changed.
    image_options_changed = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._theme = read_choice(settings, keys.THEME, THEMES, "system")
        self._language = read_choice(settings, keys.LANGUAGE, language_choices(), "system")
        scale = read_choice(settings, keys.EXPORT_SCALE, [str(s) for s in SCALES], "1")
        background = read_choice(settings, keys.EXPORT_BACKGROUND, BACKGROUNDS, "shown")
        self._image = ImageOptions(int(scale), background)

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

    def set_image_options(self, scale: int | None = None, background: str | None = None) -> None:
        """Change the scale and/or the background; ``ValueError`` (and no change) if invalid."""
        if scale is not None and (isinstance(scale, bool) or scale not in SCALES):
            raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")  # 2.5 is not 2
        new = ImageOptions(
            self._image.scale if scale is None else int(scale),
            self._image.background if background is None else background,
        )
        self._store(keys.EXPORT_SCALE, str(new.scale))
        self._store(keys.EXPORT_BACKGROUND, new.background)
        if new != self._image:
            self._image = new
            self.image_options_changed.emit()

    # -- export folder and formats ---------------------------------------------------
    def export_dir(self) -> Path:
        """The folder of the last export (the home folder at first)."""
        if self._settings is None:
            return Path.home()
        value = self._settings.value(keys.EXPORT_DIR)
        return Path(str(value)) if value else Path.home()

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
        """Theme and language follow the system, images 1× as shown."""
        self.set_theme("system")
        self.set_language("system")
        self.set_image_options(1, "shown")
