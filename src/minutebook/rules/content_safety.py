"""Content safety (HT): editor-written text never carries active content to the site.

The site is built from the minutes, ToR text and other free text as Markdown. Markdown
lets raw HTML through, so a pasted ``<script>`` or a ``javascript:`` link would run in
the browser of everyone who reads the published page. This rule refuses them.

Template syntax needs no rule: editor Markdown is never rendered as a template (the
site's macros plugin renders only pages that opt in, and the front matter of records
cannot opt in: ``render_macros`` is not a field of any schema, so it is an SC001 error).
Text such as ``{{ x }}`` is shown as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .base import Context, Hit, rule
from .textscan import CleanFiles, listed

REFUSED_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet",
                "style", "form", "base", "meta")
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:text/html")

_TAG = re.compile(r"<\s*(" + "|".join(REFUSED_TAGS) + r")(?![\w-])", re.IGNORECASE)
# (possessive *+ and atomic groups keep every pattern linear on hostile text)
_HANDLER = re.compile(r"<[A-Za-z][\w:-]*+(?>[^<>\s/\"']*+[\s/\"']++)*?(on[a-z]+)\s*=",
                      re.IGNORECASE)
# where a link or resource address is written: the address is group 1 (or 2 or 3)
_TARGETS = (
    re.compile(r"\]\(\s*<?([^\s)>]+)"),  # [text](address), ![alt](address)
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.MULTILINE),  # [ref]: address
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>"),  # <scheme:address>
    re.compile(r"(?<![\w-])(?:href|src|action|formaction|xlink:href|data|poster|background)"
               r"\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE),
)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u200b-\u200d\u2060\ufeff]+")


def refused_scheme(address: str) -> str | None:
    """The refused scheme an address uses, after decoding entities and removing the
    spaces and control characters browsers ignore ('java&#115;cript:' is javascript:)."""
    plain = _INVISIBLE.sub("", html.unescape(html.unescape(address))).lower()
    return next((s for s in REFUSED_SCHEMES if plain.startswith(s)), None)


def find(value: str) -> list[tuple[int, str, str]]:
    """(offset, message without place, hint) of every active-content construct."""
    out: list[tuple[int, str, str]] = []
    if "<" not in value and "=" not in value and "]" not in value:
        return out  # every construct needs one of these characters: skip the patterns
    for m in _TAG.finditer(value):
        tag = m.group(1).lower()
        out.append((m.start(), f"raw HTML <{tag}> is not allowed",
                    (f"remove the <{tag}> element and write plain Markdown: raw HTML could "
                    "run code or change the page in the browsers of everyone reading the "
                    "published site")))
    for m in _HANDLER.finditer(value):
        attr = m.group(1).lower()
        out.append((m.start(1), f"an inline event handler ({attr}=) is not allowed",
                    (f"remove the {attr}= attribute (better, the whole HTML tag): it runs "
                    "code in readers' browsers")))
    seen: set[int] = set()
    for pattern in _TARGETS:
        for m in pattern.finditer(value):
            group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g) is not None)
            start = m.start(group)
            scheme = refused_scheme(m.group(group))
            if scheme and start not in seen:
                seen.add(start)
                out.append((start, f"a {scheme} link is not allowed",
                            (f"link only to https:, http: or mailto: addresses; a {scheme} "
                            "link runs code when a reader clicks it")))
    out.sort(key=lambda x: x[0])
    return out


@rule("HT001", "active-content", kind="record", category="content-safety", severity="error",
      title="Raw HTML or a script link in editor-written text")
def active_content(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The minutes, ToR text and every other free text that is shown on the site
    (decisions, declarations, agenda, notes, actions...) contain none of:

    * the HTML elements `<script>`, `<iframe>`, `<frame>`, `<frameset>`, `<object>`,
      `<embed>`, `<applet>`, `<style>`, `<form>`, `<base>` or `<meta>`;
    * an inline event handler inside an HTML tag (`<img onerror=...>`, `onclick=`...);
    * a link or resource address using `javascript:`, `vbscript:` or `data:text/html`,
      written as a Markdown link or image (`[text](javascript:...)`), a reference
      definition, an autolink (`<javascript:...>`) or an HTML attribute (`href=`,
      `src=`...), also when disguised with HTML entities or spaces.

    This applies inside code blocks too: describe such code in words instead.

    ## Why
    Markdown passes raw HTML through to the page. A pasted script or a `javascript:` link
    would run in the browser of everyone who reads the published minutes, on a site
    partners trust. Ordinary formatting never needs them.

    Template syntax such as `{{ ... }}` or `{% ... %}` is not checked: editor text is
    never rendered as a template, so it is shown as written.

    ## Fails
    ```markdown
    <script src="https://example.org/x.js"></script>
    See [the report](javascript:alert(1)).
    ```

    ## Passes
    ```markdown
    See [the report](https://example.org/report.pdf).
    <!-- confidential -->
    Discussion of the case.
    <!-- /confidential -->
    ```
    """
    clean = CleanFiles(ctx.memo.setdefault("content-safety-clean", {}), ctx.digests,
                       ctx.item_digests, "HT001")
    for text in listed(ctx.ds, clean.skip):
        unit = text.unit
        clean.scanned(unit)
        for offset, message, hint in find(text.value):
            clean.found(unit)
            yield text.hit(offset, f"{message} in {text.label}", hint)
    clean.save()
