"""Issue 22, item 3: every file actgui reads for a user is bounded.

Regular files only (a FIFO, a device or a folder is refused with a message, before it is
opened), a size limit enforced while reading (not from ``stat``, which says 0 for a
device or a /proc file); a race set-up keeps its CSV file relative to the JSON file, and
a missing CSV file is named.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from actgui.analysis import race, race_config, race_csv
from actgui.analysis.race import Race, RaceConfig, config_text, load_csv, read_config

CSV_TEXT = "x1,x2,label\n" + "".join(f"{i},{-i},{i % 2}\n" for i in range(20))


def small(**changes) -> RaceConfig:
    return RaceConfig(keys=("relu",), hidden=(4,), steps=2, **changes)


def csv_config(data_file: str) -> RaceConfig:
    return small(dataset="csv", data_file=data_file)


READERS = {"read_config": read_config, "load_csv": load_csv}


# -- what is not a regular file ----------------------------------------------------------------
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("target", "says"),
    [("/dev/null", "is a device"), ("/dev/zero", "is a device"), ("folder", "is a folder")],
)
def test_race_readers_refuse_devices_and_folders(tmp_path, reader, target, says):
    if target == "folder":
        (tmp_path / "folder").mkdir()
        target = str(tmp_path / "folder")
    elif not os.path.exists(target):
        pytest.skip(f"no {target} here")
    with pytest.raises(ValueError, match=says) as refused:
        READERS[reader](target)
    assert Path(target).name in str(refused.value)


class FifoWriter:
    """A FIFO with a writer waiting to hand it ``text``: a reader that opens the FIFO gets
    the text (never blocks); :meth:`close` releases a writer that nobody read."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        os.mkfifo(path)
        self._thread = threading.Thread(target=self._write, args=(text,), daemon=True)
        self._thread.start()

    def _write(self, text: str) -> None:
        try:
            with open(self.path, "w", encoding="utf-8") as handle:  # waits for a reader
                handle.write(text)
        except BrokenPipeError:
            pass

    def close(self) -> None:
        # A reader of our own (non-blocking open) lets a writer still waiting go on; it is
        # kept open until the writer has written into the pipe and finished.
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            self._thread.join()
        finally:
            os.close(fd)


@pytest.mark.parametrize("reader", READERS)
def test_race_readers_refuse_a_fifo_without_reading_it(tmp_path, reader):
    text = config_text(small()) if reader == "read_config" else CSV_TEXT
    fifo = FifoWriter(tmp_path / "pipe", text)
    try:
        with pytest.raises(ValueError, match="pipe is a FIFO"):
            READERS[reader](fifo.path)
    finally:
        fifo.close()


def test_the_size_limit_is_enforced_while_reading_not_from_stat(monkeypatch):
    status = Path("/proc/self/status")
    if not status.is_file() or os.stat(status).st_size != 0:
        pytest.skip("needs a /proc file whose reported size is 0")
    monkeypatch.setattr(race_csv, "MAX_CSV_BYTES", 200)
    monkeypatch.setattr(race_config, "MAX_CONFIG_BYTES", 200)
    with pytest.raises(ValueError, match="status is larger than 200 bytes"):
        load_csv(status)
    with pytest.raises(ValueError, match="status is larger than 200 bytes"):
        read_config(status)


def test_a_set_up_nesting_too_deep_is_refused_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"actgui_race": 1, "keys": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ValueError, match="nests deeper"):
        read_config(path)


# -- a race set-up and its CSV file ------------------------------------------------------------
def test_a_relative_data_file_is_read_relative_to_the_set_up(tmp_path, monkeypatch):
    folder = tmp_path.resolve() / "lesson"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "points.csv").write_text(CSV_TEXT, encoding="utf-8")
    (folder / "race.json").write_text(config_text(csv_config("data/points.csv")), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = read_config(folder / "race.json")
    assert config.data_file == str(folder / "data" / "points.csv")
    assert Race(config).inputs.shape == (20, 2)


@pytest.mark.parametrize(
    ("where", "written"),
    [("points.csv", "points.csv"), ("data/points.csv", "data/points.csv"), ("../points.csv", None)],
)
def test_save_config_keeps_the_csv_relative_when_it_lies_beside_or_below(tmp_path, where, written):
    folder = tmp_path.resolve() / "lesson"
    folder.mkdir()
    csv_path = Path(os.path.normpath(folder / where))
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    csv_path.write_text(CSV_TEXT, encoding="utf-8")
    path = race.save_config(folder / "race.json", csv_config(str(csv_path)))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["data_file"] == (written if written is not None else str(csv_path))
    assert read_config(path).data_file == str(csv_path)


def test_a_set_up_moved_with_its_csv_still_finds_it(tmp_path):
    folder = tmp_path.resolve() / "lesson"
    folder.mkdir()
    (folder / "points.csv").write_text(CSV_TEXT, encoding="utf-8")
    race.save_config(folder / "race.json", csv_config(str(folder / "points.csv")))
    moved = tmp_path.resolve() / "shared copy"
    folder.rename(moved)
    config = read_config(moved / "race.json")
    assert config.data_file == str(moved / "points.csv")
    assert load_csv(config.data_file)[0].shape == (20, 2)


def test_a_missing_csv_named_by_a_set_up_is_named(tmp_path):
    path = tmp_path / "race.json"
    path.write_text(config_text(csv_config("gone.csv")), encoding="utf-8")
    config = read_config(path)  # the set-up itself is fine
    with pytest.raises(ValueError, match=r"gone\.csv does not exist"):
        load_csv(config.data_file)
    with pytest.raises(ValueError, match=r"gone\.csv does not exist"):
        Race(config)
