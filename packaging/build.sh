#!/usr/bin/env bash
# Build the standalone program into dist/actgui/ (run from anywhere; Linux, macOS or Git Bash).
# A clean virtual environment (.venv-bundle) holds only actgui and PyInstaller, so no second
# Qt binding or test tool is collected.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .venv-bundle build/actgui dist/actgui
python3 -m venv .venv-bundle
. .venv-bundle/bin/activate
python -m pip install -q . "pyinstaller>=6.10,<7"
pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/actgui.spec
# libpython carries its debugging symbols (23 MB → about 4 MB without them); stripping every
# library would break the OpenBLAS that numpy's and scipy's wheels ship.
if command -v strip >/dev/null; then
    strip --strip-unneeded dist/actgui/_internal/libpython3*.so* 2>/dev/null || true
fi
echo "built: dist/actgui/actgui ($(du -sh dist/actgui | cut -f1))"
