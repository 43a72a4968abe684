"""What the info panel says about a function: typeset formulas, short notes and prose.

Formulas are Qt rich text (an HTML subset: italics, sub/superscripts, tables
for piecewise definitions), so they render as typeset math with no extra
runtime dependency. They are *math only* and never translated: the two words a
piecewise definition needs, "if" and "otherwise", are written as the tokens
:data:`IF_TOKEN` and :data:`OTHERWISE_TOKEN`, which :func:`localise` replaces by
their translation when the formula is shown. Prose that belongs beside a formula
("PyTorch takes 0 at the kink") is its note, translated like the other prose.

No Qt here; the texts are plain data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

#: Italic x, the variable of every formula.
X = "<i>x</i>"
#: The logistic sigmoid's symbol.
SIG = "σ"

#: Stand-ins for the words of a piecewise definition; harmless in Qt rich text
#: (no markup characters) and never part of real math.
IF_TOKEN = "⟦if⟧"
OTHERWISE_TOKEN = "⟦otherwise⟧"
#: Token → the English word it stands for (the text that is translated).
KEYWORDS: dict[str, str] = {IF_TOKEN: "if", OTHERWISE_TOKEN: "otherwise"}

#: The fields of :class:`Docs` that are formulas (math only, never translated).
FORMULAS: tuple[str, ...] = ("f", "d1", "d2")

_TOKEN_RE = re.compile("|".join(re.escape(token) for token in KEYWORDS))


def localise(text: str, translate: Callable[[str], str]) -> str:
    """``text`` with each keyword token replaced by ``translate(word)``.

    ``text`` is a formula (rich text), so the translated word is HTML-escaped.
    Pass ``lambda word: word`` for English.

    >>> localise(pw(("1", "x > 0"), ("0", "")), str.upper).count("IF")
    1
    """
    return _TOKEN_RE.sub(lambda m: html.escape(translate(KEYWORDS[m.group(0)]), quote=False), text)


def pw(*rows: tuple[str, str]) -> str:
    """A piecewise definition: a brace and one (expression, condition) row per case.

    An empty condition is the "otherwise" row. The words are tokens (see
    :func:`localise`), so the formula itself needs no translation.
    """
    cells = "".join(
        f"<tr><td>{expr}</td><td>&nbsp;&nbsp;{IF_TOKEN} {cond}</td></tr>"
        if cond
        else f"<tr><td>{expr}</td><td>&nbsp;&nbsp;{OTHERWISE_TOKEN}</td></tr>"
        for expr, cond in rows
    )
    brace = f'<td rowspan="{len(rows)}" style="font-size: x-large;">{{</td>'
    first, rest = cells.split("</tr>", 1)
    return f'<table cellspacing="0" cellpadding="1"><tr>{brace}{first[4:]}</tr>{rest}</table>'


@dataclass(frozen=True, kw_only=True)
class Docs:
    """The formulas of f, f′ and f″ with notes, and four short paragraphs of prose.

    ``f``, ``d1`` and ``d2`` are Qt rich text, math only, never translated (show
    them through :func:`localise`). ``d2`` is required like the others: it
    defaults to "" only so that an entry without it fails validation with a
    message naming the function (``docs.d2 is empty``) rather than a bare
    ``TypeError``. A formula may wrap where it says " = " or " ; " outside a
    piecewise table (the details page keeps each piece on one line), so keep
    definitions after " ; " and pieces short. ``f_note`` and ``d1_note`` are
    short plain-text remarks shown beside the formulas ("" if none); they and
    the prose (``principle``, ``pros``, ``cons``, ``use``, plain text) are
    translated.
    """

    f: str
    d1: str
    d2: str = ""
    f_note: str = ""
    d1_note: str = ""
    principle: str
    pros: str
    cons: str
    use: str

    def problems(self) -> list[str]:
        """What is missing or malformed, as phrases for an error message ([] if nothing)."""
        out = []
        for name in ("f", "d1", "d2", "principle", "pros", "cons", "use", "f_note", "d1_note"):
            value = getattr(self, name)
            if not isinstance(value, str):
                out.append(f"docs.{name} is not a string")
            elif not value.strip() and name not in ("f_note", "d1_note"):
                out.append(f"docs.{name} is empty")
        for name in FORMULAS:
            value = getattr(self, name)
            if isinstance(value, str) and re.search(
                r"\b(if|otherwise)\b", _TOKEN_RE.sub("", value)
            ):
                out.append(
                    f"docs.{name} contains the English word 'if' or 'otherwise' "
                    "(formulas are math only: use pw() and put prose in the note)"
                )
        return out
