#!/usr/bin/env bash
# cmemu developer entry point: installs what is missing (Debian 12 packages), builds, and
#   ./dev.sh start [cmemu options]   starts the router on samples/lab.cfg (interactive console)
#   ./dev.sh test                    runs every test through CTest
#   ./dev.sh build                   only builds
# Idempotent and incremental: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

build_packages=(cmake ninja-build g++ ccache pkg-config libboost1.81-dev libpugixml-dev doctest-dev
  libtelnet-dev libfmt-dev libcli11-dev)
test_packages=(expect telnet python3 python3-netmiko procps iproute2 sip-tester tshark chromium
  chromium-driver python3-selenium)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  local dir=${BUILD_DIR:-build}
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja ${CMAKE_ARGS:-} >/dev/null
  fi
  cmake --build "$dir" -j "$(nproc)"
}

cmd=${1:-start}
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    install_missing "${build_packages[@]}"
    build
    ;;
  start)
    install_missing "${build_packages[@]}"
    build
    exec build/cmemu --startup-config samples/lab.cfg "$@"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    build
    cd "${BUILD_DIR:-build}"
    ctest --output-on-failure -j "$(nproc)" "$@"
    ;;
  *)
    echo "usage: ./dev.sh {start|test|build} [args]" >&2
    exit 2
    ;;
esac
