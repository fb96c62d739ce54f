"""What the benchmarks share: free loopback ports, the router's memory and CPU from /proc, MAC
text, SIPp's statistics, and record(), where a benchmark leaves its medians for bench/run_all.py
(with CMEMU_BENCH_JSON=FILE in the environment they go to FILE as JSON; without it, nowhere)."""
import csv
import glob
import json
import os
import re
import socket
import sys
import time

# The end-to-end tests' helpers: stop() (SIGTERM, then SIGKILL after `seconds`) and free ports.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e",
                                "support"))
from e2e_support import free_port as shared_free_port  # noqa: E402
from e2e_support import stop_process as stop  # noqa: E402,F401


def record(values):
    path = os.environ.get("CMEMU_BENCH_JSON")
    if path:
        with open(path, "w") as f:
            json.dump(values, f)


def free_port(low=10000, high=19999):
    """A loopback port in [low, high] free for both TCP and UDP (e2e_support's rules: outside the
    ephemeral range, never the same twice)."""
    return shared_free_port(None, low, high)


def wait_listening(port, router, seconds=20):
    """Waits until `router` (a Popen) accepts TCP on `port`; exits the benchmark if it cannot."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if router.poll() is not None:
            sys.exit(f"cmemu exited with {router.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"cmemu did not listen on {port}")


def mac_text(value):
    digits = f"{value:012X}"
    return f"{digits[0:4]}.{digits[4:8]}.{digits[8:12]}"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M).group(1))


def cpu_s(pid):
    """CPU seconds (user + system) that process `pid` has run, all its threads, to the
    nanosecond: the scheduler's run time from /proc/PID/task/*/schedstat (its first field), where
    /proc/PID/stat counts in clock ticks of 10 ms, too coarse for a few milliseconds of work."""
    total_ns = 0
    for stat in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(stat) as f:
                total_ns += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # a thread that ended between the listing and the read
    return total_ns / 1e9


def user_kernel_s(pid):
    """CPU seconds process `pid` has spent in its own code and in the kernel, from /proc/PID/stat
    (clock ticks of 10 ms: use over a second or more, for the share of each in cpu_s)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def tree_cpu_s(pid):
    """CPU seconds of process `pid` and of every process under it (Kamailio's workers)."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
        children.setdefault(parent, []).append(int(stat.split("/")[2]))
    total, todo = 0.0, [pid]
    while todo:
        process = todo.pop()
        total += cpu_s(process)
        todo += children.get(process, [])
    return total


def sipp_stats(workdir):
    """SIPp's last -trace_stat row in `workdir`: successful and failed calls, retransmissions
    (as ints); {} when SIPp wrote none."""
    stats = glob.glob(os.path.join(workdir, "*_.csv"))
    if not stats:
        return {}
    with open(stats[0]) as f:
        rows = list(csv.reader(f, delimiter=";"))
    return {name: int(rows[-1][rows[0].index(name)]) for name in
            ("SuccessfulCall(C)", "FailedCall(C)", "Retransmissions(C)")}
