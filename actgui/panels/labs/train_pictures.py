"""The Train tab's pictures of each network (decision regions or fitted curve, and the
accuracy), computed on a worker of their own: a forward pass of every pixel of four
8×256 networks took 1.8 s on the GUI thread at every redraw."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from actgui.analysis.race import Race
from actgui.analysis.race_pictures import RacePictures, data_box, race_pictures
from actgui.worker import KeyedRunners

log = logging.getLogger(__name__)


class PictureWorker(QObject):
    """Asks for and keeps the newest pictures of a race, one size at a time.

    :meth:`want` starts a computation for the race's present step unless one is
    running for that race and size (training goes on meanwhile: when it ends, the next
    :meth:`want` asks for the step reached then); :meth:`latest` is what was computed
    last for the race, of whichever step. ``ready`` says a new one is there.
    """

    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runners = KeyedRunners(self)  # (by size: the screen's and an export's)
        self._runners.finished.connect(lambda _pixels, pictures: self._on_finished(pictures))
        self._runners.failed.connect(
            lambda _pixels, message: log.warning("Picture failed: %s", message)
        )
        self._asked: dict[int, tuple] = {}
        self._latest: dict[int, RacePictures] = {}

    @staticmethod
    def tag(race: Race, serial: int, pixels: int) -> tuple:
        """What a picture of ``race`` now would be computed for."""
        return (serial, tuple((r.steps, r.diverged) for r in race.runs), pixels)

    def latest(self, serial: int, pixels: int) -> RacePictures | None:
        """The newest pictures of race ``serial`` at ``pixels``, or None."""
        have = self._latest.get(pixels)
        return have if have is not None and have.tag[0] == serial else None

    def want(self, race: Race, serial: int, pixels: int) -> None:
        """Ask for pictures of ``race`` as it is now, unless they are there or coming.
        Call it between two steps (the race's lock held): the weights are copied."""
        tag = self.tag(race, serial, pixels)
        have = self._latest.get(pixels)
        if (have is not None and have.tag == tag) or self._asked.get(pixels) == tag:
            return
        runner = self._runners.runner(pixels)
        asked = self._asked.get(pixels)
        if runner.is_running() and asked is not None and asked[0] == serial:
            return  # (the same race, an earlier step: its pictures first, then the newest)
        self._asked[pixels] = tag
        box = data_box(race.inputs, race.targets, race.classify)
        runner.start(race_pictures, [r.frozen() for r in race.runs], box, pixels, tag)

    def running(self) -> bool:
        """Whether pictures are being computed."""
        return bool(self._runners.running())

    def stop(self, msecs: int = 5000) -> bool:
        """Cancel every computation and wait up to ``msecs`` for them (on closing)."""
        return self._runners.stop(msecs)

    def _on_finished(self, pictures: RacePictures) -> None:
        # (a runner delivers only its newest task's result: the one asked for last)
        self._latest[pictures.pixels] = pictures
        self._asked.pop(pictures.pixels, None)
        self.ready.emit()


__all__ = ["PictureWorker"]
