"""The command line: ``actgui [--export FILE ...] [--install-desktop-entry] [--version]``.

``--export`` renders with no window shown, through the same plot view and
export functions as the menu. Every argument is checked before anything is
rendered: a bad one gives a one-line error naming it, exit status 2, and no
file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actgui import __version__
from actgui.activations import ORDERS, REGISTRY
from actgui.model import DEFAULT_ENABLED, DEFAULT_ORDERS, check_x_range
from actgui.shell.export import DATA_FORMATS, IMAGE_FORMATS, MAX_PIXELS, MAX_SIDE

EXIT_USAGE = 2
#: --theme: an exported image has explicit colours ("system" makes no sense without a window).
THEMES = ("light", "dark")
CLI_BACKGROUNDS = ("white", "transparent")


class UsageError(Exception):
    """A bad command-line value; the message names it."""


@dataclass
class ExportRequest:
    """A validated ``--export`` request."""

    path: Path
    functions: tuple[str, ...]
    orders: tuple[int, ...]
    params: dict[str, dict[str, float]] = field(default_factory=dict)
    x_range: tuple[float, float] | None = None
    size: tuple[int, int] = (1600, 1000)
    theme: str = "light"
    background: str | None = None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` lists every option)."""
    parser = argparse.ArgumentParser(
        prog="actgui",
        description="Explore neural-network activation functions and their derivatives. "
        "Without options, opens the window.",
        epilog="Example: actgui --export relu.pdf --functions relu,elu --orders 0,1 "
        "--param elu.alpha=0.5 --x-range=-5,5",
    )
    parser.add_argument("--version", action="version", version=f"actgui {__version__}")
    parser.add_argument(
        "--export",
        metavar="FILE",
        help="write the plot to FILE (.png, .svg, .pdf or .csv) without opening a window",
    )
    parser.add_argument(
        "--functions", metavar="KEYS", help="comma-separated keys to show, e.g. relu,elu"
    )
    parser.add_argument("--orders", metavar="ORDERS", help="derivative orders to show: 0,1,2")
    parser.add_argument(
        "--param",
        metavar="KEY.NAME=VALUE",
        action="append",
        default=[],
        help="set a parameter, e.g. leaky_relu.alpha=0.2 (repeatable)",
    )
    parser.add_argument("--x-range", metavar="MIN,MAX", help="x-interval, e.g. --x-range=-5,5")
    parser.add_argument("--size", metavar="WxH", help="image size in pixels (default 1600x1000)")
    parser.add_argument("--theme", choices=THEMES, help="colours of the exported plot")
    parser.add_argument("--background", choices=CLI_BACKGROUNDS, help="image background")
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add actgui to the desktop's application menu (XDG data dir)",
    )
    parser.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added",
    )
    return parser


def normalise_argv(argv: Sequence[str]) -> list[str]:
    """Let ``--x-range -5,5`` through: argparse would take "-5,5" for an option."""
    out = list(argv)
    for i, arg in enumerate(out[:-1]):
        if arg == "--x-range" and out[i + 1].startswith("-"):
            out[i : i + 2] = [f"--x-range={out[i + 1]}"]
            break
    return out


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def export_request(args: argparse.Namespace) -> ExportRequest:
    """Check every export argument; ``UsageError`` naming the first bad one."""
    path = Path(args.export)
    ext = path.suffix.lower().lstrip(".")
    if ext not in {**IMAGE_FORMATS, **DATA_FORMATS}:
        raise UsageError(f"--export {args.export}: use a .png, .svg, .pdf or .csv file name")
    if not path.parent.is_dir():
        raise UsageError(f"--export {args.export}: the folder {path.parent} does not exist")
    functions = tuple(_split(args.functions)) if args.functions is not None else DEFAULT_ENABLED
    for key in functions:
        if key not in REGISTRY:
            raise UsageError(f"--functions: unknown function {key!r}")
    if not functions:
        raise UsageError("--functions: name at least one function")
    orders = DEFAULT_ORDERS
    if args.orders is not None:
        try:
            orders = tuple(sorted({int(o) for o in _split(args.orders)}))
        except ValueError:
            raise UsageError(f"--orders {args.orders}: use 0, 1 and/or 2") from None
        if not orders or not set(orders) <= set(ORDERS):
            raise UsageError(f"--orders {args.orders}: use 0, 1 and/or 2")
    params: dict[str, dict[str, float]] = {}
    for spec in args.param:
        key_name, sep, value = spec.partition("=")
        key, dot, name = key_name.partition(".")
        if not (sep and dot):
            raise UsageError(f"--param {spec}: write it as KEY.NAME=VALUE")
        if key not in REGISTRY:
            raise UsageError(f"--param {spec}: unknown function {key!r}")
        try:
            REGISTRY[key].param(name)
        except KeyError:
            raise UsageError(f"--param {spec}: {key} has no parameter {name!r}") from None
        params.setdefault(key, {})[name] = _number(value, f"--param {spec}")
    for key, values in params.items():
        try:
            REGISTRY[key].resolve(**values)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"--param: {exc}") from None
    x_range = None
    if args.x_range is not None:
        parts = _split(args.x_range)
        if len(parts) != 2:
            raise UsageError(f"--x-range {args.x_range}: write it as MIN,MAX")
        lo, hi = (_number(p, f"--x-range {args.x_range}") for p in parts)
        try:
            x_range = check_x_range(lo, hi)
        except ValueError as exc:
            raise UsageError(f"--x-range {args.x_range}: {exc}") from None
    size = (1600, 1000)
    if args.size is not None:
        w, sep, h = args.size.lower().partition("x")
        try:
            size = (int(w), int(h))
        except ValueError:
            raise UsageError(
                f"--size {args.size}: write it as WIDTHxHEIGHT, e.g. 1600x1000"
            ) from None
        if not (sep and 100 <= size[0] <= MAX_SIDE and 100 <= size[1] <= MAX_SIDE):
            raise UsageError(f"--size {args.size}: each side must be 100 to {MAX_SIDE} pixels")
        if size[0] * size[1] > MAX_PIXELS:
            raise UsageError(
                f"--size {args.size}: at most {MAX_PIXELS // 1_000_000} million pixels "
                f"(e.g. 8000x4000)"
            )
    return ExportRequest(
        path, functions, orders, params, x_range, size, args.theme or "light", args.background
    )


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{where}: {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"{where}: {text!r} is not a finite number")
    return value


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
    model.set_enabled_keys(request.functions)
    for order in ORDERS:
        model.set_order_shown(order, order in request.orders)
    for key, values in request.params.items():
        model.set_params(key, values)
    if request.x_range is not None:
        model.set_x_range(*request.x_range)
    prefs = Preferences()
    prefs.set_theme(request.theme)
    prefs.set_image_options(background=request.background or "shown")
    plot = PlotView(model)
    plot.set_theme(prefs.effective_theme())
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


def main_cli(argv: Sequence[str]) -> int | None:
    """Handle the command line; an exit status, or None to go on and open the window."""
    parser = build_parser()
    args = parser.parse_args(normalise_argv(argv))
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
    if args.export is None:
        given = [
            o
            for o in ("functions", "orders", "x_range", "size", "theme", "background")
            if getattr(args, o) is not None
        ] + (["param"] if args.param else [])
        if given:
            _say(f"actgui: error: --{given[0].replace('_', '-')} needs --export FILE", error=True)
            return EXIT_USAGE
        return None
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


def _say(text: str, error: bool = False) -> None:
    """Print, unless there is no console (a GUI launcher gives None streams)."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(text, file=stream)
