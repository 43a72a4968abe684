"""Python's syntax errors in a formula, said so that a translation can say them too.

``ast.parse`` explains a formula it cannot read in English ("'(' was never closed"); the
commonest explanations become :class:`~actgui.text.messages.Message` templates with the
same English (translated where they are shown), any other is kept as Python said it.
"""

from __future__ import annotations

import re

from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message

#: Python's syntax errors that a formula meets most, in words a translation can say.
_SYNTAX_SAID = frozenset(
    {
        QT_TRANSLATE_NOOP("actgui.messages", "invalid syntax"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid syntax. Perhaps you forgot a comma?"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid decimal literal"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid hexadecimal literal"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid octal literal"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid binary literal"),
        QT_TRANSLATE_NOOP("actgui.messages", "invalid imaginary literal"),
        QT_TRANSLATE_NOOP(
            "actgui.messages",
            "leading zeros in decimal integer literals are not permitted; "
            "use an 0o prefix for octal integers",
        ),
        QT_TRANSLATE_NOOP(
            "actgui.messages", "unexpected character after line continuation character"
        ),
    }
)
_SYNTAX_PATTERNS = (
    (
        re.compile(r"'(?P<bracket>.)' was never closed"),
        QT_TRANSLATE_NOOP("actgui.messages", "'{bracket}' was never closed"),
    ),
    (
        re.compile(r"unmatched '(?P<bracket>.)'"),
        QT_TRANSLATE_NOOP("actgui.messages", "unmatched '{bracket}'"),
    ),
    (
        re.compile(
            r"closing parenthesis '(?P<closing>.)' does not match "
            r"opening parenthesis '(?P<opening>.)'"
        ),
        QT_TRANSLATE_NOOP(
            "actgui.messages",
            "closing parenthesis '{closing}' does not match opening parenthesis '{opening}'",
        ),
    ),
    (
        re.compile(r"unterminated string literal \(detected at line (?P<line>\d+)\)"),
        QT_TRANSLATE_NOOP(
            "actgui.messages", "unterminated string literal (detected at line {line})"
        ),
    ),
)


def syntax_detail(said: str) -> str:
    """Python's syntax error ``said`` as a message a translation can say (the commonest
    ones), or as it is."""
    if said in _SYNTAX_SAID:
        return Message(said)
    for pattern, template in _SYNTAX_PATTERNS:
        match = pattern.fullmatch(said)
        if match:
            return Message(template, **match.groupdict())
    return said
