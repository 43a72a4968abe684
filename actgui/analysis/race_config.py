"""A race's set-up (no Qt): :class:`RaceConfig`, validated on creation, and the small
JSON file a user saves it in (:func:`save_config`, :func:`read_config`: its CSV file named
relative to the JSON file when it lies beside it or below; drawn points in the file
itself). Files are read through ``actgui.files``: regular files only, their size limited
while reading. A refusal is a ``ValueError`` with a
:class:`~actgui.text.messages.Message` (words in ``race_words``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from actgui.analysis import race_words as w
from actgui.analysis.datasets import DATASETS_1D, DATASETS_2D, MAX_POINTS
from actgui.analysis.features import DEFAULT_FEATURES, FEATURES, applicable
from actgui.analysis.trainer import (
    INITS,
    MAX_LAYERS,
    MAX_PENALTY,
    MAX_STEPS,
    MAX_WIDTH,
    OPTIMIZERS,
)
from actgui.files import loads_bounded, read_text_bounded, write_atomically
from actgui.text.messages import Message
from actgui.validation import choice, integer, number

#: The fewest drawn points a race trains on.
MIN_DRAWN = 4
#: Classes of drawn points: 0 to this minus one (a CSV file's ten classes can be drawn on).
MAX_CLASSES = 10
#: At most this many activations in one race.
MAX_RUNS = 4
#: ``dataset`` of a race on a user's CSV file.
CSV_DATASET = "csv"
#: The version written into a configuration file.
CONFIG_VERSION = 1
#: ``dataset`` of a race on points drawn by the user (``points``).
DRAWN_DATASET = "drawn"
#: The largest configuration file read (one is about 1 kB; with 10 000 drawn points
#: about 500 kB).
MAX_CONFIG_BYTES = 1_000_000
#: Fields written to a file only when they differ from their defaults (a file without
#: them reads in versions that do not know them).
_OPTIONAL = ("inits", "test_fraction", "l1", "l2", "features", "points")


@dataclass(frozen=True)
class RaceConfig:
    """Everything that defines a race (validated on creation: ``ValueError``)."""

    keys: tuple[str, ...] = ("relu", "leaky_relu")
    dataset: str = "spirals"
    n_points: int = 400
    noise: float = 0.1
    hidden: tuple[int, ...] = (16, 16)
    learning_rate: float = 0.01
    optimizer: str = "adam"
    init: str = "he"
    seed: int = 0
    batch_size: int | None = None
    steps: int = 1000
    #: The user's CSV file when ``dataset`` is ``"csv"``.
    data_file: str | None = None
    #: Parameter values per key (missing ones: the activation's defaults).
    params: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    #: One initialisation per run, overriding ``init``, or () for ``init`` everywhere. With
    #: it a function may race more than once, under different initialisations (tanh with
    #: Gaussian against orthogonal weights).
    inits: tuple[str, ...] = ()
    #: The share of the points held out for testing (0: none; at most 0.9), the
    #: same points for every run (drawn from the seed).
    test_fraction: float = 0.0
    #: The rates of the L1 and L2 penalties on the weights (changeable while training).
    l1: float = 0.0
    l2: float = 0.0
    #: The network's inputs (``analysis.features.FEATURES``), kept in that order.
    features: tuple[str, ...] = DEFAULT_FEATURES
    #: The user's own points when ``dataset`` is ``"drawn"``: rows (x1, x2, class 0 to 9)
    #: or (x, y) for a curve to fit.
    points: tuple[tuple[float, ...], ...] | None = None

    def __post_init__(self) -> None:
        keys = tuple(self.keys)
        if not 1 <= len(keys) <= MAX_RUNS:
            raise ValueError(Message(w.RUN_COUNT, limit=MAX_RUNS, count=len(keys)))
        if not all(isinstance(k, str) for k in keys):  # (before a set: [1] is unhashable)
            raise ValueError(Message(w.KEYS_NOT_TEXT))
        inits = tuple(self.inits) if isinstance(self.inits, list | tuple) else None
        if inits is None or (inits and len(inits) != len(keys)):
            raise ValueError(Message(w.INITS_PER_RUN))
        inits = tuple(choice("init", i, INITS) for i in inits)
        runs = list(zip(keys, inits, strict=True)) if inits else list(keys)
        if len(set(runs)) != len(runs):
            raise ValueError(Message(w.RACES_ONCE))
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "inits", inits)
        choice("dataset", self.dataset, (*DATASETS_2D, *DATASETS_1D, CSV_DATASET, DRAWN_DATASET))
        if self.data_file is not None and (
            not isinstance(self.data_file, str) or "\0" in self.data_file
        ):
            raise ValueError(Message(w.DATA_FILE_NAME, value=self.data_file))
        if self.dataset == CSV_DATASET and not self.data_file:
            raise ValueError(Message(w.CSV_NEEDS_FILE))
        object.__setattr__(self, "points", _checked_points(self.points))
        if self.dataset == DRAWN_DATASET and self.points is None:
            raise ValueError(Message(w.DRAWN_NEEDS_POINTS))
        object.__setattr__(self, "features", _checked_features(self.features, self.dataset))
        # Stored as checked: an int for 2.0 read from a file, a float for a numpy float.
        checked: dict[str, object] = {
            "n_points": integer("n_points", self.n_points, 2, MAX_POINTS),
            "noise": number("noise", self.noise, 0.0, 10.0),
        }
        hidden = tuple(self.hidden) if isinstance(self.hidden, list | tuple) else None
        if hidden is None or not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(Message(w.HIDDEN_LAYERS, limit=MAX_LAYERS))
        width = Message(w.LAYER_WIDTH)
        checked["hidden"] = tuple(integer(width, w, 1, MAX_WIDTH) for w in hidden)
        checked["learning_rate"] = number("learning_rate", self.learning_rate, 1e-8, 10.0)
        choice("optimizer", self.optimizer, OPTIMIZERS)
        choice("init", self.init, INITS)
        checked["seed"] = integer("seed", self.seed, 0, 2**31 - 1)
        if self.batch_size is not None:
            checked["batch_size"] = integer("batch_size", self.batch_size, 1, MAX_POINTS)
        checked["steps"] = integer("steps", self.steps, 1, MAX_STEPS)
        checked["test_fraction"] = number("test_fraction", self.test_fraction, 0.0, 0.9)
        checked["l1"] = number("l1", self.l1, 0.0, MAX_PENALTY)
        checked["l2"] = number("l2", self.l2, 0.0, MAX_PENALTY)
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        if not isinstance(self.params, Mapping):
            raise ValueError(Message(w.PARAMS_MAP))
        params = {}
        for key, values in self.params.items():
            if not isinstance(values, Mapping):
                raise ValueError(Message(w.PARAMS_OF, key=key))
            params[str(key)] = {str(n): number(f"{key}.{n}", v) for n, v in values.items()}
        object.__setattr__(self, "params", params)

    def with_changes(self, **changes: object) -> RaceConfig:
        """A copy with ``changes`` (validated)."""
        return replace(self, **changes)

    def to_json(self) -> dict:
        """A JSON-ready dict (``from_json`` reads it back)."""
        data = asdict(self)
        data["keys"] = list(self.keys)
        data["hidden"] = list(self.hidden)
        data["params"] = {k: dict(v) for k, v in self.params.items() if k in self.keys}
        data["inits"] = list(self.inits)
        data["features"] = list(self.features)
        if self.points is not None:
            data["points"] = [list(row) for row in self.points]
        default = RaceConfig()
        for name in _OPTIONAL:  # (a file without them reads in versions that do not know them)
            if getattr(self, name) == getattr(default, name):
                del data[name]
        return {"actgui_race": CONFIG_VERSION, **data}

    @classmethod
    def from_json(cls, data: object) -> RaceConfig:
        """A configuration from ``to_json``'s dict; ``ValueError`` naming what is wrong."""
        if not isinstance(data, dict) or "actgui_race" not in data:
            raise ValueError(Message(w.NOT_A_RACE))
        version = data["actgui_race"]
        if type(version) is not int or version != CONFIG_VERSION:  # (True == 1 in Python)
            raise ValueError(Message(w.VERSION, version=version))
        names = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - names - {"actgui_race"})
        if unknown:
            raise ValueError(Message(w.UNKNOWN, names=", ".join(unknown)))
        values = {k: v for k, v in data.items() if k in names}
        for name in ("keys", "hidden", "inits", "features", "points"):
            if name in values and not isinstance(values[name], list):
                raise ValueError(Message(w.NOT_A_LIST, name=name))
        try:
            return cls(**values)
        except TypeError as exc:  # a wrongly typed value that a check did not name
            raise ValueError(str(exc)) from None


def read_config(path: str | os.PathLike[str]) -> RaceConfig:
    """The configuration in the JSON file ``path``, its ``data_file`` an absolute path (a
    relative one is taken relative to the JSON file's folder). ``ValueError`` (with the
    reason) for a file that is not one: a folder, a FIFO, a device, more than
    ``MAX_CONFIG_BYTES``, not UTF-8, not JSON, not a race; ``OSError`` for one that cannot
    be opened. The CSV file is not read here (:func:`load_csv`)."""
    text = read_text_bounded(path, MAX_CONFIG_BYTES)
    config = RaceConfig.from_json(loads_bounded(text, MAX_CONFIG_BYTES))
    if config.data_file:
        folder = _config_folder(path)
        config = replace(config, data_file=os.path.normpath(folder / config.data_file))
    return config


def save_config(path: str | os.PathLike[str], config: RaceConfig) -> Path:
    """Write ``config`` to the JSON file ``path``, whole or not at all (``OSError``; a
    folder, FIFO or device in its place is refused). Its ``data_file`` is written relative
    to the JSON file's folder when the CSV file lies in that folder or below it (the two
    can be moved or shared together), else as an absolute path."""
    path = Path(path)
    if config.data_file:
        config = replace(config, data_file=_data_file_for(path, config.data_file))
    text = config_text(config)
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path


def _config_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of the configuration file ``path`` (through links: where it really is,
    as ``write_atomically`` writes it)."""
    return Path(os.path.realpath(path)).parent


def _data_file_for(path: Path, data_file: str) -> str:
    """``data_file`` as a configuration file at ``path`` keeps it: relative (with '/') when
    the CSV file is in ``path``'s folder or below, else absolute."""
    absolute = Path(os.path.abspath(data_file))
    real = Path(os.path.realpath(absolute.parent)) / absolute.name  # the CSV's own link kept
    folder = _config_folder(path)
    if real.is_relative_to(folder):
        return real.relative_to(folder).as_posix()
    return str(absolute)


def config_text(config: RaceConfig) -> str:
    """The JSON text of ``config`` (what File → Save writes, ``data_file`` as it is:
    :func:`save_config` makes it relative to the file)."""
    return json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n"


def _checked_features(features: object, dataset: str) -> tuple[str, ...]:
    """``features`` as a tuple in ``FEATURES`` order; ``ValueError`` for anything but a
    non-empty list of known names, or none that applies to a built-in 1-D data set."""
    names = ", ".join(FEATURES)
    if not isinstance(features, list | tuple) or not features:
        raise ValueError(Message(w.FEATURES_LIST, names=names))
    if not all(isinstance(f, str) and f in FEATURES for f in features):
        raise ValueError(Message(w.FEATURES_LIST, names=names))
    chosen = tuple(f for f in FEATURES if f in features)
    if dataset in DATASETS_1D and not applicable(chosen, 1):
        raise ValueError(Message(w.FEATURES_NONE, names=", ".join(chosen)))
    return chosen


class _Points(tuple):
    """Drawn points already checked: a copy of the set-up with other changes (a learning
    rate dragged while 10 000 points are drawn) does not check them again (67–181 ms)."""

    __slots__ = ()


def _checked_points(points: object) -> tuple[tuple[float, ...], ...] | None:
    """Drawn points as a tuple of rows: (x1, x2, class) with a whole class from 0 to 9, or
    (x, y), all finite; ``ValueError`` otherwise."""
    if points is None or type(points) is _Points:
        return points
    bad = ValueError(Message(w.POINTS_ROWS, limit=MAX_POINTS))
    if not isinstance(points, list | tuple) or len(points) > MAX_POINTS:
        raise bad
    rows = []
    width = None
    for row in points:
        if not isinstance(row, list | tuple) or len(row) not in (2, 3):
            raise bad
        if width is not None and len(row) != width:
            raise bad
        width = len(row)
        try:
            values = [number("point", v) for v in row]
        except ValueError:
            raise bad from None
        if width == 3:
            if values[2] not in range(MAX_CLASSES):
                raise ValueError(Message(w.POINTS_CLASS, limit=MAX_CLASSES - 1))
            rows.append((values[0], values[1], int(values[2])))
        else:
            rows.append(tuple(values))
    return _Points(rows)


def drawn_data(points: tuple[tuple[float, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    """(inputs, targets) of drawn points: class labels for rows of three, reals for two.
    ``ValueError`` for fewer than ``MIN_DRAWN`` points."""
    if len(points) < MIN_DRAWN:
        raise ValueError(Message(w.TOO_FEW_POINTS, count=MIN_DRAWN, drawn=len(points)))
    table = np.array(points, dtype=np.float64)
    if table.shape[1] == 3:
        return table[:, :2].copy(), table[:, 2].astype(np.int64)
    return table[:, :1].copy(), table[:, 1].copy()


def points_of(inputs: np.ndarray, targets: np.ndarray) -> tuple[tuple[float, ...], ...]:
    """Points as ``RaceConfig.points`` rows: (x1, x2, class) for class labels, (x, y) for
    a curve's targets."""
    x = np.asarray(inputs, dtype=np.float64)
    y = np.asarray(targets)
    if np.issubdtype(y.dtype, np.integer):
        return tuple((a, b, c) for (a, b), c in zip(x[:, :2].tolist(), y.tolist(), strict=True))
    return tuple((a, b) for a, b in zip(x[:, 0].tolist(), y.tolist(), strict=True))
