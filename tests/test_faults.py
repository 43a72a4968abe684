"""Faults at the edges: a full disk, a folder as the target, file modes, bounded sizes, a
desktop entry that cannot be written. Through the real command line (a subprocess) and the
export functions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from actgui.activations import CLASSIC_KEYS

#: Runs the command line with every file write limited to LIMIT bytes: writes beyond it
#: fail with EFBIG, as on a full disk (SIGXFSZ ignored so the write returns the error).
FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from actgui.app import main
    sys.exit(main(sys.argv[2:]))
    """
)
LIMIT = 12_000


def run_cli(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if limit is None:
        command = [sys.executable, "-m", "actgui", *args]
    else:
        command = [sys.executable, "-c", FULL_DISK, str(limit), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def errors_of(result: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if "propagateSizeHints" not in ln]


@pytest.mark.parametrize("ext", ["svg", "pdf", "png", "csv"])
def test_a_full_disk_leaves_the_old_file_and_says_so(tmp_path, ext):
    target = tmp_path / f"old.{ext}"
    target.write_bytes(b"the old figure")
    target.chmod(0o640)
    result = run_cli("--export", str(target), "--functions", "relu,elu", limit=LIMIT)
    assert result.returncode == 1, result.stderr
    lines = errors_of(result)
    assert len(lines) == 1 and str(target) in lines[0], lines
    assert target.read_bytes() == b"the old figure"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file


@pytest.mark.parametrize("ext", ["png", "svg", "pdf", "csv"])
def test_a_disk_that_fills_in_the_last_bytes_is_caught_too(tmp_path, ext):
    """The last buffered write is where a writer most easily ignores a failure (QImage.save
    did): limit the file to 100 bytes less than the complete export."""
    full = tmp_path / f"full.{ext}"
    assert run_cli("--export", str(full), "--functions", "relu,elu").returncode == 0
    target = tmp_path / f"old.{ext}"
    target.write_bytes(b"the old figure")
    limit = full.stat().st_size - 100
    result = run_cli("--export", str(target), "--functions", "relu,elu", limit=limit)
    assert result.returncode == 1, (limit, result.stdout, result.stderr)
    assert target.read_bytes() == b"the old figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([full.name, target.name])


def test_an_export_through_a_symbolic_link_writes_the_file_it_names(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run_cli("--export", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text().startswith("x,")


@pytest.mark.parametrize("ext", ["svg", "pdf"])
def test_the_same_export_succeeds_with_room_and_is_complete(tmp_path, ext):
    """The check above is about the disk, not the format: with room, the file is whole."""
    target = tmp_path / f"new.{ext}"
    result = run_cli("--export", str(target), "--functions", "relu,elu")
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert len(data) > LIMIT
    assert data.rstrip().endswith(b"</svg>" if ext == "svg" else b"%%EOF")


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("x\n")
    old.chmod(0o604)
    assert run_cli("--export", str(old)).returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o604 and old.read_text().startswith("x,")
    umask = os.umask(0o027)
    try:
        new = tmp_path / "new.csv"
        assert run_cli("--export", str(new)).returncode == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # not mkstemp's 0600


def test_a_folder_as_the_target_is_a_clear_error(tmp_path):
    folder = tmp_path / "figure.png"
    folder.mkdir()
    result = run_cli("--export", str(folder))
    assert result.returncode == 2  # refused before anything is drawn: a bad argument
    (line,) = errors_of(result)
    assert str(folder) in line and "folder" in line.lower()
    assert folder.is_dir() and list(tmp_path.iterdir()) == [folder]


@pytest.mark.parametrize("size", ["10000x10000", "8001x100", "8000x8000"])
def test_image_size_is_bounded(tmp_path, size):
    target = tmp_path / "big.png"
    result = run_cli("--export", str(target), "--size", size)
    assert result.returncode == 2
    (line,) = errors_of(result)
    assert "--size" in line and not target.exists()


def test_desktop_entry_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where a folder should be")
    env = {**os.environ, "XDG_DATA_HOME": str(blocker), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "actgui", "--install-desktop-entry"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    (line,) = errors_of(result)
    assert line.startswith("actgui: error:") and "Traceback" not in result.stderr


def test_an_exception_in_a_slot_is_logged_and_shown_and_the_app_goes_on(qtbot, caplog):
    """The safety net that main() installs: raise inside a real slot, as a bug would."""
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QMessageBox

    from actgui.shell.safety import make_excepthook, show_error_dialog

    class Source(QObject):
        fired = Signal()

    def buggy_slot():
        raise RuntimeError("a bug in a slot")

    hook = make_excepthook(show_error_dialog)
    source = Source()
    source.fired.connect(buggy_slot)
    # pytest-qt reports exceptions in slots itself; route this one to our hook instead.
    with qtbot.capture_exceptions() as raised:
        source.fired.emit()
    ((kind, value, tb),) = raised
    with caplog.at_level("ERROR", logger="actgui"):
        hook(kind, value, tb)
    assert "a bug in a slot" in caplog.text and "buggy_slot" in caplog.text
    box = QApplication.activeModalWidget() or next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "dialog_unexpected_error"
    )
    assert isinstance(box, QMessageBox)
    assert "RuntimeError: a bug in a slot" in box.text()
    assert "Traceback" in box.detailedText() and "buggy_slot" in box.detailedText()
    box.close()
    # The event loop goes on: a timer still fires afterwards.
    source.fired.disconnect(buggy_slot)
    with qtbot.waitSignal(source.fired, timeout=1000):
        QTimer.singleShot(0, source.fired.emit)


def test_a_repeating_error_is_one_dialog_that_counts(qtbot):
    from actgui.shell.safety import open_error_dialog, show_error_dialog

    for _ in range(5):
        show_error_dialog("RuntimeError: again", "Traceback: again")
    show_error_dialog("ValueError: other", "Traceback: other")
    box = open_error_dialog()
    assert box is not None and box.text() == "RuntimeError: again"
    assert "5× RuntimeError: again" in box.informativeText()
    assert box.detailedText().count("Traceback: again") == 1
    assert "Traceback: other" in box.detailedText()
    box.done(0)
    assert open_error_dialog() is None


def test_qt_warnings_go_to_the_log(caplog):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from actgui.shell.safety import route_qt_messages

    previous = qInstallMessageHandler(None)
    try:
        route_qt_messages()
        with caplog.at_level("WARNING", logger="actgui.qt"):
            qWarning("painter given NaN")
    finally:
        qInstallMessageHandler(previous)
    assert "painter given NaN" in caplog.text


def build(qtbot, path):
    from PySide6.QtCore import QSettings

    from actgui.app import build_window

    window = build_window(QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_a_list_written_by_hand_is_read_as_a_list(qtbot, tmp_path):
    path = tmp_path / "hand.ini"
    path.write_text("[functions]\nenabled=relu, elu\n", encoding="utf-8")
    assert build(qtbot, path).model.enabled_keys() == ("relu", "elu")


def test_a_folder_where_the_settings_file_should_be(qtbot, tmp_path, caplog):
    path = tmp_path / "actgui.ini"
    path.mkdir()
    with caplog.at_level("WARNING"):
        window = build(qtbot, path)
        assert window.model.enabled_keys() == CLASSIC_KEYS  # the start-up set
        window.close()  # saving fails: said, not silent
    assert "Cannot read the settings file" in caplog.text
    assert "Could not save the settings" in caplog.text


@pytest.mark.parametrize(
    "content",
    [
        "[functions]\nenabled=relu\n".encode("utf-16"),
        b"\x00\x01garbage[[[\n=\n",
        b"[params]\nelu.alpha=0.5\nsoftclip.beta=2\n[view]\nzoom=3\n",
    ],
    ids=["utf16", "binary", "unknown-keys"],
)
def test_damaged_or_foreign_settings_are_ignored_with_a_warning(qtbot, tmp_path, caplog, content):
    path = tmp_path / "actgui.ini"
    path.write_bytes(content)
    with caplog.at_level("WARNING"):
        window = build(qtbot, path)
    assert "unknown setting" in caplog.text
    assert window.model.is_enabled("sigmoid")  # defaults where nothing valid was read


def test_a_folder_that_cannot_be_written_is_a_clear_error(window, tmp_path, monkeypatch):
    """As a user without write permission sees it (root ignores permissions, so the check
    the export makes is what is exercised)."""
    from actgui.shell import export

    real_access = os.access
    monkeypatch.setattr(
        export.os,
        "access",
        lambda p, mode: False if str(p) == str(tmp_path) else real_access(p, mode),
    )
    with pytest.raises(export.ExportError, match="Cannot write to the folder"):
        export.export_image(window.plot, tmp_path / "plot.png")
    assert list(tmp_path.iterdir()) == []


def test_an_out_of_range_parameter_is_named_with_every_digit(tmp_path):
    result = run_cli("--export", str(tmp_path / "o.png"), "--param", "elu.alpha=5.000000001")
    assert result.returncode == 2
    (line,) = errors_of(result)
    assert "alpha must be a number in [0, 5], not 5.000000001" in line


def test_dependent_parameters_survive_a_restart(qtbot, tmp_path):
    path = tmp_path / "actgui.ini"
    window = build(qtbot, path)
    window.model.set_params("hardtanh", {"max_val": 3.0, "min_val": 2.0})
    window.model.set_params("rrelu", {"lower": 0.5, "upper": 0.9})
    window.close()
    again = build(qtbot, path)
    assert again.model.params("hardtanh") == {"min_val": 2.0, "max_val": 3.0}
    assert again.model.params("rrelu") == {"lower": 0.5, "upper": 0.9}


def test_an_image_too_large_to_render_is_refused_with_a_message(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from actgui.preferences import ImageOptions
    from actgui.shell.export import ExportError, export_image

    window.resize(3600, 1800)
    QApplication.processEvents()
    assert window.plot.width() * 4 > 8000  # a 4× image of this plot is beyond the bound
    with pytest.raises(ExportError, match="too large"):
        export_image(window.plot, tmp_path / "huge.png", ImageOptions(scale=4))
    assert list(tmp_path.iterdir()) == []
    export_image(window.plot, tmp_path / "fine.png", ImageOptions(scale=1))  # 1× is fine
