"""User text as text: never markup, wherever it is shown. No Qt.

A name of your own, a plot title, a file name or an error message quoting what was typed
is text. Qt would take it for markup in three places:

- rich text: pyqtgraph's labels (legend entries, titles, axis labels), a ``QTextDocument``,
  a label set to ``Qt.RichText``. There ``<b>x</b>`` is bold, and ``<img src="/dev/zero">``
  has Qt read /dev/zero until it runs out of memory. :func:`plain` escapes the text for it.
- a guess (``Qt.AutoText``, the default of ``QLabel``, tooltips and the static
  ``QMessageBox`` functions): a text whose first line holds a known tag or ``&lt;`` is shown
  as rich text. Where a label can be told ``Qt.PlainText``, it is; where it cannot (a
  tooltip, ``QMessageBox.warning``), :func:`auto_text` makes the text unambiguous.
- shortcuts: in a button's, an action's or a tab's text ``&`` marks the next letter as the
  shortcut and is not shown. :func:`no_mnemonic` doubles it.

Every place that shows user text in one of these goes through these functions (and
:func:`plain` under the other two).
"""

from __future__ import annotations

import html

__all__ = ["auto_text", "no_mnemonic", "plain"]


def plain(text: object) -> str:
    """``text`` for rich text (HTML): shown as written, never as markup.

    ``&``, ``<``, ``>``, ``"`` and ``'`` become entities (quotes too: the text may go into an
    attribute).

    >>> plain('<img src="/dev/zero"> & co')
    '&lt;img src=&quot;/dev/zero&quot;&gt; &amp; co'
    """
    return html.escape(str(text), quote=True)


def auto_text(text: object) -> str:
    """``text`` for a place that guesses plain or rich (a tooltip, ``QMessageBox.warning``):
    as it is if no guess can take it for markup (no ``<``, no ``&``), else as rich text that
    shows it literally, its line breaks and runs of spaces kept.

    >>> auto_text("Added 2 function(s).")
    'Added 2 function(s).'
    >>> auto_text("Delete <b>x</b>?")
    '<p style="white-space:pre-wrap">Delete &lt;b&gt;x&lt;/b&gt;?</p>'
    """
    text = str(text)
    if "<" not in text and "&" not in text:
        return text
    return f'<p style="white-space:pre-wrap">{plain(text)}</p>'


def no_mnemonic(text: object) -> str:
    """``text`` for a button, a menu entry or a tab: every ``&`` shown, none a shortcut.

    >>> no_mnemonic("a & b")
    'a && b'
    """
    return str(text).replace("&", "&&")
