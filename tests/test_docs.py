"""Documentation held true by tests: generated pages up to date, every rule and command
documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from minutebook import docsgen
from minutebook.cli import cli
from minutebook.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_rule_reference_is_up_to_date() -> None:
    problems = docsgen.check(DOCS)
    assert problems == [], "run `minutebook docs` to regenerate: " + "; ".join(problems)


def test_rule_reference_check_reports_stale_and_orphan_pages(tmp_path: Path) -> None:
    docsgen.write(tmp_path)
    assert docsgen.check(tmp_path) == []
    (tmp_path / "rules" / "quorum.md").write_text("edited by hand\n")
    (tmp_path / "rules" / "retired.md").write_text("old\n")
    assert docsgen.check(tmp_path) == ["stale: docs/rules/quorum.md",
                                       "orphan: docs/rules/retired.md"]


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_is_documented(code: str) -> None:
    rule = REGISTRY[code]
    assert re.fullmatch(r"[A-Z]{2}[0-9]{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.title
    assert not rule.title.endswith(".")
    assert "## What it checks" in rule.doc, f"{code}: the docstring needs '## What it checks'"
    if rule.check is not None:
        assert "## Why" in rule.doc or "## Fails" in rule.doc, \
            f"{code}: say why the rule matters (## Why) or show a failing case (## Fails)"


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            out += _commands(command, full + " ")
        else:
            out.append(full)
    return out


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [*command.split(), "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert f"minutebook {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_setup_commands_first() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == [
        "scripts/build", "scripts/test"]


def test_every_schema_has_a_reference_page() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md"))
    for schema in sorted((ROOT / "schemas").glob("*.schema.json")):
        assert schema.name in text, f"{schema.name} is not mentioned in docs/reference/"
