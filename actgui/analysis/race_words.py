"""The words of :mod:`actgui.analysis.race`: why a race set-up is refused, as
:class:`~actgui.text.messages.Message` templates (English, with ``{fields}``), marked for
lupdate in the context ``actgui.messages`` and translated where they are shown. No Qt
here. The names of a set-up's entries (``keys``, ``inits``, ``data_file``…) are the JSON
file's own: a translation keeps them as they are.
"""

from __future__ import annotations

from actgui.text import QT_TRANSLATE_NOOP

# -- a configuration's values --------------------------------------------------------------
RUN_COUNT = QT_TRANSLATE_NOOP("actgui.messages", "a race has 1 to {limit} activations, got {count}")
KEYS_NOT_TEXT = QT_TRANSLATE_NOOP("actgui.messages", "activation keys must be text")
INITS_PER_RUN = QT_TRANSLATE_NOOP(
    "actgui.messages", "inits must give one initialisation per activation, or none"
)
RACES_ONCE = QT_TRANSLATE_NOOP(
    "actgui.messages", "each activation may race once (once per initialisation)"
)
DATA_FILE_NAME = QT_TRANSLATE_NOOP(
    "actgui.messages", "data_file must be a file name, got {value!r}"
)
CSV_NEEDS_FILE = QT_TRANSLATE_NOOP("actgui.messages", 'dataset "csv" needs a data_file')
HIDDEN_LAYERS = QT_TRANSLATE_NOOP(
    "actgui.messages", "hidden must be a list of 1 to {limit} layer widths"
)
#: The name of a hidden layer's width in "… must be an integer in [1, 256], not 0".
LAYER_WIDTH = QT_TRANSLATE_NOOP("actgui.messages", "a hidden layer's width")
PARAMS_MAP = QT_TRANSLATE_NOOP(
    "actgui.messages", "params must map activation keys to {{name: value}}"
)
PARAMS_OF = QT_TRANSLATE_NOOP("actgui.messages", "params of {key!r} must be {{name: value}}")
# -- a configuration file ----------------------------------------------------------------
NOT_A_RACE = QT_TRANSLATE_NOOP(
    "actgui.messages", 'not an actgui race configuration (no "actgui_race" entry)'
)
VERSION = QT_TRANSLATE_NOOP("actgui.messages", "unsupported configuration version {version!r}")
UNKNOWN = QT_TRANSLATE_NOOP("actgui.messages", "unknown entries: {names}")
NOT_A_LIST = QT_TRANSLATE_NOOP("actgui.messages", "{name} must be a list")
# -- its functions -------------------------------------------------------------------------
NO_ACTIVATION = QT_TRANSLATE_NOOP("actgui.messages", "no activation {key!r} here")
NO_PARAMETER = QT_TRANSLATE_NOOP("actgui.messages", "{key} has no parameter {names}")
# -- inputs, drawn points --------------------------------------------------------------
FEATURES_LIST = QT_TRANSLATE_NOOP(
    "actgui.messages", "features must be a list of input features from {names}"
)
FEATURES_NONE = QT_TRANSLATE_NOOP(
    "actgui.messages", "none of the input features {names} applies to 1-D data (x only)"
)
DRAWN_NEEDS_POINTS = QT_TRANSLATE_NOOP("actgui.messages", 'dataset "drawn" needs points')
POINTS_ROWS = QT_TRANSLATE_NOOP(
    "actgui.messages",
    "points must be a list of at most {limit} rows, all [x1, x2, class] or all [x, y] "
    "of finite numbers",
)
POINTS_CLASS = QT_TRANSLATE_NOOP(
    "actgui.messages", "a drawn point's class must be a whole number from 0 to {limit}"
)
TOO_FEW_POINTS = QT_TRANSLATE_NOOP(
    "actgui.messages", "draw at least {count} points to train on (there are {drawn})"
)
