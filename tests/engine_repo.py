"""A partnership's repository as `minutebook init` leaves it: the example's records, a
mkdocs.yml naming the plugin, an empty docs/, and none of the engine's files."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ("minutebook.yaml", "actions.yaml", "escalations.yaml", "personal-data-allow.yaml",
           "governance", "meetings", "reports", "scorecard")
MKDOCS_YML = """\
site_name: A partnership
strict: true
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - tables:
      use_align_attribute: true
  - admonition
  - def_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - minutebook
"""


def partnership(root: Path) -> Path:
    """Make the repository at ``root`` (which must not exist) and return it."""
    root.mkdir(parents=True)
    for name in CONTENT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            shutil.copyfile(src, root / name)
    (root / "docs").mkdir()  # (MkDocs needs the folder; every page in it is generated)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root
