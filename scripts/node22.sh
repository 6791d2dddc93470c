# shellcheck shell=bash
# Source this file to get Node.js >= 22.13 first on PATH.
#
# When the system Node is older, Node 22 is installed from the npm registry's
# node-<os>-<arch> package into a local prefix (CASEBOOK_TOOLCHAIN, default
# .toolchain/ in the project). npm_config_nodedir is pointed at that prefix so
# native addons such as better-sqlite3 compile against Node 22 headers rather
# than whatever nodedir the machine's npmrc names.

casebook_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
casebook_toolchain="${CASEBOOK_TOOLCHAIN:-$casebook_root/.toolchain}"
casebook_min_node="22.13.0"

casebook_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [want, have] = [process.argv[1], process.versions.node].map((v) => v.split(".").map(Number));
    const ok = have[0] > want[0] || (have[0] === want[0] && (have[1] > want[1] ||
      (have[1] === want[1] && have[2] >= want[2])));
    process.exit(ok ? 0 : 1);
  ' "$casebook_min_node"
}

casebook_node_platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) echo "casebook: unsupported OS $(uname -s) for the Node 22 bootstrap" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "casebook: unsupported CPU $(uname -m) for the Node 22 bootstrap" >&2; return 1 ;;
  esac
  echo "node-$os-$arch"
}

casebook_use_local_node() {
  local pkg bin_dir
  pkg="$(casebook_node_platform)" || return 1
  bin_dir="$casebook_toolchain/node_modules/$pkg/bin"
  if [ ! -x "$bin_dir/node" ]; then
    echo "casebook: system Node is older than $casebook_min_node; installing $pkg@22 into $casebook_toolchain" >&2
    mkdir -p "$casebook_toolchain"
    # The platform package ships the node binary and its headers; no install script runs.
    npm install --prefix "$casebook_toolchain" --no-save --no-audit --no-fund \
      --loglevel=error "$pkg@22" >&2 || return 1
  fi
  export PATH="$bin_dir:$PATH"
}

if ! casebook_node_ok; then
  casebook_use_local_node || { echo "casebook: could not provide Node $casebook_min_node+" >&2; return 1 2>/dev/null || exit 1; }
  casebook_node_ok || { echo "casebook: Node on PATH is still too old" >&2; return 1 2>/dev/null || exit 1; }
fi

npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
export npm_config_nodedir
