"""Reading a ``QSettings`` entry safely: bounded text and numbers, one of a few choices,
Qt blobs, and :func:`guarded` to apply one entry without letting a bad one through.

Every entry of ``actgui.settings`` and ``actgui.preferences`` is read through these: text
of a limited length, numbers finite and of a limited number of digits; a corrupt,
out-of-range or wrong-typed entry is logged (as ``actgui.settings``) and skipped.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings

from actgui.files import InputError

#: (The settings' logger: a warning about an entry reads the same wherever it was raised.)
log = logging.getLogger("actgui.settings")

#: Longest text of an entry (ten times what any of ours holds) …
MAX_TEXT = 10_000
#: … and of the JSON documents: your own functions (50 of at most 500-character formulas)
#: and the race.
MAX_JSON_TEXT = 1_000_000
#: Most parts of an entry that QSettings hands back as a list (``a, b`` written by hand).
MAX_PARTS = 1_000
#: Longest number: ``repr`` of a float is at most 24 characters, our whole numbers have
#: fewer than 18 digits (a 400-digit one would overflow a float).
MAX_NUMBER_TEXT = 40
MAX_INT_DIGITS = 18
#: Largest Qt blob (window geometry, dock layout: a few hundred bytes in practice).
MAX_BLOB = 64_000
#: Errors a bad entry may raise: a warning without a traceback. Anything else is a
#: surprise, logged with its traceback (and the entry still skipped).
EXPECTED_ERRORS = (ValueError, TypeError, KeyError, ArithmeticError, RecursionError, MemoryError)


def shown_value(raw: object, limit: int = 80) -> str:
    """A setting's value for a log line: its ``repr``, cut to ``limit`` characters."""
    try:
        text = repr(raw)
    except Exception:  # a Qt value whose repr fails: its type will do
        text = f"<{type(raw).__name__}>"
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def cut_text(text: str, limit: int = 300) -> str:
    """``text``, cut to ``limit`` characters (with "…") for a log line."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def guarded(entry: str, raw: object, apply: Callable[[], object]) -> bool:
    """Run ``apply`` (which reads ``raw``, the value of ``entry``); log a warning and return
    False if it raises: an :data:`EXPECTED_ERRORS` for a bad value, or any other
    ``Exception`` (with its traceback: a bug shows up in the log)."""
    try:
        apply()
    except EXPECTED_ERRORS as exc:
        log.warning("Ignoring setting %s=%s: %s", entry, shown_value(raw), cut_text(str(exc)))
        return False
    except Exception:
        log.warning("Ignoring setting %s=%s: unexpected error", entry, shown_value(raw),
                    exc_info=True)  # fmt: skip
        return False
    return True


def as_text(raw: object, limit: int = MAX_TEXT) -> str:
    """A setting's value as text of at most ``limit`` characters; ``InputError`` (a
    ``ValueError``) for anything else QSettings may hand back (bytes, a dict, a point…).

    QSettings reads ``a, b`` written by hand as a list: its parts are joined again; a number
    written as a Qt variant is read as its text.
    """
    if isinstance(raw, str):
        text = raw
    elif isinstance(raw, list | tuple):
        if len(raw) > MAX_PARTS or not all(isinstance(part, str) for part in raw):
            raise InputError(f"expected text, got a list of {len(raw)} values")
        text = ",".join(raw)
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        text = repr(raw)
    else:
        raise InputError(f"expected text, got {type(raw).__name__}")
    if len(text) > limit:
        raise InputError(f"longer than {limit} characters")
    return text


def parse_float(text: str) -> float:
    """A finite float from ``text`` (``ValueError`` for NaN, infinities, 1e400, a long text)."""
    text = text.strip()
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(f"a number has at most {MAX_NUMBER_TEXT} characters")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {text!r}")
    return value


def parse_int(text: str) -> int:
    """A whole number of at most :data:`MAX_INT_DIGITS` digits from ``text``."""
    text = text.strip()
    if len(text.lstrip("+-")) > MAX_INT_DIGITS:
        raise ValueError(f"a whole number has at most {MAX_INT_DIGITS} digits")
    return int(text)


def read_choice(
    settings: QSettings | None,
    key: str,
    choices: Sequence[str] | None,
    default: str,
    limit: int = MAX_TEXT,
) -> str:
    """The setting ``key`` if it is one of ``choices`` (any text of at most ``limit``
    characters if None); else ``default``, with a logged warning.

    A missing entry (or no settings at all) gives ``default`` quietly.
    """
    if settings is None:
        return default
    raw = settings.value(key)
    if raw is None:
        return default
    try:
        text = as_text(raw, limit)
        if choices is not None and text not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
    except ValueError as exc:
        log.warning("Ignoring setting %s=%s: %s", key, shown_value(raw), exc)
        return default
    return text


def read_bytes(settings: QSettings, key: str, restore: Callable[[QByteArray], bool]) -> bool:
    """Feed a saved Qt blob (geometry, dock layout) to ``restore``, ignoring junk (anything
    but bytes, more than :data:`MAX_BLOB` of them, what ``restore`` refuses or raises for).

    Returns whether something was restored.
    """
    raw = settings.value(key)
    if raw is None:
        return False

    def apply() -> None:
        if not isinstance(raw, QByteArray | bytes):
            raise InputError(f"expected bytes, got {type(raw).__name__}")
        if len(raw) > MAX_BLOB:
            raise InputError(f"more than {MAX_BLOB} bytes")
        if not restore(raw):
            raise InputError("not a saved layout")

    return guarded(key, raw, apply)
