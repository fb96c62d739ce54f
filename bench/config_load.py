#!/usr/bin/env python3
"""Config load benchmark (not a test).

Generates a 100,000-line startup-config (10,000 ephone-dns, 5,000 ephones, 2,000 user-profiles),
then runs build/cmemu on it several times and reports medians:
  - load: lines per second (boot with `-c "show version"`, whose own cost is negligible);
  - `show running-config` time (boot + show, minus the boot-only median);
  - peak resident memory of the process.
Usage: python3 bench/config_load.py [BUILD_DIR] [RUNS]
"""
import os
import resource
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


def run(binary, config, command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([binary, "--startup-config", config, "-c", command],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0 or proc.stderr:
        sys.exit(f"cmemu failed: {proc.stderr.decode()[:2000]}")
    return elapsed, max(peak_kib, before), proc.stdout


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    binary = os.path.join(build, "cmemu")
    with tempfile.TemporaryDirectory() as scratch:
        config = os.path.join(scratch, "bench.cfg")
        count = generate(config)
        boot = [run(binary, config, "show version") for _ in range(runs)]
        show = [run(binary, config, "show running-config") for _ in range(runs)]
    boot_s = statistics.median(t for t, _, _ in boot)
    show_s = statistics.median(t for t, _, _ in show)
    rendered = len(show[0][2].splitlines())
    peak_mib = max(m for _, m, _ in boot + show) / 1024
    print(f"config lines:                 {count}")
    print(f"boot (load + exit), median:   {boot_s * 1000:.0f} ms over {runs} runs")
    print(f"load rate:                    {count / boot_s:,.0f} lines/s (upper bound on load time)")
    print(f"show running-config, median:  {(show_s - boot_s) * 1000:.0f} ms "
          f"({rendered} lines rendered)")
    print(f"peak memory (max RSS):        {peak_mib:.1f} MiB")
    record({"lines": count, "boot_ms": boot_s * 1000, "lines_per_s": count / boot_s,
            "show_ms": (show_s - boot_s) * 1000, "peak_mib": peak_mib})


if __name__ == "__main__":
    main()
