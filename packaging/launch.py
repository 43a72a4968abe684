"""Entry point of the frozen program (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First thing: in the frozen program a worker process (the Train tab's race, started
    # with "spawn") is this same executable, told so on its command line; freeze_support
    # runs the worker there and exits, before the window's modules are imported.
    multiprocessing.freeze_support()
    from actgui.app import main

    sys.exit(main())
