"""The cookbook's findings are real output (src/minutebook/cookbook.py).

Every output block of docs/cookbook.md is what ``minutebook check --format parsable``
says of its recipe (the Northshire example in examples/northshire/ and the recipe's
fragments), every "clean" claim is clean, and every fragment leaves its file valid.
``minutebook docs`` rewrites the blocks.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from minutebook import cookbook
from minutebook.api import check

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLE = ROOT / "examples" / "northshire"
PAGE = (DOCS / "cookbook.md").read_text(encoding="utf-8")
OUTPUTS = cookbook.parse(PAGE)
BASE = cookbook.read_base(EXAMPLE)


def test_the_page_has_its_recipes() -> None:
    assert len([o for o in OUTPUTS if not o.clean]) >= 100
    blocks = PAGE.count("```text\n")
    marked = len([o for o in OUTPUTS if not o.clean])
    # every findings block is generated (the one other text block lists five meetings)
    assert blocks - marked <= 1, f"{blocks - marked} ```text blocks have no output marker"


@pytest.mark.parametrize("as_of", sorted({o.as_of for o in OUTPUTS}), ids=str)
def test_the_example_is_clean_on_every_date_the_page_uses(tmp_path: Path, as_of: date) -> None:
    files = cookbook.build(BASE, cookbook.Output("base", 0, as_of, -1, -1))
    assert cookbook.run(files, as_of) == ""


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: f"{o.recipe}@{o.line}")
def test_the_output_is_real(output: cookbook.Output) -> None:
    real = cookbook.run(cookbook.build(BASE, output), output.as_of, output.words)
    if output.clean:
        assert real == "", f"cookbook.md:{output.line} says this is clean"
    else:
        shown = PAGE[output.start:output.end]
        assert shown == (real + "\n" if real else ""), (
            f"cookbook.md:{output.line}: run `minutebook docs` to regenerate")


def test_every_fragment_validates_against_its_schema() -> None:
    assert cookbook.fragment_problems(BASE, OUTPUTS) == []


def test_every_recipe_is_checked() -> None:
    named = set(re.findall(r"<!-- recipe: ([a-z0-9-]+);", PAGE))
    assert named - {o.recipe for o in OUTPUTS} <= {"deputies", "cadence-interval"}


def test_the_page_shows_the_example_as_it_is() -> None:
    organisations = (EXAMPLE / "governance" / "organisations.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{organisations}```" in PAGE
    body = (EXAMPLE / "governance" / "bodies" / "board.yaml").read_text(encoding="utf-8")
    seats = body[body.index("seats:"):body.index("chair_terms:")]
    assert f"```yaml\n{seats}```" in PAGE


# ---------------------------------------------------------------- the generator itself

SMALL = """\
# A page

<!-- recipe: head-count; tor: merge -->

```yaml
quorum: {requires: {present: {}, min: 6}}
```

<!-- recipe: head-count; meeting 2026-01-14: merge attendance
{yjs-manager: apologies, early-help: apologies, police-supt: apologies, named-nurse: apologies}
-->

<!-- output: head-count as of 2026-02-01 -->

```text
written by hand
```
"""


def small_docs(tmp_path: Path, page: str) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "northshire")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cookbook.md").write_text(page, encoding="utf-8")
    return tmp_path / "docs"


def test_check_finds_a_stale_block_and_write_rewrites_it(tmp_path: Path) -> None:
    docs = small_docs(tmp_path, SMALL)
    assert cookbook.check(docs) == ["stale: docs/cookbook.md:13 head-count as of 2026-02-01"]
    assert cookbook.write(docs) == ["cookbook.md"]
    assert cookbook.check(docs) == []
    assert cookbook.write(docs) == []
    text = (docs / "cookbook.md").read_text(encoding="utf-8")
    assert ("```text\nmeetings/board/2026-01-14.md:6:1: [warning] the meeting on 2026-01-14 "
            "was not quorate by the attendance recorded: at least 6 members present: 5 of "
            "the 6 needed (QU002)\n```") in text
    assert text.startswith(SMALL.split("```text")[0])


def test_a_clean_claim_that_is_not_is_reported(tmp_path: Path) -> None:
    docs = small_docs(tmp_path, SMALL.replace("<!-- output: head-count as of 2026-02-01 -->\n\n"
                                              "```text\nwritten by hand\n```\n",
                                              "<!-- clean: head-count as of 2026-02-01 -->\n"))
    [problem] = cookbook.check(docs)
    assert problem.startswith("not clean: docs/cookbook.md:13 head-count as of 2026-02-01: ")
    assert problem.endswith("(QU002)")


def test_a_fragment_that_breaks_its_schema_is_reported_unless_marked(tmp_path: Path) -> None:
    page = SMALL.replace("<!-- recipe: head-count; tor: merge -->",
                         "<!-- recipe: head-count; tor: merge\napproved: null\n-->\n"
                         "<!-- recipe: head-count; tor: merge -->")
    docs = small_docs(tmp_path, page)
    cookbook.write(docs)
    assert cookbook.check(docs) == [
        ("invalid fragment: docs/cookbook.md:3 (head-count, governance/tor/board/1.0.md): "
         ": 'approved' is a required property")]
    docs = small_docs(tmp_path / "marked", page.replace(
        "head-count; tor: merge\napproved", "head-count; tor: merge; invalid\napproved"))
    cookbook.write(docs)
    assert cookbook.check(docs) == []


@pytest.mark.parametrize(("page", "says"), [
    ("<!-- output: nothing as of 2026-02-01 -->\n\n```text\n```\n", "no recipe 'nothing'"),
    ("<!-- recipe: a; tor: merge -->\n\nsome words\n", "just before a ```yaml"),
    ("<!-- recipe: a; tor merge -->\n", "write '<!-- recipe: NAME; TARGET: OP -->'"),
    ("<!-- recipe: a; tor: merge; valid\nx: 1\n-->\n", "can only be 'invalid'"),
    ("<!-- recipe: a; from: b -->\n", "no recipe 'b' above"),
])
def test_a_marker_the_generator_cannot_follow_is_named_by_its_line(page: str,
                                                                   says: str) -> None:
    with pytest.raises(cookbook.RecipeError, match=re.escape(says)):
        cookbook.parse("# A page\n\n" + page)


def test_an_unknown_target_or_operation_is_named_by_its_line() -> None:
    for marker in ("<!-- recipe: a; minutes: merge\nx: 1\n-->",
                   "<!-- recipe: a; tor: append\nx: 1\n-->"):
        [output] = cookbook.parse(f"{marker}\n<!-- clean: a as of 2026-02-01 -->\n")
        with pytest.raises(cookbook.RecipeError, match=re.escape("cookbook.md:1: ")):
            cookbook.build(BASE, output)


def test_merge_removes_on_null_merges_lists_by_id_and_replaces_other_lists() -> None:
    base = {"a": 1, "b": {"c": 2, "d": 3}, "seats": [{"id": "x", "p": 1}, {"id": "y"}],
            "terms": [{"seat": "x"}]}
    change = {"a": None, "b": {"d": 4}, "seats": [{"id": "y", "p": 2}, {"id": "z"}],
              "terms": [{"seat": "z"}]}
    assert cookbook.merge(base, change) == {
        "b": {"c": 2, "d": 4}, "seats": [{"id": "x", "p": 1}, {"id": "y", "p": 2}, {"id": "z"}],
        "terms": [{"seat": "z"}]}
    assert base["a"] == 1


def test_a_merge_keeps_the_text_of_fields_it_does_not_change() -> None:
    files = dict(BASE)
    [output] = cookbook.parse("<!-- recipe: a; body: merge\nrecords_from: 2025-04-01\n-->\n"
                              "<!-- clean: a as of 2026-02-01 -->\n")
    files = cookbook.build(BASE, output)
    before = BASE["governance/bodies/board.yaml"]
    assert files["governance/bodies/board.yaml"] == before + "records_from: 2025-04-01\n"


def test_meetings_after_the_date_are_left_out_unless_the_recipe_changed_them() -> None:
    [output] = cookbook.parse("<!-- recipe: a; meeting 2026-03-11: merge\n{}\n-->\n"
                              "<!-- clean: a as of 2026-02-01 -->\n")
    meetings = sorted(r for r in cookbook.build(BASE, output) if r.startswith("meetings/"))
    assert meetings == ["meetings/board/2026-01-14.md", "meetings/board/2026-03-11.md"]


def test_a_new_meeting_has_every_seat_present_and_the_chair_then() -> None:
    [output] = cookbook.parse("<!-- recipe: a; meeting 2025-06-11: merge\n{}\n-->\n"
                              "<!-- clean: a as of 2026-02-01 -->\n")
    text = cookbook.build(BASE, output)["meetings/board/2025-06-11.md"]
    assert text.startswith("---\ndate: 2025-06-11\nstatus: held\nclassification: OFFICIAL\n"
                           "chair: dcs\nattendance:\n  dcs: present\n")
    assert check_files(cookbook.build(BASE, output), date(2026, 2, 1)) == []


def check_files(files: dict[str, str], as_of: date) -> list[str]:
    return [line for line in cookbook.run(files, as_of).splitlines() if line]


def test_check_runs_on_the_whole_example(tmp_path: Path) -> None:
    """The example is a repository in its own right: minutebook check reads it as is."""
    assert [f.code for f in check(EXAMPLE, date(2026, 4, 1)).findings] == []


def test_minutebook_docs_check_fails_on_a_stale_block_and_docs_rewrites_it(
        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from minutebook import docsgen
    from minutebook.cli import cli

    docs = small_docs(tmp_path, SMALL)
    docsgen.write(docs)
    runner = CliRunner()
    stale = runner.invoke(cli, ["docs", "--check", "--docs-dir", str(docs)])
    assert stale.exit_code == 1
    assert "stale: docs/cookbook.md:13 head-count as of 2026-02-01" in stale.output
    assert runner.invoke(cli, ["docs", "--docs-dir", str(docs)]).output == (
        "wrote docs/cookbook.md\n")
    assert runner.invoke(cli, ["docs", "--check", "--docs-dir", str(docs)]).exit_code == 0


def test_a_marker_error_is_a_usage_error_of_minutebook_docs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    docs = small_docs(tmp_path, "<!-- output: nothing as of 2026-02-01 -->\n\n```text\n```\n")
    result = CliRunner().invoke(cli, ["docs", "--check", "--docs-dir", str(docs)])
    assert result.exit_code == 1
    assert "cookbook.md:1: no recipe 'nothing' above this marker" in result.output


def test_a_docs_folder_without_the_cookbook_has_nothing_to_generate(tmp_path: Path) -> None:
    assert cookbook.check(tmp_path) == []
    assert cookbook.write(tmp_path) == []


def test_what_a_check_leaves_in_the_example_is_not_part_of_it(tmp_path: Path) -> None:
    """A check run on the example leaves a binary cache in .cache/: the cookbook (and
    `minutebook docs --check`) read the example's own files only."""
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance/organisations.yaml").write_text("organisations: []\n")
    (tmp_path / ".cache/minutebook").mkdir(parents=True)
    (tmp_path / ".cache/minutebook/index.marshal").write_bytes(b"\xa9\x00\xff")
    assert cookbook.read_base(tmp_path) == {
        "governance/organisations.yaml": "organisations: []\n"}
