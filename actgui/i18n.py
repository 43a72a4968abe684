"""Interface languages: one table, catalogues found by name, Qt translators.

Every user-visible string goes through Qt's translation system: ``tr()`` in
widgets, :func:`translate` for the registry's texts (Qt-free data, extracted by
``scripts/update_translations.py`` into ``actgui/translatable_data.py``). A
language's catalogue is ``resources/translations/actgui_<code>.ts`` (the top-level
``resources/``, installed as ``actgui.resources``), compiled to ``.qm``; Qt's own dialogs
use Qt's ``qtbase_<code>.qm``.

The Qt-free layers say what went wrong with :class:`actgui.text.messages.Message`
(English text that keeps its template, marked for lupdate in the context
``actgui.messages``): a view shows an exception through :func:`translated_error` and
other such text through :func:`translated_text`.

Adding a language is one row in :data:`LANGUAGES` and its catalogue file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from actgui.resources import resource
from actgui.text.messages import error_text, in_language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Language:
    """An interface language: its locale code and its name in itself (for the menu)."""

    code: str
    native_name: str


#: The interface languages, the source language (English, no catalogue) first.
LANGUAGES: dict[str, Language] = {
    lang.code: lang for lang in (Language("en", "English"), Language("zh_CN", "简体中文"))
}
SOURCE_LANGUAGE = "en"
#: Translation context of the registry's texts.
DATA_CONTEXT = "actgui.data"

_installed: list[QTranslator] = []


def language_choices() -> tuple[str, ...]:
    """Choices in View → Language: "system" (follow the locale), then every language."""
    return ("system", *LANGUAGES)


def translated_languages() -> tuple[str, ...]:
    """The codes that have a catalogue (every language but the source language)."""
    return tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def catalogue_name(code: str) -> str:
    """The resource path of the compiled catalogue of language ``code``."""
    return f"translations/actgui_{code}.qm"


def effective_language(choice: str) -> str:
    """A code of :data:`LANGUAGES`: the choice itself, or the system locale's for "system".

    The locale matches a language by its full name (zh_CN), else by its language
    part (zh_TW → zh_CN); anything else gets the source language.
    """
    if choice in LANGUAGES:
        return choice
    system = QLocale.system().name()
    if system in LANGUAGES:
        return system
    prefix = system.split("_")[0]
    return next((code for code in LANGUAGES if code.split("_")[0] == prefix), SOURCE_LANGUAGE)


def install_translators(app: QCoreApplication, choice: str) -> str:
    """Load the catalogues for ``choice`` ("system" or a code) into ``app``; the code used."""
    language = effective_language(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == SOURCE_LANGUAGE:
        return language
    ours = QTranslator(app)
    if ours.load(str(resource(catalogue_name(language)))):
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
    """``text`` (a registry text) in the interface language."""
    if not text:
        return text
    return QCoreApplication.translate(DATA_CONTEXT, text)


def translated_text(text: str) -> str:
    """``text`` in the interface language if it is a :class:`~actgui.text.messages.Message`
    (a message of the Qt-free layers), else as it is (a name, a file name)."""
    return in_language(text, QCoreApplication.translate)


def translated_error(exc: BaseException) -> str:
    """What ``exc`` says, in the interface language: its message translated when the
    Qt-free layers raised it with a :class:`~actgui.text.messages.Message`, ``str(exc)``
    otherwise."""
    return error_text(exc, QCoreApplication.translate)
