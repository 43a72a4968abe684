"""The hidden --selftest that CI runs on the frozen program, run here on the source."""

import csv

from PySide6.QtGui import QImage

from actgui.app import build_window
from actgui.shell.cli import main_cli
from actgui.shell.cli_args import build_parser


def test_selftest_exports_and_checks_its_files(qapp, tmp_path, capsys):
    assert main_cli(["--selftest", str(tmp_path)], build_window) == 0
    out = capsys.readouterr().out
    assert "self-test passed" in out and "CSV:" in out
    assert "raced 100 steps in a worker process" in out
    image = QImage(str(tmp_path / "selftest.png"))
    assert not image.isNull() and image.width() > 300
    assert (tmp_path / "selftest.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with (tmp_path / "selftest.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:4] == ["x", "tanh", "tanh_d1", "tanh_d2"]


def test_selftest_is_hidden_from_help():
    assert "--selftest" not in build_parser().format_help()


def test_selftest_reports_a_folder_it_cannot_use(qapp, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main_cli(["--selftest", str(blocker / "inside")], build_window) == 1
    assert "self-test failed" in capsys.readouterr().err
