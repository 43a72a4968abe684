"""The command line's arguments: the parser, names resolved, an ``--export`` request checked.

Function keys and parameter names are case-insensitive, take '-' for '_' and also accept a
function's display name ("Leaky ReLU") or a parameter's label; an unknown one is answered
with the closest match and the valid ones. Every argument is checked before anything is
rendered: a bad one is a :class:`UsageError` naming it. ``shell.cli`` runs what they ask.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actgui import __version__
from actgui.activations import FAMILIES, ORDERS, REGISTRY, Activation
from actgui.files import check_target, shown_name
from actgui.model import DEFAULT_ENABLED, DEFAULT_ORDERS, check_x_range
from actgui.preferences import (
    DEFAULT_FONT_SIZE,
    FONT_SIZES,
    LINE_WIDTHS,
    SCALES,
    Presentation,
    one_line,
)
from actgui.shell.formats import DATA_FORMATS, IMAGE_FORMATS, MAX_PIXELS, MAX_SIDE

#: --theme: an exported image has explicit colours ("system" makes no sense without a window).
THEMES = ("light", "dark")
CLI_BACKGROUNDS = ("white", "transparent")
#: Options that only make sense with --export.
EXPORT_OPTIONS = (
    "functions", "orders", "x_range", "size", "theme", "background", "scale", "line_width",
    "font_size", "title",
)  # fmt: skip


class UsageError(Exception):
    """A bad command-line value; the message names it."""


class _Parser(argparse.ArgumentParser):
    """argparse, whose errors are a :class:`UsageError` (one line, exit 2) rather than
    its usage text and ``SystemExit``."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message}; see actgui --help")


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
    scale: int = 1
    #: None: in proportion to the text (1 px at the default font size).
    line_width: float | None = None
    font_size: int = DEFAULT_FONT_SIZE
    title: str = ""

    def presentation(self) -> Presentation:
        """The plot's presentation: without ``--line-width``, a larger ``--font-size``
        widens the lines with the text (18 pt: 2 px), as Presentation Mode does on screen;
        the margins always grow with the text."""
        if self.line_width is None:
            return Presentation(title=self.title, scale=self.font_size / DEFAULT_FONT_SIZE)
        return Presentation(self.line_width, self.font_size, self.title)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` lists every option)."""
    parser = _Parser(
        prog="actgui",
        description="Explore neural-network activation functions and their derivatives.\n"
        "Without options, opens the window.",
        epilog=keys_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"actgui {__version__}")
    parser.add_argument(
        "--export",
        metavar="FILE",
        help="write the plot to FILE (.png, .svg, .pdf or .csv) without opening a window",
    )
    parser.add_argument(
        "--functions",
        metavar="KEYS",
        help="comma-separated keys to show, e.g. relu,elu (all keys below)",
    )
    parser.add_argument("--orders", metavar="ORDERS", help="derivative orders to show: 0,1,2")
    parser.add_argument(
        "--param",
        metavar="KEY.NAME=VALUE",
        action="append",
        default=[],
        help="set a parameter, e.g. leaky_relu.alpha=0.2 (repeatable)",
    )
    parser.add_argument(
        "--custom",
        metavar="NAME=FORMULA",
        action="append",
        default=[],
        help="a function of your own, e.g. --custom 'my swish=x*sigmoid(beta*x)' (repeatable; "
        "its key is the name in lower case with _ for spaces)",
    )
    parser.add_argument("--x-range", metavar="MIN,MAX", help="x-interval, e.g. --x-range=-5,5")
    parser.add_argument("--size", metavar="WxH", help="image size in pixels (default 1600x1000)")
    parser.add_argument("--theme", choices=THEMES, help="colours of the exported plot")
    parser.add_argument("--background", choices=CLI_BACKGROUNDS, help="image background")
    parser.add_argument(
        "--scale",
        type=int,
        choices=SCALES,
        help="PNG pixels per layout pixel: lines and text grow with it (default 1)",
    )
    parser.add_argument(
        "--line-width",
        type=float,
        choices=LINE_WIDTHS,
        metavar="PX",
        help="curve width in pixels: "
        + ", ".join(f"{w:g}" for w in LINE_WIDTHS)
        + " (default: 1 at the default font size, growing with --font-size)",
    )
    parser.add_argument(
        "--font-size",
        type=int,
        choices=FONT_SIZES,
        metavar="PT",
        help="text size in points: "
        + ", ".join(str(f) for f in FONT_SIZES)
        + f" (default {DEFAULT_FONT_SIZE})",
    )
    parser.add_argument("--title", metavar="TEXT", help="a title above the plot")
    # Hidden: builds the window offscreen, exports, checks the files (CI runs it on the bundle).
    parser.add_argument("--selftest", metavar="FOLDER", help=argparse.SUPPRESS)
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


def keys_epilog(width: int = 79) -> str:
    """The valid function keys by family, each with its parameters, for ``--help``."""
    lines = [
        "Function keys, parameters in brackets (case-insensitive; '-' for '_' and",
        'display names such as "Leaky ReLU" work too):',
    ]
    for family, title in FAMILIES.items():
        items = [
            key + (f" ({', '.join(p.name for p in act.params)})" if act.params else "")
            for key, act in REGISTRY.items()
            if act.family == family
        ]
        if not items:
            continue
        line = f"  {title.split(' (')[0]}: "
        for i, item in enumerate(items):
            piece = item + ("," if i < len(items) - 1 else "")
            if len(line) + len(piece) > width and not line.endswith(": "):
                lines.append(line.rstrip())
                line = "    "
            line += piece + " "
        lines.append(line.rstrip())
    lines += [
        "",
        "Example: actgui --export relu.pdf --functions relu,elu --orders 0,1",
        "                --param elu.alpha=0.5 --x-range=-5,5",
    ]
    return "\n".join(lines)


def _norm(text: str) -> str:
    """Lower case, every run of other characters than letters and digits one '_'."""
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def _did_you_mean(text: str, aliases: dict[str, str], valid: str) -> str:
    """ "; did you mean 'x'? Valid …: …" (difflib's nearest alias), or "; valid …: …"."""
    near = difflib.get_close_matches(_norm(text), list(aliases), n=1)
    if near:
        return f"; did you mean {aliases[near[0]]!r}? Valid {valid}"
    return f"; valid {valid}"


def resolve_key(text: str, where: str) -> str:
    """The registry key ``text`` names: a key or display name, any case, '-' for '_'."""
    if text in REGISTRY:
        return text
    aliases: dict[str, str] = {}
    for key in REGISTRY:
        aliases.setdefault(_norm(key), key)
    for key, act in REGISTRY.items():
        aliases.setdefault(_norm(act.name), key)
    key = aliases.get(_norm(text))
    if key is None:
        tail = _did_you_mean(text, aliases, "keys: " + ", ".join(REGISTRY))
        raise UsageError(f"{where}: unknown function {text!r}{tail}")
    return key


def resolve_param(act: Activation, text: str, where: str) -> str:
    """The name of ``act``'s parameter ``text`` names: a name or label, any case, '-' for '_'."""
    names = [p.name for p in act.params]
    if text in names:
        return text
    aliases: dict[str, str] = {}
    for p in act.params:
        aliases.setdefault(_norm(p.name), p.name)
    for p in act.params:
        aliases.setdefault(p.label.strip().lower(), p.name)
    name = aliases.get(_norm(text)) or aliases.get(text.strip().lower())
    if name is None:
        if not names:
            raise UsageError(f"{where}: {act.key} has no parameters")
        tail = _did_you_mean(text, aliases, "parameters: " + ", ".join(names))
        raise UsageError(f"{where}: {act.key} has no parameter {text!r}{tail}")
    return name


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


def custom_definitions_of(specs: Sequence[str]) -> list:
    """``--custom NAME=FORMULA`` values as checked definitions (``UsageError`` for a bad one)."""
    from actgui.activations import Definition
    from actgui.activations.custom import MAX_CUSTOM, key_for

    if len(specs) > MAX_CUSTOM:
        raise UsageError(f"--custom given {len(specs)} times: at most {MAX_CUSTOM} functions")
    out = []
    keys: set[str] = set()
    for spec in specs:
        name, sep, formula = spec.partition("=")
        name = " ".join(name.split())
        if not (sep and name and formula.strip()):
            raise UsageError(f"--custom {spec}: write it as NAME=FORMULA")
        key = key_for(name)
        while key in keys:
            key += "_2"
        definition = Definition(key, name, formula.strip())
        try:
            definition.build()
        except ValueError as exc:
            raise UsageError(f"--custom {spec}: {exc}") from None
        keys.add(key)
        out.append(definition)
    return out


def custom_arguments(argv: Sequence[str]) -> list:
    """The definitions the command line's ``--custom`` options give (already checked by
    :func:`main_cli`; [] if there are none)."""
    args, _ = build_parser().parse_known_args(normalise_argv(argv))
    return custom_definitions_of(args.custom)


def export_request(args: argparse.Namespace) -> ExportRequest:
    """Check every export argument; ``UsageError`` naming the first bad one."""
    path = export_path(args.export)
    functions = DEFAULT_ENABLED
    if args.functions is not None:
        keys = (resolve_key(text, "--functions") for text in _split(args.functions))
        functions = tuple(dict.fromkeys(keys))
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
        key, dot, name = key_name.rpartition(".")
        if not (sep and dot):
            raise UsageError(f"--param {spec}: write it as KEY.NAME=VALUE")
        key = resolve_key(key, f"--param {spec}")
        name = resolve_param(REGISTRY[key], name, f"--param {spec}")
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
    title = one_line(args.title or "")
    try:
        Presentation(title=title)
    except ValueError as exc:
        raise UsageError(f"--title: {exc}") from None
    return ExportRequest(
        path,
        functions,
        orders,
        params,
        x_range,
        size,
        args.theme or "light",
        args.background,
        args.scale or 1,
        args.line_width,
        args.font_size or DEFAULT_FONT_SIZE,
        title,
    )


def export_path(text: str) -> Path:
    """``--export``'s file, checked: a known extension, an existing folder, and not a
    folder, FIFO or device (which an export would replace); ``UsageError`` otherwise."""
    where = f"--export {shown_name(text)}"
    path = Path(text)
    ext = path.suffix.lower().lstrip(".")
    if ext not in {**IMAGE_FORMATS, **DATA_FORMATS}:
        raise UsageError(f"{where}: use a .png, .svg, .pdf or .csv file name")
    try:
        if not path.parent.is_dir():
            raise UsageError(f"{where}: the folder {shown_name(path.parent)} does not exist")
        check_target(path)
    except OSError as exc:  # a name too long, a file where a folder should be, a FIFO…
        raise UsageError(f"{where}: {exc.strerror or exc}") from None
    return path


def _number(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{where}: {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise UsageError(f"{where}: {text!r} is not a finite number")
    return value
