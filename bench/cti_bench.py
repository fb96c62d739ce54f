#!/usr/bin/env python3
"""CTI benchmark (not a test): SIPp (Debian sip-tester) against build/cmemu over UDP on loopback,
a fresh router per run on a generated config of 1,000 phone-less DNs (`cti notify`, `cti watch`).

Reports medians over RUNS runs:
  - events to monitors per second: 200 sessions at once, each monitoring its own line and setting
    do-not-disturb on and off 50 times (bench/sipp/dnd_events.xml); every SetDoNotDisturb is
    answered, and the router sends the monitor a DoNotDisturbEvent that SIPp checks (value, in
    order) and answers: 20,000 events per run, counted over the whole run (session setups
    included, so a lower bound);
  - router memory per CTI session: 900 sessions opened at once, each with a monitor on its own
    line, held 6 s (bench/sipp/session_hold.xml); (VmRSS with all open - VmRSS before) / 900, the
    900 checked open with `show cti session` on a vty;
with SIPp's failed calls and retransmissions (both should be 0).
Usage: python3 bench/cti_bench.py [BUILD_DIR] [RUNS]
With CMEMU_BENCH_JSON=FILE the medians also go to FILE as JSON (bench/run_all.py).
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

from bench_support import free_port, record, rss_kib, sipp_stats

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib

HERE = os.path.dirname(os.path.abspath(__file__))
LINES = 1000
EVENT_SESSIONS = 200
EVENTS_PER_SESSION = 100
HELD_SESSIONS = 900


def sipp(scenario, port, workdir, lines_file, calls):
    for old in glob.glob(os.path.join(workdir, "*_.csv")):
        os.remove(old)
    return subprocess.Popen(
        ["sipp", "-sf", os.path.join(HERE, "sipp", scenario), "-inf", lines_file,
         "-m", str(calls), "-l", str(calls), "-r", "1000000", "-p", str(free_port()),
         "-i", "127.0.0.1", "-nostdin", "-trace_stat", "-fd", "3600", "-buff_size", "4194304",
         "-timeout", "120s", f"127.0.0.1:{port}"],
        cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Router:
    def __init__(self, build, workdir):
        self.sip_port = free_port()
        self.vty_port = free_port()
        config = os.path.join(workdir, "cti-bench.cfg")
        with open(config, "w") as f:
            f.write("hostname bench\nenable secret bench\nvoice service voip\n no cti shutdown\n"
                    f"voice register global\n source-address 127.0.0.1 port {self.sip_port}\n")
            for i in range(1, LINES + 1):
                f.write(f"ephone-dn {i}\n number {5000 + i}\n cti notify\n cti watch\n")
            f.write("line vty 0 4\n password bench\n login\nend\n")
        self.process = subprocess.Popen(
            [os.path.join(build, "cmemu"), "--startup-config", config, "--no-console",
             "--vty-port", str(self.vty_port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=workdir)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                self.vty = telnetlib.Telnet("127.0.0.1", self.vty_port, timeout=10)
                break
            except OSError:
                time.sleep(0.1)
        self.vty.read_until(b"Password: ")
        self.vty.write(b"bench\r\n")
        self.vty.read_until(b">")
        self.vty.write(b"enable\r\n")
        self.vty.read_until(b"Password: ")
        self.vty.write(b"bench\r\n")
        self.vty.read_until(b"#")

    def sessions(self):
        self.vty.write(b"show cti session | include Total\r\n")
        out = self.vty.read_until(b"#", timeout=10).decode(errors="replace")
        for line in out.splitlines():
            if line.startswith("Total CTI sessions:"):
                return int(line.split(":")[1])
        return -1

    def stop(self):
        self.vty.close()
        self.process.terminate()
        self.process.wait()


def event_run(build, workdir, lines_file):
    router = Router(build, workdir)
    try:
        start = time.perf_counter()
        proc = sipp("dnd_events.xml", router.sip_port, workdir, lines_file, EVENT_SESSIONS)
        proc.wait()
        elapsed = time.perf_counter() - start
        stats = sipp_stats(workdir)
    finally:
        router.stop()
    events = stats.get("SuccessfulCall(C)", 0) * EVENTS_PER_SESSION
    return events / elapsed, (proc.returncode, stats.get("FailedCall(C)"),
                              stats.get("Retransmissions(C)"))


def memory_run(build, workdir, lines_file):
    router = Router(build, workdir)
    try:
        time.sleep(0.5)
        before = rss_kib(router.process.pid)
        proc = sipp("session_hold.xml", router.sip_port, workdir, lines_file, HELD_SESSIONS)
        open_sessions, deadline = 0, time.time() + 5
        while open_sessions < HELD_SESSIONS and time.time() < deadline:
            time.sleep(0.2)
            open_sessions = router.sessions()
        held = rss_kib(router.process.pid)
        proc.wait()
        stats = sipp_stats(workdir)
    finally:
        router.stop()
    return (held - before) / HELD_SESSIONS, open_sessions, (
        proc.returncode, stats.get("FailedCall(C)"), stats.get("Retransmissions(C)"))


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    workdir = tempfile.mkdtemp(prefix="cmemu-cti-bench-")
    lines_file = os.path.join(workdir, "lines.csv")
    with open(lines_file, "w") as f:
        f.write("SEQUENTIAL\n" + "".join(f"{5000 + i}\n" for i in range(1, LINES + 1)))
    events = [event_run(build, workdir, lines_file) for _ in range(runs)]
    memory = [memory_run(build, workdir, lines_file) for _ in range(runs)]
    event_rate = statistics.median(r[0] for r in events)
    per_session = statistics.median(r[0] for r in memory)
    print(f"{'events to monitors per second, median:':45s} {event_rate:10,.0f}   "
          f"(sipp exit, failed calls, retransmissions per run: {[r[1] for r in events]})")
    print(f"{'router memory per CTI session, median:':45s} {per_session:10,.1f} KiB "
          f"(sessions seen open per run: {[r[1] for r in memory]}; sipp exit, failed calls, "
          f"retransmissions per run: {[r[2] for r in memory]})")
    record({"events_per_s": event_rate, "kib_per_session": per_session,
            "event_problems": [r[1] for r in events], "memory_problems": [r[2] for r in memory],
            "sessions_open": [r[1] for r in memory]})


if __name__ == "__main__":
    main()
