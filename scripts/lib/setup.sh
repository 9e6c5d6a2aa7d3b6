# Shared install steps for scripts/test.sh and scripts/start.sh (sourced, not run).

# Electron's binary cannot be fetched at install on every machine; the shell is unit-tested
# against a fake electron module, and a normal install elsewhere downloads it at first launch.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"

ensure_node_modules() {
  # A clean install on CI or when the lockfile is newer than the last install.
  if [ -n "${CI:-}" ] || [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

# Installs Debian packages that are missing (needs root or sudo, as on a developer machine).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=''
  [ "$(id -u)" -ne 0 ] && sudo='sudo'
  echo "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
