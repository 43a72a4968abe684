"""Start the activation explorer: ``python main.py``."""

import multiprocessing

if __name__ == "__main__":
    # First: a worker process (the Train tab's race, started with "spawn") runs this file
    # again as "__mp_main__"; only the program itself opens the window.
    multiprocessing.freeze_support()
    from actgui.app import main

    raise SystemExit(main())
