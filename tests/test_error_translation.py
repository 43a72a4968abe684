"""The Qt-free layers' messages reach the window in the interface language.

Formula errors, CSV errors, race set-up errors and the details page of a function of
your own are made without Qt, in English (``str(exc)`` stays English for the command
line and the tests). The window translates them where it shows them. Checked here with a
translator that "translates" every text it is asked for, turning each of its words into
译 (fields and placeholders kept): any English word left on screen was never put through
``QCoreApplication.translate``, unless it is a value (a function's name or key, a
parameter, a file name, a formula), which each check allows by name. Stronger than the
Chinese catalogue (whose new entries the lead adds) and independent of it.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from actgui.activations import Definition
from actgui.activations.formula import FormulaError, parse
from actgui.text.messages import MESSAGES, Message, error_text, in_language, message_of

_FIELD = re.compile(r"(\{[^{}]*\}|%\d+|<[^<>]*>)")
_WORD = re.compile(r"[A-Za-z]+")
ENGLISH = re.compile(r"[A-Za-z_]{3,}")


def marked(text: str) -> str:
    """``text`` with every word outside its fields ({name}, %1, <tags>) made 译."""
    return "".join(
        part if _FIELD.fullmatch(part) else _WORD.sub("译", part) for part in _FIELD.split(text)
    )


class Marking(QTranslator):
    """Translates every text of every context into :func:`marked` words."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return marked(source)

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def marking():
    """The marking translator, installed for the test."""
    app = QApplication.instance()
    translator = Marking(app)
    app.installTranslator(translator)
    assert QCoreApplication.translate("TrainView", "Cannot use %1: %2") == "译 译 %1: %2"
    yield translator
    app.removeTranslator(translator)


def english(text: str, values: set[str]) -> set[str]:
    """The English words of ``text`` that are not among ``values``."""
    return {w for w in ENGLISH.findall(text) if w not in values}


def said(text: str, values: set[str]) -> str:
    """``text`` after checking it is shown translated (marked) bar ``values``."""
    assert text and "译" in text, text
    assert not english(text, values), (text, english(text, values))
    return text


# -- the messages themselves (no window) -------------------------------------------------


def test_a_message_is_its_english_and_translates_with_its_fields():
    inner = Message("unknown name '{name}'", name="sigmod")
    outer = Message("{problem} at column {column}", problem=inner, column=5)
    assert outer == "unknown name 'sigmod' at column 5" and str(outer) == outer
    lang = {
        (MESSAGES, "unknown name '{name}'"): "未知名称“{name}”",
        (MESSAGES, "{problem} at column {column}"): "第 {column} 列：{problem}",
    }
    assert outer.translated(lambda c, t: lang.get((c, t), t)) == "第 5 列：未知名称“sigmod”"
    # A translation that lost or renamed a field gives the English, never an exception.
    assert inner.translated(lambda c, t: "{nom}") == "unknown name 'sigmod'"
    copy = pickle.loads(pickle.dumps(outer))
    assert copy.translated(lambda c, t: marked(t)) == "译 译 'sigmod' 译 译 5"
    # Text with braces of its own is no template: kept as it is, never an exception.
    odd = Message("params must map keys to {name: value}")
    assert odd == odd.translated(lambda c, t: t) == "params must map keys to {name: value}"
    assert Message("{x", x=1).translated(lambda c, t: "{y}") == "{x"
    assert in_language("ReLU", lambda c, t: f"[{c}]{t}", "actgui.data") == "[actgui.data]ReLU"
    assert in_language("a.csv", lambda c, t: "no") == "a.csv"  # (no context: a value)


def test_exceptions_keep_their_message_and_their_english():
    with pytest.raises(FormulaError) as caught:
        parse("x * sigmod(x)", frozenset())
    exc = caught.value
    assert str(exc) == "unknown name 'sigmod' at column 5; did you mean 'sigmoid'?"
    assert isinstance(message_of(exc), Message)
    assert error_text(exc) == str(exc)
    assert error_text(exc, lambda c, t: marked(t)) == (
        "译 译 'sigmod' 译 译 5; 译 译 译 'sigmoid'?"
    )
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is FormulaError and isinstance(copy.args[0], Message)
    assert str(copy) == str(exc)
    assert error_text(ValueError("plain"), lambda c, t: "?") == "plain"


ROOT = Path(__file__).resolve().parents[1]
#: Where messages are made: every refusal a template marked for lupdate.
MADE_IN = (
    *sorted((ROOT / "actgui" / "activations").rglob("*.py")),
    *(
        ROOT / "actgui" / "analysis" / f"{name}.py"
        for name in ("race", "race_config", "race_csv", "race_words", "spectrum")
    ),
    ROOT / "actgui" / "files.py",
    ROOT / "actgui" / "validation.py",
    ROOT / "actgui" / "shell" / "custom_menu.py",
)
#: Where a ValueError itself must carry a message (they reach the window).
VALUE_ERRORS_IN = (
    "custom.py", "race_csv.py", "race.py", "race_config.py", "files.py", "validation.py",
    "spectrum.py",
)  # fmt: skip


def test_messages_are_made_of_marked_templates():
    """A FormulaError or a Message is never made of an f-string or of an unmarked literal
    (lupdate would not see it, and its translation could not be looked up), and every
    marked template is in the messages' context."""
    found = 0
    for path in MADE_IN:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            where = f"{path.name}:{node.lineno}"
            if name == "QT_TRANSLATE_NOOP":
                assert isinstance(first, ast.Constant) and first.value == MESSAGES, where
                found += 1
            is_text = isinstance(first, ast.JoinedStr | ast.Constant | ast.BinOp)
            if name in ("FormulaError", "Message"):
                assert not is_text, where
            if name in ("ValueError", "InputError") and path.name in VALUE_ERRORS_IN:
                assert not is_text, where
    assert found > 90


def test_the_details_of_a_function_of_your_own_translate_without_qt():
    from actgui.activations.custom import custom_activation
    from actgui.text.details import details_html

    act = custom_activation("mine", "where(x > 0, x, beta * x)", name="Mine")
    page = details_html(act, "#000000", lambda c, t: marked(t))
    text = re.sub(r"<[^>]*>|&[a-z]+;", " ", page)
    said(text, {"Mine", "mine", "where", "beta"})


# -- in the window -----------------------------------------------------------------------


BAD_FORMULAS = {
    "x * sigmod(x)": {"sigmod", "sigmoid"},
    "x +": set(),
    "exp(x": set(),
    "x ** 100": set(),
    "[x, 1]": set(),
    "x if x > 0 else 0": set(),
    "x.real": set(),
    "exp(x, 1)": {"exp"},
    "where(x, 1, 2)": set(),
    "mu * x": {"mu_"},
    "log(-1 - x*x)": set(),
    "2x": set(),
}


def test_formula_errors_in_the_dialog_are_translated(qtbot, marking):
    from actgui.shell.custom_dialog import CustomDialog

    dialog = CustomDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Mine")
    for formula, values in BAD_FORMULAS.items():
        dialog.formula_edit.setText(formula)
        dialog.check()
        qtbot.waitUntil(lambda: not dialog.checking(), timeout=60_000)
        assert not dialog.is_ok() and dialog.error_label.isVisibleTo(dialog), formula
        said(dialog.error_label.text(), values)
    # A parameter's range refused by the formula's builder.
    dialog.formula_edit.setText("k * x")
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=60_000)
    assert dialog.is_ok()
    dialog.params_table.item(0, 3).setText("500")  # the default beyond the maximum
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=60_000)
    assert "k" in said(dialog.error_label.text(), set())
    # A name too long.
    dialog.name_edit.setText("Mine" * 11)
    dialog.params_table.item(0, 3).setText("1")
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=60_000)
    said(dialog.error_label.text(), set())


BAD_CSVS = {
    "letters.csv": "1,2,0\n3,x,1\n",
    "one_row.csv": "1,2,0\n",
    "wide.csv": "1,2,3,4\n5,6,7,8\n",
    "ragged.csv": "1,2,0\n3,4\n",
    "fraction.csv": "1,2,0.5\n3,4,1\n",
    "one_class.csv": "1,2,0\n3,4,0\n",
    "infinite.csv": "1,2,0\n3,inf,1\n",
    "empty.csv": "\n\n",
}


def file_words(name: str) -> set[str]:
    return set(ENGLISH.findall(name))


@pytest.fixture
def train(window, qtbot):
    window.show_labs("train")
    qtbot.waitUntil(lambda: window.labs.isVisible())
    return window.labs.train


def test_csv_errors_in_the_train_tab_are_translated(train, window, tmp_path, marking):
    before = window.lab.train.config()
    for name, text in BAD_CSVS.items():
        path = tmp_path / name
        path.write_text(text, "utf-8")
        assert not train.form.files.load_data_file(str(path)), name
        said(train.form.error_label.text(), {"inf", *file_words(name)})
    assert not train.form.files.load_data_file(str(tmp_path / "missing.csv"))
    said(train.form.error_label.text(), file_words(str(tmp_path / "missing.csv")))
    assert window.lab.train.config() == before


def test_bad_race_set_ups_are_translated(train, window, tmp_path, marking):
    """A set-up whose CSV is broken, and one whose CSV has gone."""
    (tmp_path / "broken.csv").write_text("1,2,0\n3,4\n", "utf-8")
    before = window.lab.train.config()
    for data_file in ("broken.csv", "gone.csv"):
        path = tmp_path / "race.json"
        setup = {"actgui_race": 1, "keys": ["relu"], "dataset": "csv", "data_file": data_file}
        path.write_text(json.dumps(setup), "utf-8")
        assert not train.form.files.open_config_file(path)
        # (a set-up's CSV is named by its whole path)
        said(
            train.form.error_label.text(), {"race", "json", *file_words(str(tmp_path / data_file))}
        )
    assert window.lab.train.config() == before


def test_the_details_of_a_function_of_your_own_are_translated(window, marking):
    window.custom.add(Definition("mine", "Mine", "where(x > 0, x, beta * x * sigmoid(x))"))
    window.model.set_selected("mine")
    text = window.details.text()  # (the marking translator marks the name too)
    assert "(mine)" in text and "Your own function" not in text
    said(text, {"Mine", "mine", "where", "beta", "sigmoid"})


def test_import_problems_are_translated(window, tmp_path, monkeypatch, marking):
    """Import…'s list of entries skipped, and a file that is no list of functions."""
    from PySide6.QtWidgets import QMessageBox

    from actgui.shell.custom_menu import read_import

    shown = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    path = tmp_path / "mine.json"
    entries = [
        {"key": "good", "name": "Good", "expression": "x"},
        {"key": "bad", "name": "Bad", "expression": "x * sigmod(x)"},
        {"key": "worse"},
        {"key": "good", "name": "Again", "expression": "x"},
    ]
    path.write_text(json.dumps({"activations": entries}), "utf-8")
    window.custom._on_imported(read_import(path, 10))
    path.write_text('{"activations": 3}', "utf-8")
    window.custom._on_imported(read_import(path, 10))
    assert len(shown) == 2
    values = {"Bad", "sigmod", "sigmoid", "Again", "good", "name", "mine", "json", "activations"}
    for text in shown:
        said(text, values)
