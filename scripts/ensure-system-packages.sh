#!/usr/bin/env bash
# Makes sure Debian packages are installed. As root it installs the missing ones (apt-get update once, serially,
# with retries); otherwise it prints the command to run. Exit code 1 when something required is still missing.
#
#   scripts/ensure-system-packages.sh [--optional] PACKAGE...
#
# --optional: only warn when packages are missing and cannot be installed (the app still starts).
set -uo pipefail

optional=0
if [[ "${1:-}" == "--optional" ]]; then
  optional=1
  shift
fi

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "BorderWatch needs these system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  [[ $optional -eq 1 ]] && exit 0 || exit 1
fi

retry() {
  local attempt
  for attempt in 1 2 3 4; do
    "$@" && return 0
    echo "'$*' failed (attempt $attempt); retrying in $((attempt * 5)) s" >&2
    sleep $((attempt * 5))
  done
  return 1
}

echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# apt-get must not run twice at once: wait for any other apt/dpkg to finish first.
retry apt-get update -qq || { [[ $optional -eq 1 ]] && exit 0 || exit 1; }
retry apt-get install -y -qq --no-install-recommends "${missing[@]}" || { [[ $optional -eq 1 ]] && exit 0 || exit 1; }
