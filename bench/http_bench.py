#!/usr/bin/env python3
"""HTTP benchmark (not a test): the CSTA requests per second of bench/sip_bench.py (SIPp, INFO
SnapshotDevice on open sessions, 1,000 sessions of 100 requests, 20 at a time) on one cmemu with
`ip http server` on, measured alternately with no live-view client and with VIEWERS (default 5)
WebSocket clients watching the live view (docs/xml-api.md §5), RUNS times each; reports both
medians and their ratio (issue 15: the figure with viewers stays within 5% of the one without),
the pushes the viewers received and the bytes, and SIPp's failures and retransmissions.
Usage: python3 bench/http_bench.py [BUILD_DIR] [RUNS] [VIEWERS]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# 100 requests each: 100,000 requests, about 2 s a run (20,000 took 0.4 s, too short to time, and
# one push more or less moved the pushes per second by 2).
SESSIONS = 1000
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e", "support"))
from bench_support import free_port, record, stop  # noqa: E402
from sip_bench import SNAPSHOT_DEVICE, sipp  # noqa: E402
from web_client import LiveView, basic  # noqa: E402


class Viewers:
    """VIEWERS live-view clients, each reading on its own thread until closed."""

    def __init__(self, port, count):
        self.views = [LiveView(port, basic("admin", "cisco")) for _ in range(count)]
        self.bytes = 0
        self.running = True
        self.threads = [threading.Thread(target=self.read, args=(view,)) for view in self.views]
        for thread in self.threads:
            thread.start()

    def read(self, view):
        while self.running:
            try:
                message = view.ws.recv(timeout=0.5)
            except OSError:
                continue
            except ConnectionError:
                return
            self.bytes += len(message)
            view.apply(message)

    def mark(self):
        """Counts from here on (the snapshots before the run are not pushes under load)."""
        self.start_messages = sum(view.messages for view in self.views)
        self.start_bytes = self.bytes

    def since_mark(self):
        """Messages and bytes received since mark()."""
        return (sum(view.messages for view in self.views) - self.start_messages,
                self.bytes - self.start_bytes)

    def close(self):
        self.running = False
        for thread in self.threads:
            thread.join()
        for view in self.views:
            view.close()


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    workdir = tempfile.mkdtemp(prefix="cmemu-http-bench-")
    port, http_port = free_port(), free_port()
    config = os.path.join(workdir, "bench.cfg")
    with open(config, "w") as f:
        f.write(f"enable secret cisco\nvoice service voip\n no cti shutdown\n"
                f"voice register global\n source-address 127.0.0.1 port {port}\n"
                f"ip http server\nip http port {http_port}\nip http max-connections 16\n"
                f"ephone-dn 1\n number 201\n cti watch\n")
    router = subprocess.Popen([os.path.join(build, "cmemu"), "--startup-config", config,
                               "--no-console", "--vty-port", str(free_port())],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    keys = ("-key", "request", SNAPSHOT_DEVICE)
    rates = {0: [], count: []}
    problems = {0: [], count: []}
    pushes = []
    try:
        for _ in range(runs):
            for viewers in (0, count):
                watching = Viewers(http_port, viewers) if viewers else None
                if watching:
                    time.sleep(0.5)  # their snapshots are in
                    watching.mark()
                elapsed, code, done, failed, retrans, dropped, _ = sipp(
                    "csta_requests.xml", port, workdir, SESSIONS, 20, keys)
                if watching:
                    # Counted as SIPp ends: closing waits up to 0.5 s for each reader, and what
                    # comes meanwhile is outside the run's time.
                    messages, size = watching.since_mark()
                    watching.close()
                    pushes.append((messages / viewers / elapsed, size / viewers / elapsed))
                rates[viewers].append(done * 100 / elapsed)
                problems[viewers].append((code, failed, retrans, dropped))
    finally:
        stop(router)
    without, with_viewers = statistics.median(rates[0]), statistics.median(rates[count])
    per_s = statistics.median(p[0] for p in pushes)
    bytes_s = statistics.median(p[1] for p in pushes)
    print(f"{'CSTA requests/s, no viewer, median:':48s} {without:10,.0f}   runs {rates[0]}")
    print(f"{f'CSTA requests/s, {count} live-view viewers, median:':48s} {with_viewers:10,.0f}"
          f"   runs {rates[count]}")
    print(f"{'ratio:':48s} {with_viewers / without:10.3f}")
    print(f"{'pushes per viewer per second, median:':48s} {per_s:10.1f}   "
          f"({bytes_s:,.0f} bytes/s each)")
    print(f"sipp exit, failed calls, retransmissions, kernel UDP drops per run: {problems}")
    record({"no_viewer_per_s": without, "viewers_per_s": with_viewers, "viewers": count,
            "ratio": with_viewers / without, "pushes_per_s": per_s, "problems": problems})


if __name__ == "__main__":
    main()
