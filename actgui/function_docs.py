"""What the info panel says about each function: typeset formulas and short prose.

Formulas are Qt rich text (HTML subset: italics, sub/superscripts, tables for
piecewise definitions), so they render as typeset math with no extra runtime
dependency. No Qt is imported here; the texts are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

X = "<i>x</i>"
SIG = "σ"


def pw(*rows: tuple[str, str]) -> str:
    """A piecewise definition: a brace and one (expression, condition) row per case."""
    cells = "".join(
        f"<tr><td>{expr}</td><td>&nbsp;&nbsp;if {cond}</td></tr>"
        if cond
        else f"<tr><td>{expr}</td><td>&nbsp;&nbsp;otherwise</td></tr>"
        for expr, cond in rows
    )
    brace = f'<td rowspan="{len(rows)}" style="font-size: x-large;">{{</td>'
    first, rest = cells.split("</tr>", 1)
    return f'<table cellspacing="0" cellpadding="1"><tr>{brace}{first[4:]}</tr>{rest}</table>'


@dataclass(frozen=True)
class FunctionDoc:
    """Formulas of f and f′ (rich text) and four short paragraphs of prose."""

    f: str
    d1: str
    principle: str
    pros: str
    cons: str
    use: str


_ELU_NOTE = "f′(0) = α and f″(0) = 0 in PyTorch"

DOCS: dict[str, FunctionDoc] = {
    "sigmoid": FunctionDoc(
        f=f"{SIG}({X}) = 1 / (1 + <i>e</i><sup>−{X}</sup>)",
        d1=f"{SIG}′({X}) = {SIG}({X})·(1 − {SIG}({X}))",
        principle="The logistic function maps any real input smoothly into (0, 1), which reads "
        "naturally as a probability or a firing rate.",
        pros="Smooth everywhere, bounded, with a simple derivative; the right output for a "
        "binary probability (logistic regression, gates in LSTMs).",
        cons="Its slope is at most 0.25 and falls towards 0 for |x| beyond about 5, so "
        "gradients shrink at every layer they pass (vanishing gradients). Outputs are always "
        "positive, not zero-centred, which makes the weight updates of the next layer share one "
        "sign and zig-zag. exp costs more than a comparison.",
        use="Output layers for binary or multi-label probabilities and gating units; rarely "
        "hidden layers of deep networks today.",
    ),
    "tanh": FunctionDoc(
        f=f"tanh({X}) = (<i>e</i><sup>{X}</sup> − <i>e</i><sup>−{X}</sup>) / "
        f"(<i>e</i><sup>{X}</sup> + <i>e</i><sup>−{X}</sup>) = 2{SIG}(2{X}) − 1",
        d1=f"tanh′({X}) = 1 − tanh<sup>2</sup>({X})",
        principle="A rescaled sigmoid, symmetric about the origin, mapping the line into (−1, 1).",
        pros="Zero-centred outputs (mean near 0 for symmetric inputs), and a slope of 1 at 0, "
        "four times the sigmoid's; smooth and bounded.",
        cons="Still saturates: for |x| beyond about 3 the slope is nearly 0, so deep stacks "
        "suffer vanishing gradients.",
        use="Recurrent networks (LSTM/GRU cell state), small networks, and wherever a bounded, "
        "signed output is wanted.",
    ),
    "logsigmoid": FunctionDoc(
        f=f"log {SIG}({X}) = −log(1 + <i>e</i><sup>−{X}</sup>)",
        d1=f"{SIG}(−{X}) = 1 − {SIG}({X})",
        principle="The logarithm of the sigmoid: a smooth version of min(0, x).",
        pros="Numerically stable building block for log-likelihoods: log σ(x) without computing "
        "σ(x) and taking a log of a number that has underflowed.",
        cons="Unbounded below and always negative; as a hidden activation it brings little.",
        use="Loss functions (binary cross-entropy in log space, negative sampling in word2vec).",
    ),
    "softsign": FunctionDoc(
        f=f"{X} / (1 + |{X}|)",
        d1=f"1 / (1 + |{X}|)<sup>2</sup>",
        principle="A tanh-like squashing function built from a division instead of exponentials.",
        pros="Cheap; zero-centred; approaches its bounds polynomially, so it saturates more "
        "slowly than tanh.",
        cons="Still saturates; its second derivative jumps at 0 (C¹ only).",
        use="An occasional alternative to tanh; rare in modern architectures.",
    ),
    "relu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), ("0", "")) + "= max(0, <i>x</i>)",
        d1=pw(("1", f"{X} &gt; 0"), ("0", f"{X} ≤ 0 (PyTorch takes 0 at the kink)")),
        principle="Passes positive inputs unchanged and replaces negative ones by zero: the "
        "simplest non-linearity that is still piecewise linear.",
        pros="Very cheap (a comparison). The gradient is exactly 1 for every active unit, so it "
        "does not shrink through depth the way sigmoid and tanh gradients do; this is what made "
        "deep networks trainable. Roughly half the units output exactly 0, a sparse "
        "representation.",
        cons="A unit whose input stays negative gets zero gradient and may never recover (the "
        "'dying ReLU' problem, e.g. after a large update or with a high learning rate). Outputs "
        "are non-negative, not zero-centred. Not differentiable at 0.",
        use="The default hidden activation of convolutional and fully connected networks.",
    ),
    "leaky_relu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), (f"α{X}", "")),
        d1=pw(("1", f"{X} &gt; 0"), ("α", f"{X} ≤ 0 (α at the kink in PyTorch)")),
        principle="A ReLU with a small fixed slope α (typically 0.01) for negative inputs.",
        pros="Negative inputs still pass a small gradient, so units cannot die the way ReLU "
        "units can; almost as cheap as ReLU.",
        cons="α is one more hyper-parameter, and the small negative slope gives only a weak "
        "signal; improvements over ReLU are often small and task-dependent.",
        use="Drop-in replacement for ReLU where dead units are a concern, e.g. GAN discriminators.",
    ),
    "prelu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), (f"α{X}", "")),
        d1=pw(("1", f"{X} &gt; 0"), ("α", f"{X} ≤ 0")) + " ; ∂f/∂α = min(0, <i>x</i>)",
        principle="Leaky ReLU whose negative slope α is a parameter learned by gradient descent "
        "along with the weights (per network or per channel).",
        pros="The data choose the slope, so the layer can be close to ReLU or close to linear "
        "as needed; it adds very few parameters.",
        cons="The extra parameters can overfit small data sets; weight decay should usually not "
        "be applied to α. Slightly more work than a fixed leak.",
        use="Image classification networks (it was introduced with a very deep ImageNet model); "
        "anywhere Leaky ReLU helps and the slope is not known in advance.",
    ),
    "rrelu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), (f"<i>a</i>{X}", "")) + " ; <i>a</i> ~ U(lower, upper) in "
        "training, (lower + upper)/2 in evaluation",
        d1=pw(("1", f"{X} &gt; 0"), ("<i>a</i>", f"{X} ≤ 0")),
        principle="Randomized Leaky ReLU: during training each negative slope is drawn at random "
        "from [lower, upper] (the shaded band); at evaluation the mean slope is used.",
        pros="The random slope acts as a regulariser, like a little noise injected for "
        "negative inputs.",
        cons="Training is stochastic and evaluation differs from training; two extra "
        "hyper-parameters.",
        use="Small image-classification benchmarks where it was reported to reduce overfitting.",
    ),
    "relu6": FunctionDoc(
        f=f"min(max(0, {X}), 6)",
        d1=pw(("1", f"0 &lt; {X} &lt; 6"), ("0", "")),
        principle="A ReLU capped at 6.",
        pros="The bounded range suits low-precision (fixed-point, 8-bit) inference.",
        cons="Zero gradient both below 0 and above 6.",
        use="Mobile networks (MobileNet v1/v2).",
    ),
    "elu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), (f"α(<i>e</i><sup>{X}</sup> − 1)", "")),
        d1=pw(("1", f"{X} &gt; 0"), (f"α<i>e</i><sup>{X}</sup>", f"{X} ≤ 0 ({_ELU_NOTE})")),
        principle="Exponential Linear Unit: linear for positive inputs, an exponential that "
        "saturates to −α for negative ones.",
        pros="Negative outputs pull the mean activation towards zero, which speeds learning; "
        "negative inputs keep a non-zero gradient, so units do not die; with α = 1 it is "
        "smooth at 0 (C¹).",
        cons="exp costs more than ReLU; for α ≠ 1 the derivative jumps at 0.",
        use="Deep feed-forward and convolutional networks as an alternative to ReLU.",
    ),
    "selu": FunctionDoc(
        f="λ·"
        + pw((X, f"{X} &gt; 0"), (f"α(<i>e</i><sup>{X}</sup> − 1)", ""))
        + " ; λ ≈ 1.0507, α ≈ 1.6733",
        d1="λ·" + pw(("1", f"{X} &gt; 0"), (f"α<i>e</i><sup>{X}</sup>", f"{X} ≤ 0")),
        principle="Scaled ELU with constants chosen so that, with suitable initialisation "
        "(LeCun normal), activations converge to zero mean and unit variance layer after "
        "layer: a self-normalising network.",
        pros="Deep fully connected networks train without batch normalisation.",
        cons="The guarantee needs the prescribed initialisation and alpha-dropout; "
        "the derivative jumps at 0.",
        use="Self-normalising fully connected networks.",
    ),
    "celu": FunctionDoc(
        f=pw((X, f"{X} &gt; 0"), (f"α(<i>e</i><sup>{X}/α</sup> − 1)", "")),
        d1=pw(("1", f"{X} &gt; 0"), (f"<i>e</i><sup>{X}/α</sup>", f"{X} ≤ 0")),
        principle="Continuously differentiable ELU: the input of the exponential is divided by "
        "α, so the slope at 0 is 1 from both sides for every α.",
        pros="C¹ for every α > 0, unlike ELU; same zero-mean benefit.",
        cons="f″ still jumps at 0; exp cost.",
        use="Where ELU is used and α is to be tuned without breaking smoothness.",
    ),
    "gelu": FunctionDoc(
        f=f"{X}·Φ({X}) ; Φ the standard normal CDF",
        d1=f"Φ({X}) + {X}·φ({X}) ; φ({X}) = <i>e</i><sup>−{X}²/2</sup>/√(2π)",
        principle="Gaussian Error Linear Unit: weights the input by the probability that a "
        "standard normal variable is below it, a smooth, probabilistic ReLU.",
        pros="Smooth everywhere; dips slightly below zero (minimum ≈ −0.17), which empirically "
        "helps large models.",
        cons="Costlier than ReLU (erf); non-monotonic.",
        use="Transformers: BERT, GPT and most of their successors.",
    ),
    "gelu_tanh": FunctionDoc(
        f=f"½{X}(1 + tanh(√(2/π)({X} + 0.044715{X}<sup>3</sup>)))",
        d1="(see the exact GELU; the difference is below 0.001 everywhere)",
        principle="The tanh approximation of GELU, PyTorch's approximate='tanh'.",
        pros="Avoids erf; matches published GPT-2 weights exactly.",
        cons="An approximation; on modern hardware the exact form is usually as fast.",
        use="Reproducing models trained with the approximation (GPT-2, BERT's original code).",
    ),
    "silu": FunctionDoc(
        f=f"{X}·{SIG}({X})",
        d1=f"{SIG}({X})·(1 + {X}(1 − {SIG}({X})))",
        principle="Sigmoid-weighted linear unit (Swish with β = 1): the input gated by its own "
        "sigmoid.",
        pros="Smooth, non-monotonic, unbounded above and bounded below; often trains "
        "slightly better than ReLU in deep networks.",
        cons="Costs a sigmoid per unit; non-monotonic (minimum ≈ −0.278).",
        use="EfficientNet, YOLOv5+, many vision and language models.",
    ),
    "mish": FunctionDoc(
        f=f"{X}·tanh(softplus({X})) = {X}·tanh(ln(1 + <i>e</i><sup>{X}</sup>))",
        d1=f"tanh(sp) + {X}·sech<sup>2</sup>(sp)·{SIG}({X}) ; sp = softplus({X})",
        principle="A self-gated smooth activation similar to SiLU, with a slightly deeper dip "
        "(minimum ≈ −0.309).",
        pros="Smooth, non-monotonic; reported gains in object detection.",
        cons="Three transcendental functions per unit.",
        use="YOLOv4 and some detection backbones.",
    ),
    "softplus": FunctionDoc(
        f=pw((f"(1/β)·ln(1 + <i>e</i><sup>β{X}</sup>)", f"β{X} ≤ threshold"), (X, "")),
        d1=pw((f"{SIG}(β{X})", f"β{X} ≤ threshold"), ("1", "")),
        principle="A smooth approximation of ReLU; β sets how sharp the corner is. PyTorch "
        "returns x itself where βx > threshold, for numerical stability.",
        pros="Smooth and strictly positive; its derivative is the sigmoid.",
        cons="Never exactly zero (no sparsity); costlier than ReLU; the threshold switch leaves "
        "a tiny step.",
        use="Where a positive output is required: variances and scales in probabilistic models.",
    ),
    "hardtanh": FunctionDoc(
        f="min(max(<i>x</i>, min), max)",
        d1=pw(("1", f"min &lt; {X} &lt; max"), ("0", "")),
        principle="tanh replaced by its piecewise-linear outline: identity between the two "
        "clipping values.",
        pros="Very cheap; bounded; zero-centred for symmetric limits.",
        cons="Zero gradient outside [min, max].",
        use="Embedded and quantised networks; bounding activations.",
    ),
    "hardsigmoid": FunctionDoc(
        f=f"min(max({X}/6 + ½, 0), 1)",
        d1=pw(("1/6", f"−3 &lt; {X} &lt; 3"), ("0", "")),
        principle="A piecewise-linear sigmoid.",
        pros="Cheap to compute and to quantise.",
        cons="Zero gradient beyond ±3.",
        use="MobileNetV3 (squeeze-and-excitation gates).",
    ),
    "hardswish": FunctionDoc(
        f=f"{X}·min(max({X} + 3, 0), 6)/6",
        d1=pw(("0", f"{X} ≤ −3"), (f"{X}/3 + ½", f"−3 &lt; {X} &lt; 3"), ("1", f"{X} ≥ 3")),
        principle="SiLU with the sigmoid replaced by the hard sigmoid.",
        pros="Keeps most of SiLU's benefit at a fraction of the cost on mobile hardware.",
        cons="The derivative jumps at ±3; non-monotonic.",
        use="MobileNetV3.",
    ),
    "threshold": FunctionDoc(
        f=pw((X, f"{X} &gt; threshold"), ("value", "")),
        d1=pw(("1", f"{X} &gt; threshold"), ("0", "")),
        principle="Keeps inputs above a threshold and replaces the rest by a constant.",
        pros="Generalises ReLU (threshold = value = 0).",
        cons="A jump unless value equals threshold; zero gradient below.",
        use="Rarely as an activation; a utility layer.",
    ),
    "identity": FunctionDoc(
        f=X,
        d1="1",
        principle="No non-linearity at all.",
        pros="A reference for comparison; exact gradient flow.",
        cons="A stack of linear layers is still one linear map: it cannot learn non-linear "
        "functions.",
        use="Output layers of regression models; residual shortcuts.",
    ),
    "softshrink": FunctionDoc(
        f=pw((f"{X} − λ", f"{X} &gt; λ"), (f"{X} + λ", f"{X} &lt; −λ"), ("0", "")),
        d1=pw(("1", f"|{X}| &gt; λ"), ("0", "")),
        principle="Soft thresholding: zero inside [−λ, λ], shifted towards zero outside.",
        pros="Produces exact zeros (sparsity); the proximal operator of the L1 norm.",
        cons="Zero gradient inside the band.",
        use="Sparse coding, unrolled optimisation networks (LISTA), denoising.",
    ),
    "hardshrink": FunctionDoc(
        f=pw((X, f"|{X}| &gt; λ"), ("0", "")),
        d1=pw(("1", f"|{X}| &gt; λ"), ("0", "")),
        principle="Hard thresholding: keeps inputs whose magnitude exceeds λ, zeroes the rest.",
        pros="Sparsity without shrinking large values.",
        cons="Jumps at ±λ.",
        use="Sparse representations, wavelet-style denoising.",
    ),
    "tanhshrink": FunctionDoc(
        f=f"{X} − tanh({X})",
        d1=f"tanh<sup>2</sup>({X})",
        principle="What is left of the identity after subtracting tanh: flat near 0 (≈ x³/3), "
        "linear far out.",
        pros="Smooth; suppresses small inputs.",
        cons="Tiny gradients near 0.",
        use="Rare; some sparse-coding models.",
    ),
    "swish": FunctionDoc(
        f=f"{X}·{SIG}(β{X})",
        d1=f"{SIG}(β{X}) + β{X}·{SIG}(β{X})(1 − {SIG}(β{X}))",
        principle="Found by automated search: the input gated by a sigmoid of itself; β "
        "interpolates between x/2 (β = 0) and ReLU (β → ∞).",
        pros="Smooth, non-monotonic; matched or beat ReLU on ImageNet-scale models.",
        cons="Costs a sigmoid; β is one more choice (β = 1 is SiLU).",
        use="Mobile and vision models (as SiLU).",
    ),
    "quick_gelu": FunctionDoc(
        f=f"{X}·{SIG}(1.702{X})",
        d1=f"{SIG}(1.702{X}) + 1.702{X}·{SIG}(1.702{X})(1 − {SIG}(1.702{X}))",
        principle="The sigmoid approximation of GELU given in the GELU paper.",
        pros="One sigmoid instead of erf.",
        cons="Differs from GELU by up to about 0.02; models trained with one should not be "
        "run with the other.",
        use="OpenAI's CLIP.",
    ),
    "squareplus": FunctionDoc(
        f=f"({X} + √({X}<sup>2</sup> + <i>b</i>)) / 2",
        d1=f"(1 + {X}/√({X}<sup>2</sup> + <i>b</i>)) / 2",
        principle="A softplus-like rectifier that needs only a square root; b sets the "
        "curvature at 0.",
        pros="Cheap and smooth; positive; no exp or log.",
        cons="Approaches 0 slowly (like b/(4|x|)) on the left.",
        use="Where softplus is used and speed matters.",
    ),
    "bent_identity": FunctionDoc(
        f=f"(√({X}<sup>2</sup> + 1) − 1)/2 + {X}",
        d1=f"{X}/(2√({X}<sup>2</sup> + 1)) + 1",
        principle="The identity bent upwards: slope ½ far left, 3/2 far right.",
        pros="Smooth, monotonic, never saturates.",
        cons="Unbounded on both sides; little evidence of benefit.",
        use="Listed in surveys; rarely used in practice.",
    ),
    "gaussian": FunctionDoc(
        f=f"<i>e</i><sup>−{X}<sup>2</sup></sup>",
        d1=f"−2{X}<i>e</i><sup>−{X}<sup>2</sup></sup>",
        principle="A bump: responds to inputs near 0 only.",
        pros="Local response, as in radial-basis-function networks.",
        cons="Saturates on both sides; non-monotonic.",
        use="RBF networks, some implicit neural representations.",
    ),
    "sinc": FunctionDoc(
        f=pw((f"sin({X})/{X}", f"{X} ≠ 0"), ("1", f"{X} = 0")),
        d1=f"cos({X})/{X} − sin({X})/{X}<sup>2</sup> (0 at {X} = 0)",
        principle="The cardinal sine: a decaying oscillation.",
        pros="Smooth; oscillation can represent periodic structure.",
        cons="Many local extrema; small gradients far out.",
        use="Signal-processing inspired networks; a curiosity as a general activation.",
    ),
    "isru": FunctionDoc(
        f=f"{X} / √(1 + α{X}<sup>2</sup>)",
        d1=f"(1 + α{X}<sup>2</sup>)<sup>−3/2</sup>",
        principle="Inverse square root unit: a tanh-like curve from a square root.",
        pros="Cheaper than tanh on some hardware; bounded in ±1/√α.",
        cons="Saturates like tanh.",
        use="Proposed for recurrent networks; rarely used.",
    ),
    "sqnl": FunctionDoc(
        f=pw(
            ("1", f"{X} &gt; 2"),
            (f"{X} − {X}<sup>2</sup>/4", f"0 ≤ {X} ≤ 2"),
            (f"{X} + {X}<sup>2</sup>/4", f"−2 ≤ {X} &lt; 0"),
            ("−1", f"{X} &lt; −2"),
        ),
        d1=f"1 − |{X}|/2 on [−2, 2], 0 outside",
        principle="A tanh-shaped square non-linearity: two parabola pieces and two constants.",
        pros="No transcendental functions; C¹.",
        cons="Saturates exactly beyond ±2; f″ jumps.",
        use="Hardware-friendly tanh replacement.",
    ),
    "arctan": FunctionDoc(
        f=f"arctan({X})",
        d1=f"1 / (1 + {X}<sup>2</sup>)",
        principle="The inverse tangent: a sigmoid-shaped curve with range (−π/2, π/2).",
        pros="Zero-centred; saturates more slowly (slope ~ 1/x²) than tanh.",
        cons="Still saturating.",
        use="Occasional tanh alternative.",
    ),
    "snake": FunctionDoc(
        f=f"{X} + sin<sup>2</sup>(α{X})/α",
        d1=f"1 + sin(2α{X})",
        principle="The identity plus a periodic ripple, so networks can extrapolate periodic "
        "signals that ReLU or tanh networks cannot.",
        pros="Monotonic (slope between 0 and 2), unbounded, periodic component.",
        cons="α must be chosen or learned; the slope touches 0 periodically.",
        use="Audio synthesis (BigVGAN, DAC) and time series with periodic structure.",
    ),
    "lisht": FunctionDoc(
        f=f"{X}·tanh({X})",
        d1=f"tanh({X}) + {X}·sech<sup>2</sup>({X})",
        principle="Linearly scaled tanh: symmetric and non-negative.",
        pros="Non-saturating for large |x|; smooth.",
        cons="Not monotonic (decreasing for x < 0); outputs are never negative.",
        use="Proposed for image and sentiment classification; rare.",
    ),
    "step": FunctionDoc(
        f=pw(("1", f"{X} ≥ 0"), ("0", "")),
        d1="0 (undefined at 0)",
        principle="The binary threshold unit of the perceptron and the McCulloch-Pitts neuron.",
        pros="The simplest decision; historical importance.",
        cons="Zero derivative everywhere it exists: gradient descent cannot train it.",
        use="Perceptron learning rule, binarised networks with straight-through estimators.",
    ),
}
