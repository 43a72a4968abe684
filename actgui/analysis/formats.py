"""Floating-point formats: float64, float32, bfloat16 and float16, and arithmetic in them.

Qt-free, like the rest of ``actgui.analysis``. bfloat16 comes from ``ml_dtypes`` (the
library JAX uses), imported on first use; the other three are numpy's own.

Two ways of computing a function "in float16":

- :func:`round_to`: the exact value (the registry's float64, which is within an ulp
  of float64 of the truth) correctly rounded to the format, what a perfect kernel
  returns. float64 → float16/bfloat16/float32 is one rounding to nearest, ties to even
  (numpy's and ml_dtypes' casts round directly, not through float32).
- :func:`in_format`: a straightforward kernel, every elementary operation's result
  rounded to the format. Arrays wrapped by :class:`InFormat` hold the format's dtype and
  keep every numpy ufunc (``exp``, ``+``, ``scipy.special.ndtr``, …) and array function
  (``where``, ``broadcast_to``, …) applied to them in it: numpy's own float16 and
  ml_dtypes' bfloat16 arithmetic where they have a loop (each computes in float32 and
  rounds), and where an operation would widen the type (a float64 constant, a ufunc
  with float32 and float64 loops only) its result rounded back to the format.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

#: The formats, widest first.
FORMATS: tuple[str, ...] = ("float64", "float32", "bfloat16", "float16")


@dataclass(frozen=True)
class FormatInfo:
    """What a format is: its numpy dtype, significand bits (with the hidden one), the
    exponent of its smallest normal number, its largest finite number, and the unsigned
    integer type of its bit patterns."""

    name: str
    dtype: np.dtype
    precision: int
    min_exponent: int
    max: float
    bits: type

    @property
    def smallest_subnormal(self) -> float:
        """2^(min_exponent − precision + 1), the format's smallest positive number."""
        return math.ldexp(1.0, self.min_exponent - self.precision + 1)


_INFO: dict[str, FormatInfo] = {}


def format_info(name: str) -> FormatInfo:
    """The :class:`FormatInfo` of ``name``, one of :data:`FORMATS` (``ValueError`` else)."""
    info = _INFO.get(name) if isinstance(name, str) else None
    if info is not None:
        return info
    if name not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {name!r}")
    if name == "bfloat16":
        import ml_dtypes  # lazily: only a bfloat16 computation needs it

        dtype = np.dtype(ml_dtypes.bfloat16)
        finfo = ml_dtypes.finfo(dtype)
    else:
        dtype = np.dtype(name)
        finfo = np.finfo(dtype)
    bits = {2: np.uint16, 4: np.uint32, 8: np.uint64}[dtype.itemsize]
    info = FormatInfo(name, dtype, int(finfo.nmant) + 1, int(finfo.minexp), float(finfo.max), bits)
    _INFO[name] = info
    return info


def round_to(values: npt.ArrayLike, fmt: str) -> np.ndarray:
    """``values`` correctly rounded to the format ``fmt`` (to nearest, ties to even; past
    the largest finite number, ±inf), as an array of the format's dtype."""
    info = format_info(fmt)
    with np.errstate(over="ignore"):
        return np.asarray(values, dtype=np.float64).astype(info.dtype)


def ulp(values: npt.ArrayLike, fmt: str) -> np.ndarray:
    """The spacing of the format's numbers at |``values``| (float64): 2^(e − p + 1) for
    2^e ≤ |v| < 2^(e+1), the smallest subnormal below the normal range."""
    info = format_info(fmt)
    v = np.abs(np.asarray(values, dtype=np.float64))
    finite = np.isfinite(v) & (v > 0)
    _, e = np.frexp(np.where(finite, v, 1.0))  # v = m·2^e with 0.5 ≤ m < 1
    e = np.where(finite, np.maximum(e - 1, info.min_exponent), info.min_exponent)
    return np.where(finite | (v == 0), np.ldexp(1.0, e - info.precision + 1), np.nan)


class InFormat(np.ndarray):
    """An array of one format's dtype; every numpy operation on it gives its result in
    that format (see the module's docstring)."""

    fmt: FormatInfo

    def __array_ufunc__(self, ufunc, method, *inputs, out=None, **kwargs):
        info = self.fmt
        args = [_plain(a) for a in inputs]
        if out is not None:
            kwargs["out"] = tuple(_plain(o) for o in out)
        result = getattr(ufunc, method)(*args, **kwargs)
        if out is not None:
            for o in out:
                if isinstance(o, np.ndarray) and _is_float(o.dtype):
                    o[...] = _rounded(np.asarray(o), info)
            return out[0] if len(out) == 1 else out
        return _wrap(result, info)

    def __array_function__(self, func, types, args, kwargs):
        result = func(*_unwrap(args), **_unwrap(kwargs))
        return _wrap(result, self.fmt)


_CLASSES: dict[str, type[InFormat]] = {}


def _class_for(info: FormatInfo) -> type[InFormat]:
    cls = _CLASSES.get(info.name)
    if cls is None:
        cls = type(f"In_{info.name}", (InFormat,), {"fmt": info})
        _CLASSES[info.name] = cls
    return cls


def _is_float(dtype: np.dtype) -> bool:
    return dtype.kind == "f" or dtype.name == "bfloat16"


def _plain(a: Any) -> Any:
    return a.view(np.ndarray) if isinstance(a, InFormat) else a


def _unwrap(a: Any) -> Any:
    if isinstance(a, InFormat):
        return a.view(np.ndarray)
    if isinstance(a, tuple | list):
        return type(a)(_unwrap(v) for v in a)
    if isinstance(a, dict):
        return {k: _unwrap(v) for k, v in a.items()}
    return a


def _rounded(a: np.ndarray, info: FormatInfo) -> np.ndarray:
    """``a`` rounded to the format."""
    a = np.asarray(a)
    return a if a.dtype == info.dtype else a.astype(info.dtype)


def _wrap(result: Any, info: FormatInfo) -> Any:
    if isinstance(result, tuple):
        return tuple(_wrap(r, info) for r in result)
    if isinstance(result, np.ndarray | np.generic) and _is_float(result.dtype):
        return _rounded(np.asarray(result), info).view(_class_for(info))
    if isinstance(result, float):
        return _rounded(np.asarray(result), info).view(_class_for(info))
    return result


def to_format(x: npt.ArrayLike, fmt: str) -> InFormat:
    """``x`` rounded to the format, as an :class:`InFormat` array (operations on it stay
    in the format)."""
    info = format_info(fmt)
    with np.errstate(over="ignore"):
        return _rounded(np.asarray(x, dtype=np.float64), info).view(_class_for(info))


def in_format(fn: Callable[..., Any], fmt: str, *arrays: npt.ArrayLike, **params: float):
    """``fn(*arrays, **params)`` with the arrays rounded to ``fmt`` and every operation
    of ``fn`` rounded to it; the result as an array of the format's dtype.

    Overflow gives ±inf and an invalid operation NaN, silently, as in a kernel.
    """
    info = format_info(fmt)
    with np.errstate(all="ignore"):
        args = [to_format(a, fmt) for a in arrays]
        result = fn(*args, **params)
        if isinstance(result, InFormat):
            return result.view(np.ndarray).astype(info.dtype)
        return np.asarray(result, dtype=np.float64).astype(info.dtype)


def shortest(value: float, fmt: str) -> str:
    """The fewest significant digits that read back as the same number of the format
    (0.73046875 in bfloat16 is "0.73"), with a true minus; "∞", "−∞", "NaN"."""
    v = float(value)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    target = round_to(v, fmt)
    for digits in range(1, 18):
        text = f"{v:.{digits}g}"
        if round_to(float(text), fmt) == target:
            break
    return text.replace("-", "−")


def format_floats(fmt: str, lo: float, hi: float, limit: int) -> np.ndarray | None:
    """Every finite number of the format in [lo, hi], ascending, as float64; None if there
    are more than ``limit``."""
    k_lo, k_hi = ordinal(np.array([lo, hi]), fmt, ceil=(True, False))
    if k_hi - k_lo + 1 > limit:
        return None
    return from_ordinal(np.arange(k_lo, k_hi + 1), fmt)


def largest_ordinal(fmt: str) -> int:
    """The ordinal (see :func:`from_ordinal`) of the format's largest finite number."""
    info = format_info(fmt)
    return int(np.array([info.max]).astype(info.dtype).view(info.bits)[0])


def from_ordinal(k: npt.ArrayLike, fmt: str) -> np.ndarray:
    """The format's numbers by their place in order (float64): 0 is +0, k > 0 the k-th
    number above it, −k the k-th below; ±``largest_ordinal`` are ±max."""
    info = format_info(fmt)
    k = np.asarray(k, dtype=np.int64)
    magnitude = np.abs(k).astype(info.bits)
    values = magnitude.view(info.dtype).astype(np.float64)
    return np.where(k < 0, -values, values)


def ordinal(values: npt.ArrayLike, fmt: str, ceil: tuple[bool, ...] | bool = False) -> np.ndarray:
    """The ordinal of the format's number at or just below (``ceil``: at or just above)
    each of ``values``, clamped to the finite numbers."""
    info = format_info(fmt)
    v = np.clip(np.asarray(values, dtype=np.float64), -info.max, info.max)
    ceil = np.broadcast_to(np.asarray(ceil, dtype=bool), v.shape)
    with np.errstate(over="ignore"):
        r = v.astype(info.dtype)
    back = r.astype(np.float64)
    # Rounded to nearest: step one number towards where the request lies.
    step_up = ceil & (back < v)
    step_down = ~ceil & (back > v)
    mag = np.abs(back).astype(info.dtype).view(info.bits).astype(np.int64)
    k = np.where(back < 0, -mag, mag)
    return k + step_up.astype(np.int64) - step_down.astype(np.int64)


__all__ = [
    "FORMATS",
    "FormatInfo",
    "InFormat",
    "format_floats",
    "format_info",
    "from_ordinal",
    "in_format",
    "largest_ordinal",
    "ordinal",
    "round_to",
    "shortest",
    "to_format",
    "ulp",
]
