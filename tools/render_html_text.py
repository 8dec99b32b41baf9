"""Render an HTML page to plain text the way scraped corpora look: block tags become line
breaks, scripts and styles go, inline text is joined. Used to build the labelled boilerplate
evaluation pages in benchmarks/data/ from public HTML test fixtures.

Run: python tools/render_html_text.py PAGE.html [...]  (prints JSON lines {"path", "text"})
Needs lxml (pip install lxml).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "header", "footer", "nav", "aside", "dd", "dt", "dl", "form", "blockquote", "pre",
    "figure", "figcaption", "hr", "title", "td", "th", "center", "address", "main",
}
DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head"}


def render(html: bytes | str) -> str:
    import lxml.html

    root = lxml.html.fromstring(html)
    parts: list[str] = []

    def walk(el: object) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        if tag.lower() in DROP:
            if el.tail:  # type: ignore[attr-defined]
                parts.append(el.tail)  # type: ignore[attr-defined]
            return
        block = tag.lower() in BLOCK
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.text:  # type: ignore[attr-defined]
            parts.append(el.text)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:  # type: ignore[attr-defined]
            parts.append(el.tail)  # type: ignore[attr-defined]

    walk(root)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
    return "\n\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    for name in argv:
        data = Path(name).read_bytes()
        print(json.dumps({"path": name, "text": render(data)}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
