#!/usr/bin/env bash
# Golden transcript: runs cmemu with NAME.in on stdin (the console as a script), or NAME.keys
# (raw key presses on a terminal, `cmemu --keys`), and compares what it prints, byte for byte,
# with NAME.out.
#   NAME.cfg   optional startup-config (copied to a scratch folder; `write memory` saves there)
#   NAME.in2   optional second run on the same startup-config ("reload"), appended to the output
#   NAME.err   optional expected stderr of the first run (startup-config load report)
# The clock is frozen so timestamps are repeatable.
set -u
bin=$1
input=$(realpath "$2")
dir=$(dirname "$input")
name=$(basename "$input")
name=${name%.*}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ -f "$dir/$name.cfg" ]; then
  cp "$dir/$name.cfg" "$scratch/startup-config"
fi
args=(--startup-config startup-config)
case "$input" in *.keys) args+=(--keys) ;; esac
export CMEMU_FIXED_TIME=1735689600
(cd "$scratch" && "$bin" "${args[@]}" <"$input" >"$scratch/actual" 2>"$scratch/stderr")
if [ -f "$dir/$name.in2" ]; then
  (cd "$scratch" && "$bin" "${args[@]}" <"$dir/$name.in2" >>"$scratch/actual" 2>>"$scratch/stderr")
fi
status=0
if ! diff -u "$dir/$name.out" "$scratch/actual"; then
  echo "golden $name: stdout differs (- expected, + actual)"
  status=1
fi
if [ -f "$dir/$name.err" ] && ! diff -u "$dir/$name.err" "$scratch/stderr"; then
  echo "golden $name: stderr differs"
  status=1
fi
exit $status
