"""Numbers derived from the registry: sample grids, curve values, gradient regions.

No Qt here (a test imports this package and checks that no Qt module is loaded).
The statistics and signal-propagation engines to come live here too.
"""
