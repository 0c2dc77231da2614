"""Self-contained printable HTML: one file, inline CSS with a print stylesheet, no scripts, no
external resources of any kind (no src/href, no @import, no url()), and a Content-Security-Policy
that would block any load even if one slipped in. It opens and prints on an offline workstation.

All text is `textsafe.clean`ed and `html.escape`d. There are no links: addresses from the corpus are
plain text (in a monospace span), never `<a href>`, because they may be stale or hostile.
"""

from __future__ import annotations

from html import escape

from .blocks import (
    Banner,
    Block,
    Entry,
    ExportDoc,
    Heading,
    ItemList,
    Labelled,
    ListItem,
    Meta,
    RestrictionMark,
    Text,
)
from .common import one_line, paragraphs, split_addresses

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

CSS = """\
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #111;
  font: 11pt/1.5 Georgia, "Times New Roman", Times, serif; }
main, footer { max-width: 46em; margin: 0 auto; padding: 1.5em 1.5em 0; }
h1 { font-size: 1.6em; line-height: 1.25; margin: .4em 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
p { margin: .5em 0; }
ul, ol { padding-left: 1.6em; }
li { margin: .3em 0; }
.banner, .restricted, dl.meta, footer { font-family: Arial, Helvetica, sans-serif; }
.banner { border: 3px solid #a00000; background: #fde8e8; color: #5a0000;
  padding: .6em .9em; margin: 0 0 1em; }
.restricted { border-left: 6px solid #a00000; background: #fde8e8; color: #5a0000;
  padding: .3em .7em; }
.banner strong, .restricted strong { letter-spacing: .05em; }
.citation { color: #333; font-size: .9em; }
.note { color: #444; font-style: italic; }
.tag { color: #444; font-style: italic; }
.marker { font-weight: bold; }
.detail { margin: .15em 0 0; }
.addr { font-family: "Courier New", Courier, monospace; font-size: .92em; word-break: break-all; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em;
  font-size: .9em; margin: 1em 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
article.entry { border-top: 1px solid #bbb; margin-top: 1.5em; }
article.entry h2 { border-bottom: none; }
footer { color: #444; border-top: 1px solid #999; margin-top: 2em; padding-bottom: 1.5em; }
footer p { font-size: .85em; }
@page { margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; }
  main, footer { max-width: none; padding: 0; }
  .banner, .restricted { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, dl.meta, .banner, .restricted, article.entry { break-inside: avoid; page-break-inside: avoid; }
}
"""


def inline(line: str) -> str:
    """One cleaned line as HTML text; addresses in a span, never a link."""
    out = []
    for segment, is_address in split_addresses(line):
        # Text content only (corpus text never goes into an attribute), so quotes need no escaping.
        text = escape(segment, quote=False)
        out.append(f'<span class="addr">{text}</span>' if is_address else text)
    return "".join(out)


def _paras(text: str, cls: str = "", prefix: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    out = []
    for n, para in enumerate(paragraphs(text)):
        body = "<br>\n".join(inline(line) for line in para)
        out.append(f"<p{attr}>{prefix if n == 0 else ''}{body}</p>")
    if not out and prefix:
        out.append(f"<p{attr}>{prefix}</p>")
    return "\n".join(out)


def _flow(text: str) -> str:
    """Text inside a list item or a banner: paragraphs as line-broken runs, no <p>."""
    return "<br>\n".join("<br>\n".join(inline(line) for line in para)
                         for para in paragraphs(text))


def _item(item: ListItem, value: str | None = None) -> str:
    body = _flow(item.text)
    if item.lead:
        lead = inline(one_line(item.lead))
        if body.startswith(lead):
            body = f"<strong>{lead}</strong>{body[len(lead):]}"
    if item.tag:
        body += f' <span class="tag">({inline(one_line(item.tag))})</span>'
    for label, detail in item.details:
        lab = f"<strong>{inline(one_line(label))}:</strong> " if label else ""
        body += f'\n<div class="detail">{lab}{_flow(detail)}</div>'
    if item.sub:
        body += "\n<ul>\n" + "\n".join(f"<li>{_flow(s)}</li>" for s in item.sub) + "\n</ul>"
    attr = f' value="{value}"' if value else ""
    return f"<li{attr}>{body}</li>"


def _list(block: ItemList) -> str:
    if not block.numbered:
        return "<ul>\n" + "\n".join(_item(it) for it in block.items) + "\n</ul>"
    markers = [one_line(it.marker or "") for it in block.items]
    if all(m.isdigit() for m in markers):
        # <li value> keeps the source's own numbers, gaps and all.
        return "<ol>\n" + "\n".join(_item(it, str(int(m)))
                                    for it, m in zip(block.items, markers, strict=True)) + "\n</ol>"
    items = [_item(ListItem(f"{m}. {it.text}" if m else it.text, None, None, it.tag, it.sub,
                            it.details)) for it, m in zip(block.items, markers, strict=True)]
    return '<ul class="numbered">\n' + "\n".join(items) + "\n</ul>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{inline(one_line(block.text))}</h{level}>"
    if isinstance(block, Banner):
        return (f'<div class="banner" role="note"><strong>{inline(one_line(block.label))}</strong>'
                f" — {_flow(block.text)}</div>")
    if isinstance(block, RestrictionMark):
        return (f'<p class="restricted"><strong>{inline(one_line(block.label))}</strong>'
                f" — {_flow(block.text)}</p>")
    if isinstance(block, Meta):
        rows = "\n".join(f"<dt>{inline(one_line(k))}</dt><dd>{inline(one_line(v))}</dd>"
                         for k, v in block.rows)
        return f'<dl class="meta">\n{rows}\n</dl>'
    if isinstance(block, Text):
        if block.style == "citation":
            return _paras(block.text, "citation", "<strong>Source:</strong> ")
        return _paras(block.text, "note" if block.style == "note" else "")
    if isinstance(block, Labelled):
        return _paras(block.text, "", f"<strong>{inline(one_line(block.label))}:</strong> ")
    if isinstance(block, ItemList):
        return _list(block)
    if isinstance(block, Entry):
        cls = "entry restricted-entry" if block.restricted else "entry"
        inner = "\n".join(_block(b) for b in block.blocks)
        return f'<article class="{cls}">\n{inner}\n</article>'
    raise TypeError(f"unknown block {block!r}")


def _css_string(text: str) -> str:
    """A CSS string literal that can carry nothing but letters, digits, spaces and a few marks (the
    label comes from the corpus's restriction level, so nothing else is let through)."""
    safe = "".join(ch if ch.isalnum() or ch in " -/." else " " for ch in one_line(text))
    return '"' + " ".join(safe.split())[:80] + '"'


def running_mark_css(mark: str) -> str:
    """The restriction in the margin of every printed page, top and bottom.

    Page-margin boxes, not `position: fixed`: Chromium repeats a fixed element on each printed page
    but lays it over the body text (it cannot reserve room for it), while a margin box sits in the
    page margin and never hides a line. Browsers print these since Chromium 131 (Chrome, Edge);
    the banner at the top and the footer line still mark the export in any browser."""
    label = _css_string(mark)
    box = ("color: #a00000; font: bold 9pt Arial, Helvetica, sans-serif; letter-spacing: .05em;")
    return (
        "@page {\n"
        f"  @top-center {{ content: {label} \" \\2014  restricted material\"; {box} }}\n"
        f"  @bottom-center {{ content: {label} \" \\00b7  page \" counter(page) \" of \" counter(pages); {box} }}\n"
        "}\n"
    )


def render(doc: ExportDoc) -> str:
    body = "\n".join(_block(b) for b in doc.blocks)
    css = CSS + (running_mark_css(doc.mark) if doc.mark else "")
    footer = f"<footer>\n{_paras(doc.footer)}\n</footer>\n" if doc.footer else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="scrbrowse">\n'
        f"<title>{escape(one_line(doc.title), quote=False)}</title>\n"
        f"<style>\n{css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n{footer}"
        "</body>\n</html>\n"
    )
