# Shared by scripts/serve and scripts/test: install what is missing, quietly and
# only when something is missing, so a second run costs nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-2}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_packages PKG...: apt-get install the Debian packages that are not installed yet.
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

NATIVE_PACKAGES=(cmake g++ make nlohmann-json3-dev catch2)
WASM_PACKAGES=(emscripten)
BROWSER_PACKAGES=(chromium)
# libFuzzer and source-based coverage (scripts/fuzz, scripts/coverage).
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)

# Debian's emscripten needs Debian's node modules (acorn) when node is not
# Debian's own (../shared/TOOLCHAIN.md).
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"

# ensure_node: node >= 20 (playwright-core needs it) and npm, from Debian's packages if there is none at all.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || ensure_packages nodejs npm
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "node $(node --version) is too old: the tests need node 20 or newer" >&2
    exit 1
  fi
}

# ensure_npm_packages: node_modules as package-lock.json says, installed only when it changed.
ensure_npm_packages() {
  ensure_node
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    log "installing npm packages (package-lock.json)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# native_build DIR [CMAKE ARGS...]: an incremental native build in build/DIR,
# warnings as errors. serve and test share build/native with the same flags,
# so neither makes the other rebuild.
native_build() {
  local dir="$1"; shift
  cmake -S "$ROOT" -B "$ROOT/build/$dir" -DCMAKE_BUILD_TYPE=Release -DGPUTCO_WERROR=ON "$@" >/dev/null
  cmake --build "$ROOT/build/$dir" -j"$JOBS"
}

# wasm_build: the engine (and the page) with Emscripten, into build/wasm/site.
wasm_build() {
  if [ ! -f "$ROOT/build/wasm/CMakeCache.txt" ]; then
    emcmake cmake -S "$ROOT" -B "$ROOT/build/wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$ROOT/build/wasm" -j"$JOBS"
}

SITE_DIR="$ROOT/build/wasm/site"
