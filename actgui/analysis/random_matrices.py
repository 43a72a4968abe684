"""Random weight matrices: exactly orthogonal ones (no Qt)."""

from __future__ import annotations

import numpy as np


def orthogonal(rows: int, cols: int, rng: np.random.Generator) -> np.ndarray:
    """A (rows, cols) matrix with orthonormal columns (rows ≥ cols) or rows (rows < cols),
    distributed uniformly (Haar): the Q of a QR factorisation of a standard Gaussian
    matrix, each column's sign flipped to make R's diagonal positive (Mezzadri 2007; without
    the fix the law is not Haar), as PyTorch's ``nn.init.orthogonal_`` does.
    """
    tall = rows >= cols
    g = rng.standard_normal((rows, cols) if tall else (cols, rows))
    q, r = np.linalg.qr(g)
    d = np.sign(np.diagonal(r))
    q *= np.where(d == 0.0, 1.0, d)  # (a zero diagonal has probability 0)
    return q if tall else q.T
