"""Property tests: however the repository's real files are damaged, ``check`` never raises.

Each example copies the damage into one file of a copy of this repository (byte flips,
lines deleted or duplicated, YAML punctuation inserted) and checks the whole repository:
every problem must come back as a finding, with a real position, never as an exception.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutebook.api import Result, check
from minutebook.load.repo import discover
from minutebook.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
# read once: examples must replay the same data
ORIGINAL = {rel: (ROOT / rel).read_bytes() for rel, _kind, _fm in discover(ROOT)[0]}
# the files of the personal-data scan, where the repository has none
ORIGINAL.setdefault("sensitive-terms.txt", b"# names\nJayden Example\n")
ORIGINAL.setdefault("personal-data-allow.yaml", b"""allow:
  - file: meetings/*.md
    code: PD005
    text: "01632 960000"
    reason: the duty line
    reviewed_by: Information governance lead
    reviewed_on: 2026-01-20
""")
FILES = sorted(ORIGINAL)
# the papers kept beside meeting records (not records: copied, never damaged)
PAPERS = {p.relative_to(ROOT).as_posix(): p.read_bytes()
          for p in ROOT.glob("meetings/*/*/*") if p.is_file()}
EXAMPLES = int(os.environ.get("MINUTEBOOK_FUZZ_EXAMPLES", "150"))
PUNCTUATION = [b":", b": ", b"- ", b"---\n", b"...\n", b"&a ", b"*a", b"!!str ",
               b"!!python/object ", b"!x ", b"|", b">-", b"{", b"}", b"[", b"]", b", ", b"#",
               b"'", b'"', b"\t", b"  ", b"\n", b"? ", b"%YAML 1.1\n", b"@", b"`", b"\x00",
               b"\xef\xbb\xbf", b"\xff", b"\r", b"\\", b"<<: *a\n", b"0x1F", b"1e999", b".nan",
               b"2026-02-30", b"10:30", b"no", b"~", b"<!-- confidential -->", b"{{ x }}",
               b"\xe2\x80\xa8", b"9" * 5000]
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the files minutebook reads from this repository."""
    root = tmp_path_factory.mktemp("fuzz")
    for rel, data in {**ORIGINAL, **PAPERS}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the repository with one to four random kinds of damage."""
    rel = draw(st.sampled_from(FILES))
    data = ORIGINAL[rel]
    for _ in range(draw(st.integers(1, 4))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "insert", "truncate"]))
        if kind == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "delete":
            at = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[:at] + lines[at + 1:])
        elif kind == "duplicate":
            at = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[:at + 1] + lines[at:])
        elif kind == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(PUNCTUATION)) + data[at:]
        else:
            data = data[:draw(st.integers(0, len(data)))]
    return rel, data


def _check_survives(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.write_bytes(data)
    try:
        result = check(root, TODAY)
    finally:
        path.write_bytes(ORIGINAL[rel])
    assert isinstance(result, Result)
    for f in result.findings:
        assert f.code in REGISTRY
        assert f.line >= 1, f
        assert f.column >= 1, f
        assert f.message


def test_repository_is_read_cleanly_before_damage(copy: Path) -> None:
    assert FILES
    result = check(copy, TODAY)
    assert [f for f in result.findings if f.category in ("load", "schema")] == []


@SETTINGS
@given(change=damaged())
def test_damaged_file_never_makes_check_raise(copy: Path, change: tuple[str, bytes]) -> None:
    rel, data = change
    _check_survives(copy, rel, data)


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(front=st.lists(st.sampled_from([*PUNCTUATION, b"date", b"status", b"held", b"x"]),
                      max_size=30),
       body=st.binary(max_size=200))
def test_arbitrary_new_meeting_file_never_makes_check_raise(copy: Path, front: list[bytes],
                                                            body: bytes) -> None:
    folder = next(rel.rsplit("/", 1)[0] for rel in FILES if rel.startswith("meetings/"))
    rel = f"{folder}/2030-01-01.md"
    path = copy / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"---\n" + b"".join(front) + b"\n---\n" + body)
    try:
        result = check(copy, TODAY)
    finally:
        path.unlink()
    assert isinstance(result, Result)


CSV_PIECES = ["missing", "2026-01", "12", "2026-02-05", "note", ",", ",", "\n", "\n", '"',
              '""', " ", "a,b", "x\ny"]


@SETTINGS
@given(st.lists(st.sampled_from(CSV_PIECES), max_size=40))
def test_a_values_csv_never_merges_rows_silently(pieces: list[str]) -> None:
    """However quotes fall in a scorecard CSV, it is read without raising, and rows are
    never merged into one value without a problem saying where the quote opens."""
    from minutebook.load.csvsrc import parse_csv
    from minutebook.load.source import Source

    text = "measure,period,value,submitted,note\n" + "".join(pieces)
    src = Source("scorecard/values/police.csv", "values")
    parse_csv(src, text)
    if src.problems:
        assert all(p.line >= 1 and p.column >= 1 for p in src.problems)
        return
    for row in src.data["rows"]:
        assert not any("\n" in str(v) for k, v in row.items() if k != "note"), row
