#!/usr/bin/env bash
# cmemu developer entry point: installs what is missing (Debian 12 packages), builds, and
#   ./dev.sh start [cmemu options]   starts the router on samples/lab.cfg (interactive console),
#                                    making the lab's RSA key first if it has none
#   ./dev.sh test                    builds with AddressSanitizer, UndefinedBehaviorSanitizer and the
#                                    libFuzzer targets (build-test/) and runs every test through CTest
#   ./dev.sh build                   only builds the router and tools (build/, optimized)
# Idempotent and incremental: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

build_packages=(cmake ninja-build clang-14 libclang-rt-14-dev ccache pkg-config libboost1.81-dev libpugixml-dev
  doctest-dev libtelnet-dev libfmt-dev libcli11-dev libssh-dev)
test_packages=(expect telnet curl python3 python3-netmiko procps iproute2 sip-tester tshark
  ansible sshpass openssh-client python3-paramiko chromium chromium-driver python3-selenium)

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

# build DIR [CMAKE ARGS...]: configures DIR once (clang 14: one compiler for every build, so the
# warnings CI sees in build-test are the warnings of build/), then builds what changed.
build() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    CXX=clang++-14 cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  fi
  cmake --build "$dir" -j "$(nproc)"
}

# The lab's RSA key (SSH runs only with one, docs/cli.md §17), made once the IOS way, on a copy
# of the lab config so that samples/lab.cfg is not rewritten; kept as samples/lab.cfg.keys, which
# the router reads beside its startup-config.
lab_keys() {
  [ -f samples/lab.cfg.keys ] && return 0
  local dir
  dir=$(mktemp -d)
  cp samples/lab.cfg "$dir/lab.cfg"
  build/cmemu --startup-config "$dir/lab.cfg" -c "configure terminal" \
    -c "crypto key generate rsa modulus 2048" -c "end" -c "write memory" >/dev/null
  mv "$dir/lab.cfg.keys" samples/lab.cfg.keys
  rm -rf "$dir"
  echo "dev.sh: made the lab's RSA key (samples/lab.cfg.keys)" >&2
}

cmd=${1:-start}
[ $# -gt 0 ] && shift
case "$cmd" in
  build)
    install_missing "${build_packages[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    ;;
  start)
    install_missing "${build_packages[@]}"
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    lab_keys
    exec build/cmemu --startup-config samples/lab.cfg "$@"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    build build-test -DCMAKE_BUILD_TYPE=Debug -DCMEMU_FUZZ=ON
    cd build-test
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} ctest --output-on-failure -j "$(nproc)" "$@"
    ;;
  *)
    echo "usage: ./dev.sh {start|test|build} [args]" >&2
    exit 2
    ;;
esac
