"""Race set-ups, files and failed builds reach the window in the interface language
(issue 26, item 6): the refusals of ``analysis.race``, ``validation`` and ``files`` are
messages (their English ``str()`` unchanged), shown through the marking translator of
``test_error_translation``, which turns every word it translates into 译.
"""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

import pytest
from test_error_translation import ENGLISH, file_words, marked, marking, said, train

from actgui.activations import Definition
from actgui.text.messages import Message, error_text, in_language, message_of

__all__ = ["marking", "train"]  # (the fixtures, shared)


def _raised(call) -> Exception:
    try:
        call()
    except (ValueError, OSError) as exc:
        return exc
    raise AssertionError("nothing raised")


def _qt_free_refusals(tmp_path: Path) -> list[tuple[object, str, set[str]]]:
    """(a call, the English it has always said, the values in it) for the Qt-free layers."""
    from actgui.analysis.race import RaceConfig, check_functions
    from actgui.analysis.trainer import MAX_LAYERS, MAX_POINTS, MAX_WIDTH
    from actgui.files import loads_bounded, read_bytes_bounded, read_text_bounded
    from actgui.validation import choice, flag, integer, number

    config = RaceConfig.from_json
    (tmp_path / "big.json").write_bytes(b" " * 201)
    (tmp_path / "latin.json").write_bytes(b"caf\xe9")
    os.mkfifo(tmp_path / "pipe.json")
    json_msg = "Expecting property name enclosed in double quotes"
    return [
        (lambda: config({"x": 1}), 'not an actgui race configuration (no "actgui_race" entry)',
         set()),
        (lambda: config({"actgui_race": 2}), "unsupported configuration version 2", set()),
        (lambda: config({"actgui_race": 1, "colour": 1, "size": 2}),
         "unknown entries: colour, size", {"colour", "size"}),
        (lambda: config({"actgui_race": 1, "keys": "relu"}), "keys must be a list", {"keys"}),
        (lambda: RaceConfig(keys=()), "a race has 1 to 4 activations, got 0", set()),
        (lambda: RaceConfig(keys=(1,)), "activation keys must be text", set()),
        (lambda: RaceConfig(keys=("relu", "tanh"), inits=("he",)),
         "inits must give one initialisation per activation, or none", set()),
        (lambda: RaceConfig(keys=("relu", "relu")),
         "each activation may race once (once per initialisation)", set()),
        (lambda: RaceConfig(data_file=3), "data_file must be a file name, got 3", set()),
        (lambda: RaceConfig(dataset="csv"), 'dataset "csv" needs a data_file', set()),
        (lambda: RaceConfig(hidden=()),
         f"hidden must be a list of 1 to {MAX_LAYERS} layer widths", set()),
        (lambda: RaceConfig(hidden=(0,)),
         f"a hidden layer's width must be an integer in [1, {MAX_WIDTH}], not 0", set()),
        (lambda: RaceConfig(n_points="many"),
         f"n_points must be an integer in [2, {MAX_POINTS}], not 'many'", {"n_points", "many"}),
        (lambda: RaceConfig(learning_rate=0), "learning_rate must be a number in [1e-08, 10], "
         "not 0", {"learning_rate"}),
        (lambda: RaceConfig(optimizer="rmsprop"),
         "optimizer must be one of 'sgd', 'adam', not 'rmsprop'",
         {"optimizer", "sgd", "adam", "rmsprop"}),
        (lambda: RaceConfig(params=3), "params must map activation keys to {name: value}",
         {"name", "value"}),
        (lambda: RaceConfig(params={"relu": 3}), "params of 'relu' must be {name: value}",
         {"relu", "name", "value"}),
        (lambda: RaceConfig(params={"relu": {"a": "x"}}),
         "relu.a must be a finite number, not 'x'", {"relu"}),
        (lambda: check_functions(RaceConfig(keys=("nope",))), "no activation 'nope' here",
         {"nope"}),
        (lambda: check_functions(RaceConfig(keys=("relu",), params={"relu": {"alpha": 1}})),
         "relu has no parameter alpha", {"relu", "alpha"}),
        (lambda: flag("shown", 1), "shown must be True or False, not 1", {"shown"}),
        (lambda: number("sigma_w", "abc", 0.0), "sigma_w must be a finite number ≥ 0, not 'abc'",
         {"sigma_w", "abc"}),
        (lambda: number("s", 0, 0.0, low_open=True, allow_inf=True),
         "s must be a number > 0, not 0", set()),
        (lambda: number("x", 5, high=1, high_open=True), "x must be a finite number < 1, not 5",
         set()),
        (lambda: number("x", None, allow_inf=True), "x must be a number, not None", {"None"}),
        (lambda: integer("n", 1.5), "n must be an integer, not 1.5", set()),
        (lambda: integer("n", 0, 2), "n must be an integer ≥ 2, not 0", set()),
        (lambda: integer("n", 9, None, 3), "n must be an integer ≤ 3, not 9", set()),
        (lambda: choice("init", "zeros", ("he", "lecun")),
         "init must be one of 'he', 'lecun', not 'zeros'", {"init", "lecun", "zeros"}),
        (lambda: loads_bounded("{", 100), f"not JSON: {json_msg} (line 1, column 2)",
         set(ENGLISH.findall(json_msg))),
        (lambda: loads_bounded("[" * 4 + "]" * 4, 100, 3), "the JSON nests deeper than 3 levels",
         set()),
        (lambda: loads_bounded("[1, 2]", 3), "the JSON text is longer than 3 characters", set()),
        (lambda: loads_bounded(3, 10), "expected JSON text", set()),
        (lambda: loads_bounded("[NaN]", 10), "NaN is not a number JSON allows", {"NaN"}),
        (lambda: read_bytes_bounded(tmp_path / "big.json", 200), "big.json is larger than "
         "200 bytes", {"big", "json"}),
        (lambda: read_text_bounded(tmp_path / "latin.json", 100), "latin.json is not UTF-8 text",
         {"latin", "json"}),
        (lambda: read_bytes_bounded(tmp_path, 10), f"{tmp_path.name} is a folder",
         set(ENGLISH.findall(tmp_path.name))),
        (lambda: read_bytes_bounded(tmp_path / "pipe.json", 10),
         "pipe.json is a FIFO (named pipe), not a regular file", {"pipe", "json"}),
        (lambda: read_bytes_bounded("/dev/zero", 10), "zero is a device, not a regular file",
         {"zero"}),
    ]  # fmt: skip


def test_set_up_and_file_errors_keep_their_english_and_translate(tmp_path):
    """``str()`` of these refusals is the English it always was (the command line, the
    tests); each is said with a message that translates every word but its values."""
    lang = lambda _c, t: marked(t)  # noqa: E731
    for call, text, values in _qt_free_refusals(tmp_path):
        exc = _raised(call)
        assert str(exc) == text
        assert isinstance(message_of(exc), Message), text
        assert str(pickle.loads(pickle.dumps(exc))) == text
        said(error_text(exc, lang), values)


def test_a_target_in_the_way_says_why_in_a_message(tmp_path):
    from actgui.files import check_target

    os.mkfifo(tmp_path / "pipe")
    in_the_way = {
        tmp_path / "pipe": "it is a FIFO (named pipe), not a regular file",
        tmp_path: "it is a folder",
        "/dev/null": "it is a device, not a regular file",
    }
    for path, why in in_the_way.items():
        exc = _raised(lambda p=path: check_target(p))
        assert exc.strerror == why and isinstance(exc.strerror, Message)
        assert str(exc).endswith(f"] {why}: {str(path)!r}")
        said(in_language(exc.strerror, lambda _c, t: marked(t)), set())


def test_a_worker_keeps_the_message_of_a_failure():
    from actgui.files import InputError
    from actgui.worker import failure_problem, failure_text

    problem = Message("the data file {name} does not exist", name="a.csv")
    text = failure_text(InputError(problem))
    assert text == "InputError: the data file a.csv does not exist"
    assert failure_problem(text) is problem
    assert failure_problem(pickle.loads(pickle.dumps(text))) == problem
    assert (
        failure_text(KeyError("k")) == "KeyError: 'k'" and failure_problem("KeyError: 'k'") == "k"
    )


#: Race set-ups that cannot be used: the file's text, and the values its message names.
BAD_SETUPS = {
    '{"keys": ["relu"]}': set(),
    '{"actgui_race": 2}': set(),
    '{"actgui_race": 1, "colour": "red"}': {"colour"},
    '{"actgui_race": 1, "keys": "relu"}': {"keys"},
    '{"actgui_race": 1, "keys": []}': set(),
    '{"actgui_race": 1, "keys": [1]}': set(),
    '{"actgui_race": 1, "keys": ["relu", "relu"]}': set(),
    '{"actgui_race": 1, "keys": ["relu", "tanh"], "inits": ["he"]}': set(),
    '{"actgui_race": 1, "keys": ["nope"]}': {"nope"},
    '{"actgui_race": 1, "keys": ["relu"], "params": {"relu": {"alpha": 1}}}': {"relu", "alpha"},
    '{"actgui_race": 1, "params": 3}': {"name", "value"},
    '{"actgui_race": 1, "params": {"relu": [1]}}': {"relu", "name", "value"},
    '{"actgui_race": 1, "n_points": "many"}': {"n_points", "many"},
    '{"actgui_race": 1, "hidden": [0]}': set(),
    '{"actgui_race": 1, "hidden": []}': set(),
    '{"actgui_race": 1, "seed": true}': {"seed", "True"},
    '{"actgui_race": 1, "optimizer": "rmsprop"}': {"optimizer", "sgd", "adam", "rmsprop"},
    '{"actgui_race": 1, "init": "zeros"}': {"init", "zeros", "lecun", "glorot", "edge_of_chaos",
                                            "orthogonal"},
    '{"actgui_race": 1, "dataset": "csv"}': set(),
    '{"actgui_race": 1, "data_file": 3}': set(),
    '{"actgui_race": 1, "noise": NaN}': {"NaN"},
    "{": {"Expecting", "property", "name", "enclosed", "double", "quotes"},
    "[" * 40 + "]" * 40: set(),
}  # fmt: skip


def test_bad_race_set_up_files_are_translated(train, window, tmp_path, marking):
    """Open… of a set-up that is wrong, not JSON, not UTF-8, too large, or no file at all."""
    before = window.lab.train.config()
    path = tmp_path / "race.json"
    for text, values in BAD_SETUPS.items():
        path.write_text(text, "utf-8")
        assert not train.form.files.open_config_file(path), text
        said(train.form.error_label.text(), {"race", "json", *values})
    path.write_bytes(b" " * 1_000_001)
    assert not train.form.files.open_config_file(path)
    said(train.form.error_label.text(), {"race", "json"})
    path.write_bytes(b'{"actgui_race": 1, "seed": "caf\xe9"}')
    assert not train.form.files.open_config_file(path)
    said(train.form.error_label.text(), {"race", "json"})
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.json").mkdir()
    for other, values in ((tmp_path / "pipe.json", {"pipe", "json"}),
                          (tmp_path / "folder.json", {"folder", "json"}),
                          (Path("/dev/zero"), {"zero"})):  # fmt: skip
        assert not train.form.files.open_config_file(other), other
        said(train.form.error_label.text(), values)
    assert window.lab.train.config() == before


def test_saving_a_set_up_over_a_fifo_is_refused_in_words_translated(
    train, tmp_path, monkeypatch, marking
):
    from actgui.panels.labs import train_files

    os.mkfifo(tmp_path / "pipe.json")
    monkeypatch.setattr(train_files, "ask_json_path", lambda *_: tmp_path / "pipe.json")
    train.form.files.ask_save_config()
    said(train.form.error_label.text(), {"pipe", "json"})


def test_a_race_that_cannot_be_built_says_why_translated(train, window, qtbot, tmp_path, marking):
    """The CSV deleted under the set-up: the race built from it fails on the worker."""
    data = tmp_path / "gone.csv"
    data.write_text("".join(f"{i},{-i},{i % 2}\n" for i in range(20)), "utf-8")
    assert train.form.files.load_data_file(str(data))
    controller = train.controller
    qtbot.waitUntil(lambda: controller.race is not None and not controller.building())
    data.unlink()
    window.lab.train.update(seed=3)  # a new race, from the file that is gone
    qtbot.waitUntil(lambda: controller.state() == "failed", timeout=30_000)
    said(train.form.error_label.text(), file_words(str(data)))


def test_the_source_of_a_function_of_your_own_is_translated(window, qtbot, marking):
    from PySide6.QtWidgets import QCheckBox

    window.custom.add(Definition("mine", "Mine", "where(x > 0, x, beta * x)"))
    qtbot.waitUntil(lambda: window.findChild(QCheckBox, "check_mine") is not None)
    tip = window.findChild(QCheckBox, "check_mine").toolTip()
    assert "your formula" not in tip
    said(re.sub(r"<[^>]*>|&[a-z]+;", " ", tip), {"mine", "Mine"})


def test_a_simulation_that_overflows_says_why_translated(window, qtbot, marking):
    """exp(x) of your own, 10 layers deep at σ_w = 3: the forward signal passes float64's
    largest number at layer 4; the Jacobian-spectrum view says so in the interface
    language, without the exception's type ("ValueError: …")."""
    from actgui.analysis.spectrum import jacobian_spectrum

    window.custom.add(Definition("boom", "Boom", "exp(x)"), show=False)
    with pytest.raises(ValueError, match="overflowed at layer 4"):  # (the English, unchanged)
        jacobian_spectrum("boom", 3.0, 0.0, 10, 20)
    window.model.set_enabled_keys(["boom"])
    window.model.set_selected("boom")
    window.lab.set_network(sigma_w=3.0, sigma_b=0.0, depth=10)
    window.lab.set_spectrum(width=20)
    window.show_labs("spectrum")
    view = window.labs.spectrum
    qtbot.waitUntil(lambda: "4" in view.error_label.text(), timeout=60_000)
    text = said(view.error_label.text(), set())
    assert "ValueError" not in text
