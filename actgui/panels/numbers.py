"""A number field that shows a few significant digits and keeps the exact value.

``QDoubleSpinBox`` rounds every value to its ``decimals`` and sizes itself for the
longest number of its range, so a field for 1e250 would be hundreds of digits
wide, and a value with more digits than shown silently drifts. ``NumberBox``
keeps the full float, shows it in ``%g`` style with as many significant digits
as asked (``set_significant``), and accepts what a user types in any of the
usual notations (``-1.5``, ``2e-3``, ``1E6``).
"""

from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

#: Qt's largest ``decimals``: with it, a spin box stores a float without rounding it.
EXACT_DECIMALS = 323


class NumberBox(QDoubleSpinBox):
    """A ``QDoubleSpinBox`` showing ``significant`` digits, storing the exact value."""

    def __init__(self, parent: QWidget | None = None, significant: int = 6) -> None:
        super().__init__(parent)
        self._significant = significant
        self.setDecimals(EXACT_DECIMALS)
        # Commit on Enter or focus-out, not on every key: "-1" on the way to "-10"
        # is a different, maybe invalid, value.
        self.setKeyboardTracking(False)

    def significant(self) -> int:
        """Significant digits shown."""
        return self._significant

    def set_significant(self, digits: int) -> None:
        """Show ``digits`` significant digits (1–17); the stored value is unchanged."""
        digits = max(1, min(17, int(digits)))
        if digits != self._significant:
            self._significant = digits
            self.lineEdit().setText(self.textFromValue(self.value()))

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        text = f"{value:.{self._significant}g}"
        return "0" if text == "-0" else text

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        body = self._strip(text)
        if body == self.textFromValue(self.value()):
            return self.value()  # the shown digits of the stored value: keep it exact
        value = _parse(body)
        return self.value() if value is None else value

    def validate(self, text: str, pos: int):
        body = self._strip(text)
        value = _parse(body)
        if value is not None and self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        # On the way to a number: empty, a sign, "1e", "1e-", "1."
        partial = body.strip().lower()
        if all(c in "0123456789+-.e" for c in partial) and len(partial) < 40:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value())

    def _strip(self, text: str) -> str:
        prefix, suffix = self.prefix(), self.suffix()
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        return text.strip().replace("−", "-")


def _parse(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def digits_to_tell_apart(lo: float, hi: float, extra: int = 3) -> int:
    """Significant digits that show ``lo`` and ``hi`` distinctly, plus ``extra``."""
    span = hi - lo
    largest = max(abs(lo), abs(hi))
    if not (span > 0 and largest > 0 and math.isfinite(span)):
        return extra + 1
    return max(extra, math.ceil(math.log10(largest / span)) + extra)
