"""The pyqtgraph plot: ``PlotView`` composes its parts (axes, grid, curves, decorations,
cursor, legend); each part recolours itself for a theme and widens itself for an export.
"""
