#!/usr/bin/env python3
"""SCCP fleet benchmark (not a test): phones from one `cmemu-phone --fleet` against build/cmemu
on loopback, at two fleet sizes (default 1,000 and 5,000, the platform's maximum) so that a cost
that grows faster than the fleet shows (aims: 1,000 registered in under 1 s, under 16 KiB per
phone; router CPU per registration and per keepalive within 20% between the two sizes).

Generates a startup-config with N ephones (distinct MACs, one ephone-dn each) and
`keepalive 10` (the minimum), starts cmemu with --no-console, and per run reports:
  - registration time: what the fleet prints (`registered 1000/1000 in X ms`, first connect to
    last RegisterAck-complete);
  - router memory per phone: VmRSS after all registered minus VmRSS before the fleet, / 1,000;
  - router CPU while the keepalives run: utime+stime over a 30 s window after registration
    (each phone sends KeepAlive every 10 s, so 100 KeepAlive/KeepAliveAck per second), as % of
    one core; and the router's CPU time spent during the registration burst;
  - then, on the vty: the router CPU per phone of one `show ephone` (every phone registered) and
    of re-provisioning every phone after one config change (`keepalive 11` in telephony-service:
    each phone gets its button template and line status again), the keepalives' share taken out.
CPU times are the scheduler's run time of the router (nanoseconds, bench_support.cpu_s).
A fresh cmemu per run; figures are medians of RUNS runs per size, with the router CPU per phone
(registration) and per keepalive, and their growth from the first size to the last.
Usage: python3 bench/sccp_bench.py [BUILD_DIR] [RUNS] [SIZES, default 1000,5000]
"""
import os
import re
import resource
import statistics
import subprocess
import socket
import sys
import tempfile
import threading
import time

from bench_support import cpu_s, free_port, mac_text, record, rss_kib, stop, wait_listening

KEEPALIVE_S = 10
CPU_WINDOW_S = 30
VTY_PHASE_S = 20  # the fleet stays up this much longer for `show ephone` and the re-provisioning
SETTLE_S = 1.0  # after the config change: the re-provisioning's writes and the phones' replies
MAC_BASE = 0x000010000000  # 0000.1000.0000


def generate(path, sccp_port, phones):
    lines = ["hostname bench", "line vty 0 4", " privilege level 15", " no login",
             "telephony-service", f" max-ephones {phones}", f" max-dn {phones}",
             f" ip source-address 127.0.0.1 port {sccp_port}", f" keepalive {KEEPALIVE_S}"]
    for tag in range(1, phones + 1):
        lines += [f"ephone-dn {tag}", f" number {10000 + tag}"]
    for tag in range(1, phones + 1):
        lines += [f"ephone {tag}", f" mac-address {mac_text(MAC_BASE + tag - 1)}", " type 7961",
                  f" button 1:{tag}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 100_000 + 256  # cmemu-phone's largest fleet
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard) if hard >= 0 else wanted,
                                                   hard))


class VtyClient:
    """The vty over a plain socket (the router's telnet negotiation is read and ignored): fast
    enough that reading `show ephone` of 5,000 phones takes the client no noticeable time."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.seen = b""

    def write(self, data):
        self.sock.sendall(data)

    def read_until(self, marker):
        while marker not in self.seen:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                sys.exit(f"the vty closed before {marker!r}")
            self.seen += chunk
        cut = self.seen.index(marker) + len(marker)
        shown, self.seen = self.seen[:cut], self.seen[cut:]
        return shown

    def close(self):
        self.sock.close()


def vty_costs(router, vty_port, phones, keepalive_cpu_s_per_s):
    """Router CPU per phone for `show ephone` (all phones registered) and for re-provisioning
    every phone after one config change (`keepalive 11`: each phone's provision changes, so each
    gets its button template and line status again); the keepalives' CPU is taken out."""
    vty = VtyClient(vty_port)
    vty.read_until(b"bench#")
    vty.write(b"terminal length 0\r\n")
    vty.read_until(b"bench#")
    cpu_before, wall_before = cpu_s(router.pid), time.perf_counter()
    vty.write(b"show ephone\r\n")
    shown = vty.read_until(b"\r\nbench#")
    cpu_shown, wall_shown = cpu_s(router.pid), time.perf_counter()
    registered = shown.count(b" REGISTERED")
    if registered != phones:
        sys.exit(f"show ephone listed {registered} registered phones of {phones}")
    vty.write(b"configure terminal\r\n")
    vty.read_until(b"(config)#")
    vty.write(b"telephony-service\r\n")
    vty.read_until(b"(config-telephony)#")
    cpu_change, wall_change = cpu_s(router.pid), time.perf_counter()
    vty.write(b"keepalive 11\r\n")
    vty.read_until(b"(config-telephony)#")
    time.sleep(SETTLE_S)
    cpu_settled, wall_settled = cpu_s(router.pid), time.perf_counter()
    vty.write(b"keepalive 10\r\nend\r\n")
    vty.read_until(b"bench#")
    vty.close()
    show_s = cpu_shown - cpu_before - keepalive_cpu_s_per_s * (wall_shown - wall_before)
    change_s = (cpu_settled - cpu_change -
                keepalive_cpu_s_per_s * (wall_settled - wall_change))
    return {"show_ephone_cpu_us_per_phone": max(0.0, show_s) * 1e6 / phones,
            "reprovision_cpu_us_per_phone": max(0.0, change_s) * 1e6 / phones}


def one_run(build, workdir, phones):
    sccp_port = free_port(2100, 9999)
    vty_port = free_port(20000, 29999)
    config = os.path.join(workdir, "bench.cfg")
    generate(config, sccp_port, phones)
    router = subprocess.Popen([os.path.join(build, "cmemu"), "--startup-config", config,
                               "--no-console", "--vty-port", str(vty_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=raise_file_limit)
    fleet = None
    try:
        wait_listening(sccp_port, router)
        time.sleep(0.5)
        rss_before = rss_kib(router.pid)
        cpu_before = cpu_s(router.pid)
        duration = CPU_WINDOW_S + 5 + 3 + VTY_PHASE_S
        fleet = subprocess.Popen([os.path.join(build, "cmemu-phone"), "--router",
                                  f"127.0.0.1:{sccp_port}", "--fleet", str(phones), "--mac-base",
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
        costs = vty_costs(router, vty_port, phones, (cpu_end - cpu_start) / (wall_end - wall_start))
        fleet.wait(timeout=duration + 30)
        reader.join(timeout=5)
        final = "".join(rest).strip()
        if f"final registered={phones} " not in final:
            sys.exit(f"phones were lost during the keepalive window: {final}")
        keepalives = phones / KEEPALIVE_S * (wall_end - wall_start)
        return {
            "register_ms": register_ms,
            "register_cpu_ms": (cpu_registered - cpu_before) * 1000,
            "register_cpu_us_per_phone": (cpu_registered - cpu_before) * 1e6 / phones,
            "keepalive_cpu_us_each": (cpu_end - cpu_start) * 1e6 / keepalives,
            "per_phone_kib": (rss_after - rss_before) / phones,
            "rss_before_mib": rss_before / 1024,
            "rss_after_mib": rss_after / 1024,
            "keepalive_cpu_pct": 100 * (cpu_end - cpu_start) / (wall_end - wall_start),
        } | costs
    finally:
        if fleet and fleet.poll() is None:
            fleet.kill()
            fleet.wait()
        stop(router)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    sizes = [int(n) for n in (sys.argv[3] if len(sys.argv) > 3 else "1000,5000").split(",")]
    medians = {}
    with tempfile.TemporaryDirectory(prefix="cmemu-sccp-bench-") as workdir:
        for phones in sizes:
            results = []
            for run in range(runs):
                result = one_run(build, workdir, phones)
                results.append(result)
                print(f"{phones} phones, run {run + 1}: registered in {result['register_ms']:.1f} ms "
                      f"(router CPU {result['register_cpu_ms']:.0f} ms, "
                      f"{result['register_cpu_us_per_phone']:.0f} us/phone), "
                      f"{result['per_phone_kib']:.2f} KiB/phone "
                      f"(RSS {result['rss_before_mib']:.1f} -> {result['rss_after_mib']:.1f} MiB), "
                      f"keepalives {result['keepalive_cpu_pct']:.2f}% CPU "
                      f"({result['keepalive_cpu_us_each']:.1f} us each), show ephone "
                      f"{result['show_ephone_cpu_us_per_phone']:.1f} us/phone, re-provisioning "
                      f"{result['reprovision_cpu_us_per_phone']:.1f} us/phone", flush=True)
            m = {key: statistics.median(r[key] for r in results) for key in results[0]}
            medians[phones] = m
            print(f"median of {runs} at {phones} phones: registered in {m['register_ms']:.1f} ms "
                  f"(router CPU {m['register_cpu_ms']:.0f} ms, "
                  f"{m['register_cpu_us_per_phone']:.0f} us per phone); memory "
                  f"{m['per_phone_kib']:.2f} KiB per phone (RSS {m['rss_before_mib']:.1f} -> "
                  f"{m['rss_after_mib']:.1f} MiB); keepalives every {KEEPALIVE_S} s: "
                  f"{m['keepalive_cpu_pct']:.2f}% of one core over {CPU_WINDOW_S} s "
                  f"({m['keepalive_cpu_us_each']:.1f} us router CPU each); show ephone "
                  f"{m['show_ephone_cpu_us_per_phone']:.1f} us per phone; re-provisioning after "
                  f"a config change {m['reprovision_cpu_us_per_phone']:.1f} us per phone",
                  flush=True)
    small, large = medians[sizes[0]], medians[sizes[-1]]
    growth = {key: large[key] / small[key] for key in
              ("register_cpu_us_per_phone", "keepalive_cpu_us_each", "per_phone_kib",
               "show_ephone_cpu_us_per_phone", "reprovision_cpu_us_per_phone")}
    print(f"growth from {sizes[0]} to {sizes[-1]} phones (1.00 = flat; aim within 1.20): router CPU "
          f"per registration x{growth['register_cpu_us_per_phone']:.2f}, per keepalive "
          f"x{growth['keepalive_cpu_us_each']:.2f}, memory per phone x{growth['per_phone_kib']:.2f}, "
          f"show ephone x{growth['show_ephone_cpu_us_per_phone']:.2f}, re-provisioning "
          f"x{growth['reprovision_cpu_us_per_phone']:.2f}")
    record(small | {"phones": sizes[0], "sizes": {str(n): medians[n] for n in sizes},
                    "growth": growth})


if __name__ == "__main__":
    main()
