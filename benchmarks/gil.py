"""How a worker computing in Python slows the window: a function toggled and the plot and
controls painted, 30 times, with no worker and with one busy with many small numpy steps
(as a formula on a small grid or a small network does), under the interpreter's switch
interval the app sets and under Python's default.

    python benchmarks/gil.py

Each interval runs in a fresh process (offscreen). Medians and maxima in ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(window) -> tuple[float, float]:
    from actgui.activations import REGISTRY

    keys = list(REGISTRY)
    times = []
    for i in range(30):
        start = time.perf_counter()
        window.model.set_enabled(keys[i % 20], i % 2 == 0)
        window.plot.refresh()
        window.plot.viewport().repaint()
        window.controls.repaint()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2] * 1e3, times[-1] * 1e3


def child(interval: float) -> None:
    import numpy as np
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from actgui.app import build_window

    with tempfile.TemporaryDirectory() as folder:
        window = build_window(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        sys.setswitchinterval(interval)  # (after build_window, which sets the app's)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        idle = measure(window)
        stop = threading.Event()

        def busy() -> None:
            x = np.linspace(-3.0, 3.0, 50)
            while not stop.is_set():
                np.tanh(x) * x + 1.0

        worker = threading.Thread(target=busy, daemon=True)
        worker.start()
        loaded = measure(window)
        stop.set()
        worker.join()
        print(
            f"switch interval {interval * 1e3:g} ms: no worker {idle[0]:.1f} "
            f"(max {idle[1]:.1f}), a busy worker {loaded[0]:.1f} (max {loaded[1]:.1f})",
            flush=True,
        )
        window.close()


def main() -> None:
    if len(sys.argv) > 1:
        child(float(sys.argv[1]))
        return
    from actgui.app import SWITCH_INTERVAL_S

    for interval in (SWITCH_INTERVAL_S, 0.005):
        subprocess.run([sys.executable, __file__, str(interval)], check=True)


if __name__ == "__main__":
    main()
