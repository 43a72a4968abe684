"""Fix-ups of the SVG file Qt wrote, so that every reader shows it as the screen does.

Qt's QSvgRenderer ignores ``clip-path``: each clip also gets the equivalent ``mask``
(after merging Qt's runs of groups under one clip and dropping its empty ones). Fonts
end with a CSS generic family. ``shell.export`` applies them after writing an SVG.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def clip_for_every_renderer(path: Path) -> None:
    """Rewrite the SVG that Qt wrote at ``path`` so that Qt's own QSvgRenderer clips too: it
    ignores ``clip-path`` (but not ``mask``), so each clip also gets the equivalent mask.
    Runs of groups under the same clip are merged first, and Qt's empty state groups
    dropped, so that there are few; every font family ends with a CSS generic one. A
    cut-off file (a full disk, which QSvgGenerator does not report) raises
    ``ElementTree.ParseError``."""
    ElementTree.register_namespace("", _SVG[1:-1])
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    tree = ElementTree.parse(path)
    root = tree.getroot()
    _drop_empty_groups(root)
    _merge_clip_runs(root)
    _mask_clips(root)
    _portable_fonts(root)
    tree.write(path, encoding="UTF-8", xml_declaration=True)


#: Qt's generic family names, as CSS names every SVG reader knows (Qt writes "Sans Serif",
#: which a browser or Inkscape may replace with a serif font).
_CSS_FAMILIES = {"sans serif": "sans-serif", "sans": "sans-serif", "serif": "serif",
                 "monospace": "monospace"}  # fmt: skip


def _portable_fonts(root: ElementTree.Element) -> None:
    """Every ``font-family`` ends with a CSS generic family, so a reader without the font
    falls back to the same kind of face."""
    for element in root.iter():
        family = element.get("font-family")
        if family is None:
            continue
        names = [n.strip().strip("'\"") for n in family.split(",") if n.strip()]
        css = [_CSS_FAMILIES.get(n.lower(), n) for n in names]
        if not any(n in ("sans-serif", "serif", "monospace") for n in css):
            css.append("sans-serif")
        quoted = [n if n in ("sans-serif", "serif", "monospace") else f"'{n}'" for n in css]
        element.set("font-family", ", ".join(dict.fromkeys(quoted)))


def _drop_empty_groups(element: ElementTree.Element) -> None:
    for child in element:
        _drop_empty_groups(child)
    element[:] = [c for c in element if c.tag != _SVG + "g" or len(c) or (c.text or "").strip()]


def _merge_clip_runs(element: ElementTree.Element) -> None:
    """Consecutive groups under the same clip become one group (Qt opens one per state)."""
    merged: list[ElementTree.Element] = []
    for child in element:
        clip = child.get("clip-path")
        previous = merged[-1] if merged else None
        if (
            clip is not None
            and previous is not None
            and previous.tag == child.tag == _SVG + "g"
            and previous.attrib == child.attrib
        ):
            previous.extend(child)
        else:
            merged.append(child)
            if child.tag == _SVG + "g" and clip is None:
                _merge_clip_runs(child)
    element[:] = merged


def _mask_clips(root: ElementTree.Element) -> None:
    """Give every ``clip-path`` the equivalent ``mask``: its shapes, filled white."""
    defs = root.find(_SVG + "defs")
    if defs is None:
        return
    _, _, width, height = (float(v) for v in _NUMBER.findall(root.get("viewBox", "0 0 0 0")))
    for clip in defs.findall(_SVG + "clipPath"):
        attributes = {"id": f"mask-{clip.get('id')}", "maskUnits": "userSpaceOnUse"}
        attributes.update(x="0", y="0", width=format(width, ".10g"), height=format(height, ".10g"))
        mask = ElementTree.SubElement(defs, _SVG + "mask", attributes)
        for shape in clip:
            shape.attrib.pop("vector-effect", None)  # a clip is an area: no stroke to size
            copy = ElementTree.SubElement(mask, shape.tag, dict(shape.attrib))
            copy.set("fill", "#ffffff")
            copy.set("stroke", "none")
    for element in root.iter():
        match = re.fullmatch(r"url\(#(.+)\)", element.get("clip-path", ""))
        if match:
            element.set("mask", f"url(#mask-{match.group(1)})")
