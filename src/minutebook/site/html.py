"""Small HTML builders for accessible tables and badges inside generated Markdown.

Everything passed in as ``str`` is escaped; pass ``Markup`` for trusted HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

Cell = str | Markup | int | None


def link(url: str, text: Cell) -> Markup:
    return Markup(f'<a href="{escape(url)}">{"" if text is None else escape(text)}</a>')


def badge(level: str, text: str) -> Markup:
    """A status shown by its words, with colour as a second cue."""
    return Markup(f'<span class="mb-status mb-{escape(level)}">{escape(text)}</span>')


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
          kind: str = "", row_classes: Sequence[str] | None = None,
          row_header: bool = True, attrs: str = "",
          row_data: Sequence[Mapping[str, str]] | None = None, header_column: int = 0,
          labels: Sequence[str] | bool = False) -> Markup:
    """An HTML table with a caption, column headers and (by default) row headers.

    Tables carry no class (Material styles only class-less tables); ``kind`` becomes a
    ``data-mb`` attribute for the site's CSS and scripts; ``row_data`` gives each row
    ``data-*`` attributes (the action tracker's filters read them). ``header_column`` is
    the column of the row headers; ``labels`` (True: the headers) gives each body cell a
    ``data-label``, which narrow screens show beside the cell when rows become cards.
    """
    # built as plain strings with markupsafe's C escape (Markup.format per cell was most of
    # the page-building time on large repositories); str values are escaped, Markup is not
    out = [(f'<div class="mb-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
           f'<table data-mb="{escape(kind or "table")}"{attrs}>'
           f"<caption>{escape(caption)}</caption><thead><tr>")]
    out += [f'<th scope="col">{escape(h)}</th>' for h in headers]
    out.append("</tr></thead><tbody>")
    names = [str(h) for h in headers] if labels is True else list(labels or ())
    cell_labels = [f' data-label="{escape(n)}"' if n else "" for n in names]
    for i, row in enumerate(rows):
        klass = row_classes[i] if row_classes and row_classes[i] else ""
        data = "".join(f' data-{k}="{escape(v)}"' for k, v in row_data[i].items()) \
            if row_data else ""
        out.append(f'<tr class="{escape(klass)}"{data}>' if klass else f"<tr{data}>")
        for j, value in enumerate(row):
            text = "" if value is None else escape(value)
            label = cell_labels[j] if j < len(cell_labels) else ""
            out.append(f'<th scope="row"{label}>{text}</th>' if j == header_column
                       and row_header else f"<td{label}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return Markup("".join(out))


def items(values: Iterable[Cell]) -> Markup:
    """An HTML bullet list."""
    return Markup("<ul>{}</ul>").format(
        Markup("").join(Markup("<li>{}</li>").format(v) for v in values))


__all__ = ["Markup", "badge", "escape", "items", "link", "table"]
