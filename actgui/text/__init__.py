"""Words and markup shown to the user, computed without Qt: value formatting, readout
cells, the details page.

Translation is injected: functions take ``lang(context, text)`` (the app passes
``QCoreApplication.translate``; the default leaves English as it is), so these
modules import no Qt and are tested without a display. Their English templates
are marked with :func:`QT_TRANSLATE_NOOP` so that ``pyside6-lupdate`` extracts them.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``lang(context, text)``: ``text`` in the interface language (not named ``tr``:
#: lupdate would take every call for a string to translate).
Translate = Callable[[str, str], str]
#: Translation context of the registry's texts (names, descriptions, prose).
DATA_CONTEXT = "actgui.data"


def untranslated(_context: str, text: str) -> str:
    """The default ``lang``: English as written."""
    return text


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # noqa: N802 (lupdate's marker)
    """Marks ``text`` for extraction in ``context``; returns it unchanged."""
    return text


def fill(template: str, *args: object) -> str:
    """``template`` with %1, %2, … replaced by ``args`` (Qt's placeholder style)."""
    for i, arg in enumerate(args, start=1):
        template = template.replace(f"%{i}", str(arg))
    return template
