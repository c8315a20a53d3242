"""The engine as a package (issue 20 part 1): ``python -m build`` makes a wheel whose
version is the engine's, carrying the schemas, templates, theme overrides, stylesheets,
scripts and vendored libraries with their licences, the editors' guides and the
references; a partnership's repository with none of these files builds its site from the
wheel installed in a fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import minutebook
from engine_repo import partnership
from minutebook.schemas import SCHEMA_FILES
from minutebook.site import engine

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel ``python -m build`` makes from this checkout (by way of the source
    distribution, so that carries everything the wheel needs too)."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out),
                           str(ROOT)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (found,) = out.glob("minutebook-*.whl")
    return found


@pytest.fixture(scope="session")
def engine_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with only the wheel and what it depends on (from the index)."""
    env_dir = tmp_path_factory.mktemp("venv") / "venv"
    venv.create(env_dir, with_pip=True)
    proc = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", "--no-compile", str(wheel)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return env_dir


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_wheel_version_is_the_engines(wheel: Path) -> None:
    assert wheel.name.startswith(f"minutebook-{minutebook.__version__}-py3-none-any")
    with zipfile.ZipFile(wheel) as z:
        meta = z.read(f"minutebook-{minutebook.__version__}.dist-info/METADATA").decode()
        points = z.read(f"minutebook-{minutebook.__version__}.dist-info/entry_points.txt")
    assert f"\nVersion: {minutebook.__version__}\n" in meta
    assert b"minutebook = minutebook.site.plugin:MinutebookPlugin" in points


def test_wheel_carries_what_a_partnership_does_not_copy(wheel: Path) -> None:
    names = _names(wheel)
    schemas = {f"minutebook/schemas/{n}" for n in [*SCHEMA_FILES.values(),
                                                   "common.schema.json"]}
    templates = {f"minutebook/site/templates/{p.name}"
                 for p in (ROOT / "src/minutebook/site/templates").glob("*.j2")}
    theme = {f"minutebook/site/theme/{p.relative_to(ROOT / 'overrides').as_posix()}"
             for p in (ROOT / "overrides").rglob("*") if p.is_file()}
    files = {f"minutebook/site/files/{path}" for path in engine.site_files()}
    assert {"minutebook/site/theme/main.html",
            "minutebook/site/theme/partials/search.html"} <= theme
    assert {"minutebook/site/files/assets/minutebook.css",
            "minutebook/site/files/assets/minutebook-search.js",
            "minutebook/site/files/editors/add-minutes.md",
            "minutebook/site/files/rules/index.md",
            "minutebook/site/files/reference/index.md"} <= files
    missing = (schemas | templates | theme | files) - names
    assert not missing, sorted(missing)
    # the vendored libraries, each with its licence
    assert {"minutebook/site/files/assets/mermaid.min.js",
            "minutebook/site/files/assets/mermaid.LICENSE.txt",
            "minutebook/site/files/assets/README.md",
            "minutebook/site/vendor/decap/LICENSE.txt",
            "minutebook/site/vendor/admin.html"} <= names
    assert any(n.startswith("minutebook/site/vendor/decap/") and n.endswith(".js")
               for n in names)
    # and nothing of this repository's own content: the example's records, its tests, its
    # own pages (about, contributing, performance...)
    assert not [n for n in names if n.split("/")[0] in ("governance", "meetings", "tests")]
    carried = {n for n in names if n.startswith("minutebook/site/files/")}
    assert carried == files | {"minutebook/site/files/assets/README.md"}


def test_wheel_files_are_the_engines_list() -> None:
    """pyproject.toml's force-include and engine.SITE_FILES name the same files."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = table["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include.pop("schemas") == "minutebook/schemas"
    assert include.pop("overrides") == "minutebook/site/theme"
    assert include == {f"docs/{p}": f"minutebook/site/files/{p}" for p in engine.SITE_FILES}


def test_site_builds_from_the_wheel_alone(engine_venv: Path, tmp_path: Path) -> None:
    repo = partnership(tmp_path / "partnership")
    bin_dir = engine_venv / "bin"
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", ("from minutebook.site import engine; "
         "print(engine.theme_dir()); print(engine.files_dir())")],
        capture_output=True, text=True, check=True, cwd=repo)
    assert all(Path(line).is_relative_to(engine_venv) for line in where.stdout.split())
    env = {**os.environ, "MINUTEBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([str(bin_dir / "mkdocs"), "build", "--strict"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    site = repo / "site"
    for path in ("assets/minutebook.css", "assets/mermaid.min.js", "assets/mermaid.LICENSE.txt",
                 "assets/minutebook-search.js"):
        assert (site / path).read_bytes() == (ROOT / "docs" / path).read_bytes(), path
    assert not (site / "assets/README.md").exists()
    for page in ("editors/add-minutes.html", "rules/index.html", "reference/index.html",
                 "publishing-safely.html", "index.html", "structure.html", "actions.html"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    structure = (site / "structure.html").read_text(encoding="utf-8")
    # the theme overrides: the search script in the head, the skip target, the print footer
    assert '<script src="assets/minutebook-search.js"></script>' in home
    assert 'id="mb-content"' in home
    assert "mb-print-foot" in home
    # the stylesheets and scripts every page loads, each once
    for asset in (*engine.EXTRA_CSS, *engine.EXTRA_JAVASCRIPT):
        assert home.count(f'"{asset}') == 1, asset
    # the diagram library on the page with a diagram only
    assert "assets/mermaid.min.js" in structure
    assert "assets/mermaid.min.js" not in home
