# Shared set-up for scripts/build, scripts/test and scripts/serve (sourced, not run).
# Creates .venv and installs the package (with the extras named in MINUTEBOOK_EXTRAS,
# e.g. "test") when the installed copy is older than pyproject.toml. It reads no arguments,
# so the calling script's own options are left for it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${MINUTEBOOK_VENV:-$ROOT/.venv}"
EXTRAS="${MINUTEBOOK_EXTRAS:-}"
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
STAMP="$VENV/.minutebook-installed${EXTRAS:+-$EXTRAS}"
# With the test extra, the packages come from requirements/test.lock (written by scripts/lock:
# every version pinned, every file checked against its hash), then the package itself
# without dependencies. A lock older than pyproject.toml's dependencies stops CI (CI=true);
# on your machine the unpinned install is used instead, with a warning.
LOCK="requirements/test.lock"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] \
    || { [ "$EXTRAS" = test ] && [ "$LOCK" -nt "$STAMP" ]; }; then
  echo "minutebook: installing the package${EXTRAS:+ with [$EXTRAS]}" >&2
  pip_install() { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2; }
  pip_install --upgrade pip
  if [ "$EXTRAS" = test ] && "$VENV/bin/python" requirements/lockcheck.py check; then
    pip_install --require-hashes -r "$LOCK"
    pip_install --no-deps --no-build-isolation -e .
  elif [ "$EXTRAS" = test ] && [ "${CI:-}" = true ]; then
    echo "minutebook: CI installs only from the lock: run scripts/lock, commit $LOCK" >&2
    exit 2
  else
    if [ "$EXTRAS" = test ]; then
      echo "minutebook: installing unpinned versions from pyproject.toml instead" >&2
    fi
    pip_install -e ".${EXTRAS:+[$EXTRAS]}"
  fi
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
# --- issue 19: the form editor's local back end (decap-server, pinned in
# tools/decap-server/package.json and its lock file), for scripts/serve --edit and the
# browser tests (tests/browser/test_cms.py). Installed into tools/decap-server/node_modules
# when missing or older than the lock file. Needs Node.js 20+ and npm.
ensure_decap_server() {
  local dir="$ROOT/tools/decap-server"
  if [ -x "$dir/node_modules/.bin/decap-server" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "minutebook: npm is needed for decap-server (the form editor's local back end); install Node.js 20+" >&2
    return 1
  fi
  echo "minutebook: installing decap-server into tools/decap-server/node_modules" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
}
