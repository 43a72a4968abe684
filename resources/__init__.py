"""Files shipped with actgui: the icon, the freedesktop entry and the translations. No Qt.

This folder is the top-level ``resources/`` of the repository; pyproject.toml maps it to the
package ``actgui.resources`` (``[tool.setuptools.package-dir]``), so an installed actgui,
editable or not, finds its files here.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def resource(name: str) -> Path:
    """The path of a shipped file, e.g. ``resource("translations/actgui_zh_CN.qm")``."""
    return Path(str(importlib.resources.files(__name__) / name))
