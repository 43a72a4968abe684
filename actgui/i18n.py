"""Choosing and loading the interface language (English or Simplified Chinese).

Every user-visible string goes through Qt's translation system: ``tr()`` in
widgets, :func:`translate` for the registry's and the docs' texts (which are
Qt-free data; ``scripts/update_translations.py`` extracts them). The catalogue
is ``resources/translations/actgui_zh_CN.ts``, compiled to ``.qm`` by
``pyside6-lrelease``. Qt's own dialogs use Qt's ``qt_zh_CN.qm``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from actgui.desktop import resource

log = logging.getLogger(__name__)

LANGUAGE = "view/language"
#: Choices in View → Language; "system" follows the locale.
LANGUAGES = ("system", "en", "zh_CN")
#: Translation context of the registry's and the docs' texts.
DATA_CONTEXT = "actgui.data"

_installed: list[QTranslator] = []


def effective_language(choice: str) -> str:
    """ "en" or "zh_CN": the choice itself, or the system locale's for "system"."""
    if choice in ("en", "zh_CN"):
        return choice
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QCoreApplication, settings: QSettings) -> str:
    """Load the catalogues for the chosen language into ``app``; returns the language used."""
    choice = settings.value(LANGUAGE, "system")
    if choice not in LANGUAGES:
        log.warning("Ignoring setting %s=%r: expected one of %s", LANGUAGE, choice, LANGUAGES)
        choice = "system"
    language = effective_language(str(choice))
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return language
    ours = QTranslator(app)
    if ours.load(str(resource(f"translations/actgui_{language}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No %s translation found; the interface stays in English", language)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{language}", f"qt_{language}"):
        if qt.load(name, qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
            break
    return language


def translate(text: str) -> str:
    """``text`` (a registry or docs string) in the interface language."""
    if not text:
        return text
    return QCoreApplication.translate(DATA_CONTEXT, text)
