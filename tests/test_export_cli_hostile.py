"""Issue 22, item 9: exports and the command line given hostile targets and arguments.

An export never replaces a FIFO, a device or a folder (it says so); a legal 255-byte file
name can be written (the temporary file's name is short); a path too long is one line,
not a traceback; argparse's errors are one line (exit 2), as the README promises.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest
from conftest import run_in_process

from actgui import files
from actgui.shell import cli
from actgui.shell.cli import main_cli
from actgui.shell.export import ExportError, export_table

ROOT = Path(__file__).resolve().parents[1]
LONG_NAME = "n" * 251 + ".csv"  # 255 bytes: the most a Linux file name may have
LONG_PATH_PARTS = 2500  # "a/" × 2500: a 5000-character path


def make_target(tmp_path: Path, kind: str, name: str) -> Path:
    """A FIFO, a device (a node like /dev/null's: what is written is dropped), a folder, or
    a link to a device, named ``name`` in ``tmp_path``."""
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind in ("device", "link"):
        device = path if kind == "device" else tmp_path / ("dev-" + name)
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs privileges")
        if kind == "link":
            path.symlink_to(device)
    else:
        path.mkdir()
    return path


def kind_of(path: Path) -> str:
    mode = os.stat(path).st_mode
    return "fifo" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) else "other"


SAYS = {"fifo": "FIFO", "device": "device", "link": "device", "folder": "folder"}


# -- files.write_atomically --------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "device", "link", "folder"])
def test_write_atomically_refuses_what_is_not_a_regular_file(tmp_path, kind):
    target = make_target(tmp_path, kind, "out.csv")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(OSError, match=SAYS[kind]) as refused:
        files.write_atomically(target, lambda tmp: tmp.write_text("data"))
    assert SAYS[kind] in refused.value.strerror
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left
    if kind in ("fifo", "device", "link"):
        assert kind_of(target) == ("device" if kind == "link" else kind)  # not replaced


@pytest.mark.parametrize("name", [LONG_NAME, "é" * 125 + ".csv"])  # 255 and 254 bytes
def test_write_atomically_writes_a_name_of_255_bytes(tmp_path, name):
    temporary = []

    def write(tmp: Path) -> None:
        temporary.append(tmp.name)
        tmp.write_text("data")

    files.write_atomically(tmp_path / name, write)
    assert (tmp_path / name).read_text() == "data"
    assert len(os.fsencode(temporary[0])) <= 100
    assert [p.name for p in tmp_path.iterdir()] == [name]


# -- shell.export ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_an_export_onto_a_fifo_device_or_folder_is_refused(tmp_path, kind):
    target = make_target(tmp_path, kind, "table.csv")
    with pytest.raises(ExportError, match=SAYS[kind]):
        export_table(["a"], [["1"]], target)
    if kind != "folder":
        assert kind_of(target) == kind


def test_an_export_to_a_path_too_long_says_so(tmp_path):
    path = Path("/tmp/" + "a/" * LONG_PATH_PARTS + "table.csv")
    with pytest.raises(ExportError) as refused:
        export_table(["a"], [["1"]], path)
    message = str(refused.value)
    assert "too long" in message and "\n" not in message and len(message) < 300


# -- the command line, in this process ---------------------------------------------------------
def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("actgui: error: ") and captured.out == ""
    return lines[0]


@pytest.mark.parametrize("kind", ["fifo", "device", "link", "folder"])
def test_cli_export_onto_what_is_not_a_regular_file_exits_2(tmp_path, capsys, kind):
    target = make_target(tmp_path, kind, "plot.png")
    assert main_cli(["--export", str(target), "--functions", "relu"]) == 2
    line = one_error_line(capsys)
    assert "plot.png" in line and SAYS[kind] in line
    if kind != "folder":
        assert kind_of(target) == ("device" if kind == "link" else kind)


def test_cli_export_path_too_long_is_one_line_and_exit_2(capsys):
    path = "/tmp/" + "a/" * LONG_PATH_PARTS + "plot.png"
    assert main_cli(["--export", path]) == 2
    line = one_error_line(capsys)
    assert "too long" in line and len(line) < 300


def test_cli_error_naming_a_file_with_a_newline_stays_one_line(tmp_path, capsys):
    path = tmp_path / "two\nlines" / "plot.png"
    assert main_cli(["--export", str(path)]) == 2
    assert "two\\nlines" in one_error_line(capsys)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--theme", "blue"], "--theme"),
        (["--scale", "x"], "--scale"),
        (["--line-width", "1e400"], "--line-width"),
        (["--font-size", "nan"], "--font-size"),
        (["--bogus"], "--bogus"),
        (["--export"], "--export"),
    ],
)
def test_cli_argparse_errors_are_one_line_and_exit_2(tmp_path, capsys, args, named):
    argv = ["--export", str(tmp_path / "plot.png"), *args] if args != ["--export"] else args
    assert main_cli(argv) == 2
    line = one_error_line(capsys)
    assert named in line and line.endswith("see actgui --help")
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_the_console_cannot_encode_is_printed_with_escapes(monkeypatch):
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", console)
    cli._say(os.fsdecode(b"\xff-plot.png"))  # a name that is not UTF-8 on disk
    console.flush()
    assert raw.getvalue() == b"\\udcff-plot.png\n"


# -- the command line, as a program ------------------------------------------------------------
def run(args, _tmp_path):
    """The command line, in this process (``conftest.run_in_process``)."""
    return run_in_process(args)


def test_the_program_exports_a_255_byte_name_and_refuses_a_long_path_in_one_line(tmp_path):
    out = tmp_path / LONG_NAME
    done = run(["--export", str(out), "--functions", "relu", "--orders", "0"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text("utf-8").splitlines()[0] == "x,relu"
    done = run(["--export", "/tmp/" + "a/" * LONG_PATH_PARTS + "plot.png"], tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and "too long" in done.stderr


def test_more_functions_of_your_own_than_allowed_is_one_line_and_exit_2(tmp_path, capsys):
    from actgui.activations import REGISTRY, remove_custom
    from actgui.activations.custom import MAX_CUSTOM

    customs = [a for i in range(MAX_CUSTOM + 1) for a in ("--custom", f"f{i}=x*{i + 1}")]
    before = list(REGISTRY)
    try:
        assert main_cli([*customs, "--export", str(tmp_path / "many.png")]) == 2
    finally:
        for key in set(REGISTRY) - set(before):
            remove_custom(key)
    assert f"at most {MAX_CUSTOM} functions" in one_error_line(capsys)
    assert not (tmp_path / "many.png").exists()
