#!/usr/bin/env python3
"""SIP benchmark (not a test): SIPp (Debian sip-tester) against build/cmemu over UDP on loopback.

Reports medians over RUNS runs:
  - CTI session setups per second (INVITE with RequestSystemStatus, ACK, BYE; 20,000 sessions);
  - CSTA requests per second on open sessions (INFO GetCSTAFeatures, 100 per session, 200
    sessions, 20 at a time);
and, for each, failed calls and retransmissions counted by SIPp (both should be 0).
Usage: python3 bench/sip_bench.py [BUILD_DIR] [RUNS]
"""
import csv
import glob
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port(kind):
    while True:
        port = random.randint(40000, 49999)
        with socket.socket(socket.AF_INET, kind) as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                pass


def sipp(scenario, port, workdir, calls, limit):
    for old in glob.glob(os.path.join(workdir, "*_.csv")):
        os.remove(old)
    args = ["sipp", "-sf", os.path.join(HERE, "sipp", scenario), "-s", "201", "-m", str(calls),
            "-r", "1000000", "-l", str(limit), "-p", str(free_port(socket.SOCK_DGRAM)),
            "-i", "127.0.0.1", "-nostdin", "-timeout", "120s", "-trace_stat", "-fd", "3600",
            f"127.0.0.1:{port}"]
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    failed = retransmissions = None
    stats = glob.glob(os.path.join(workdir, "*_.csv"))
    if stats:
        with open(stats[0]) as f:
            rows = list(csv.reader(f, delimiter=";"))
        header, last = rows[0], rows[-1]
        failed = int(last[header.index("FailedCall(C)")])
        retransmissions = int(last[header.index("Retransmissions(C)")])
    return elapsed, proc.returncode, failed, retransmissions


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    workdir = tempfile.mkdtemp(prefix="cmemu-bench-")
    port = free_port(socket.SOCK_DGRAM)
    config = os.path.join(workdir, "bench.cfg")
    with open(config, "w") as f:
        f.write(f"voice service voip\n no cti shutdown\nvoice register global\n"
                f" source-address 127.0.0.1 port {port}\nephone-dn 1\n number 201\n cti watch\n")
    router = subprocess.Popen([os.path.join(build, "cmemu"), "--startup-config", config,
                               "--no-console", "--vty-port", str(free_port(socket.SOCK_STREAM))],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        results = {}
        for name, scenario, calls, limit, per_call in (
                ("session setups", "session_setup.xml", 20000, 200, 1),
                ("CSTA requests", "csta_requests.xml", 200, 20, 100)):
            rates, problems = [], []
            for _ in range(runs):
                elapsed, code, failed, retrans = sipp(scenario, port, workdir, calls, limit)
                rates.append(calls * per_call / elapsed)
                problems.append((code, failed, retrans))
            results[name] = (statistics.median(rates), problems)
        for name, (rate, problems) in results.items():
            print(f"{name + ' per second, median:':40s} {rate:10,.0f}   "
                  f"(sipp exit, failed calls, retransmissions per run: {problems})")
    finally:
        router.terminate()
        router.wait()


if __name__ == "__main__":
    main()
