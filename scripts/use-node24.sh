# Node.js 24 for this repository, from the npm registry's node-linux-<arch> package (a real Node
# build), unpacked into .tools/node (git-ignored) and put first on PATH. For machines whose own Node
# is older than the project's engines (docs/design.md §11); .ci/run uses it, and so can developers:
#
#   source scripts/use-node24.sh          # this bash shell now runs Node 24 (and npm under it)
#   bash scripts/use-node24.sh npm test   # one command under Node 24
#
# A folder that already holds this version is used as it is. npm is the one already on PATH
# (npm 11 or newer, for package.json's allowScripts), run by Node 24; native addons are built
# against Node 24's own headers (npm_config_nodedir).

use_node24() {
  local version=24.22.3
  local root tools node arch tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  tools="$root/.tools"
  node="$tools/node"

  if [ "$("$node/bin/node" --version 2>/dev/null)" != "v$version" ]; then
    if [ "$(uname -s)" != Linux ]; then
      echo "use-node24: the registry's Node packages used here are Linux builds; install Node.js $version (or any 24.x) yourself." >&2
      return 1
    fi
    case "$(uname -m)" in
      x86_64 | amd64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *)
        echo "use-node24: no registry Node package for $(uname -m); install Node.js $version yourself." >&2
        return 1
        ;;
    esac
    if ! command -v npm >/dev/null 2>&1; then
      echo "use-node24: npm is needed to fetch Node.js $version and is not on PATH." >&2
      return 1
    fi
    echo "use-node24: fetching Node.js $version (node-linux-$arch) into .tools/node"
    mkdir -p "$tools" || return 1
    tmp="$(mktemp -d "$tools/fetch.XXXXXX")" || return 1
    # npm pack checks the tarball against the registry's integrity hash. It runs in a folder of its
    # own (writable, no project .npmrc or package.json to read), asks nothing, and prints only
    # errors (its file name goes to /dev/null).
    if ! (cd "$tmp" && CI=true npm pack "node-linux-$arch@$version" --loglevel=error </dev/null >/dev/null) ||
      ! tar -xzf "$tmp/node-linux-$arch-$version.tgz" -C "$tmp" ||
      [ "$("$tmp/package/bin/node" --version 2>/dev/null)" != "v$version" ]; then
      echo "use-node24: could not fetch and unpack node-linux-$arch@$version from the npm registry." >&2
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$node" && mv "$tmp/package" "$node" && rm -rf "$tmp" || return 1
  fi

  case ":$PATH:" in
    *":$node/bin:"*) ;;
    *) export PATH="$node/bin:$PATH" ;;
  esac
  # node-gyp builds against these headers instead of those of the machine's own Node.
  export npm_config_nodedir="$node"

  local npm_major
  npm_major="$(npm --version 2>/dev/null | cut -d. -f1)" || true
  if [ -z "$npm_major" ] || [ "$npm_major" -lt 11 ]; then
    echo "use-node24: npm 11 or newer is needed (package.json's allowScripts); found '$(npm --version 2>/dev/null)'." >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: set up the calling shell.
  use_node24
else
  set -euo pipefail
  use_node24
  if [ "$#" -gt 0 ]; then exec "$@"; fi
  echo "Node $(node --version) at $(command -v node), npm $(npm --version)."
fi
