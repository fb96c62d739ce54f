#!/usr/bin/env python3
"""Config load benchmark (not a test).

Generates a 100,000-line startup-config (10,000 ephone-dns, 5,000 ephones, 2,000 user-profiles),
then runs build/cmemu on it several times and reports medians:
  - load: lines per second (boot with `-c "show version"`, whose own cost is negligible);
  - `show running-config` time: (the median of a boot with SHOWS shows - the boot-only
    median) / SHOWS, the two kinds of run alternating;
  - peak resident memory of the process.
Usage: python3 bench/config_load.py [BUILD_DIR] [RUNS]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench_support import record


def generate(path):
    lines = ["hostname bench", "telephony-service", " max-ephones 5000", " max-dn 10000",
             " ip source-address 127.0.0.1 port 2000"]
    for tag in range(1, 10001):
        lines += [f"ephone-dn {tag}", f" number {20000 + tag}", f" label Line {tag}",
                  f" name User {tag}", f" description Desk {tag}", " cti watch"]
    for tag in range(1, 5001):
        mac = f"0000.{tag >> 16:04X}.{tag & 0xFFFF:04X}"
        lines += [f"ephone {tag}", f" mac-address {mac}", " type 7961",
                  f" button 1:{2 * tag - 1} 2:{2 * tag}", f" description phone {tag}",
                  f" username user{tag}"]
    for tag in range(1, 2001):
        lines += [f"voice user-profile {tag}", f" user user{tag} password pw{tag}",
                  f" number {30000 + tag} type normal", f" number {40000 + tag} type normal",
                  f" number {50000 + tag} type normal"]
    while len(lines) < 100000:
        lines.append("ip route 10.0.0.0 255.0.0.0 127.0.0.2")
    with open(path, "w") as f:
        f.write("\n".join(lines[:100000]) + "\n")
    return min(len(lines), 100000)


SHOWS = 10


def run(binary, config, command, times=1):
    """Boots once and runs `command` `times` times; wall seconds, this process's own peak RSS in
    KiB (from wait4, not RUSAGE_CHILDREN's maximum over every child so far), its output lines."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen([binary, "--startup-config", config] + ["-c", command] * times,
                                stdout=subprocess.PIPE, stderr=errors)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 16), b""))
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    if proc.returncode != 0 or err:
        sys.exit(f"cmemu failed: {err.decode()[:2000]}")
    # The output is counted by chunks, not kept: a larger Python would count in the next child's
    # peak (a child started by vfork starts from its parent's resident size).
    return elapsed, usage.ru_maxrss, lines


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    binary = os.path.join(build, "cmemu")
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "bench.cfg")
        count = generate(config)
        # Boot-only and boot-plus-SHOWS-shows runs alternate, so that a change of load touches
        # both; the boot's own spread, divided by SHOWS, stays below a show's time.
        boot, show = [], []
        for _ in range(runs):
            boot.append(run(binary, config, "show version"))
            show.append(run(binary, config, "show running-config", SHOWS))
        # The peak is a boot's and one show's (the repeated shows' output piles up in -c mode).
        single = run(binary, config, "show running-config")
    boot_s = statistics.median(t for t, _, _ in boot)
    show_s = (statistics.median(t for t, _, _ in show) - boot_s) / SHOWS
    rendered = single[2]
    peak_mib = max(m for _, m, _ in boot + [single]) / 1024
    print(f"config lines:                 {count}")
    print(f"boot (load + exit), median:   {boot_s * 1000:.0f} ms over {runs} runs")
    print(f"load rate:                    {count / boot_s:,.0f} lines/s (upper bound on load time)")
    print(f"show running-config, median:  {show_s * 1000:.1f} ms "
          f"({rendered} lines rendered)")
    print(f"peak memory (max RSS):        {peak_mib:.1f} MiB")
    record({"lines": count, "boot_ms": boot_s * 1000, "lines_per_s": count / boot_s,
            "show_ms": show_s * 1000, "peak_mib": peak_mib})


if __name__ == "__main__":
    main()
