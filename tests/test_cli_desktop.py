"""Command line, desktop entry, logging without a console, themes and languages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_in_process, start_to_first_paint
from PySide6.QtGui import QImage

from actgui import __version__
from actgui.activations import REGISTRY
from actgui.shell.cli import main_cli
from actgui.shell.cli_args import UsageError, build_parser, export_request, normalise_argv

ROOT = Path(__file__).resolve().parents[1]


def run_program(args, tmp_path, **env):
    """``python -m actgui ARGS`` in a fresh process with a throwaway home (the real entry
    point: a few tests keep it)."""
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


def run(args, _tmp_path=None):
    """``actgui.app.main(ARGS)`` in this process, its exit status and what it printed, as
    :func:`run_program` gives them (0.1 s instead of 1.5–3.4 s for a new interpreter)."""
    return run_in_process(args)


def test_export_pdf_from_the_shell(tmp_path):
    out = tmp_path / "out.pdf"
    done = run_program(
        ["--export", str(out), "--functions", "relu,elu", "--orders", "0,1"], tmp_path
    )
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


def test_presentation_options_reach_the_image(tmp_path):
    """--scale multiplies the pixels; --line-width and --font-size add ink (wider curves,
    bigger text); --title adds a title. Compared with the same export without them."""
    import numpy as np

    def ink(path):
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
        data = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine()
        )[:, : image.width()]
        return int((data < 160).sum())

    base = ["--functions", "ReLU", "--orders", "0", "--size", "600x400"]
    plain, big = tmp_path / "plain.png", tmp_path / "big.png"
    assert run(["--export", str(plain), *base], tmp_path).returncode == 0
    done = run(
        ["--export", str(big), *base, "--scale", "2", "--line-width", "3", "--font-size", "24",
         "--title", "ReLU"],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(big))
    assert (image.width(), image.height()) == (1200, 800)
    # Twice the pixels in each direction would give 4× the ink; wider lines and text more.
    assert ink(big) > 5 * ink(plain)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--line-width", "5"], "--line-width"),
        (["--font-size", "13"], "--font-size"),
        (["--scale", "3"], "--scale"),
        (["--title", "x" * 300], "--title"),
    ],
)
def test_bad_presentation_options_exit_2(tmp_path, args, named):
    out = tmp_path / "x.png"
    done = run(["--export", str(out), *args], tmp_path)
    assert done.returncode == 2 and named in done.stderr and not out.exists()


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


def request(tmp_path, *args):
    """The checked export request for ``--export <tmp>/a.png ARGS``."""
    argv = normalise_argv(["--export", str(tmp_path / "a.png"), *args])
    return export_request(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    ("given", "keys"),
    [
        ("ReLU", ("relu",)),
        ("Leaky ReLU,ELU", ("leaky_relu", "elu")),  # display names
        ("leaky-relu", ("leaky_relu",)),
        ("GELU (tanh),Binary step", ("gelu_tanh", "step")),
        ("relu,RELU,Relu", ("relu",)),  # one function named three ways
    ],
)
def test_function_keys_are_case_insensitive_and_take_display_names(tmp_path, given, keys):
    assert request(tmp_path, "--functions", given).functions == keys


def test_unknown_function_suggests_the_closest_and_lists_every_key(tmp_path):
    with pytest.raises(UsageError) as error:
        request(tmp_path, "--functions", "relu,sigmod")
    message = str(error.value)
    assert message.startswith("--functions: unknown function 'sigmod'; did you mean 'sigmoid'?")
    assert all(key in message for key in REGISTRY) and "\n" not in message
    with pytest.raises(UsageError, match=r"'xyzzy'; valid keys: sigmoid, tanh"):
        request(tmp_path, "--functions", "xyzzy")


@pytest.mark.parametrize(
    ("given", "params"),
    [
        ("ELU.Alpha=0.5", {"elu": {"alpha": 0.5}}),
        ("Leaky ReLU.alpha=0.2", {"leaky_relu": {"alpha": 0.2}}),
        ("hardtanh.MIN-VAL=-2", {"hardtanh": {"min_val": -2.0}}),
        ("hardtanh.max=2", {"hardtanh": {"max_val": 2.0}}),  # the label the panel shows
        ("softshrink.λ=0.3", {"softshrink": {"lambd": 0.3}}),
    ],
)
def test_parameter_names_are_case_insensitive_too(tmp_path, given, params):
    assert request(tmp_path, "--param", given).params == params


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("sofplus.beta=2", "unknown function 'sofplus'; did you mean 'softplus'?"),
        ("softplus.bta=2", "softplus has no parameter 'bta'; did you mean 'beta'? "
         "Valid parameters: beta, threshold"),
        ("elu.gamma=1", "elu has no parameter 'gamma'; valid parameters: alpha"),
        ("relu.alpha=1", "relu has no parameters"),
    ],
)  # fmt: skip
def test_unknown_parameter_suggests_the_closest(tmp_path, given, message):
    with pytest.raises(UsageError) as error:
        request(tmp_path, "--param", given)
    assert str(error.value).startswith(f"--param {given}: {message}")


def test_help_lists_every_function_key_by_family(capsys):
    with pytest.raises(SystemExit):
        main_cli(["--help"])
    out = capsys.readouterr().out
    epilog = out[out.index("Function keys") :]
    assert all(re.search(rf"\b{key}\b", epilog) for key in REGISTRY)
    assert "ReLU family: relu, leaky_relu (alpha)" in epilog
    assert "Smooth gated: " in epilog and "Example: actgui --export" in epilog
    assert max(len(line) for line in epilog.splitlines()) <= 79


def test_a_wrong_function_key_from_the_shell_names_the_right_one(tmp_path):
    out = tmp_path / "out.png"
    done = run(["--export", str(out), "--functions", "sigmod"], tmp_path)
    assert done.returncode == 2 and not out.exists()
    assert "did you mean 'sigmoid'?" in done.stderr and len(done.stderr.splitlines()) == 1
    done = run(["--export", str(out), "--functions", "ReLU"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.exists()


def test_negative_x_range_needs_no_equals_sign(tmp_path):
    args = build_parser().parse_args(
        normalise_argv(["--export", str(tmp_path / "a.png"), "--x-range", "-5,5"])
    )
    assert export_request(args).x_range == (-5.0, 5.0)


def test_install_and_uninstall_desktop_entry(tmp_path):
    done = run_program(["--install-desktop-entry"], tmp_path)
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
    assert run_program(["--uninstall-desktop-entry"], tmp_path).returncode == 0
    assert not entry.exists() and not icon.exists()


def test_no_console_logs_to_a_file(tmp_path):
    code = (
        "import sys, os\n"
        "sys.stdout = None\nsys.stderr = None\n"
        "from actgui.app import main\n"
        "raise SystemExit(main([]))\n"
    )
    done = start_to_first_paint(
        tmp_path,
        ["-c", code],
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
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


def test_the_frozen_program_puts_itself_in_the_desktop_entry(monkeypatch):
    from actgui.shell import desktop

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/actgui/actgui")
    assert "Exec=/opt/actgui/actgui\n" in desktop.desktop_entry_text()
