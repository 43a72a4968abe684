"""Writing a file so that it is either complete or not there: no Qt.

The data go to a temporary file beside the target, are flushed to the disk,
checked if the caller can check them, and only then renamed over the target.
A failure at any step leaves the target as it was (absent, or the old file).
The new file gets the old file's permissions, or the user's umask for a new
one (a temporary file alone would be 0600).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(
    path: Path, write: Callable[[Path], None], verify: Callable[[Path], None] | None = None
) -> None:
    """Create ``path`` by ``write(tmp)`` then ``verify(tmp)`` (which raises if ``tmp`` is
    incomplete), atomically. ``OSError`` from the file system propagates; the target is
    untouched and no temporary file is left."""
    # Through a symbolic link to the file it names (replacing the link would leave the
    # old figure where the link pointed).
    path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode & 0o7777 if path.is_file() else _new_file_mode()
    except OSError:
        mode = _new_file_mode()
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
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
