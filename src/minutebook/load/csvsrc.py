"""CSV files (scorecard values), read into the same shape as YAML sources, with positions.

Each row becomes a mapping of column -> value in ``data["rows"]``; numbers are parsed,
empty cells are left out, and every cell keeps its line and column.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .positions import Positions
from .source import Source
from .yamlsrc import Problem, number_problem, scalar_value

_COLUMNS = ("measure", "period", "value", "submitted", "note")


def parse_csv(src: Source, text: str) -> None:
    """Fill ``src.data`` and ``src.positions`` from CSV text; problems are recorded."""
    rows: list[dict[str, Any]] = []
    src.data = {"rows": rows}
    row_nodes: list[tuple[int, int, dict[str, tuple[int, int]]]] = []
    # the root and the list of rows are at the top of the file; each row at its line
    src.positions = Positions((1, 1, {"rows": (0, 1, row_nodes)}))
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        src.problems.append(Problem("syntax", 1, 1, "the CSV file is empty",
                                    "the first line names the columns: "
                                    + ",".join(_COLUMNS[:4])))
        return
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
        start = reader.line_num + 1  # the line the next row starts on
    except csv.Error as exc:
        src.problems.append(Problem("syntax", 1, 1, f"the CSV cannot be read: {exc}", ""))
        return
    unknown = [h for h in header if h not in _COLUMNS]
    missing = [c for c in _COLUMNS[:4] if c not in header]
    if unknown or missing:
        what = []
        if missing:
            what.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            what.append(f"unknown column(s) {', '.join(unknown)}")
        src.problems.append(Problem("syntax", 1, 1, "the CSV header has " + " and ".join(what),
                                    "the first line must be: measure,period,value,submitted "
                                    "(and optionally note)"))
        return
    try:
        for row in reader:
            first, line = start, reader.line_num  # the row's first and last lines
            start = line + 1
            if not any(cell.strip() for cell in row):
                continue
            if line > first and (problem := _quote_problem(text, first, line, header, row)):
                src.problems.append(problem)  # rows merged into one by a stray quote
                return
            item: dict[str, Any] = {}
            cells: dict[str, tuple[int, int]] = {}
            col = 1
            for name, cell in zip(header, row, strict=False):
                cell = cell.strip()
                if cell:
                    try:
                        item[name] = scalar_value(cell, None, None) if name == "value" else cell
                    except ValueError:  # more digits than Python converts
                        src.problems.append(number_problem(cell, line, col))
                        item[name] = cell
                    cells[name] = (0, col)
                col += len(cell) + 1
            if len(row) > len(header):
                src.problems.append(Problem(
                    "syntax", line, 1, f"row has {len(row)} cells but the header names "
                    f"{len(header)}", "a value containing a comma must be in double quotes"))
            row_nodes.append((line - 1, 1, cells))
            rows.append(item)
    except csv.Error as exc:
        src.problems.append(Problem("syntax", reader.line_num, 1,
                                    f"the CSV cannot be read: {exc}",
                                    "check the quotes on this line"))


def _quote_problem(whole: str, first: int, last: int, header: list[str],
                   row: list[str]) -> Problem | None:
    """A row read over lines ``first``-``last`` because a quote opened on it is never
    closed, or closed only on a later line, merging rows: reported where the quote opens.
    (A note in quotes may span lines; no other column can.)"""
    text = "\n".join(whole.split("\n")[first - 1:last])  # lines as the CSV reader counts
    found = _spanning_quote(text)
    if found is None:
        return None
    offset, closed_on = found
    line = first + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    hint = ('end the value with a matching ", or remove the opening one; inside quotes '
            'write "" for a quote mark')
    if closed_on is None:
        return Problem("syntax", line, column, 'the quote (") that starts here is never '
                       "closed, so every line after it is read as one value", hint)
    if all("\n" not in cell for name, cell in zip(header, row, strict=False) if name != "note") \
            and len(row) <= len(header):
        return None  # a note written over several lines, in quotes
    return Problem("syntax", line, column, 'the quote (") that starts here is closed only '
                   f"on line {first + closed_on}, so the lines between are read as one value",
                   hint)


def _spanning_quote(text: str) -> tuple[int, int | None] | None:
    """The offset of the first quote that opens a value running over a line break, and the
    line (0-based, in ``text``) that closes it (None: never closed), as the CSV reader
    reads quotes; None if no quoted value spans lines."""
    at, quoted, opened, spanning, line = 0, False, 0, None, 0
    field_start = True
    while at < len(text):
        char = text[at]
        if char == "\n":
            line += 1
        if quoted:
            if char == '"':
                if text.startswith('""', at):
                    at += 1
                else:
                    quoted = False
                    if spanning is not None:
                        return spanning, line
            elif char == "\n" and spanning is None:
                spanning = opened
        elif char == '"' and field_start:
            quoted, opened = True, at
        field_start = not quoted and char in ",\n"
        at += 1
    return (spanning, None) if spanning is not None else None
