"""Desktop integration: the application object with its names and icon, the freedesktop
menu entry, and logging when there is no console."""

from __future__ import annotations

import logging
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from actgui import __version__
from actgui.files import write_atomically
from actgui.resources import resource

APP_ID = "actgui"
ORGANIZATION = "actgui"
APPLICATION = "actgui"
ENTRY_NAME = f"{APP_ID}.desktop"
ICON_NAME = f"{APP_ID}.svg"


def ensure_app(argv: Sequence[str] | None = None):
    """The running ``QApplication``, created (with our names and icon) if there is none yet."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # ties windows to actgui.desktop (StartupWMClass)
    app.setWindowIcon(QIcon(str(resource(ICON_NAME))))
    # The wheel scrolls a panel; a spin box, slider or combo box changes only with focus.
    from actgui.shell.focus import guard_wheel

    guard_wheel(app)
    return app


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` as the XDG spec says."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def entry_path() -> Path:
    """Where the menu entry is installed."""
    return data_home() / "applications" / ENTRY_NAME


def icon_path() -> Path:
    """Where the icon is installed (the hicolor theme's scalable size)."""
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def desktop_entry_text() -> str:
    """The shipped entry with ``Exec`` pointing at this Python (or, in the standalone build,
    at the frozen program itself), so it works without PATH."""
    command = (sys.executable,) if getattr(sys, "frozen", False) else (sys.executable, "-m", APP_ID)
    exec_line = " ".join(_quote(part) for part in command)
    lines = resource(ENTRY_NAME).read_text(encoding="utf-8").splitlines()
    return "\n".join(f"Exec={exec_line}" if ln.startswith("Exec=") else ln for ln in lines) + "\n"


def _quote(arg: str) -> str:
    # The desktop-entry spec: quote arguments with reserved characters in double quotes.
    if all(c.isalnum() or c in "/._-+" for c in arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda tmp: tmp.write_bytes(data))


def install_desktop_entry() -> list[Path]:
    """Write the menu entry and the icon under the user's XDG data dir; returns their paths."""
    _write_atomically(entry_path(), desktop_entry_text().encode("utf-8"))
    _write_atomically(icon_path(), resource(ICON_NAME).read_bytes())
    return [entry_path(), icon_path()]


def uninstall_desktop_entry() -> list[Path]:
    """Remove what :func:`install_desktop_entry` wrote; returns the paths removed."""
    removed = []
    for path in (entry_path(), icon_path()):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def setup_logging(log_dir: Path) -> Path | None:
    """Log to stderr, or, when there is no console (stderr is None), to a file in ``log_dir``.

    Returns the log file's path when one is used.
    """
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    if sys.stderr is not None:
        logging.basicConfig(level=logging.INFO, format=fmt)
        return None
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{APP_ID}.log"
    logging.basicConfig(level=logging.INFO, format=fmt, filename=str(path), encoding="utf-8")
    return path


def shell_quote(path: Path) -> str:
    """``path`` quoted for a shell, for messages that tell users what to run."""
    return shlex.quote(str(path))
