"""The network a race trains (no Qt): weights, biases and PReLU slopes, forward and backward
passes with the activation's own f′ from the registry, the optimisers and the initial
scales. :mod:`actgui.analysis.trainer` steps it."""

from __future__ import annotations

import itertools
import math

import numpy as np

from actgui.cancel import checkpoint

MOMENTUM = 0.9
ADAM = (0.9, 0.999, 1e-8)


class Net:
    """Weights, biases and (PReLU) slopes; forward and backward passes."""

    def __init__(self, act, values: dict[str, float], sizes, init: str, seed: int) -> None:
        self.act = act
        self.values = dict(values)
        self.learn_alpha = act.key == "prelu"
        rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
        gain = init_gain(act, init, values)
        self.weights, self.biases = [], []
        for fan_in, fan_out in itertools.pairwise(sizes):
            checkpoint()  # (a race being built for a window that closes)
            if init == "orthogonal":
                from actgui.analysis.random_matrices import orthogonal

                # σ_w·Q (Q with orthonormal rows or columns), times √(fan_out/fan_in) when
                # it widens: each unit's pre-activation then has the Gaussian init's
                # variance σ_w²·mean(x²).
                widen = math.sqrt(max(1.0, fan_out / fan_in))
                self.weights.append(orthogonal(fan_in, fan_out, rng) * (gain * widen))
            else:
                if init == "glorot":
                    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
                else:
                    std = gain / math.sqrt(fan_in)
                self.weights.append(rng.normal(0.0, std, (fan_in, fan_out)))
            self.biases.append(np.zeros(fan_out))
        # PReLU: one learnable α per hidden layer (PyTorch's default num_parameters=1).
        self.alphas = [np.array([values["alpha"]]) for _ in sizes[1:-1]] if self.learn_alpha else []

    def tensors(self) -> list[np.ndarray]:
        out = []
        for w, b in zip(self.weights, self.biases, strict=True):
            out += [w, b]
        return out + self.alphas

    def _f(self, order: int, h: np.ndarray, layer: int) -> np.ndarray:
        if not self.learn_alpha:
            return self.act.evaluate(order, h, **self.values)
        # PReLU's learned α is a weight, unbounded as in PyTorch's nn.PReLU: the registry's
        # range of α ([−1, 1], the explorer's spin box, which evaluate() enforces) bounds its
        # initial value only. f and f′ as the registry's (PyTorch's: f′(0) = α), NaN in, NaN out.
        alpha = self.alphas[layer][0]
        if order == 0:
            return np.where(h > 0.0, h, alpha * h)
        return np.where(np.isnan(h), np.nan, np.where(h > 0.0, 1.0, alpha))

    def evaluate(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The outputs at every row of ``x`` and, per hidden layer, the share of units
        whose f′ is 0 on every row (dead there), in one forward pass."""
        a = x
        last = len(self.weights) - 1
        dead = np.empty(last)
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            checkpoint()
            a = a @ w + b
            if i < last:
                dead[i] = float(np.mean(np.all(self._f(1, a, i) == 0.0, axis=0)))
                a = self._f(0, a, i)
        return a, dead

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.layer_outputs(x)[-1]

    def layer_outputs(self, x: np.ndarray) -> list[np.ndarray]:
        """Every hidden layer's outputs (after the activation) at the rows of ``x``, and
        the network's outputs last."""
        a = x
        outputs = []
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            checkpoint()  # (a worker's picture of a large network, no longer wanted)
            a = a @ w + b
            if i < last:
                a = self._f(0, a, i)
            outputs.append(a)
        return outputs

    def penalty_gradients(self, grads: list[np.ndarray], l1: float, l2: float) -> None:
        """Add the gradient of l1·Σ|W| + l2·ΣW² (weight matrices only) to ``grads`` (as
        :meth:`loss_and_gradients` orders them)."""
        for i, w in enumerate(self.weights):
            if l1:
                grads[2 * i] = grads[2 * i] + l1 * np.sign(w)
            if l2:
                grads[2 * i] = grads[2 * i] + (2.0 * l2) * w

    def loss_and_gradients(self, x, y, classify: bool):
        hs, acts = [], [x]
        a = x
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            checkpoint()  # (closing: a step of a large network stops between two layers)
            h = a @ w + b
            if i == last:
                out = h
                break
            hs.append(h)
            a = self._f(0, h, i)
            acts.append(a)
        n = x.shape[0]
        if classify:
            z = out - out.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            loss = float(-np.mean(np.log(np.maximum(p[np.arange(n), y], 1e-300))))
            delta = p
            delta[np.arange(n), y] -= 1.0
            delta /= n
        else:
            err = out[:, 0] - y
            loss = float(np.mean(err * err))
            delta = (2.0 / n) * err[:, None]
        grads_w, grads_b, grads_alpha = [], [], []
        dead = np.empty(len(hs))
        for i in range(last, -1, -1):
            checkpoint()
            grads_w.append(acts[i].T @ delta)
            grads_b.append(delta.sum(axis=0))
            if i == 0:
                break
            back = delta @ self.weights[i].T
            h = hs[i - 1]
            d1 = self._f(1, h, i - 1)
            dead[i - 1] = float(np.mean(np.all(d1 == 0.0, axis=0)))
            if self.learn_alpha:
                # ∂f/∂α of PReLU: h where h < 0 (0 elsewhere), as PyTorch's prelu backward.
                grads_alpha.append(np.array([np.sum(back * np.where(h < 0.0, h, 0.0))]))
            delta = back * d1
        grads = []
        for gw, gb in zip(reversed(grads_w), reversed(grads_b), strict=True):
            grads += [gw, gb]
        return loss, grads + list(reversed(grads_alpha)), dead, out


class Optimizer:
    def __init__(self, kind: str, lr: float, tensors: list[np.ndarray]) -> None:
        self.kind, self.lr, self.t = kind, lr, 0
        self.m = [np.zeros_like(t) for t in tensors]
        self.v = [np.zeros_like(t) for t in tensors]

    def step(self, tensors: list[np.ndarray], grads: list[np.ndarray]) -> None:
        self.t += 1
        for i, (p, g) in enumerate(zip(tensors, grads, strict=True)):
            if self.kind == "sgd":
                self.m[i] = MOMENTUM * self.m[i] + g
                p -= self.lr * self.m[i]
            else:
                b1, b2, eps = ADAM
                self.m[i] = b1 * self.m[i] + (1.0 - b1) * g
                self.v[i] = b2 * self.v[i] + (1.0 - b2) * g * g
                m_hat = self.m[i] / (1.0 - b1**self.t)
                v_hat = self.v[i] / (1.0 - b2**self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + eps)


def init_gain(act, init: str, values: dict[str, float]) -> float:
    """The weight scale σ_w: √2 (He), 1 (LeCun, Glorot's numerator), or the activation's
    edge of chaos at σ_b = 0 (He's where it has none), for Gaussian and for orthogonal
    weights alike."""
    if init == "he":
        return math.sqrt(2.0)
    if init in ("lecun", "glorot"):
        return 1.0
    from actgui.analysis.meanfield import edge_of_chaos

    edge = edge_of_chaos(act, 0.0, **values)
    return edge[0] if edge is not None and math.isfinite(edge[0]) else math.sqrt(2.0)
