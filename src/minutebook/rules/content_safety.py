"""Content safety (HT): editor-written text never carries active content to the site.

The site is built from the minutes, ToR text, hand-written pages under docs/ and other free
text as Markdown. Markdown lets raw HTML through, so a pasted ``<script>`` or a
``javascript:`` link would run in the browser of everyone who reads the published page.
The site's sanitiser (``site/sanitise.py``) removes all of that from what is published:
these rules are the editor's early warning, saying where and why.

- HT001: raw HTML, event handlers, ``style=``, script links, resources from other sites.
- HT002: a hand-written page that turns template rendering on by itself.
- HT003: a comment that looks like a confidential marker but is not one, or a marker
  where markers do not work.
- HT004: a file under docs/ that the site would publish as it is and a browser would open
  as a page (HTML, SVG, XML), bypassing the sanitiser.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from ..docpages import front_matter, is_active, macros_line, turns_on_macros
from ..model import At
from .base import Context, Hit, rule
from .textscan import CleanFiles, Text, TextHit, listed

REFUSED_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet",
                "style", "form", "base", "meta", "link", "noscript", "animate",
                "animatemotion", "animatetransform", "foreignobject")
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "livescript:", "mocha:")

_TAG = re.compile(r"<\s*(" + "|".join(REFUSED_TAGS) + r")(?![\w-])", re.IGNORECASE)
# (possessive *+ and ++ keep every pattern linear on hostile text)
# an HTML start tag as browsers read it: a '>' inside a quoted value does not end it
_START_TAG = re.compile(r"<[A-Za-z][\w:-]*+((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)")
# a Markdown attribute list: '{: ...}' or '{...}' after a paragraph, heading, span or fence
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*+)\}")
# one attribute: its name is group 1
_ATTRIBUTE = re.compile(r"([^\s\"'<>/=]++)(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'>]++))?")
# where a link or resource address is written: the address is group 1 (or 2 or 3)
_TARGETS = (
    # [text](address), ![alt](address), also [text](< address>)
    re.compile(r"\]\(\s*(?:<\s*)?([^\s)>]+)"),
    # [ref]: address, also inside block quotes or list items (at any indentation) and with
    # the address on the next line
    re.compile(r"^[ \t]*+(?:(?:>|[-+*]|\d{1,9}[.)])[ \t]*+)*\[[^\]\n]+\]:[ \t]*+"
               r"(?:\n[ \t]*+(?:>[ \t]*+)*)?(?:<[ \t]*)?(\S+)", re.MULTILINE),
    re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>"),  # <scheme:address>
)
# HTML attributes that hold an address (SVG animation's values, to, from and by too)...
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "xlink:href",
                            "data", "poster", "background", "lowsrc", "dynsrc", "values", "to",
                            "from", "by", "ping", "cite", "longdesc", "codebase"})
# ...and those that load a resource (not a link)
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "background", "lowsrc", "dynsrc",
                                 "data"})
# a Markdown image: its address is a resource too
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^\s)>]+)")
# found from their '=' (rare in prose, so fast): the name before it, the value after it
_NAME_BEFORE = re.compile(r"([\w:-]{1,16})\s*$")
_VALUE_AFTER = re.compile(r"=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s>]++))")
_REMOTE = re.compile(r"[a-z][a-z0-9+.-]*:|[/\\]{2}")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u200b-\u200d\u2060\ufeff]+")
# values that hold several addresses (SVG animation values; srcset)
_LIST_SEPARATOR = re.compile(r"[;,]")


_REMOTE_MESSAGE = "an image or other resource from another site is not allowed"
_INLINE_MESSAGE = "an image written into the text (a data: address) is not published"
_REMOTE_HINT = ("put the file in the repository under docs/ and use its relative address: the "
                "site publishes only files of its own (a resource from another site tells "
                "that site who reads the page)")


def refused_scheme(address: str) -> str | None:
    """The refused scheme an address uses, after decoding entities and removing the
    spaces and control characters browsers ignore ('java&#115;cript:' is javascript:)."""
    plain = _INVISIBLE.sub("", html.unescape(html.unescape(address))).lower()
    return next((s for s in REFUSED_SCHEMES if plain.startswith(s)), None)


def _plain(address: str) -> str:
    return _INVISIBLE.sub("", html.unescape(html.unescape(address))).lower()


def _group(m: re.Match[str]) -> int:
    return next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g) is not None)


def _in_refused_tag(value: str, offset: int) -> bool:
    """Whether an offset is inside a tag HT001 refuses as a whole (said once, not twice)."""
    start = value.rfind("<", max(0, offset - 1000), offset)  # (a tag is never that long)
    return start >= 0 and bool(_TAG.match(value, start))


def _assignments(value: str, names: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(offset, value) of every ``name=value`` with one of the names (any case)."""
    for m in _VALUE_AFTER.finditer(value):  # (from each '=': rare in prose, so fast)
        name = _NAME_BEFORE.search(value[max(0, m.start() - 24):m.start()])
        if name and name.group(1).lower() in names:
            group = _group(m)
            yield m.start(group), m.group(group)


def _attributes(value: str) -> Iterator[tuple[int, str]]:
    """(offset, lower-case name) of every attribute of every HTML start tag and Markdown
    attribute list."""
    for pattern in (_START_TAG, _ATTR_LIST):
        for m in pattern.finditer(value):
            for a in _ATTRIBUTE.finditer(m.group(1)):
                yield m.start(1) + a.start(1), a.group(1).lower()


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
    for offset, attr in _attributes(value):
        if attr.startswith("on"):
            out.append((offset, f"an inline event handler ({attr}=) is not allowed",
                        (f"remove the {attr}= attribute (better, the whole HTML tag or "
                         "attribute list): it runs code in readers' browsers")))
        elif attr == "style":
            out.append((offset, "a style= attribute is not allowed",
                        ("remove the style= attribute: it can cover the page with a fake "
                         "one; the site's own styles are the only ones published")))
    seen: set[int] = set()
    targets = [(m.start(_group(m)), m.group(_group(m)), False)
               for pattern in _TARGETS for m in pattern.finditer(value)]
    targets += [(start, address, True) for start, address in
                _assignments(value, URL_ATTRIBUTES)]
    for start, address, attribute in targets:
        # (an attribute may hold several addresses: SVG animation values, srcset)
        parts = _LIST_SEPARATOR.split(html.unescape(html.unescape(address))) if attribute \
            else [address]
        scheme = next((s for s in map(refused_scheme, parts) if s), None)
        if scheme and start not in seen:
            seen.add(start)
            out.append((start, f"a {scheme} link is not allowed",
                        (f"link only to https:, http: or mailto: addresses; a {scheme} "
                         "link runs code when a reader clicks it")))
    resources = [(m.start(1), m.group(1)) for m in _IMAGE.finditer(value)]
    resources += _assignments(value, RESOURCE_ATTRIBUTES)
    for start, address in resources:
        addresses = [_plain(p) for p in address.split(",")]
        if start not in seen and not _in_refused_tag(value, start) and any(
                _REMOTE.match(a) for a in addresses):
            seen.add(start)
            inline = all(a.startswith("data:") for a in addresses if _REMOTE.match(a))
            out.append((start, _INLINE_MESSAGE if inline else _REMOTE_MESSAGE, _REMOTE_HINT))
    out.sort(key=lambda x: x[0])
    return out


@rule("HT001", "active-content", kind="record", category="content-safety", severity="error",
      title="Raw HTML or a script link in editor-written text")
def active_content(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The minutes, ToR text, hand-written pages under `docs/` and every other free text that
    is shown on the site (decisions, declarations, agenda, notes, actions...) contain none
    of:

    * the HTML elements `<script>`, `<iframe>`, `<frame>`, `<frameset>`, `<object>`,
      `<embed>`, `<applet>`, `<style>`, `<form>`, `<base>`, `<meta>` or `<link>`;
    * an inline event handler (`onclick=`, `onerror=`...) or a `style=` attribute, in an
      HTML tag (also after a `>` inside a quoted value) or in a Markdown attribute list
      (`{: onmouseover="..." }` after a paragraph or heading);
    * a link or resource address using `javascript:`, `vbscript:` or `data:text/html`,
      written as a Markdown link or image (`[text](javascript:...)`), a reference
      definition (also inside a block quote, or with the address on the next line), an
      autolink (`<javascript:...>`) or an HTML attribute (`href=`, `src=`, SVG animation
      `values=`...), also when disguised with HTML entities, spaces or line breaks;
    * an image or other resource from another site (`![chart](https://...)`,
      `<img src="//...">`): put it in the repository and use its relative address.

    In records this applies inside code blocks too: describe such code in words instead.
    In hand-written pages under `docs/`, code spans and fenced code blocks are left out
    (they are published as text).

    The site's sanitiser removes all of this from the published pages, the search index,
    the open data and the calendar feeds whatever this check finds: the check says where
    and why, so that what is published is what the editor meant.

    ## Why
    Markdown passes raw HTML through to the page. A pasted script or a `javascript:` link
    would run in the browser of everyone who reads the published minutes, on a site
    partners trust; a `style=` overlay or an image from another site can fake the page or
    tell another site who reads it. Ordinary formatting never needs them.

    Template syntax such as `{{ ... }}` or `{% ... %}` is not checked: editor text is
    never rendered as a template, so it is shown as written (see HT002).

    ## Fails
    ```markdown
    <script src="https://example.org/x.js"></script>
    See [the report](javascript:alert(1)).
    A paragraph.
    {: onmouseover="alert(1)" }
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
                       ctx.item_digests, _MEMO_KEY)
    for text in listed(ctx.ds, clean.skip):
        unit = text.unit
        clean.scanned(unit)
        for offset, message, hint in find(_scanned(text)):
            clean.found(unit)
            yield text.hit(offset, f"{message} in {text.label}", hint)
    clean.save()


# the patterns' version: a file found clean by an older set of patterns is scanned again
_MEMO_KEY = "HT001-3"


def _scanned(text: Text) -> str:
    """What HT001 and HT003 read of a text: a hand-written page without its code (same
    offsets), anything else as written."""
    return mask_code(text.value) if text.file.startswith("docs/") else text.value


_FENCE_LINE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_NOT_NEWLINE = re.compile(r"[^\n]")


def mask_code(value: str) -> str:
    """A Markdown text with the insides of fenced code blocks and code spans blanked
    (line breaks kept, so offsets and lines do not move). The fence line itself is kept:
    an attribute list on it is published as attributes. Linear in the text's length."""
    if "`" not in value and "~~~" not in value:
        return value
    blanked: list[tuple[int, int]] = []  # (start, end) of code, in order
    fence: str | None = None
    offset, prose_start = 0, 0
    for line in value.splitlines(keepends=True):
        m = _FENCE_LINE.match(line)
        if fence is None and m:
            fence = m.group(1)
            _code_spans(value, prose_start, offset, blanked)
            code_start = offset + len(line)
        elif fence is not None and m and m.group(1)[0] == fence[0] \
                and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
            fence, prose_start = None, offset + len(line)
            blanked.append((code_start, offset))
        offset += len(line)
    if fence is None:
        _code_spans(value, prose_start, len(value), blanked)
    else:
        blanked.append((code_start, len(value)))
    out, done = [], 0
    for start, end in blanked:
        out += [value[done:start], _NOT_NEWLINE.sub(" ", value[start:end])]
        done = end
    out.append(value[done:])
    return "".join(out)


def _code_spans(value: str, start: int, end: int, found: list[tuple[int, int]]) -> None:
    """Add the inside of every code span between two offsets (a run of backticks to the
    next run of the same length) to ``found``."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(value, start, end)]
    following: list[int | None] = [None] * len(runs)
    latest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = latest.get(length)
        latest[length] = i
    i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        found.append((runs[i][1], runs[j][0]))
        i = j + 1


# ---------------------------------------------------------------- HT002


@rule("HT002", "page-runs-templates", kind="record", category="content-safety",
      severity="error", title="A hand-written page turns template rendering on by itself")
def page_runs_templates(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No hand-written page under `docs/` says `render_macros` (other than `false`) in its
    front matter, in YAML between `---` lines or as a `key: value` line at its top.

    The pages on which the site renders template code are named in `mkdocs.yml`, in the
    minutebook plugin's `macros_pages` list (empty unless a maintainer adds a page); the
    site build refuses any other page that asks for it, too.

    ## Why
    The macros plugin runs `{{ ... }}` and `{% ... %}` on a page that asks for it, and
    template code can run any program on the build machine, which builds the site for
    every pull request. A page must not be able to switch that on for itself.

    ## Fails
    ```markdown
    ---
    title: Membership
    render_macros: true
    ---
    ```

    ## Passes
    ```yaml
    plugins:
      - minutebook:
          macros_pages: [membership.md]
    ```
    """
    for page in ctx.ds.docs_pages:
        if turns_on_macros(front_matter(page.text)):
            yield TextHit(At(page.file), "the page turns template rendering on by itself "
                          "(render_macros in its front matter)",
                          ("remove render_macros from the page: template code could run "
                           "anything on the build machine; a maintainer names the pages "
                           "that may use templates in mkdocs.yml (macros_pages of the "
                           "minutebook plugin)"), position=(macros_line(page.text), 1))


# ---------------------------------------------------------------- HT003

# the markers as the site finds them (site/publication.py)
_OPEN = re.compile(r"<!--\s*confidential\s*-->", re.IGNORECASE)
_CLOSE = re.compile(r"<!--\s*/confidential\s*-->", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# something written like the start of a marker but not a comment: '<! --', '<!—' (Word
# turns -- into a dash), '<--', '< !-- /'
_NEAR_COMMENT = re.compile(r"<[ \t]*+!?[ \t]*+[-–—]*+[ \t]*+/?[ \t]*+(?=[^\W\d_])")
# a word in any script: full-width letters are folded by _letters, a Cyrillic look-alike
# keeps most of the Latin letters like_confidential compares
_WORD = re.compile(r"[^\W\d_]{5,24}")
_MARKER_HINT = ("write the markers exactly as '<!-- confidential -->' and "
                "'<!-- /confidential -->', each on a line of its own: anything else is "
                "published as it stands")


_LETTERS = frozenset("confidential")


def like_confidential(word: str) -> bool:
    """A word that is, or is meant to be, 'confidential' (misspelt by up to three
    letters)."""
    w = word.lower()
    return ("confid" in w or "dential" in w or "fidenti" in w
            or (8 <= len(w) <= 16 and len(_LETTERS.intersection(w)) >= 7
                and _distance(w, "confidential") <= 3))


def _letters(comment: str) -> str:
    """A comment as a reader sees its words: NFKC ('ＣＯＮ...' is 'CON...') and
    without invisible format characters (soft hyphens, zero-width spaces)."""
    if comment.isascii():
        return comment
    return "".join(c for c in unicodedata.normalize("NFKC", comment)
                   if unicodedata.category(c) != "Cf")


def _distance(a: str, b: str) -> int:
    """The Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def markers_work(text: Text) -> bool:
    """Confidential markers are honoured in the minutes of meeting records and in the
    text of reports (``publishable_minutes``), nowhere else."""
    return text.markdown and text.file.startswith(("meetings/", "reports/"))


def marker_problems(value: str, work: bool) -> list[tuple[int, str, str]]:
    """(offset, message, hint) of every marker that is not one, or does nothing."""
    out: list[tuple[int, str, str]] = []
    if "<" not in value:
        return out
    comments = [(m.start(), m.end()) for m in _COMMENT.finditer(value)]
    opened = False
    for start, end in comments:
        comment = value[start:end]
        if _OPEN.fullmatch(comment) or _CLOSE.fullmatch(comment):
            closing = bool(_CLOSE.fullmatch(comment))
            if not work:
                out.append((start, "a confidential marker where markers do not work",
                            ("markers hide text only in the minutes of a meeting record and "
                             "in the text of a report: this text is published whole; mark "
                             "the record classification: OFFICIAL-SENSITIVE or move the "
                             "passage into the minutes")))
            elif closing and not opened:
                out.append((start, ("a closing confidential marker with no opening marker "
                            "before it"), ("put '<!-- confidential -->' where the "
                                          "confidential section starts: the text before this "
                                          "marker is published")))
            opened = not closing
        elif any(like_confidential(w) for w in _WORD.findall(_letters(comment))):
            out.append((start, ("a comment that looks like a confidential marker but is not "
                        "one"), _MARKER_HINT))
    for m in _NEAR_COMMENT.finditer(value):
        if m.group(0).startswith("<!--") or any(s <= m.start() < e for s, e in comments):
            continue
        word = _WORD.match(_letters(value[m.end():m.end() + 72]))
        if word and like_confidential(word.group(0)):
            out.append((m.start(), "this looks like a confidential marker but is not one",
                        _MARKER_HINT))
    return out


@rule("HT003", "confidential-marker", kind="record", category="content-safety",
      severity="error", title="A comment that looks like a confidential marker but is not one")
def confidential_marker(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every HTML comment (and every `<!`-like construct) in editor-written text that mentions
    *confidential*, even misspelt (`confidental`, `CONFIDENTAIL`), is exactly one of the two
    markers, `<!-- confidential -->` or `<!-- /confidential -->` (spaces inside and capital
    letters do not matter); a closing marker follows an opening one; and markers are used
    only where they work: the minutes of a meeting record and the text of a report.

    ## Why
    The public site leaves out what is between the markers. A marker written any other way
    (`<!-- confidental -->`, `<!-- confidential: case -->`, `<!— confidential —>` as Word
    writes it) is an ordinary comment, and the section after it is published with no word
    of warning. A marker in the terms of reference, a decision or a page under `docs/`
    hides nothing.

    ## Fails
    ```markdown
    <!-- confidental -->
    The group discussed the practice review of Child A.
    <!-- /confidental -->
    ```

    ## Passes
    ```markdown
    <!-- CONFIDENTIAL -->
    The group discussed the practice review of Child A.
    <!-- /confidential -->
    ```
    """
    clean = CleanFiles(ctx.memo.setdefault("confidential-marker-clean", {}), ctx.digests,
                       ctx.item_digests, _MARKER_MEMO_KEY)
    for text in listed(ctx.ds, clean.skip):
        clean.scanned(text.unit)
        for offset, message, hint in marker_problems(_scanned(text), markers_work(text)):
            clean.found(text.unit)
            yield text.hit(offset, f"{message} in {text.label}", hint)
    clean.save()


# the marker patterns' version: a file found clean by an older version is scanned again
_MARKER_MEMO_KEY = "HT003-2"


# ---------------------------------------------------------------- HT004


@rule("HT004", "page-published-as-is", kind="record", category="content-safety",
      severity="error", title="A file under docs/ would be published as it is, unsanitised")
def page_published_as_is(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No file under `docs/` is an HTML, SVG or XML document (`.html`, `.htm`, `.xhtml`,
    `.xht`, `.shtml`, `.svg`, `.svgz`, `.xml`, `.xsl`, `.xslt`, `.mht`, `.mhtml`, `.rss`,
    `.atom`, `.rdf`, or any other suffix ending in `ml` but `.yml` and `.toml`).

    ## Why
    The site copies every file under `docs/` that is not a Markdown page as it is. A
    browser opens such a file as a page of the site, where its scripts run with the site's
    name on them: it would bypass the sanitiser every Markdown page passes through. The
    site build refuses these files too.

    ## Fails
    ```text
    docs/agenda.html
    docs/assets/structure.svg
    ```

    ## Passes
    ```text
    docs/agenda.md
    docs/assets/structure.png
    ```
    """
    for page in ctx.ds.docs_pages:
        if is_active(page.file):
            yield TextHit(At(page.file), "this file would be published as it is, without "
                          "the sanitiser: a browser opens it as a page of the site and runs "
                          "any script in it", ("write it as a Markdown page (.md), or for a "
                                               "picture use PNG or JPEG"), position=(1, 1))
