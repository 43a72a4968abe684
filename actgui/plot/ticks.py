"""Tick labels that never run together: fewer ticks when the labels are large for the axis.

pyqtgraph chooses the spacing of the major ticks from the axis' length alone and always
labels them: at 24 pt, or on a narrow plot, the Train tab's step axis read
"0 200400600800". :class:`RoomyTicks` keeps pyqtgraph's choice where its labels fit, and
otherwise widens the spacing through the round values (1, 2, 5, 10…) until each label has
its own length (its height on a vertical axis) and a gap to the next. pyqtgraph leaves out
a label that would reach past the axis' ends, so the ticks may then sit halfway between
round values (250 and 750 rather than 0 and 1000, labelled with the digits that needs)
where that puts two labels inside rather than one. The minor ticks' labels, which
pyqtgraph adds where it judges there is room, are left out when they would touch.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

#: The gap between two tick labels, in widths of the font's "0".
GAP_DIGITS = 1.0
#: The next round spacing, by a spacing's leading digits: 1 → 2 → 5 → 10 (and pyqtgraph's
#: 2.5 → 5); any other doubles.
_NEXT = {1: 2.0, 2: 2.5, 2.5: 2.0, 5: 2.0}
#: Minor ticks per major one, by the major spacing's leading digits (1 → 0.2, 2 → 0.5…).
_MINOR = {1: 5.0, 2: 4.0, 2.5: 5.0, 5: 5.0}
#: Widenings tried at most (10^10 times the first spacing).
_MAX_STEPS = 30
#: pyqtgraph's default: labels on the major and two minor levels where they fit.
_TEXT_LEVELS = 2


class RoomyTicks(pg.AxisItem):
    """An axis whose tick labels keep apart (see the module)."""

    #: Spacing → the spacing its labels are written for (ticks halfway between round values
    #: need the decimals of half the spacing: 0.25, not "0.2").
    _label_spacing: dict[float, float]

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802, N803
        self._label_spacing = {}
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or self._tickSpacing is not None or not size > 0:
            return levels
        lo, hi = min(minVal, maxVal), max(minVal, maxVal)
        major = levels[0][0]
        if not (math.isfinite(hi - lo) and hi > lo and math.isfinite(major) and major > 0):
            return levels
        metrics = QFontMetricsF(self.style.get("tickFont") or QFont())
        spacing = major
        for _ in range(_MAX_STEPS):
            if not self._crowded(lo, hi, spacing, size, metrics):
                break  # apart at last (or from the start)
            spacing *= _NEXT.get(_leading(spacing), 2.0)
        else:
            return levels
        spacing, offset = self._placed(lo, hi, spacing, size, metrics)
        if (spacing, offset) != (major, levels[0][1]):
            levels = [(spacing, offset), (spacing / _MINOR.get(_leading(spacing), 5.0), 0.0)]
        # Minor labels only where they keep apart too.
        minor = levels[1][0] if len(levels) > 1 else None
        crowded = minor is None or self._crowded(lo, hi, minor, size, metrics)
        self.style["maxTextLevel"] = 0 if crowded else _TEXT_LEVELS
        return levels

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        spacing = getattr(self, "_label_spacing", {}).get(spacing, spacing)
        return super().tickStrings(values, scale, spacing)

    def _texts(self, values: list[float], spacing: float) -> list[str]:
        return self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)

    def _crowded(self, lo: float, hi: float, spacing: float, size: float, metrics) -> bool:
        """Whether labels ``spacing`` apart need more room than the axis gives them."""
        gap = metrics.horizontalAdvance("0") * GAP_DIGITS
        return spacing / (hi - lo) * size < self._label_extent(lo, hi, spacing, metrics) + gap

    def _label_extent(self, lo: float, hi: float, spacing: float, metrics) -> float:
        """A label's length along the axis, in pixels (the widest of the range's)."""
        if self.orientation in ("left", "right"):
            return metrics.height()
        first = math.ceil(lo / spacing) * spacing
        texts = self._texts([lo, hi, first, first + spacing], spacing)
        return max((metrics.horizontalAdvance(t) for t in texts), default=0.0)

    def _placed(self, lo, hi, spacing, size, metrics) -> tuple[float, float]:
        """(spacing, offset): ticks on the multiples of ``spacing``, or halfway between
        them (their labels written with the digits of half the spacing) when that puts
        more labels inside the axis and the round ones put fewer than two."""
        extent = self._label_extent(lo, hi, spacing, metrics) / 2 - self._end_room()

        def inside(offset: float) -> int:
            first = math.ceil((lo - offset) / spacing) * spacing + offset
            x = ((first + k * spacing - lo) / (hi - lo) * size for k in range(1000))
            return sum(1 for px in x if extent <= px <= size - extent)

        round_ones = inside(0.0)
        if round_ones >= 2:
            return spacing, 0.0
        # Halfway between the round values; or, where the axis holds one label at most,
        # the round value nearest its middle.
        step = _round_below((hi - lo) / 2)
        nearest = round((lo + hi) / 2 / step) * step
        for offset in (spacing / 2, nearest % spacing):
            digits = _digits_for(offset)
            if (
                offset
                and self._exact(lo, hi, spacing, offset, digits)
                and inside(offset) > round_ones
            ):
                self._label_spacing[spacing] = digits
                return spacing, offset
        return spacing, 0.0

    def _end_room(self) -> float:
        """How far past each end pyqtgraph still draws a label (its bounding rect's margin
        along the axis: none while it hides overlapping labels, its default)."""
        hide = self.style.get("hideOverlappingLabels", True)
        if hide is True:
            return 0.0
        if hide is False:
            return 15.0
        try:
            return float(int(hide))
        except (TypeError, ValueError):
            return 0.0

    def _exact(self, lo: float, hi: float, spacing: float, offset: float, digits: float) -> bool:
        """Whether ticks ``offset`` past the multiples of ``spacing``, labelled as for a
        spacing of ``digits``, read their values exactly (log axes, "10⁻³", never move)."""
        first = math.ceil((lo - offset) / spacing) * spacing + offset
        values = [first, first + spacing]
        scale = self.autoSIPrefixScale * self.scale
        try:
            texts = pg.AxisItem.tickStrings(self, values, scale, digits)
            read = [float(t.replace("−", "-")) for t in texts]
        except ValueError:
            return False
        return not self.logMode and all(
            math.isclose(r, v * scale, rel_tol=1e-9, abs_tol=1e-12 * spacing)
            for r, v in zip(read, values, strict=True)
        )


def _digits_for(value: float) -> float:
    """The spacing whose labels have as many decimals as ``value`` needs (0.25 → 0.01,
    250 → 1): pyqtgraph writes a spacing's labels with the decimals of the spacing."""
    for places in range(13):
        if math.isclose(round(value, places), value, rel_tol=1e-12, abs_tol=0.0):
            return 10.0**-places
    return value


def _round_below(value: float) -> float:
    """The largest of 1, 2 and 5 times a power of ten at most ``value`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return max(m * power for m in (1.0, 2.0, 5.0) if m * power <= value * (1 + 1e-12))


def _leading(spacing: float) -> float:
    """A spacing's leading digits: 1, 2, 2.5 or 5 for round ones (0.025 → 2.5)."""
    return round(spacing / 10.0 ** math.floor(math.log10(spacing) + 1e-9), 6)
