"""The Train tab's names: the initialisations, and a run's title (its activation, and its
initialisation in a race that has one per run)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from actgui.analysis.trainer import INITS
from actgui.i18n import translate


def init_titles() -> dict[str, str]:
    """The initialisations' names as shown, by ``trainer.INITS`` key."""
    return dict(
        zip(
            INITS,
            (
                QCoreApplication.translate("TrainView", "He"),
                QCoreApplication.translate("TrainView", "LeCun"),
                QCoreApplication.translate("TrainView", "Glorot"),
                QCoreApplication.translate("TrainView", "Edge of chaos"),
                QCoreApplication.translate("TrainView", "Orthogonal"),
            ),
            strict=True,
        )
    )


def run_name(run, per_run: bool, between: str = " · ") -> str:
    """The activation's name, with the run's initialisation when ``per_run`` ("tanh ·
    Orthogonal"; ``between`` "\n" puts it on a line of its own)."""
    name = translate(run.act.name)
    return f"{name}{between}{init_titles()[run.init]}" if per_run else name
