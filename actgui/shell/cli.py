"""The command line: ``actgui [--export FILE ...] [--install-desktop-entry] [--version]``.

``--export`` renders with no window shown, through the same plot view and
export functions as the menu. Every argument is checked first (``shell.cli_args``):
a bad one gives a one-line error naming it, exit status 2, and no file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from actgui.activations import ORDERS
from actgui.files import escape_controls
from actgui.shell.cli_args import (
    EXPORT_OPTIONS,
    ExportRequest,
    UsageError,
    build_parser,
    custom_definitions_of,
    export_request,
    normalise_argv,
)

EXIT_USAGE = 2


def run_export(request: ExportRequest) -> None:
    """Render ``request`` with no window shown (``ExportError`` if the file cannot be written)."""
    # No window, whatever platform the desktop set (QT_QPA_PLATFORM=wayland would flash one);
    # only takes effect if no QApplication exists yet.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from actgui.model import ExplorerModel
    from actgui.plot.view import PlotView
    from actgui.preferences import Preferences
    from actgui.shell.desktop import ensure_app
    from actgui.shell.export import export_csv, export_image
    from actgui.shell.safety import route_qt_messages

    app = ensure_app()
    route_qt_messages(quiet=True)  # Qt's warnings (libpng's "Write Error"): log, not stderr
    # The same model and preferences the window uses, filled from the request
    # (preferences without settings: the command line never changes the user's).
    model = ExplorerModel()
    model.set_selected(None)  # no function drawn wider than the others
    model.set_enabled_keys(request.functions)
    for order in ORDERS:
        model.set_order_shown(order, order in request.orders)
    for key, values in request.params.items():
        model.set_params(key, values)
    if request.x_range is not None:
        model.set_x_range(*request.x_range)
    prefs = Preferences()
    prefs.set_theme(request.theme)
    prefs.set_image_options(request.scale, request.background or "shown")
    plot = PlotView(model)
    plot.set_theme(prefs.effective_theme())
    plot.set_presentation(request.presentation())
    plot.resize(*request.size)
    plot.show()  # laid out; the offscreen platform shows nothing
    app.processEvents()
    try:
        if request.path.suffix.lower() == ".csv":
            export_csv(plot, model, request.path)
        else:
            export_image(plot, request.path, prefs.image_options())
    finally:
        plot.close()
        app.processEvents()


def main_cli(argv: Sequence[str], build_window: Callable | None = None) -> int | None:
    """Handle the command line; an exit status, or None to go on and open the window.

    ``build_window`` (``actgui.app.build_window``) is what ``--selftest`` tests."""
    parser = build_parser()
    try:
        args = parser.parse_args(normalise_argv(argv))
    except UsageError as exc:
        _say(f"actgui: error: {exc}", error=True)
        return EXIT_USAGE
    if args.selftest is not None:
        if build_window is None:  # only actgui.app.main knows how to build the window
            _say("actgui: error: --selftest runs through actgui.app.main", error=True)
            return 1
        return _selftest(Path(args.selftest), build_window)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from actgui.shell.desktop import install_desktop_entry, uninstall_desktop_entry

        try:
            paths = (
                install_desktop_entry() if args.install_desktop_entry else uninstall_desktop_entry()
            )
        except OSError as exc:
            where = exc.filename or ""
            _say(f"actgui: error: {exc.strerror or exc}: {where}".rstrip(": "), error=True)
            return 1
        for path in paths:
            _say(str(path))
        return 0
    try:
        customs = custom_definitions_of(args.custom)
    except UsageError as exc:
        _say(f"actgui: error: {exc}", error=True)
        return EXIT_USAGE
    if args.export is None:
        given = [o for o in EXPORT_OPTIONS if getattr(args, o) is not None] + (
            ["param"] if args.param else []
        )
        if given:
            _say(f"actgui: error: --{given[0].replace('_', '-')} needs --export FILE", error=True)
            return EXIT_USAGE
        return None
    from actgui.activations import add_custom

    try:
        for definition in customs:  # this run only: the export reads no settings
            add_custom(definition)
    except ValueError as exc:  # (checked above; a refusal is still a message)
        _say(f"actgui: error: {exc}", error=True)
        return EXIT_USAGE
    try:
        request = export_request(args)
    except UsageError as exc:
        _say(f"actgui: error: {exc}", error=True)
        return EXIT_USAGE
    from actgui.shell.export import ExportError

    try:
        run_export(request)
    except ExportError as exc:
        _say(f"actgui: error: {exc}", error=True)
        return 1
    _say(str(request.path))
    return 0


def _selftest(folder: Path, build_window: Callable) -> int:
    from actgui.shell.selftest import SelfTestError, run_selftest

    try:
        for line in run_selftest(folder, build_window):
            _say(line)
    except (SelfTestError, OSError) as exc:
        _say(f"actgui: self-test failed: {exc}", error=True)
        return 1
    _say("self-test passed")
    return 0


def _say(text: str, error: bool = False) -> None:
    """Print, unless there is no console (a GUI launcher gives None streams). An error is
    one line whatever a user typed (control characters escaped); a file name that is not
    valid in the console's encoding is shown with escapes, not a ``UnicodeEncodeError``."""
    stream = sys.stderr if error else sys.stdout
    if stream is None:
        return
    if error:
        text = escape_controls(text)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    print(text, file=stream)
