"""``python -m actgui`` opens the explorer."""

import multiprocessing

multiprocessing.freeze_support()  # (before anything: see actgui.analysis.race_process)

from actgui.app import main  # noqa: E402

raise SystemExit(main())
