#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++-14, CMEMU_FUZZ=ON) in BUILD_DIR and runs each for SECONDS
# on a scratch copy of its seed corpus (the repository is not modified), with its regressions
# folder as a further input, JOBS targets at a time. Exits 1 on any finding (crash, leak, timeout,
# out of memory, property violation), after printing the fuzzer's report and each finding in base64
# (recover it with `base64 -d > input`, replay it with BUILD_DIR/tests/fuzz/NAME_fuzz input).
#
#   tests/fuzz/run_fuzzers.sh [-t SECONDS] [-j JOBS] BUILD_DIR [NAME...]
#
# Default: 60 seconds, 2 jobs, every target.
set -euo pipefail
cd "$(dirname "$0")/../.."
fuzz_dir=tests/fuzz

# The longest input each target gets (the parsers' own limits are larger; longer inputs only slow
# the fuzzer down).
declare -A max_len=([sip_parser]=4096 [csta_reader]=4096 [sccp_decoder]=4096
  [command_matcher]=256 [config_loader]=8192 [xml_api]=8192 [tftp_packet]=2048)

# One target: run_one BUILD_DIR NAME SECONDS. Prints its whole report at the end, in one piece.
run_one() {
  local build=$1 name=$2 seconds=$3
  local scratch
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/cmemu-fuzz-$name.XXXXXX")
  mkdir -p "$scratch/corpus" "$scratch/findings"
  cp "$fuzz_dir/corpus/$name/"* "$scratch/corpus/"
  local status=0
  "$build/tests/fuzz/${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="${max_len[$name]}" -print_final_stats=1 -artifact_prefix="$scratch/findings/" \
    "$scratch/corpus" "$fuzz_dir/regressions/$name" >"$scratch/log" 2>&1 || status=$?
  local runs speed
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$scratch/log")
  if [ "$status" -eq 0 ] && [ -z "$(ls -A "$scratch/findings")" ]; then
    echo "fuzz $name: ok, ${runs:-?} runs, ${speed:-?} exec/s"
    rm -rf "$scratch"
    return 0
  fi
  echo "fuzz $name: FAILED (exit $status)"
  tail -n 60 "$scratch/log"
  for finding in "$scratch/findings/"*; do
    [ -f "$finding" ] || continue
    echo "finding $(basename "$finding") of $name, base64:"
    base64 "$finding"
  done
  rm -rf "$scratch"
  return 1
}

if [ "${1:-}" = "--one" ]; then
  shift
  run_one "$@"
  exit
fi

seconds=60
jobs=2
while getopts "t:j:" option; do
  case "$option" in
    t) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ]; then
  echo "usage: $0 [-t SECONDS] [-j JOBS] BUILD_DIR [NAME...]" >&2
  exit 2
fi
build=$1
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sip_parser csta_reader sccp_decoder command_matcher config_loader xml_api
  tftp_packet)

if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMEMU_FUZZ=ON >/dev/null
fi
cmake --build "$build" --target cmemu_fuzzers -j "$(nproc)"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
if ! printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash "$0" --one "$build" {} "$seconds"; then
  echo "fuzz: findings above; add each as tests/fuzz/regressions/NAME/WHAT-IT-FOUND" >&2
  exit 1
fi
