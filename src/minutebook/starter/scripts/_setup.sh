# Shared set-up for scripts/build and scripts/check (sourced, not run).
# Creates .venv and installs the minutebook engine pinned in requirements.txt, or the one
# named in MINUTEBOOK_SPEC (a wheel, a folder or a git URL: to try an engine before it is
# released), whenever what is installed differs from what is asked for.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${MINUTEBOOK_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
if [ -x "$VENV/bin/python" ] && ! new_enough "$VENV/bin/python"; then
  echo "minutebook: $VENV has a Python older than 3.11; making it again" >&2
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! new_enough "$PYTHON"; then
    echo "minutebook: needs Python 3.11 or later; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing)." >&2
    echo "Install Python 3.11+, or name one with PYTHON=/path/to/python3.11 $0" >&2
    exit 2
  fi
  echo "minutebook: creating virtualenv in $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
SPEC="${MINUTEBOOK_SPEC:-}"
WANTED="${SPEC:-$(cat requirements.txt)}"
STAMP="$VENV/.minutebook-engine"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANTED" ]; then
  echo "minutebook: installing the engine (${SPEC:-requirements.txt})" >&2
  if [ -n "$SPEC" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$SPEC" >&2
  else
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt >&2
  fi
  printf '%s' "$WANTED" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
