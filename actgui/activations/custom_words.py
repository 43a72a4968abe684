"""The words of :mod:`actgui.activations.custom`: its refusals and the details page of a
function of your own, as :class:`~actgui.text.messages.Message` templates (English, with
``{fields}``), marked for lupdate in the context ``actgui.messages`` and translated where
they are shown. No Qt here.
"""

from __future__ import annotations

from actgui.text import QT_TRANSLATE_NOOP

# -- the key, the name, the ranges ---------------------------------------------------------
KEY_NOT_IDENTIFIER = QT_TRANSLATE_NOOP(
    "actgui.messages", "the key {key!r} must be a short identifier (letters, digits, _)"
)
KEY_RESERVED = QT_TRANSLATE_NOOP(
    "actgui.messages", "the key {key!r} is taken by the formula language"
)
KEY_BUILTIN = QT_TRANSLATE_NOOP("actgui.messages", "the key {key!r} is a built-in function")
NAME_LENGTH = QT_TRANSLATE_NOOP("actgui.messages", "a name needs 1 to {limit} characters")
RANGE_NOT_NUMBERS = QT_TRANSLATE_NOOP(
    "actgui.messages", "the range of {name} must be three numbers"
)
RANGE_TOO_WIDE = QT_TRANSLATE_NOOP(
    "actgui.messages", "{name}: minimum, maximum and default must be within ±{limit}"
)
RANGE_ORDER = QT_TRANSLATE_NOOP("actgui.messages", "{name}: need minimum ≤ default ≤ maximum")
RANGE_NARROW = QT_TRANSLATE_NOOP("actgui.messages", "{name}: the range is too narrow")
# -- the values ------------------------------------------------------------------------------
NO_FINITE_VALUE = QT_TRANSLATE_NOOP(
    "actgui.messages", "the formula has no finite value for x in [−1000, 1000]"
)
ISOLATED_VALUES = QT_TRANSLATE_NOOP(
    "actgui.messages", "the formula has finite values only at isolated points"
)
TOO_MANY = QT_TRANSLATE_NOOP("actgui.messages", "at most {limit} functions of your own")
# -- a file of definitions -------------------------------------------------------------------
NOT_AN_ENTRY = QT_TRANSLATE_NOOP(
    "actgui.messages", "an entry must be an object with key, name and expression"
)
NOT_TEXT = QT_TRANSLATE_NOOP("actgui.messages", "'{field}' must be text")
RANGES_NOT_A_MAP = QT_TRANSLATE_NOOP(
    "actgui.messages", "'ranges' must map parameter names to [min, max, default]"
)
RANGE_NOT_A_TRIPLE = QT_TRANSLATE_NOOP(
    "actgui.messages", "the range of {name!r} must be [min, max, default]"
)
RANGE_NOT_NUMERIC = QT_TRANSLATE_NOOP("actgui.messages", "the range of {name!r} must be numbers")
NOT_A_LIST = QT_TRANSLATE_NOOP("actgui.messages", 'expected {{"activations": [ … ]}}')
KEY_TWICE = QT_TRANSLATE_NOOP("actgui.messages", "the key {key!r} appears twice")
NOT_READ = QT_TRANSLATE_NOOP(
    "actgui.messages", "at most {limit} functions of your own: {count} not read"
)
ENTRY_NAMED = QT_TRANSLATE_NOOP("actgui.messages", "entry {number} ({name}): {problem}")
ENTRY = QT_TRANSLATE_NOOP("actgui.messages", "entry {number}: {problem}")
FIRST_ONLY = QT_TRANSLATE_NOOP("actgui.messages", "only the first {count} entries were read")
# -- the details page ------------------------------------------------------------------------
#: Where a function of your own comes from ("Source:").
SOURCE = QT_TRANSLATE_NOOP("actgui.messages", "your formula")
PRINCIPLE = QT_TRANSLATE_NOOP("actgui.messages", "Your own function, typed as: {formula}")
PROS = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "Derivatives are exact (derived from the formula, not by finite differences).",
)
CONS = QT_TRANSLATE_NOOP(
    "actgui.messages", "Check the curve and the derivatives over the range you care about."
)
USE = QT_TRANSLATE_NOOP("actgui.messages", "Trying an idea before writing it in a framework.")
TOO_LONG = QT_TRANSLATE_NOOP(
    "actgui.messages", "(too long to write out; its values are computed exactly)"
)
WHERE_NOTE = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "where(condition, a, b) takes b when the condition is false, also at equality: "
    "its derivative there is b's.",
)
