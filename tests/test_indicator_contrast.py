"""Controls' boundaries meet WCAG 2.1 SC 1.4.11 (non-text contrast, 3:1), measured on pixels.

Real widgets are rendered under the app's theme and their boundaries read back from the
image: an unchecked check box's and radio button's indicator, a slider's groove and handle,
and the frame of a focused line edit and spin box. Each side of a boundary (or each ray out
of a round one) must reach 3:1 against the colour next to it; one faint side fails.
"""

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QProxyStyle,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QWidget,
)

from actgui.shell.theme import apply_app_theme
from actgui.style import contrast_ratio
from tests.test_contrast import hexes, rgb_array

THEMES = ["light", "dark"]


def ratios(pixels: np.ndarray, background: str) -> np.ndarray:
    """The WCAG contrast of each pixel (an ``(..., 3)`` array) against ``background``."""
    flat = pixels.reshape(-1, 3)
    colours, index = np.unique(flat, axis=0, return_inverse=True)
    table = np.array([contrast_ratio(c, background) for c in hexes(colours)])
    return table[index.reshape(-1)].reshape(pixels.shape[:-1])


def mode_colour(pixels: np.ndarray) -> str:
    """The most common colour of ``pixels`` (a background)."""
    colours, counts = np.unique(pixels.reshape(-1, 3), axis=0, return_counts=True)
    return hexes(colours[[np.argmax(counts)]])[0]


def surround(image: np.ndarray, rect: QRect, gap: int = 2, width: int = 3) -> str:
    """The background just around ``rect``: the commonest colour of a ring outside it."""
    outer = rect.adjusted(-gap - width, -gap - width, gap + width, gap + width)
    y0, y1, x0, x1 = outer.top(), outer.bottom() + 1, outer.left(), outer.right() + 1
    mask = np.ones((y1 - y0, x1 - x0), bool)
    mask[width:-width, width:-width] = False
    return mode_colour(image[y0:y1, x0:x1][mask])


def side_contrasts(image: np.ndarray, rect: QRect, background: str, depth: int = 2) -> dict:
    """For each side of ``rect``: the contrast of its edge against ``background``, as the
    median, along the side's middle 60 % (not the rounded corners), of the strongest pixel
    in the ``depth`` outermost pixels across it."""
    x0, y0, x1, y1 = rect.left(), rect.top(), rect.right() + 1, rect.bottom() + 1
    bands = {
        "top": image[y0 : y0 + depth, x0:x1],
        "bottom": image[y1 - depth : y1, x0:x1][::-1],
        "left": image[y0:y1, x0 : x0 + depth].transpose(1, 0, 2),
        "right": image[y0:y1, x1 - depth : x1][:, ::-1].transpose(1, 0, 2),
    }
    result = {}
    for side, band in bands.items():
        strongest = ratios(band, background).max(axis=0)
        n = strongest.size
        result[side] = float(np.median(strongest[int(n * 0.2) : max(int(n * 0.8), 1)]))
    return result


def ray_contrasts(image: np.ndarray, rect: QRect, background: str) -> dict:
    """For a round indicator in ``rect``: the strongest contrast against ``background`` on
    each of the four axis rays from its centre to just outside ``rect``."""
    cx, cy = rect.center().x() + 1, rect.center().y() + 1
    x0, y0, x1, y1 = rect.left() - 1, rect.top() - 1, rect.right() + 2, rect.bottom() + 2
    rays = {
        "left": image[cy, x0 : cx + 1],
        "right": image[cy, cx:x1],
        "up": image[y0 : cy + 1, cx],
        "down": image[cy:y1, cx],
    }
    return {side: float(ratios(ray, background).max()) for side, ray in rays.items()}


def in_window(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


@pytest.fixture(params=THEMES)
def panel(request, qapp, qtbot):
    """A window of the controls under a theme; the app back on "system" afterwards."""
    apply_app_theme(qapp, request.param)
    window = QWidget()
    layout = QGridLayout(window)
    window.check = QCheckBox("Show derivative")
    window.radio = QRadioButton("Linear")
    window.slider = QSlider(Qt.Orientation.Horizontal)
    window.slider.setRange(0, 100)
    window.slider.setValue(40)
    window.slider.setMinimumWidth(200)
    window.line = QLineEdit()
    window.spin = QSpinBox()
    window.spin.setMinimumWidth(120)
    window.button = QPushButton("Apply")
    window.off = QCheckBox("Disabled")
    window.off.setEnabled(False)
    for row, widget in enumerate(
        (
            window.check,
            window.radio,
            window.slider,
            window.line,
            window.spin,
            window.button,
            window.off,
        )
    ):
        layout.addWidget(widget, row, 0)
    qtbot.addWidget(window)
    window.resize(320, 260)
    window.show()
    qtbot.waitExposed(window)
    yield window, request.param
    window.close()
    apply_app_theme(qapp, "system")


def indicator_rect(button: QCheckBox | QRadioButton) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(button, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    return in_window(button, button.style().subElementRect(element, option, button))


def test_check_box_indicator_reaches_3_to_1(panel):
    window, theme = panel
    image = rgb_array(window.grab().toImage())
    rect = indicator_rect(window.check)
    background = surround(image, rect)
    sides = side_contrasts(image, rect, background)
    assert min(sides.values()) >= 3, (theme, background, sides)


def test_radio_indicator_reaches_3_to_1(panel):
    window, theme = panel
    image = rgb_array(window.grab().toImage())
    rect = indicator_rect(window.radio)
    background = surround(image, rect)
    rays = ray_contrasts(image, rect, background)
    assert min(rays.values()) >= 3, (theme, background, rays)


def slider_rects(slider: QSlider) -> tuple[QRect, QRect]:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    style = slider.style()
    control = QStyle.ComplexControl.CC_Slider
    groove = style.subControlRect(control, option, QStyle.SubControl.SC_SliderGroove, slider)
    handle = style.subControlRect(control, option, QStyle.SubControl.SC_SliderHandle, slider)
    return in_window(slider, groove), in_window(slider, handle)


def test_slider_groove_and_handle_reach_3_to_1(panel):
    """The groove's top and bottom edges, on both sides of the handle (the filled part and
    the empty one), and the handle's outline, against the window around them."""
    window, theme = panel
    image = rgb_array(window.grab().toImage())
    groove, handle = slider_rects(window.slider)
    background = surround(image, groove.united(handle), gap=1)
    found = {}
    for part, x0, x1 in (
        ("filled", groove.left() + 4, handle.left() - 2),
        ("empty", handle.right() + 3, groove.right() - 4),
    ):
        assert x1 - x0 >= 10, (part, groove, handle)
        piece = QRect(QPoint(x0, groove.top()), QPoint(x1, groove.bottom()))
        sides = side_contrasts(image, piece, background, depth=3)
        found[part] = min(sides["top"], sides["bottom"])
    # The handle's top and bottom edges stand in the window's colour.
    sides = side_contrasts(image, handle, background, depth=3)
    found["handle"] = min(sides["top"], sides["bottom"])
    assert min(found.values()) >= 3, (theme, background, found)


def focus_frame_rect(widget: QWidget) -> QRect:
    """Where Fusion draws ``widget``'s focus frame, in window coordinates."""
    if isinstance(widget, QCheckBox):  # a focus rectangle around the label
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = QStyle.SubElement.SE_CheckBoxFocusRect
        return in_window(widget, widget.style().subElementRect(element, option, widget))
    rect = in_window(widget, widget.rect())
    if isinstance(widget, QSpinBox):
        rect.adjust(0, 1, 0, -1)  # the spin box's frame leaves a pixel above and below
    return rect


@pytest.mark.parametrize("kind", ["line", "spin", "button", "check"])
def test_focus_frame_reaches_3_to_1(panel, qtbot, kind):
    """The frame of a control focused with the Tab key (push buttons and check boxes show
    one only then) against the window outside it and the field, button face or label
    inside it."""
    window, theme = panel
    window.activateWindow()
    qtbot.waitActive(window)
    field = getattr(window, kind)
    window.off.setEnabled(True)  # the last in the tab chain, so Tab wraps to the first
    window.off.setFocus()
    for _ in range(8):
        if field.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert field.hasFocus() and window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    window.off.setEnabled(False)
    image = rgb_array(window.grab().toImage())
    rect = focus_frame_rect(field)
    outside = surround(image, rect, gap=0, width=2)
    inside = mode_colour(
        image[rect.top() + 3 : rect.bottom() - 2, rect.left() + 3 : rect.left() + 60]
    )
    found = {
        "outside": side_contrasts(image, rect, outside),
        "inside": side_contrasts(image, rect, inside),
    }
    low = {f"{against} {side}": v for against, sides in found.items() for side, v in sides.items()}
    low = {name: v for name, v in low.items() if v < 3}
    assert not low, (theme, outside, inside, found)


def test_disabled_check_box_still_looks_disabled(panel):
    """Exempt from 1.4.11, a disabled indicator stays fainter than an enabled one."""
    window, theme = panel
    image = rgb_array(window.grab().toImage())
    on, off = indicator_rect(window.check), indicator_rect(window.off)
    enabled = min(side_contrasts(image, on, surround(image, on)).values())
    disabled = min(side_contrasts(image, off, surround(image, off)).values())
    assert disabled < enabled, (theme, disabled, enabled)


def test_switching_themes_back_and_forth(qapp, qtbot):
    """light → dark → light → system → dark: each explicit theme draws with a style of its
    own (the app owns it, the one replaced is gone), "system" goes back to the native style,
    and a check box drawn after each switch still gets a visible indicator."""
    apply_app_theme(qapp, "system")  # (an earlier test's window may have left a theme)
    native = qapp.style().name()
    assert not isinstance(qapp.style(), QProxyStyle)
    window = QWidget()
    box = QCheckBox("x", window)
    box.move(20, 20)
    window.resize(120, 60)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    styles = []
    try:
        for theme in ("light", "dark", "light", "system", "dark", "dark", "system"):
            apply_app_theme(qapp, theme)
            style = qapp.style()
            styles.append(style)
            if theme == "system":
                assert style.name() == native and not isinstance(style, QProxyStyle)
                continue
            assert style.parent() is qapp
            image = rgb_array(window.grab().toImage())
            rect = indicator_rect(box)
            sides = side_contrasts(image, rect, surround(image, rect))
            assert min(sides.values()) >= 3, (theme, sides)
        # Only the style in use is alive: the ones replaced were deleted with no leak.
        alive = [s for s in styles if shiboken6.isValid(s)]
        assert alive and all(s is qapp.style() for s in alive), alive
    finally:
        apply_app_theme(qapp, "system")
