"""Docked panels and side panels, each a thin view of the model (and the preferences)."""
