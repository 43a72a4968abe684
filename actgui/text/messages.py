"""Messages for the user that can be said again in another language, made without Qt.

The math and file layers (``actgui.activations``, ``actgui.analysis``) raise exceptions
whose text a dialog, a label or the command line shows. The command line and the tests
read it in English, as ``str(exc)``; the window shows it in the interface language. A
:class:`Message` serves both: it *is* the English text (a ``str``), and it keeps the
English template it was filled from and its fields, so that a view can fill the
template's translation instead (:meth:`Message.translated`, or :func:`error_text` for
an exception whose argument is one; ``actgui.i18n.translated_error`` in the window).

Templates use ``str.format`` fields by name (``"unknown name '{name}' at column
{column}"``): a translation keeps the fields and may move them. A field's value that is
itself a :class:`Message` is translated too; any other value (a name, a key, a file
name, a formula, a number) is shown as it is. Every template is written where it is
used as ``QT_TRANSLATE_NOOP("actgui.messages", "…")`` (the marker of :mod:`actgui.text`,
which ``pyside6-lupdate`` reads), so the catalogue lists it in the context
:data:`MESSAGES`.
"""

from __future__ import annotations

from actgui.text import Translate, untranslated

#: Translation context of every message template.
MESSAGES = "actgui.messages"

__all__ = ["MESSAGES", "Message", "error_text", "in_language", "message_of"]


class Message(str):
    """English text for the user (a ``str``, equal to it) that remembers its template
    and fields: ``Message("line {line}: too short", line=4) == "line 4: too short"``.

    Braces meant literally are doubled (``"{{name: value}}"``), as in ``str.format``; a
    text that is no template (a brace of its own, a field not given) is kept as it is."""

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, /, **fields: object) -> Message:
        try:
            text = _fill(template, fields, untranslated)
        except _MISFIT:  # (not a template after all: text with braces of its own)
            text = str(template)
        self = super().__new__(cls, text)
        self.template = str(template)
        self.fields = fields
        return self

    def __reduce__(self):  # (pickled and copied as a Message, not as a bare str)
        return (_rebuilt, (self.template, self.fields))

    def translated(self, lang: Translate) -> str:
        """The message in the language of ``lang(context, text)``: the template's
        translation filled with the fields (those that are messages translated too). A
        translation whose fields do not match the template's gives the English."""
        for template in (lang(MESSAGES, self.template), self.template):
            try:
                return _fill(template, self.fields, lang)
            except _MISFIT:
                continue
        return str(self)


#: What filling a template that does not fit its fields raises.
_MISFIT = (KeyError, IndexError, ValueError, AttributeError, TypeError)


def _rebuilt(template: str, fields: dict[str, object]) -> Message:
    return Message(template, **fields)


def _fill(template: str, fields: dict[str, object], lang: Translate) -> str:
    values = {k: in_language(v, lang) if isinstance(v, Message) else v for k, v in fields.items()}
    return template.format_map(values)


def in_language(text: str, lang: Translate, context: str | None = None) -> str:
    """``text`` in the language of ``lang``: a :class:`Message` translated; other text
    looked up in ``context`` (a registry text in ``actgui.data``), or shown as it is
    when no context is given (a name, a file name, a message from the system)."""
    if isinstance(text, Message):
        return text.translated(lang)
    if context is None or not text:
        return str(text)
    return lang(context, text)


def message_of(exc: BaseException) -> str:
    """What ``exc`` says: its :class:`Message` if its one argument is one (to be put into
    another message and translated with it), else ``str(exc)``."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


def error_text(exc: BaseException, lang: Translate = untranslated) -> str:
    """What ``exc`` says, in the language of ``lang`` when it says it with a
    :class:`Message` (English ``str(exc)`` otherwise)."""
    return in_language(message_of(exc), lang)
