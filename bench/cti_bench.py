#!/usr/bin/env python3
"""CTI benchmark (not a test): SIPp (Debian sip-tester) against build/cmemu over UDP on loopback,
a fresh router per run on a generated config of 1,000 phone-less DNs (`cti notify`, `cti watch`).

Reports medians over RUNS runs:
  - events to monitors per second and the router's CPU per event, at two sizes (default 100 and
    1,000 sessions at once; a third argument `N,M` changes them), each session monitoring its own
    line and setting do-not-disturb on and off 50 times (bench/sipp/dnd_events.xml); every
    SetDoNotDisturb is answered, and the router sends the monitor a DoNotDisturbEvent that SIPp
    checks (value, in order) and answers: 100 events per session, counted over the whole run
    (session setups included, so a lower bound); an event INFO the router sends again because its
    200 OK came late (timer E, a loaded machine) is passed over as the copy it is (same CSeq), a
    lost one still fails the call; then how the CPU per event grows from the first size to the
    last (1.00 = flat);
  - the same with two monitors per line (half as many lines, bench/sipp/dnd_watch.xml opens the
    second session on each and only receives and answers the events): each SetDoNotDisturb
    gives two events, so the load generator's CPU per event, which bounds the rows above on two
    cores, halves; counted over the driver's run, the router's CPU over both;
  - router memory per CTI session: 900 sessions opened at once, each with a monitor on its own
    line, held 6 s (bench/sipp/session_hold.xml); (VmRSS with all open - VmRSS before) / 900, the
    900 checked open with `show cti session` on a vty;
with SIPp's failed calls and retransmissions (both should be 0).
Usage: python3 bench/cti_bench.py [BUILD_DIR] [RUNS] [EVENT SESSIONS, default 100,1000]
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

from bench_support import cpu_s, free_port, record, rss_kib, sipp_stats

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib

HERE = os.path.dirname(os.path.abspath(__file__))
LINES = 1000
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

    def monitors(self):
        self.vty.write(b"show cti session | include Monitor cross-ref\r\n")
        out = self.vty.read_until(b"#", timeout=10).decode(errors="replace")
        return sum(1 for line in out.splitlines() if "Monitor cross-ref" in line)

    def stop(self):
        self.vty.close()
        self.process.terminate()
        self.process.wait()


def event_run(build, workdir, lines_file, sessions, second_monitor=False):
    """One run of dnd_events.xml on `sessions` lines; with `second_monitor`, dnd_watch.xml first
    opens as many sessions again with a monitor on the same lines, which receive and answer the
    same events (the driver's events/s counted from its start, the router's CPU from the
    watchers' start: their session setups are counted in)."""
    router = Router(build, workdir)
    watchers = None
    try:
        cpu_before = cpu_s(router.process.pid)
        if second_monitor:
            watch_dir = os.path.join(workdir, "watch")
            os.makedirs(watch_dir, exist_ok=True)
            watchers = sipp("dnd_watch.xml", router.sip_port, watch_dir, lines_file, sessions)
            deadline = time.time() + 20
            while router.monitors() < sessions and time.time() < deadline:
                time.sleep(0.2)
        start = time.perf_counter()
        proc = sipp("dnd_events.xml", router.sip_port, workdir, lines_file, sessions)
        proc.wait()
        if watchers:
            watchers.wait()
        elapsed = time.perf_counter() - start
        cpu = cpu_s(router.process.pid) - cpu_before
        stats = sipp_stats(workdir)
        watch_stats = sipp_stats(watch_dir) if watchers else {}
    finally:
        if watchers and watchers.poll() is None:
            watchers.kill()
        router.stop()
    done = stats.get("SuccessfulCall(C)", 0) + watch_stats.get("SuccessfulCall(C)", 0)
    events = done * EVENTS_PER_SESSION
    problems = (proc.returncode, stats.get("FailedCall(C)"), stats.get("Retransmissions(C)"))
    if watchers:
        problems += (watchers.returncode, watch_stats.get("FailedCall(C)"),
                     watch_stats.get("Retransmissions(C)"))
    return events / elapsed, problems, cpu * 1e6 / max(events, 1)


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
    sizes = [int(n) for n in (sys.argv[3] if len(sys.argv) > 3 else "100,1000").split(",")]
    by_size = {}
    for sessions in sizes:
        events = [event_run(build, workdir, lines_file, sessions) for _ in range(runs)]
        by_size[sessions] = {"events_per_s": statistics.median(r[0] for r in events),
                             "cpu_us_per_event": statistics.median(r[2] for r in events),
                             "problems": [r[1] for r in events]}
        print(f"{f'events to monitors per second, {sessions} sessions, median:':58s} "
              f"{by_size[sessions]['events_per_s']:10,.0f}   (router CPU "
              f"{by_size[sessions]['cpu_us_per_event']:.1f} us per event; sipp exit, failed "
              f"calls, retransmissions per run: {by_size[sessions]['problems']})", flush=True)
    growth = by_size[sizes[-1]]["cpu_us_per_event"] / by_size[sizes[0]]["cpu_us_per_event"]
    print(f"router CPU per event from {sizes[0]} to {sizes[-1]} sessions: x{growth:.2f} "
          "(1.00 = flat)", flush=True)
    # The same with a second monitor on each line: each SetDoNotDisturb then gives two events,
    # so SIPp's share per event (it ran out of CPU before the router in the rows above) halves.
    pairs = sizes[-1] // 2
    second = [event_run(build, workdir, lines_file, pairs, True) for _ in range(runs)]
    two_monitors = {"sessions": 2 * pairs,
                    "events_per_s": statistics.median(r[0] for r in second),
                    "cpu_us_per_event": statistics.median(r[2] for r in second),
                    "problems": [r[1] for r in second]}
    print(f"{f'events to monitors per second, {pairs} lines x 2 monitors, median:':58s} "
          f"{two_monitors['events_per_s']:10,.0f}   (router CPU "
          f"{two_monitors['cpu_us_per_event']:.1f} us per event; sipp exit, failed calls, "
          f"retransmissions per run, driver then watchers: {two_monitors['problems']})",
          flush=True)
    memory = [memory_run(build, workdir, lines_file) for _ in range(runs)]
    per_session = statistics.median(r[0] for r in memory)
    largest = by_size[sizes[-1]]
    event_rate = largest["events_per_s"]
    events = [(None, p) for p in largest["problems"]]
    print(f"{'router memory per CTI session, median:':45s} {per_session:10,.1f} KiB "
          f"(sessions seen open per run: {[r[1] for r in memory]}; sipp exit, failed calls, "
          f"retransmissions per run: {[r[2] for r in memory]})")
    record({"events_per_s": event_rate, "event_sessions": sizes[-1],
            "cpu_us_per_event": largest["cpu_us_per_event"], "cpu_growth": growth,
            "events_by_size": {str(n): v for n, v in by_size.items()},
            "two_monitors": two_monitors,
            "kib_per_session": per_session,
            "event_problems": [r[1] for r in events], "memory_problems": [r[2] for r in memory],
            "sessions_open": [r[1] for r in memory]})


if __name__ == "__main__":
    main()
