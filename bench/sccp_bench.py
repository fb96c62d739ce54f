#!/usr/bin/env python3
"""SCCP fleet benchmark (not a test): 1,000 phones from one `cmemu-phone --fleet` against
build/cmemu on loopback (issue 4; aim: all registered in under 1 s, under 16 KiB per phone).

Generates a startup-config with 1,000 ephones (distinct MACs, one ephone-dn each) and
`keepalive 10` (the minimum), starts cmemu with --no-console, and per run reports:
  - registration time: what the fleet prints (`registered 1000/1000 in X ms`, first connect to
    last RegisterAck-complete);
  - router memory per phone: VmRSS after all registered minus VmRSS before the fleet, / 1,000;
  - router CPU while the keepalives run: utime+stime over a 30 s window after registration
    (each phone sends KeepAlive every 10 s, so 100 KeepAlive/KeepAliveAck per second), as % of
    one core; and the router's CPU time spent during the registration burst.
A fresh cmemu per run; figures are medians of RUNS runs.
Usage: python3 bench/sccp_bench.py [BUILD_DIR] [RUNS]
"""
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from bench_support import cpu_s, free_port, mac_text, record, rss_kib, stop, wait_listening

PHONES = 1000
KEEPALIVE_S = 10
CPU_WINDOW_S = 30
MAC_BASE = 0x000010000000  # 0000.1000.0000


def generate(path, sccp_port):
    lines = ["hostname bench", "telephony-service", f" max-ephones {PHONES}", f" max-dn {PHONES}",
             f" ip source-address 127.0.0.1 port {sccp_port}", f" keepalive {KEEPALIVE_S}"]
    for tag in range(1, PHONES + 1):
        lines += [f"ephone-dn {tag}", f" number {10000 + tag}"]
    for tag in range(1, PHONES + 1):
        lines += [f"ephone {tag}", f" mac-address {mac_text(MAC_BASE + tag - 1)}", " type 7961",
                  f" button 1:{tag}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = PHONES + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard) if hard >= 0 else wanted,
                                                   hard))


def one_run(build, workdir):
    sccp_port = free_port(2100, 9999)
    config = os.path.join(workdir, "bench.cfg")
    generate(config, sccp_port)
    router = subprocess.Popen([os.path.join(build, "cmemu"), "--startup-config", config,
                               "--no-console", "--vty-port", str(free_port(20000, 29999))],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=raise_file_limit)
    fleet = None
    try:
        wait_listening(sccp_port, router)
        time.sleep(0.5)
        rss_before = rss_kib(router.pid)
        cpu_before = cpu_s(router.pid)
        duration = CPU_WINDOW_S + 5 + 3
        fleet = subprocess.Popen([os.path.join(build, "cmemu-phone"), "--router",
                                  f"127.0.0.1:{sccp_port}", "--fleet", str(PHONES), "--mac-base",
                                  mac_text(MAC_BASE), "--duration", str(duration)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 preexec_fn=raise_file_limit)
        first = fleet.stdout.readline()
        match = re.match(r"registered (\d+)/(\d+) in ([\d.]+) ms", first)
        if not match or match.group(1) != match.group(2):
            rest = first + fleet.stdout.read() if not match else first
            sys.exit(f"fleet did not register every phone: {rest.strip()}")
        register_ms = float(match.group(3))
        cpu_registered = cpu_s(router.pid)
        rest = []
        reader = threading.Thread(target=lambda: rest.extend(fleet.stdout), daemon=True)
        reader.start()
        time.sleep(2)  # the registration's last replies; nothing but keepalives from here
        rss_after = rss_kib(router.pid)
        cpu_start, wall_start = cpu_s(router.pid), time.perf_counter()
        time.sleep(CPU_WINDOW_S)
        cpu_end, wall_end = cpu_s(router.pid), time.perf_counter()
        fleet.wait(timeout=duration + 30)
        reader.join(timeout=5)
        final = "".join(rest).strip()
        if f"final registered={PHONES} " not in final:
            sys.exit(f"phones were lost during the keepalive window: {final}")
        return {
            "register_ms": register_ms,
            "register_cpu_ms": (cpu_registered - cpu_before) * 1000,
            "per_phone_kib": (rss_after - rss_before) / PHONES,
            "rss_before_mib": rss_before / 1024,
            "rss_after_mib": rss_after / 1024,
            "keepalive_cpu_pct": 100 * (cpu_end - cpu_start) / (wall_end - wall_start),
        }
    finally:
        if fleet and fleet.poll() is None:
            fleet.kill()
            fleet.wait()
        stop(router)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results = []
    with tempfile.TemporaryDirectory(prefix="cmemu-sccp-bench-") as workdir:
        for run in range(runs):
            result = one_run(build, workdir)
            results.append(result)
            print(f"run {run + 1}: registered {PHONES} in {result['register_ms']:.1f} ms "
                  f"(router CPU {result['register_cpu_ms']:.0f} ms), "
                  f"{result['per_phone_kib']:.2f} KiB/phone "
                  f"(RSS {result['rss_before_mib']:.1f} -> {result['rss_after_mib']:.1f} MiB), "
                  f"keepalives {result['keepalive_cpu_pct']:.2f}% CPU", flush=True)

    def median(key):
        return statistics.median(r[key] for r in results)

    print(f"median of {runs}: {PHONES} phones registered in {median('register_ms'):.1f} ms "
          f"(aim < 1000 ms; router CPU {median('register_cpu_ms'):.0f} ms); "
          f"memory {median('per_phone_kib'):.2f} KiB per phone (aim < 16 KiB; RSS "
          f"{median('rss_before_mib'):.1f} -> {median('rss_after_mib'):.1f} MiB); "
          f"router CPU with keepalives every {KEEPALIVE_S} s: "
          f"{median('keepalive_cpu_pct'):.2f}% of one core over {CPU_WINDOW_S} s")
    record({key: median(key) for key in results[0]} | {"phones": PHONES})


if __name__ == "__main__":
    main()
