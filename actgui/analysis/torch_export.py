"""A race taken out to PyTorch (no Qt, and no torch: the app never needs it).

:func:`write_pytorch_export` writes ``name.py``, a self-contained script (numpy, torch and
the standard library) that rebuilds the race's networks in PyTorch and trains them, and
``name.npz`` beside it: the training and test points, every run's **initial** weights,
biases and PReLU slopes, its learning rate, L1 and L2 rates at every step (they may change
while a race trains) and actgui's loss curves, for the script's ``--check``. The initial
parameters come from a fresh :class:`~actgui.analysis.trainer.Run` built with the race's
set-up (a run's weights are drawn from the seed alone), not from the race's runs, which
have trained since. :func:`weights_json` gives the runs' current parameters as plain data
(:func:`write_weights_json` writes them).

The race may be a :class:`~actgui.analysis.race.Race` or a read-only mirror of one: only
``config``, ``runs`` (each ``act``, ``init``, ``records()``, ``net.weights``/``biases``/
``alphas``), ``params`` (optional), ``inputs``/``targets``, ``test_inputs``/
``test_targets`` and ``lock`` (optional) are read.

What is not exported: the optimiser a race switched to while training (the steps record
none: the script uses the race's current one throughout), and a function of your own
whose formula has a part with no torch form (refused, naming the function).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from actgui.analysis import torch_activations as ta
from actgui.analysis.features import applicable
from actgui.analysis.torch_script import SCRIPT
from actgui.files import write_atomically
from actgui.text.messages import Message

#: The version of :func:`weights_json`'s document.
WEIGHTS_VERSION = 1
#: The script's expressions for the input features (``analysis.features.FEATURES``).
_FEATURE_CODE = {
    "x1": "x1", "x2": "x2", "x1^2": "x1 * x1", "x2^2": "x2 * x2", "x1*x2": "x1 * x2",
    "sin(x1)": "np.sin(x1)", "sin(x2)": "np.sin(x2)",
}  # fmt: skip


def _run_ids(race) -> list[str]:
    """Each run's name: its key, or "key/init" when the race gives inits per run."""
    config = race.config
    if not config.inits:
        return list(config.keys)
    return [f"{k}/{i}" for k, i in zip(config.keys, config.inits, strict=True)]


def _values(race, run) -> dict[str, float]:
    """The parameter values ``run``'s activation trained with."""
    key = run.act.key
    params = getattr(race, "params", None)
    if params is not None and key in params:
        return dict(params[key])
    return _activation(run).resolve(**race.config.params.get(key, {}))


def _activation(run):
    from actgui.activations import REGISTRY
    from actgui.activations.base import Activation

    return run.act if isinstance(run.act, Activation) else REGISTRY[run.act.key]


def _features(race) -> tuple[str, ...]:
    return applicable(race.config.features, np.asarray(race.inputs).shape[1])


def _lock(race):
    return getattr(race, "lock", None) or contextlib.nullcontext()


def _chosen(race, run_index: int | None) -> list[int]:
    count = len(race.runs)
    if run_index is None:
        return list(range(count))
    if not 0 <= run_index < count:
        raise IndexError(f"run {run_index} of a race of {count}")
    return [run_index]


# ---------------------------------------------------------------------------------------
# The script and its numbers
# ---------------------------------------------------------------------------------------


def initial_parameters(race, index: int):
    """The weights, biases and PReLU slopes run ``index`` of ``race`` started from: those
    of a fresh :class:`~actgui.analysis.trainer.Run` built with the race's set-up."""
    from actgui.analysis.trainer import Run

    config, run = race.config, race.runs[index]
    fresh = Run(
        _activation(run), race.inputs, race.targets, config.hidden, config.learning_rate,
        config.optimizer, run.init, config.seed, features=config.features,
        test=(race.test_inputs, race.test_targets), params=_values(race, run),
    )  # fmt: skip
    net = fresh.net
    return list(net.weights), list(net.biases), [float(a[0]) for a in net.alphas]


def export_arrays(race, run_index: int | None = None) -> dict[str, np.ndarray]:
    """The numbers of the exported script: its ``name.npz`` (array name → array)."""
    with _lock(race):
        snapshot = [(i, race.runs[i].records()) for i in _chosen(race, run_index)]
        config = race.config
    steps = max([config.steps, *(len(r["loss"]) for _, r in snapshot)])
    arrays: dict[str, np.ndarray] = {
        "train_inputs": np.asarray(race.inputs, dtype=np.float64),
        "train_targets": np.asarray(race.targets),
        "test_inputs": np.asarray(race.test_inputs, dtype=np.float64),
        "test_targets": np.asarray(race.test_targets),
        "features": np.array(_features(race), dtype=str),
        "seed": np.array(config.seed),
        "batch_size": np.array(_batch(race) or 0),
    }
    for number, (i, records) in enumerate(snapshot, start=1):
        prefix = f"run{number}"
        weights, biases, alphas = initial_parameters(race, i)
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            arrays[f"{prefix}_W{layer}"] = np.array(w, dtype=np.float64)
            arrays[f"{prefix}_b{layer}"] = np.array(b, dtype=np.float64)
        if alphas:
            arrays[f"{prefix}_alpha"] = np.array(alphas, dtype=np.float64)
        now = {
            "learning_rate": config.learning_rate, "l1": config.l1, "l2": config.l2,
            "adam": 1.0 if config.optimizer == "adam" else 0.0,
        }  # fmt: skip
        for name, value in now.items():  # the steps taken, then today's value
            taken = np.asarray(records[name], dtype=np.float64)
            arrays[f"{prefix}_{name}"] = np.concatenate(
                [taken, np.full(steps - taken.shape[0], float(value))]
            )
        arrays[f"{prefix}_loss"] = np.asarray(records["loss"], dtype=np.float64)
        arrays[f"{prefix}_test_loss"] = np.asarray(records["test_loss"], dtype=np.float64)
    return arrays


def _batch(race) -> int | None:
    size, n = race.config.batch_size, np.asarray(race.targets).shape[0]
    return None if size is None or size >= n else int(size)


def pytorch_script(race, name: str, run_index: int | None = None) -> str:
    """The script ``name.py`` that trains ``race`` (or its run ``run_index``) again in
    PyTorch, reading ``name.npz`` (:func:`export_arrays`). ``ValueError`` (a
    :class:`~actgui.text.messages.Message` naming the function) for an activation with no
    PyTorch form."""
    config = race.config
    chosen = _chosen(race, run_index)
    ids = _run_ids(race)
    classify = bool(np.issubdtype(np.asarray(race.targets).dtype, np.integer))
    runs = []
    for number, i in enumerate(chosen, start=1):
        run = race.runs[i]
        entry = {
            "id": _quoted(f"run{number}"),
            "name": _quoted(ids[i]),
            "activation": _quoted(run.act.key),
            "init": _quoted(run.init),
            "learned_slope": str(run.act.key == "prelu"),
        }
        pairs = [f'"{k}": {v}' for k, v in entry.items()]
        line = f"    {{{', '.join(pairs)}}},"
        if len(line) > 100:  # (one entry a line, as a formatter would write it)
            line = "\n".join(["    {", *(f"        {p}," for p in pairs), "    },"])
        runs.append(line)
    settings = "\n".join(
        [
            f"CLASSIFY = {classify}  # True: classes, softmax cross-entropy; False: a fit, "
            "squared error",
            f"HIDDEN = {tuple(config.hidden)!r}  # the hidden layers' widths",
            f'OPTIMIZER = "{config.optimizer}"  # now: "sgd" (momentum 0.9) or "adam" '
            "(betas 0.9, 0.999, eps 1e-8); each step's is in the .npz",
            f"BATCH_SIZE = {_batch(race)!r}  # training points per step (None: all of them)",
            f"SEED = {config.seed}  # actgui's seed: the batches are drawn from it",
            f"STEPS = {max([config.steps, *(race.runs[i].steps for i in chosen)])}",
            "# Each run: its activation function, how actgui drew its initial weights (they",
            "# are in the .npz), and whether it learns PReLU's slope α.",
            "RUNS = [",
            *runs,
            "]",
        ]
    )
    return SCRIPT.substitute(
        title=_in_docstring(_title(race, chosen)),
        name=_in_docstring(name),
        settings=settings,
        features=_features_source(_features(race)),
        activations=_activations_source(race, chosen),
    )


def _in_docstring(text: str) -> str:
    """``text`` as it reads inside the script's docstring: backslashes and quotes escaped
    (a file named my"race.py, or x\\N.py, gave a script that did not parse)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _quoted(text: str) -> str:
    """``text`` as a Python string literal in double quotes."""
    return json.dumps(text, ensure_ascii=False)


def _title(race, chosen: list[int]) -> str:
    ids = _run_ids(race)
    names = ", ".join(ids[i] for i in chosen)
    return f"A race of activation functions ({names}) on {race.config.dataset}, in PyTorch."


def _features_source(names: tuple[str, ...]) -> str:
    two = any("x2" in n for n in names)
    lines = [
        f"FEATURES = ({', '.join(map(_quoted, names))}{',' if len(names) == 1 else ''})",
        "",
        "",
        "def features(points):",
        '    """The network\'s input columns (FEATURES) of raw points (n × 1 or n × 2)."""',
        "    x1 = points[:, 0]",
    ]
    if two:
        lines.append("    x2 = points[:, 1]")
    columns = ", ".join(_FEATURE_CODE[n] for n in names)
    lines.append(f"    return np.column_stack([{columns}])")
    return "\n".join(lines)


def _activations_source(race, chosen: list[int]) -> str:
    """Every run's activation as a Python function, the built-ins a formula calls, and
    ``ACTIVATIONS`` (key → function)."""
    from actgui.activations import REGISTRY

    sources: dict[str, str] = {}
    called: dict[str, dict[str, float]] = {}
    keys: list[str] = []
    for i in chosen:
        run = race.runs[i]
        key = run.act.key
        if key in keys:
            continue
        keys.append(key)
        act = _activation(run)
        values = _values(race, run)
        if act.family == "custom":
            sources[key], uses = _custom_source(act, values)
            called.update(uses)
        else:
            sources[key] = ta.builtin_source(key, values, act.name)
    for key, defaults in called.items():
        if key not in sources:
            sources[key] = ta.builtin_source(key, defaults, REGISTRY[key].name)
    table = ", ".join(f"{_quoted(k)}: {ta.function_name(k)}" for k in keys)
    return "\n\n".join([*sources.values(), f"ACTIVATIONS = {{{table}}}"])


def _custom_source(act, values: Mapping[str, float]):
    """A function of your own in torch operations, from its formula (as registered here,
    checked against the function the race trained with)."""
    from actgui.activations.custom import custom_definitions, trees
    from actgui.activations.formula import evaluate

    definition = next((d for d in custom_definitions() if d.key == act.key), None)
    if definition is None:
        raise ValueError(Message(ta.FORMULA_UNKNOWN, name=act.name))
    from actgui.activations import REGISTRY

    builtins = {k: a for k, a in REGISTRY.items() if a.family != "custom"}
    probe = np.linspace(-10.0, 10.0, 201)
    with np.errstate(all="ignore"):
        mine = np.broadcast_to(evaluate(trees(definition.expression)[0], probe, values,
                                        builtins), probe.shape)  # fmt: skip
        trained = act.forward(probe, **values)
    if not np.array_equal(mine, trained, equal_nan=True):
        raise ValueError(Message(ta.FORMULA_CHANGED, name=act.name))
    return ta.formula_source(act.key, definition.expression, values, act.name)


def write_pytorch_export(
    path_py: str | os.PathLike[str], race, run_index: int | None = None
) -> tuple[Path, Path]:
    """Write the script ``name.py`` (:func:`pytorch_script`) and its numbers ``name.npz``
    (:func:`export_arrays`) beside it; returns both paths. Everything is made before a
    file is touched: a refused function (``ValueError``) or a file that cannot be written
    (``OSError``) leaves no new file, and each file is replaced whole or not at all."""
    path_py = Path(path_py)
    if path_py.suffix != ".py":
        path_py = path_py.with_name(path_py.name + ".py")
    path_npz = path_py.with_suffix(".npz")
    text = pytorch_script(race, path_py.stem, run_index)
    buffer = io.BytesIO()
    np.savez(buffer, **export_arrays(race, run_index))
    data = buffer.getvalue()
    existed = path_npz.exists()

    def write_py(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    def write_npz(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(path_npz, write_npz)
    try:
        write_atomically(path_py, write_py)
    except BaseException:
        if not existed:  # (no script: no numbers either)
            path_npz.unlink(missing_ok=True)
        raise
    return path_py, path_npz


# ---------------------------------------------------------------------------------------
# Weights as JSON
# ---------------------------------------------------------------------------------------


def _plain(value: float):
    """A float for JSON: itself (every digit: ``json`` writes its repr), or a word for a
    value JSON has no number for ("nan", "inf", "-inf")."""
    value = float(value)
    return value if math.isfinite(value) else repr(value)


def _matrix(array: np.ndarray) -> dict:
    array = np.asarray(array, dtype=np.float64)
    values = np.vectorize(_plain, otypes=[object])(array).tolist() if array.size else []
    return {"shape": list(array.shape), "values": values}


def weights_json(race) -> dict:
    """Every run's current parameters as plain data: activation, parameter values,
    initialisation, input features, and per layer ``weight`` (fan_in × fan_out: a layer
    computes x @ weight + bias) and ``bias``, each ``{"shape", "values"}``; PReLU's learned
    slopes as ``alphas``. Floats keep every digit; NaN and ±inf are written "nan", "inf",
    "-inf"."""
    features = list(_features(race))
    ids = _run_ids(race)
    runs = []
    with _lock(race):
        for name, run in zip(ids, race.runs, strict=True):
            net = run.net
            layers = [
                {"weight": _matrix(w), "bias": _matrix(b)}
                for w, b in zip(net.weights, net.biases, strict=True)
            ]
            runs.append(
                {
                    "name": name,
                    "activation": run.act.key,
                    "params": {k: _plain(v) for k, v in _values(race, run).items()},
                    "init": run.init,
                    "features": features,
                    # (the weights' own step: a mirror's lag its records)
                    "steps": int(getattr(run, "parameter_steps", run.steps)),
                    "layers": layers,
                    "alphas": [_plain(a[0]) for a in net.alphas],
                }
            )
    return {"actgui_weights": WEIGHTS_VERSION, "dataset": race.config.dataset, "runs": runs}


def write_weights_json(path: str | os.PathLike[str], race) -> Path:
    """Write :func:`weights_json` to ``path``, whole or not at all (``OSError``)."""
    path = Path(path)
    text = json.dumps(weights_json(race), allow_nan=False) + "\n"
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
