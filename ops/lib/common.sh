# Shared helpers for ops/ scripts. Source it; do not run it.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  # Installs Debian packages that are missing; one 'apt-get update' per script run.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_postgres() {
  # FoiDesk runs its own private cluster from the server binaries; the system service is not used.
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then return 0; fi
  echo "Installing PostgreSQL server binaries (apt-get install postgresql)..." >&2
  apt_install postgresql
  # Debian starts a 'main' cluster on install; FoiDesk does not use it.
  if command -v pg_ctlcluster >/dev/null 2>&1; then as_root pg_ctlcluster 15 main stop >/dev/null 2>&1 || true; fi
}
