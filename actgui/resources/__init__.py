"""Files shipped with actgui: the icon, the freedesktop entry and the translations. No Qt."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def resource(name: str) -> Path:
    """The path of a shipped file, e.g. ``resource("translations/actgui_zh_CN.qm")``."""
    return Path(str(importlib.resources.files(__name__) / name))
