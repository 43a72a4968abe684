"""Start the activation explorer: ``python main.py``."""

from actgui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
