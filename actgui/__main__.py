"""``python -m actgui`` opens the explorer."""

from actgui.app import main

raise SystemExit(main())
