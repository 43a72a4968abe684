"""Every visible string is in the Chinese catalogue, and the window really speaks Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
sys.path.insert(0, str(ROOT / "scripts"))


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def lupdate() -> str:
    local = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(local) if local.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return found


def test_data_texts_module_is_up_to_date():
    import update_translations

    current = (ROOT / "actgui" / "translatable_data.py").read_text("utf-8")
    assert current == update_translations.data_module_text(), (
        "run: python scripts/update_translations.py"
    )


def translated_languages() -> tuple[str, ...]:
    from actgui.i18n import translated_languages

    return translated_languages()


@pytest.mark.parametrize("code", translated_languages())
def test_every_visible_string_has_a_finished_translation(tmp_path, code):
    """Extract the strings from the code as it is now; each must be translated in the .ts."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "actgui").rglob("*.py"))
    subprocess.run(
        [lupdate(), *sources, "-locations", "none", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    wanted = messages(fresh)
    have = messages(TRANSLATIONS / f"actgui_{code}.ts")
    assert len(wanted) > 350
    missing = [key for key in wanted if key not in have]
    assert not missing, f"not in the catalogue (run scripts/update_translations.py): {missing[:5]}"
    unfinished = [
        key
        for key, message in have.items()
        if key in wanted
        and (
            not (message.findtext("translation") or "").strip()
            or message.find("translation").get("type") == "unfinished"
        )
    ]
    assert not unfinished, f"untranslated: {unfinished[:5]}"


def test_compiled_catalogue_is_shipped_and_loads():
    from PySide6.QtCore import QTranslator

    from actgui.resources import resource

    translator = QTranslator()
    assert translator.load(str(resource("translations/actgui_zh_CN.qm")))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    assert translator.translate("actgui.data", "ReLU family") == "ReLU 家族"


def test_window_in_chinese(qtbot, settings):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QCheckBox

    from actgui import i18n
    from actgui.app import build_window
    from actgui.settings import LANGUAGE

    settings.setValue(LANGUAGE, "zh_CN")
    assert i18n.install_translators(QApplication.instance(), "zh_CN") == "zh_CN"
    try:
        win = build_window(settings)
        qtbot.addWidget(win)
        menus = [a.text() for a in win.menuBar().actions()]
        assert menus == ["文件(&F)", "编辑(&E)", "函数(&U)", "视图(&V)", "帮助(&H)"]
        assert win.windowTitle() == "激活函数浏览器"
        assert win.findChild(QCheckBox, "check_show_kinks").text() == "标记折点和跳变"
        assert "原理" in win.details.text()
        assert "有界" in win.details.text()
        win.model.set_cursor(0.0, pinned=True)
        assert win.readout.rows()["relu"][1] == "折点处无定义，PyTorch 取 0"
        assert QCoreApplication.translate("Export", "PDF document (*.pdf)") == "PDF 文档 (*.pdf)"
    finally:
        i18n.install_translators(QApplication.instance(), "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_language_follows_the_system_locale(monkeypatch):
    from PySide6.QtCore import QLocale

    from actgui.i18n import effective_language

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert effective_language("system") == "zh_CN"
    from actgui.i18n import LANGUAGES

    # A locale of no language in the table (whatever rows are added) gets English.
    other = next(
        name
        for name in ("de_DE", "fr_FR", "sw_KE", "is_IS", "mt_MT")
        if name.split("_")[0] not in {code.split("_")[0] for code in LANGUAGES}
    )
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(other)))
    assert effective_language("system") == "en"
    assert effective_language("zh_CN") == "zh_CN"


def test_analysis_panel_in_chinese(qtbot, settings):
    """Every text the "Why it trains" panel shows (labels, buttons, choices, column titles,
    plot titles and axes) is in Chinese, bar pure notation (σ_w, E[f(z)], …) and
    function names. Strings passed through a helper that lupdate cannot read would
    show up here in English."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QTableWidget

    from actgui import i18n
    from actgui.app import build_window
    from actgui.plot.lab import LabPlot

    english = re.compile(r"[A-Za-z_]{3,}")  # with "_": code (fan_in, calculate_gain)
    allowed = {
        "ReLU",
        "Leaky",
        "PReLU",
        "ELU",
        "Sigmoid",
        "tanh",
        "Glorot",
        "LeCun",
        "CSV",
        "PyTorch",
    }

    def words(text: str) -> set[str]:
        # A text with Chinese in it was translated (names and code may stay in Latin).
        if re.search(r"[\u4e00-\u9fff]", text):
            return set()
        return {w for w in english.findall(text) if w not in allowed and "_" not in w}

    assert i18n.install_translators(QApplication.instance(), "zh_CN") == "zh_CN"
    try:
        win = build_window(settings)
        qtbot.addWidget(win)
        win.resize(1366, 900)
        win.show()
        win.model.set_selected("relu")
        found = {}
        for view in ("stats", "depth", "gains"):
            win.show_labs(view)
            win.labs.flush()
            panel = win.labs.tabs.currentWidget()
            texts = [w.text() for k in (QLabel, QAbstractButton) for w in panel.findChildren(k)]
            texts += [w.toolTip() for w in panel.findChildren(QAbstractButton)]
            texts += [
                c.itemText(i) for c in panel.findChildren(QComboBox) for i in range(c.count())
            ]
            for table in panel.findChildren(QTableWidget):
                texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
            for plot in panel.findChildren(LabPlot):
                item = plot.getPlotItem()
                texts.append(item.titleLabel.text)
                texts += [item.getAxis(a).labelText for a in ("bottom", "left")]
            texts += [win.labs.tabs.tabText(i) for i in range(win.labs.tabs.count())]
            texts += [a.text() for a in win.labs.export_menu.actions()]
            for text in texts:
                left = words(text)
                if left:
                    found[text] = left
        assert win.labs.depth.plot.getPlotItem().getAxis("bottom").labelText == "距输出层的层数"
        assert not found, found
    finally:
        i18n.install_translators(QApplication.instance(), "en")
