"""Application preferences and the language table. The model tests need no display."""

from __future__ import annotations

import logging

import pytest

from actgui import i18n
from actgui import settings as keys
from actgui.preferences import ImageOptions, Preferences


def test_defaults_without_settings_write_nothing(qtbot):
    prefs = Preferences()
    assert prefs.theme() == "system" and prefs.language() == "system"
    assert prefs.image_options() == ImageOptions(1, "shown")
    prefs.set_theme("dark")  # no settings: kept in memory only
    assert prefs.theme() == "dark"


def test_setters_validate_write_through_and_emit_only_on_change(qtbot, settings):
    prefs = Preferences(settings)
    with qtbot.waitSignal(prefs.theme_changed) as blocker:
        prefs.set_theme("dark")
    assert blocker.args == ["dark"] and settings.value(keys.THEME) == "dark"
    with qtbot.assertNotEmitted(prefs.theme_changed):
        prefs.set_theme("dark")
    with qtbot.assertNotEmitted(prefs.theme_changed), pytest.raises(ValueError, match="purple"):
        prefs.set_theme("purple")
    assert prefs.theme() == "dark" and settings.value(keys.THEME) == "dark"

    with qtbot.waitSignal(prefs.image_options_changed):
        prefs.set_image_options(scale=4)
    with (
        qtbot.assertNotEmitted(prefs.image_options_changed),
        pytest.raises(ValueError, match="scale"),
    ):
        prefs.set_image_options(scale=3, background="white")
    assert prefs.image_options() == ImageOptions(4, "shown")  # the bad call changed nothing
    assert settings.value(keys.EXPORT_SCALE) == "4"

    with qtbot.waitSignal(prefs.language_changed):
        prefs.set_language("zh_CN")
    with pytest.raises(ValueError, match="klingon"):
        prefs.set_language("klingon")
    assert Preferences(settings).language() == "zh_CN"


def test_damaged_settings_fall_back_with_a_logged_warning(settings, caplog):
    settings.setValue(keys.THEME, "purple")
    settings.setValue(keys.EXPORT_SCALE, "3")
    settings.setValue(keys.EXPORT_BACKGROUND, 17)
    settings.setValue(keys.LANGUAGE, "xx")
    with caplog.at_level(logging.WARNING):
        prefs = Preferences(settings)
    assert prefs.theme() == "system" and prefs.language() == "system"
    assert prefs.image_options() == ImageOptions()
    logged = caplog.text
    for key in (keys.THEME, keys.EXPORT_SCALE, keys.EXPORT_BACKGROUND, keys.LANGUAGE):
        assert key in logged


def test_export_folder_and_formats_are_remembered(settings, tmp_path):
    prefs = Preferences(settings)
    assert prefs.export_format("image", ("png", "svg")) == "png"
    prefs.remember_export("image", tmp_path / "plot.SVG")
    assert prefs.export_dir() == tmp_path
    assert prefs.export_format("image", ("png", "svg")) == "svg"
    assert prefs.export_format("data", ("csv",)) == "csv"
    # A format no longer offered falls back to the first one.
    assert prefs.export_format("image", ("png", "pdf")) == "png"


def test_restore_defaults(qtbot, settings):
    prefs = Preferences(settings)
    prefs.set_theme("light")
    prefs.set_image_options(2, "transparent")
    prefs.set_language("en")
    prefs.restore_defaults()
    assert (prefs.theme(), prefs.language(), prefs.image_options()) == (
        "system",
        "system",
        ImageOptions(),
    )
    assert settings.value(keys.THEME) == "system"


def test_a_third_language_is_one_table_row(qtbot, settings, monkeypatch, caplog):
    """A row in LANGUAGES gives the menu entry, a valid choice and the catalogue's name."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication

    from actgui.app import build_window

    monkeypatch.setitem(i18n.LANGUAGES, "de", i18n.Language("de", "Deutsch"))
    assert "de" in i18n.translated_languages()
    assert i18n.catalogue_name("de") == "translations/actgui_de.qm"
    win = build_window(settings)
    qtbot.addWidget(win)
    action = win.findChild(QAction, "action_language_de")
    assert action is not None and action.text() == "Deutsch"
    action.trigger()
    assert win.prefs.language() == "de" and settings.value(keys.LANGUAGE) == "de"
    # No catalogue is shipped for it: the interface stays English, with a warning.
    with caplog.at_level(logging.WARNING):
        assert i18n.install_translators(QApplication.instance(), "de") == "de"
    assert "No de translation" in caplog.text
    i18n.install_translators(QApplication.instance(), "en")


def test_settings_keys_live_in_one_module():
    """Every QSettings key string in the package is defined in actgui/settings.py."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "actgui"
    pattern = re.compile(r'"(?:functions|view|params|export|window)/[a-z_]+"')
    for path in root.rglob("*.py"):
        if path.name == "settings.py" and path.parent == root:
            continue
        assert not pattern.findall(path.read_text("utf-8")), path


@pytest.mark.parametrize("bad", [2.5, 3, True, "2"])
def test_an_image_scale_must_be_one_of_the_scales(qtbot, bad):
    prefs = Preferences()
    with qtbot.assertNotEmitted(prefs.image_options_changed), pytest.raises(ValueError):
        prefs.set_image_options(scale=bad)
    assert prefs.image_options().scale == 1
