"""The output sanitiser: the one allow-list every published piece of HTML passes through.

Editor-written text reaches the site as Markdown, and Markdown lets raw HTML through. The
content-safety check (HT001) warns editors early, but a blocklist of patterns always has
another bypass; this allow-list is the guarantee. It is configured once, here, and applied
by the site plugin to every page's HTML after Markdown rendering (before the search index
is made), to every page's title, table of contents and front matter, and, as plain text,
to the open data and the calendar feeds.

What it keeps is what our generated pages and Material, pymdownx and toc emit: text
formatting, lists, tables (caption, scope, column alignment...), details/summary,
admonitions, headerlink anchors, highlighted code, images from this site, the inline SVG
charts, the Mermaid block, the action tracker's filters (select boxes, no form), and the
attributes ``class``, ``id``, ``title``, ``role``, ``aria-*``, ``data-*``, ``hidden`` and
``tabindex``. Everything else goes: scripts and styles (with their content), event
handlers, ``style`` attributes, frames, objects, embeds, forms, ``base``/``meta``/``link``,
SVG animation, HTML comments; links other than ``http``, ``https``, ``mailto``, relative and
``#fragment``; any resource (``src``) not on this site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import nh3

# ---------------------------------------------------------------- the allow-list

_HTML_TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
    "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    # the action tracker's filters (no form: nothing can be sent anywhere)
    "label", "select", "option",
})
# the drawing elements of the charts (site/charts.py) and of inline icons; no animation,
# no <use>, no <foreignObject>, no <image>, no <style>, no <a>
_SVG_TAGS = frozenset({"svg", "title", "desc", "g", "line", "polyline", "polygon", "path",
                       "circle", "ellipse", "rect", "text", "tspan"})
TAGS = _HTML_TAGS | _SVG_TAGS
# removed with everything inside them (other refused elements lose the tag, keep the text)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe",
                                  "noembed", "noframes", "xmp", "object", "embed", "applet"})

_SVG_NUMBER = re.compile(r"-?[\d.]+(?:e-?\d+)?(?:%|px|em)?", re.IGNORECASE)
_SVG_NUMBERS = re.compile(r"[\d\s.,+eE%-]*")
_SVG_PATH = re.compile(r"[\d\s.,+eEMmLlHhVvCcSsQqTtAaZz-]*")
_SVG_PAINT = re.compile(r"#[0-9a-fA-F]{3,8}|none|currentColor|[a-zA-Z]{1,20}")
_SVG_TRANSFORM = re.compile(r"(?:\s*[a-zA-Z]+\([\d\s.,+eE-]*\)\s*)*")
_SVG_WORD = re.compile(r"[a-zA-Z-]{1,20}")
# each SVG attribute with the shape of the values it may take (nothing that could name a
# resource: no url(...), no scheme)
_SVG_VALUES: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx",
                     "dy", "width", "height", "stroke-width", "font-size", "opacity",
                     "stroke-opacity", "fill-opacity"), _SVG_NUMBER),
    **dict.fromkeys(("viewBox", "points", "stroke-dasharray"), _SVG_NUMBERS),
    "d": _SVG_PATH,
    **dict.fromkeys(("fill", "stroke"), _SVG_PAINT),
    "transform": _SVG_TRANSFORM,
    **dict.fromkeys(("text-anchor", "dominant-baseline", "stroke-linecap", "stroke-linejoin",
                     "fill-rule", "clip-rule", "preserveAspectRatio", "focusable"), _SVG_WORD),
}
_SVG_NS = "http://www.w3.org/2000/svg"

GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "tabindex",
                                "hidden"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    # (column alignment as the tables extension writes it with use_align_attribute)
    "th": {"scope", "colspan", "rowspan", "headers", "abbr", "align"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"}, "option": {"value", "selected"}, "label": {"for"},
    "time": {"datetime"}, "del": {"datetime"}, "ins": {"datetime"},
    **{tag: set(_SVG_VALUES) for tag in _SVG_TAGS},
}
ATTRIBUTES["svg"].add("xmlns")
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# what browsers ignore in an address (WHATWG URL): tabs and line breaks anywhere, C0
# controls and spaces at either end
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _address(value: str) -> str:
    return _URL_IGNORED.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
                                             "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                                             "\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def safe_href(value: str) -> bool:
    """A link to http(s), mailto, a relative address or a #fragment."""
    address = _address(value)
    m = _SCHEME.match(address)
    return m is None or m.group(0)[:-1].lower() in URL_SCHEMES


def local_src(value: str) -> bool:
    """A resource on this site: a relative address, with no scheme and no host."""
    address = _address(value)
    return not (_SCHEME.match(address) or re.match(r"[/\\]{2}", address))


def _attribute(tag: str, name: str, value: str) -> str | None:
    """The per-value rules the allow-list of names cannot say (None removes it)."""
    if name == "href":
        return value if safe_href(value) else None
    if name == "src":
        return value if local_src(value) else None
    if name == "id" and value.startswith("__"):
        return None  # Material's own ids (__config, __search...): no clobbering
    if name.startswith("data-md-"):
        return None  # Material's components read these
    if name == "align":
        return value if value in ("left", "right", "center") else None
    if name == "tabindex":
        return value if re.fullmatch(r"-?\d{1,3}", value.strip()) else None
    if name == "xmlns":
        return value if value == _SVG_NS else None
    pattern = _SVG_VALUES.get(name) if tag in _SVG_TAGS else None
    if pattern is not None:
        return value if pattern.fullmatch(value.strip()) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes=ATTRIBUTES,
    generic_attribute_prefixes={"aria-", "data-"}, attribute_filter=_attribute,
    url_schemes=set(URL_SCHEMES), strip_comments=True, link_rel=None)


def clean_html(fragment: str) -> str:
    """An HTML fragment with everything outside the allow-list removed."""
    return _CLEANER.clean(fragment)


# ---------------------------------------------------------------- text in HTML places


def safe_text(value: str) -> str:
    """A text the theme puts into a page as it is (a title, a description): tags and
    comments removed, ``& < > " '`` escaped, so it is text in any HTML context."""
    text = nh3.clean(value, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def safe_meta(meta: Mapping[str, Any], *, keep: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Front matter with every string made ``safe_text`` (keys in ``keep`` left alone:
    the theme escapes them itself)."""
    return {k: v if k in keep else _map_strings(v, safe_text) for k, v in meta.items()}


def _map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """``value`` (JSON-like) with ``fn`` applied to every string in it."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Mapping):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_map_strings(v, fn) for v in value]
    return value


# ---------------------------------------------------------------- plain-text outputs

# a comment as browsers end it: at -->, --!> or, unclosed, the end of the text
_COMMENT = re.compile(r"<!--.*?(?:--!?>|\Z)", re.DOTALL)
# what starts markup in HTML: <letter, </, <!, <?
_MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])")
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>", re.IGNORECASE)
# a Markdown link or image destination, a reference definition: where a reader's Markdown
# renderer would make a link (a definition may sit in a block quote or a list item, at any
# indentation, and a renderer skips spaces inside <...>: '[x](< javascript:...>)')
_LINK_TARGETS = (
    re.compile(r"\]\(\s*(?:<\s*)?([^\s)>]+)"),
    re.compile(r"^[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*\[[^\]\n]+\]:[ \t]*"
               r"(?:\n[ \t]*(?:>[ \t]*)*)?(?:<[ \t]*)?(\S+)", re.MULTILINE))
# any address ending with ':' before the first '/', '?' or '#': a scheme to check
_ANY_SCHEME = re.compile(r"[^/?#]*?:")


def strip_comments(text: str) -> str:
    """The text without HTML comments (an unclosed one runs to the end)."""
    return _COMMENT.sub("", text) if "<!--" in text else text


def plain_text(value: str) -> str:
    """A text for a plain-text output (the calendar feeds): comments, tags and anything
    left that would start one removed, script links made inert (as ``markdown_text``)."""
    text = strip_comments(value)
    while "<" in text:
        shorter = _TAG.sub("", text)
        if shorter == text:
            text = _MARKUP_START.sub("", text)
            break
        text = shorter
    return _inert_links(text)


def markdown_text(value: str) -> str:
    """A Markdown text for the open data, which a reader may render: comments removed,
    every ``<`` that would start HTML written as ``&lt;`` (shown as ``<``; autolinks to
    http(s) and mailto kept), and a link that is not http(s), mailto or relative made
    inert (``unsafe:`` before it)."""
    text = strip_comments(value)
    if "<" in text:
        autolinks = {m.start() for m in _AUTOLINK.finditer(text)}
        text = _MARKUP_START.sub(lambda m: "<" if m.start() in autolinks else "&lt;", text)
    return _inert_links(text)


def _inert_links(text: str) -> str:
    if "](" in text or "]:" in text:
        for pattern in _LINK_TARGETS:
            text = pattern.sub(_inert_link, text)
    return text


def _inert_link(m: re.Match[str]) -> str:
    address = m.group(1)
    plain = _address(html.unescape(html.unescape(address)).replace("\\", "/"))
    plain = re.sub(r"[\x00-\x20\x7f\u00a0\u200b-\u200d\u2060\ufeff]+", "", plain)
    if _ANY_SCHEME.match(plain) and not safe_href(plain):
        start = m.start(1) - m.start(0)
        return m.group(0)[:start] + "unsafe:" + m.group(0)[start:]
    return m.group(0)


def safe_data(value: Any) -> Any:
    """Every string in a JSON-like value made ``markdown_text``."""
    return _map_strings(value, markdown_text)
