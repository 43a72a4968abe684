"""Command line, desktop entry, logging without a console, themes and languages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from actgui import __version__
from actgui.shell.cli import build_parser, export_request, main_cli, normalise_argv

ROOT = Path(__file__).resolve().parents[1]


def run(args, tmp_path, **env):
    """``python -m actgui ARGS`` in a fresh process with a throwaway home."""
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "actgui", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_pdf_from_the_shell(tmp_path):
    out = tmp_path / "out.pdf"
    done = run(["--export", str(out), "--functions", "relu,elu", "--orders", "0,1"], tmp_path)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]


def test_export_png_with_every_option(tmp_path):
    out = tmp_path / "out.png"
    args = [
        "--export", str(out), "--functions", "leaky_relu", "--orders", "0,1,2",
        "--param", "leaky_relu.alpha=0.2", "--x-range", "-5,5", "--size", "800x500",
        "--theme", "dark", "--background", "transparent",
    ]  # fmt: skip
    done = run(args, tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)
    assert image.hasAlphaChannel() and image.pixelColor(2, 2).alpha() == 0


def test_export_csv_from_the_shell(tmp_path):
    out = tmp_path / "out.csv"
    done = run(["--export", str(out), "--functions", "relu", "--orders", "0"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text("utf-8").splitlines()[0] == "x,relu"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--functions", "relu,nope"], "nope"),
        (["--orders", "0,3"], "--orders"),
        (["--param", "elu.beta=1"], "beta"),
        (["--param", "elu.alpha=abc"], "abc"),
        (["--param", "leaky_relu.alpha=7"], "alpha"),
        (["--param", "hardtanh.min_val=3"], "min_val"),
        (["--x-range", "5,-5"], "--x-range"),
        (["--size", "big"], "--size"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_no_file(tmp_path, args, named):
    out = tmp_path / "out.png"
    done = run(["--export", str(out), *args], tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and lines[0].startswith("actgui: error:")
    assert not out.exists() and list(tmp_path.glob("*.png")) == []


def test_unknown_extension_and_missing_folder_exit_2(tmp_path):
    assert run(["--export", str(tmp_path / "a.jpg")], tmp_path).returncode == 2
    assert run(["--export", str(tmp_path / "no" / "a.png")], tmp_path).returncode == 2


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main_cli(["--version"])
    assert exit_.value.code == 0 and __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main_cli(["--help"])
    assert exit_.value.code == 0 and "--export" in capsys.readouterr().out


def test_options_without_export_are_an_error(capsys):
    assert main_cli(["--functions", "relu"]) == 2
    assert "--export" in capsys.readouterr().err


def test_no_arguments_means_open_the_window():
    assert main_cli([]) is None


def test_negative_x_range_needs_no_equals_sign(tmp_path):
    args = build_parser().parse_args(
        normalise_argv(["--export", str(tmp_path / "a.png"), "--x-range", "-5,5"])
    )
    assert export_request(args).x_range == (-5.0, 5.0)


def test_install_and_uninstall_desktop_entry(tmp_path):
    done = run(["--install-desktop-entry"], tmp_path)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "data" / "applications" / "actgui.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "actgui.svg"
    assert entry.is_file() and icon.is_file()
    text = entry.read_text("utf-8")
    for field in ("Name=", "Comment=", "Icon=actgui", "Categories=Education;Science;"):
        assert field in text
    assert f"Exec={sys.executable} -m actgui" in text
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
        assert check.returncode == 0, check.stdout + check.stderr
    assert run(["--uninstall-desktop-entry"], tmp_path).returncode == 0
    assert not entry.exists() and not icon.exists()


def test_no_console_logs_to_a_file(tmp_path):
    code = (
        "import sys, os\n"
        "sys.stdout = None\nsys.stderr = None\n"
        "from actgui.app import main\n"
        "raise SystemExit(main([]))\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ACTGUI_EXIT_AFTER_FIRST_PAINT="1",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0
    logs = list((tmp_path / "data").rglob("actgui.log"))
    assert logs and "logging to" in logs[0].read_text("utf-8")


def test_window_icon_and_desktop_file_name(window):
    from PySide6.QtWidgets import QApplication

    assert not QApplication.windowIcon().isNull()
    assert QApplication.desktopFileName() == "actgui"


def test_theme_menu_recolours_the_plot_and_is_remembered(window, settings):
    from PySide6.QtGui import QAction

    window.findChild(QAction, "action_theme_dark").trigger()
    assert window.plot.theme() == "dark"
    assert window.plot.backgroundBrush().color().lightness() < 60
    assert settings.value("view/theme") == "dark"
    # Okabe-Ito black would vanish on dark: it turns light.
    from PySide6.QtGui import QColor

    black_key = next(
        k for k in window.plot.curve_items() if window.plot.curve_color(k[0]) == "#e0e0e0"
    )
    assert QColor(window.plot.curve(*black_key).opts["pen"].color()).lightness() > 200
    from PySide6.QtWidgets import QCheckBox

    swatch = window.findChild(QCheckBox, f"check_{black_key[0]}").icon().pixmap(12, 12)
    assert swatch.toImage().pixelColor(6, 6).lightness() > 200  # the panel's swatch follows
    window.findChild(QAction, "action_theme_light").trigger()
    assert window.plot.theme() == "light"


def test_white_export_of_a_dark_plot_uses_light_colours(window, tmp_path):
    from actgui.shell.export import ImageOptions, export_image

    window.prefs.set_theme("dark")
    out = export_image(window.plot, tmp_path / "w.png", ImageOptions(background="white"))
    image = QImage(str(out))
    # Axis text and tick marks are dark on the white page, not the dark theme's light grey.
    dark_pixels = sum(
        image.pixelColor(x, y).lightness() < 80
        for x in range(0, 40)
        for y in range(0, image.height(), 3)
    )
    assert dark_pixels > 20
    assert window.plot.theme() == "dark"  # the screen keeps its theme


def test_language_choice_is_remembered(window, settings):
    from PySide6.QtGui import QAction

    window.findChild(QAction, "action_language_zh_CN").trigger()
    assert settings.value("view/language") == "zh_CN"


def test_garbage_theme_setting_falls_back(qtbot, settings, caplog):
    from actgui.app import build_window

    settings.setValue("view/theme", "purple")
    win = build_window(settings)
    qtbot.addWidget(win)
    assert win.prefs.theme() == "system"
    assert "view/theme" in caplog.text
