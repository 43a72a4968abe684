"""Writing a file so that it is either complete or not there: no Qt.

The data go to a temporary file beside the target, are flushed to the disk,
checked if the caller can check them, and only then renamed over the target.
A failure at any step leaves the target as it was (absent, or the old file).
The new file gets the old file's permissions, or the user's umask for a new
one (a temporary file alone would be 0600). A target that is a folder, a FIFO, a
device or a socket is refused (renaming over it would replace it), and the
temporary file's name is short whatever the target's (a name of 255 bytes works).

What a user opens or shares is read by :func:`read_bytes_bounded` and its kin:
regular files only, their size limited while reading.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from actgui.text import QT_TRANSLATE_NOOP
from actgui.text.messages import Message


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: The longest piece of the target's name in a temporary file's name: a name of 255 bytes
#: (the most that most file systems allow) must still leave room for the temporary one.
TEMP_STEM_CHARS = 24
TEMP_SUFFIX_CHARS = 8


def check_target(path: str | os.PathLike[str]) -> Path:
    """The file that writing ``path`` replaces: ``path`` through its symbolic links
    (replacing a link would leave the old file where it pointed).

    ``OSError`` (its ``strerror`` says why, for the user) when that is a folder, a FIFO,
    a device or a socket: renaming a regular file over a FIFO another program reads, or
    over ``/dev/null``, would silently break it. An absent file is fine; a path the
    system cannot look up (a name too long, a file where a folder should be) raises the
    system's own ``OSError``.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    if stat.S_ISREG(mode):
        return target
    it_is = Message(_IT_IS, kind=_what(mode))  # (its strerror: a message, translated)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, it_is, str(path))
    raise OSError(errno.EINVAL, it_is, str(path))


# The messages of this module (English as ``str()``, translated where they are shown).
_IT_IS = QT_TRANSLATE_NOOP("actgui.messages", "it is {kind}")
_NAMED_IS = QT_TRANSLATE_NOOP("actgui.messages", "{name} is {kind}")
_FOLDER = QT_TRANSLATE_NOOP("actgui.messages", "a folder")
_FIFO = QT_TRANSLATE_NOOP("actgui.messages", "a FIFO (named pipe), not a regular file")
_DEVICE = QT_TRANSLATE_NOOP("actgui.messages", "a device, not a regular file")
_SOCKET = QT_TRANSLATE_NOOP("actgui.messages", "a socket, not a regular file")
_NOT_REGULAR = QT_TRANSLATE_NOOP("actgui.messages", "not a regular file")
_LARGER = QT_TRANSLATE_NOOP("actgui.messages", "{name} is larger than {size}")
_BYTES = QT_TRANSLATE_NOOP("actgui.messages", "{count} bytes")
_NOT_UTF8 = QT_TRANSLATE_NOOP("actgui.messages", "{name} is not UTF-8 text")
_NOT_TEXT = QT_TRANSLATE_NOOP("actgui.messages", "expected JSON text")
_TOO_LONG = QT_TRANSLATE_NOOP("actgui.messages", "the JSON text is longer than {limit} characters")
_TOO_DEEP = QT_TRANSLATE_NOOP("actgui.messages", "the JSON nests deeper than {limit} levels")
_CONSTANT = QT_TRANSLATE_NOOP("actgui.messages", "{name} is not a number JSON allows")
#: "not JSON: …" (its ``reason``: :data:`JSON_AT`).
NOT_JSON = QT_TRANSLATE_NOOP("actgui.messages", "not JSON: {reason}")
#: Where a JSON text goes wrong: the decoder's own words (English), its line and column.
JSON_AT = QT_TRANSLATE_NOOP("actgui.messages", "{problem} (line {line}, column {column})")
_UNUSABLE = QT_TRANSLATE_NOOP("actgui.messages", "not usable JSON: {problem}")


def _what(mode: int) -> Message:
    """What a file that is not a regular one is, for a message ("a folder", "a device, not
    a regular file"…)."""
    if stat.S_ISDIR(mode):
        return Message(_FOLDER)
    for test, kind in (
        (stat.S_ISFIFO, _FIFO),
        (stat.S_ISCHR, _DEVICE),
        (stat.S_ISBLK, _DEVICE),
        (stat.S_ISSOCK, _SOCKET),
    ):
        if test(mode):
            return Message(kind)
    return Message(_NOT_REGULAR)


def _temporary_name(path: Path) -> tuple[str, str]:
    """``mkstemp``'s prefix and suffix for a temporary file beside ``path``: a short,
    bounded piece of its name (``.stem-XXXXXXXX.suffix``, at most 42 characters)."""
    suffix = path.suffix if len(path.suffix) <= TEMP_SUFFIX_CHARS else ""
    return f".{path.stem[:TEMP_STEM_CHARS]}-", suffix


def write_atomically(
    path: Path, write: Callable[[Path], None], verify: Callable[[Path], None] | None = None
) -> None:
    """Create ``path`` by ``write(tmp)`` then ``verify(tmp)`` (which raises if ``tmp`` is
    incomplete), atomically. ``OSError`` from the file system propagates, and for a
    target that is not a regular file (:func:`check_target`); the target is untouched and
    no temporary file is left."""
    path = check_target(path)
    try:
        mode = path.stat().st_mode & 0o7777 if path.is_file() else _new_file_mode()
    except OSError:
        mode = _new_file_mode()
    prefix, suffix = _temporary_name(path)
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as handle:  # what the writer buffered must reach the disk
            os.fsync(handle.fileno())
        if verify is not None:
            verify(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------
# Reading what a user opens or shares: bounded, regular files only
# ---------------------------------------------------------------------------

#: Deepest nesting a JSON document may have (ours nest 3 levels at most).
MAX_JSON_DEPTH = 32


class InputError(ValueError):
    """A file or a text that cannot be used; the message says why, in words for the user
    (a :class:`~actgui.text.messages.Message`: English as ``str()``, translated where it
    is shown)."""


def _refused(template: str, **fields: object) -> InputError:
    return InputError(Message(template, **fields))


def read_bytes_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Refuses (``InputError``) a FIFO, a device, a folder or a socket *before* reading (a
    FIFO would block, ``/dev/zero`` never ends), and a file with more than ``limit`` bytes
    *while* reading (the size a file system reports is 0 for ``/proc`` files and devices).
    ``OSError`` for a file that cannot be opened (missing, no permission).
    """
    name = shown_name(Path(path).name or str(path))
    info = os.stat(path)  # follows links; never blocks, whatever the file is
    if not stat.S_ISREG(info.st_mode):
        raise _refused(_NAMED_IS, name=name, kind=_what(info.st_mode))
    # O_NONBLOCK: a FIFO put in the file's place between the two calls does not block.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _refused(_NAMED_IS, name=name, kind=Message(_NOT_REGULAR))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refused(_LARGER, name=name, size=_size_text(limit))
    return data


def read_text_bounded(path: str | os.PathLike[str], limit: int) -> str:
    """:func:`read_bytes_bounded` decoded as UTF-8 (a byte-order mark is dropped);
    ``InputError`` for text that is not UTF-8."""
    data = read_bytes_bounded(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(_NOT_UTF8, name=shown_name(Path(path).name)) from None


def json_depth(text: str) -> int:
    """How deeply ``text``'s arrays and objects nest (brackets inside strings ignored);
    linear in the length, no recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads_bounded(text: str, limit: int, max_depth: int = MAX_JSON_DEPTH) -> object:
    """``json.loads(text)`` for text of at most ``limit`` characters nesting at most
    ``max_depth`` levels; ``InputError`` naming the problem otherwise (never a
    ``RecursionError``). Numbers with more than 4300 digits are refused by Python itself
    (a ``ValueError``, reported the same way); NaN and infinities are refused."""
    import json

    if not isinstance(text, str):
        raise _refused(_NOT_TEXT)
    if len(text) > limit:
        raise _refused(_TOO_LONG, limit=limit)
    if json_depth(text) > max_depth:
        raise _refused(_TOO_DEEP, limit=max_depth)

    def refuse_constant(name: str) -> object:
        raise _refused(_CONSTANT, name=name)

    try:
        return json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        where = Message(JSON_AT, problem=exc.msg, line=exc.lineno, column=exc.colno)
        raise _refused(NOT_JSON, reason=where) from None
    except InputError:
        raise
    except (ValueError, RecursionError) as exc:
        raise _refused(_UNUSABLE, problem=str(exc)) from None


def shown_name(path: str | os.PathLike[str], limit: int = 120) -> str:
    """``path`` for a message: on one line (control characters escaped, as ``repr`` would)
    and at most ``limit`` characters (the middle of a longer one left out: "…")."""
    text = os.fspath(path)
    text = escape_controls(text if isinstance(text, str) else os.fsdecode(text))
    if len(text) > limit:
        head = (limit - 1) // 2
        text = text[:head] + "…" + text[len(text) - (limit - 1 - head) :]
    return text


def escape_controls(text: str) -> str:
    """``text`` with its control characters (newlines, tabs, escapes…) and undecodable
    bytes of a file name written as ``repr`` writes them: a message stays one line."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _size_text(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1000:
        return f"{limit / 1000:g} kB"
    return Message(_BYTES, count=limit)
