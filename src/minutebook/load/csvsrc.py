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
from .yamlsrc import Problem, scalar_value

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
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            item: dict[str, Any] = {}
            cells: dict[str, tuple[int, int]] = {}
            col = 1
            for name, cell in zip(header, row, strict=False):
                cell = cell.strip()
                if cell:
                    item[name] = scalar_value(cell, None, None) if name == "value" else cell
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
