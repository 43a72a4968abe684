"""actgui: a desktop explorer of neural-network activation functions and their derivatives."""

__version__ = "0.1.0"
