#!/usr/bin/env python3
"""Soak benchmark (not a test, issues 6 and 16): one cmemu on loopback under steady CTI and SCCP
traffic for at least MINUTES (default 10), checking that nothing fails, no event is lost and the
router's memory stays flat. Two sizes (class Size below):
  - standard (issue 6): 506 phones, 100 CTI sessions, about 3.3 calls/s, as described below;
  - full (issue 16): 5,000 phones (the platform's max-ephones: a fleet of 4,915 and 85 phone
    callers), 1,000 CTI sessions (850 monitored lines, 150 of them monitored by a second session),
    85 CSTA callers and 85 phone callers whose calls talk 1 s and pause 1 s: about 50 calls/s.

The standard size, against a generated startup-config (506 ephones with one DN each,
`keepalive 10`, 100 DNs with `cti watch`), runs real clients of the router:
  - one `cmemu-phone --fleet 500 --answer-after 1000` (DNs 1001-1500): every call to a fleet
    phone rings 1 s and is answered with the Answer softkey; the caller clears it;
  - 100 `cmemu-csta` processes, one CTI session each (Session-Expires 120, so each session is
    refreshed with UPDATE every 60 s), monitoring its DN:
      14 CSTA callers on fleet DNs 1001-1014, each `--repeat 0`: MakeCall doNotPrompt, wait
        Established, talk 3 s, ClearConnection, both ConnectionCleared, pause 2 s;
      6 monitors of the phone callers' DNs 2001-2006;
      80 monitors of the called fleet DNs 1015-1094;
  - 6 `cmemu-phone --repeat 0` phone callers (DNs 2001-2006): off-hook, dial, ring-out,
    connected, talk 3 s, on-hook, pause 2 s.
Each of the 20 callers has its own 4 monitored targets and 1 unmonitored one (1095-1114), called in
turn (one iteration = 5 calls), so no target is ever busy. One call takes about 6.1 s, so the
rates are about 2.3 CSTA calls/s and 1.0 phone calls/s (3.3 calls/s, ~30 event INFOs/s, 50 SCCP
keepalives/s, 1.7 UPDATEs/s): the router is busy, the 2 cores are not saturated by the clients
(about 2,000 calls and a few MiB of client output in 10 minutes).
The callers start staggered over 6 s, stop starting iterations at MINUTES and finish the one under
way; then the monitors and the fleet are stopped.

Checks (exit status 1 if any fails):
  - failed transactions = 0: every CSTA request answered with its response (no CSTAErrorCode, SIP
    error or timeout; MakeCall/ClearConnection responses as many as requests; every UPDATE
    answered), every phone script step succeeded (no FAIL line, `repeat ... failures=0`), every
    fleet phone registered to the end and answering every call, every process exit status 0;
  - lost events = 0: on each monitor, per callID, the complete event set of docs/csta.md §9 in order:
    the caller's monitor ServiceInitiated, Originated, Delivered, Established, ConnectionCleared
    for each party; the called party's monitor Delivered, Established, ConnectionCleared for each
    party; each caller's calls all on its monitor, and each call to a monitored target also on the
    target's monitor;
  - memory flat: the router's VmRSS sampled every 10 s; growth from minute 2 (20 s per minute in
    runs of 2 minutes or less) to the end under RSS_TOLERANCE_KIB, 256 KiB (64 pages): RSS moves
    by whole pages as malloc grows its heap, and the warm-up (calls, transactions and event queues
    reaching their steady number) is over well before minute 2; 256 KiB still catches a leak of
    about 130 bytes per call over a 10-minute run's ~2,000 calls (9 bytes per call at full size);
  - at full size, each second monitor sees the same calls as its line's first monitor, complete.
Prints a summary and the figures as a markdown table (bench/run_all.py copies its `|` lines).
Usage: python3 bench/soak.py [BUILD_DIR] [MINUTES] [standard | full]
"""
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from bench_support import cpu_s, free_port, mac_text, record, rss_kib, stop

FLEET_FIRST_DN = 1001
FLEET_MAC_BASE = 0x000010000000  # 0000.1000.0000
PHONE_MAC_BASE = 0x000020000000
MONITORED_TARGETS_PER_CALLER = 4
ANSWER_AFTER_MS = 1000
KEEPALIVE_S = 10
SESSION_EXPIRES_S = 120
SAMPLE_S = 10
RSS_TOLERANCE_KIB = 256


class Size:
    """One soak's numbers. `standard` is the 10-minute soak of issue 6; `full` is issue 16's:
    5,000 phones (the platform's max-ephones), 1,000 CTI sessions and about 50 calls/s."""

    def __init__(self, fleet, csta_callers, phone_callers, second_monitors, talk_ms, pause_ms,
                 phone_first_dn):
        self.fleet = fleet
        self.csta_callers = csta_callers
        self.phone_callers = phone_callers
        self.second_monitors = second_monitors  # targets monitored by a second session too
        self.talk_ms = talk_ms
        self.pause_ms = pause_ms
        self.phone_first_dn = phone_first_dn
        self.callers = csta_callers + phone_callers
        self.monitored_targets = self.callers * MONITORED_TARGETS_PER_CALLER
        self.first_target = FLEET_FIRST_DN + csta_callers
        self.first_unmonitored = self.first_target + self.monitored_targets
        assert self.first_unmonitored + self.callers <= FLEET_FIRST_DN + fleet
        assert second_monitors <= self.monitored_targets

    def caller_dns(self):
        """(kind, DN) of every caller: CSTA callers, then phone callers."""
        return ([("csta", FLEET_FIRST_DN + i) for i in range(self.csta_callers)] +
                [("phone", self.phone_first_dn + i) for i in range(self.phone_callers)])

    def targets_of(self, index):
        """The DNs caller `index` calls in one iteration: 4 monitored, then 1 unmonitored."""
        first = self.first_target + index * MONITORED_TARGETS_PER_CALLER
        return (list(range(first, first + MONITORED_TARGETS_PER_CALLER)) +
                [self.first_unmonitored + index])

    def monitored_dns(self):
        return ([FLEET_FIRST_DN + i for i in range(self.csta_callers)] +
                [self.phone_first_dn + i for i in range(self.phone_callers)] +
                list(range(self.first_target, self.first_unmonitored)))

    def second_monitored_dns(self):
        return list(range(self.first_target, self.first_target + self.second_monitors))

    def sessions(self):
        return len(self.monitored_dns()) + self.second_monitors


SIZES = {
    # 506 phones, 100 sessions, 20 callers: about 3.3 calls/s.
    "standard": Size(fleet=500, csta_callers=14, phone_callers=6, second_monitors=0,
                     talk_ms=3000, pause_ms=2000, phone_first_dn=2001),
    # 5,000 phones, 1,000 sessions (850 lines, 150 of them watched twice), 170 callers whose
    # call takes about 3.2 s: about 50 calls/s.
    "full": Size(fleet=4915, csta_callers=85, phone_callers=85, second_monitors=150,
                 talk_ms=1000, pause_ms=1000, phone_first_dn=7001),
}


def generate(size, path, sccp_port, sip_port):
    watched = set(size.monitored_dns())
    phones = size.fleet + size.phone_callers
    lines = ["hostname soak", "voice service voip", " no cti shutdown", "voice register global",
             f" source-address 127.0.0.1 port {sip_port}", "telephony-service",
             f" max-ephones {phones}", f" max-dn {phones}",
             f" ip source-address 127.0.0.1 port {sccp_port}", f" keepalive {KEEPALIVE_S}"]
    numbers = ([FLEET_FIRST_DN + i for i in range(size.fleet)] +
               [size.phone_first_dn + i for i in range(size.phone_callers)])
    macs = ([FLEET_MAC_BASE + i for i in range(size.fleet)] +
            [PHONE_MAC_BASE + i for i in range(size.phone_callers)])
    for tag, number in enumerate(numbers, 1):
        lines += [f"ephone-dn {tag}", f" number {number}"] + ([" cti watch"]
                                                               if number in watched else [])
    for tag, mac in enumerate(macs, 1):
        lines += [f"ephone {tag}", f" mac-address {mac_text(mac)}", " type 7961",
                  f" button 1:{tag}"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\nend\n")


def csta_script(size, targets):
    calls = [f"makecall {t}; wait established 10; sleep {size.talk_ms}; clear; "
             f"wait connectioncleared; wait connectioncleared; sleep {size.pause_ms}"
             for t in targets]
    return "\n".join(calls) + "\n"


def phone_script(size, targets):
    calls = [f"offhook; wait offhook; dial {t}; wait ringout 5; wait connected 10; "
             f"sleep {size.talk_ms}; onhook; wait onhook; sleep {size.pause_ms}" for t in targets]
    return "\n".join(calls) + "\n"


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 8192  # the router holds a socket per phone: up to 5,000
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE,
                           (min(wanted, hard) if hard >= 0 else wanted, hard))


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def wait_for(predicate, seconds, what, router):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if router.poll() is not None:
            sys.exit(f"cmemu exited with {router.returncode} while waiting for {what}")
        if predicate():
            return
        time.sleep(0.2)
    sys.exit(f"timed out waiting for {what}")


class Client:
    """A client process whose output goes to a file in the work folder."""

    def __init__(self, name, args, workdir):
        self.name = name
        self.path = os.path.join(workdir, name + ".out")
        self.file = open(self.path, "w")
        self.terminated = False
        self.process = subprocess.Popen(args, stdout=self.file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=workdir,
                                        preexec_fn=raise_file_limit)

    def output(self):
        return read(self.path)

    def terminate(self):
        self.terminated = True
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def stop(self, seconds=40):
        """Ends the process with one SIGTERM (unless terminate() sent it): a second one could
        reach it after its handler is gone."""
        if not self.terminated:
            self.terminate()
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.file.close()
        return self.process.returncode


EVENT = re.compile(r"^[\d.]+ event (\w+) call=(\S+) device=(\S+)", re.M)


def event_groups(text):
    """callID -> [(event name, device)] in arrival order, for one monitor's output."""
    groups = {}
    for name, call, device in EVENT.findall(text):
        groups.setdefault(call, []).append((name, device.removeprefix("tel:")))
    return groups


def complete_as_caller(events, line):
    names = [e[0] for e in events]
    if names != ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent",
                 "ConnectionClearedEvent", "ConnectionClearedEvent"]:
        return None
    if events[0][1] != line or events[1][1] != line:
        return None
    target = events[2][1]
    if events[3][1] != target or {events[4][1], events[5][1]} != {line, target}:
        return None
    return target


def complete_as_called(events, line):
    names = [e[0] for e in events]
    if names != ["DeliveredEvent", "EstablishedEvent", "ConnectionClearedEvent",
                 "ConnectionClearedEvent"]:
        return False
    return (events[0][1] == line and events[1][1] == line and
            line in {events[2][1], events[3][1]})


def check_events(size, monitors, second_monitors, made, problems):
    """Lost events: every call on every monitor complete, each caller's calls on its monitor and
    on the monitored target's, and a line's second monitor sees the calls its first one sees.
    Returns (calls checked, lost)."""
    lost = 0
    groups = {dn: event_groups(client.output()) for dn, client in monitors.items()}
    caller_calls = {}  # callID -> (caller DN, target DN)
    for kind, dn in size.caller_dns():
        mine = {call: events for call, events in groups[dn].items()
                if events[0][0] == "ServiceInitiatedEvent"}
        for call, events in mine.items():
            target = complete_as_caller(events, str(dn))
            if target is None:
                lost += 1
                problems.append(f"monitor {dn} call {call}: incomplete caller events {events}")
            else:
                caller_calls[call] = (dn, int(target))
        expected = made[dn]
        if len(mine) != expected:
            lost += abs(expected - len(mine))
            problems.append(f"monitor {dn}: {len(mine)} calls seen, {expected} made")
    watched = set(groups)
    caller_set = {dn for _, dn in size.caller_dns()}
    for dn, calls in groups.items():
        for call, events in calls.items():
            if events[0][0] == "ServiceInitiatedEvent" and dn in caller_set:
                continue  # checked above
            if call not in caller_calls or caller_calls[call][1] != dn:
                lost += 1
                problems.append(f"monitor {dn} call {call}: a call no caller made: {events}")
            elif not complete_as_called(events, str(dn)):
                lost += 1
                problems.append(f"monitor {dn} call {call}: incomplete called events {events}")
    for call, (caller, target) in caller_calls.items():
        if target in watched and call not in groups[target]:
            lost += 1
            problems.append(f"monitor {target}: no events for call {call} from {caller}")
    for dn, client in second_monitors.items():
        second = event_groups(client.output())
        for call in set(second) ^ set(groups[dn]):
            lost += 1
            problems.append(f"monitor {dn}: call {call} on one of its two sessions only")
        for call, events in second.items():
            if not complete_as_called(events, str(dn)):
                lost += 1
                problems.append(f"second monitor {dn} call {call}: incomplete events {events}")
    return len(caller_calls), lost


def check_csta(client, problems, caller):
    """Failed transactions of one cmemu-csta output; returns (failed, MakeCalls answered,
    UPDATE refreshes)."""
    out = client.output()
    failed = len(re.findall(r"^[\d.]+ (?:error |FAIL)", out, re.M))
    failed += len(re.findall(r"^[\d.]+ UPDATE answered", out, re.M))
    for request, response in (("makecall", "MakeCallResponse"), ("clear", "ClearConnectionResponse")):
        sent = len(re.findall(rf"^[\d.]+ do {request}\b", out, re.M))
        answered = len(re.findall(rf"^[\d.]+ response {response}\b", out, re.M))
        failed += sent - answered
    for needed in ("response MonitorStartResponse", "response MonitorStopResponse",
                   "session closed (BYE 200"):
        if needed not in out:
            failed += 1
            problems.append(f"{client.name}: no '{needed}'")
    if caller:
        summary = re.search(r"repeat iterations=(\d+) failures=(\d+)", out)
        if not summary or summary.group(2) != "0":
            failed += 1
            problems.append(f"{client.name}: repeat summary {summary and summary.group(0)}")
    if failed:
        bad = [line for line in out.splitlines() if " error " in line or " FAIL" in line]
        problems.append(f"{client.name}: {failed} failed: {bad[:5]}")
    makecalls = len(re.findall(r"^[\d.]+ response MakeCallResponse\b", out, re.M))
    refreshes = len(re.findall(r"^[\d.]+ session refreshed", out, re.M))
    return failed, makecalls, refreshes


def check_phone(client, problems):
    """Failed steps of one phone caller; returns (failed, calls dialled, iterations)."""
    out = client.output()
    failed = len(re.findall(r"^FAIL|^[\d.]+ FAIL", out, re.M))
    summary = re.search(r"repeat iterations=(\d+) failures=(\d+)", out)
    if not summary:
        failed += 1
        problems.append(f"{client.name}: no repeat summary")
    elif summary.group(2) != "0":
        failed += int(summary.group(2))
    if "closed by router" in out:
        failed += 1
    if failed:
        bad = [line for line in out.splitlines() if "FAIL" in line]
        problems.append(f"{client.name}: {failed} failed: {bad[:5]}")
    dialled = len(re.findall(r"^[\d.]+ do dial ", out, re.M))
    return failed, dialled, int(summary.group(1)) if summary else 0


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    minutes = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    size_name = sys.argv[3] if len(sys.argv) > 3 else "standard"
    if size_name not in SIZES:
        sys.exit(f"size: one of {', '.join(SIZES)}")
    size = SIZES[size_name]
    # Start-up waits grow with the size: 5,000 phones and 1,000 sessions take seconds to set up.
    setup_s = 30 if size.sessions() <= 100 else 180
    duration = minutes * 60
    baseline_at = 120 if minutes > 2 else 20 * minutes
    workdir = tempfile.mkdtemp(prefix="cmemu-soak-")
    sccp_port = free_port(2100, 9999)
    sip_port = free_port(10000, 19999)
    config = os.path.join(workdir, "soak.cfg")
    generate(size, config, sccp_port, sip_port)
    router_log = open(os.path.join(workdir, "cmemu.log"), "w")
    router = subprocess.Popen([os.path.join(build, "cmemu"), "--startup-config", config,
                               "--no-console", "--vty-port",
                               str(free_port(20000, 29999))],
                              stdout=router_log, stderr=subprocess.STDOUT, cwd=workdir,
                              preexec_fn=raise_file_limit)
    phone_bin = os.path.join(build, "cmemu-phone")
    csta_bin = os.path.join(build, "cmemu-csta")
    clients = []
    problems = []
    load_before = os.getloadavg()
    try:
        def listening():
            try:
                socket.create_connection(("127.0.0.1", sccp_port), timeout=1).close()
                return True
            except OSError:
                return False
        wait_for(listening, 20, "the SCCP listener", router)
        time.sleep(0.3)
        if "BIND" in read(router_log.name):
            sys.exit("the router could not bind a port:\n" + read(router_log.name))
        fleet = Client("fleet", [phone_bin, "--router", f"127.0.0.1:{sccp_port}", "--fleet",
                                 str(size.fleet), "--mac-base", mac_text(FLEET_MAC_BASE),
                                 "--answer-after", str(ANSWER_AFTER_MS)], workdir)
        clients.append(fleet)
        wait_for(lambda: "registered " in fleet.output(), setup_s, "the fleet", router)
        first = fleet.output().splitlines()[0]
        if f"registered {size.fleet}/{size.fleet}" not in first:
            sys.exit(f"the fleet did not register: {first}")

        callers = {dn: (kind, index) for index, (kind, dn) in enumerate(size.caller_dns())}
        monitors = {}

        def session_args(dn, user):
            return [csta_bin, "--router", f"127.0.0.1:{sip_port}", "--user", user,
                    "--line", str(dn), "--session-expires", str(SESSION_EXPIRES_S), "--quiet",
                    "--repeat", "0"]
        for dn in size.monitored_dns():
            args = session_args(dn, f"soak{dn}")
            kind_index = callers.get(dn)
            if kind_index and kind_index[0] == "csta":
                script = os.path.join(workdir, f"csta{dn}.txt")
                with open(script, "w") as f:
                    f.write(csta_script(size, size.targets_of(kind_index[1])))
                monitors[dn] = (args, script)
            else:
                # A plain monitor: its session stays open, the script only sleeps.
                monitors[dn] = (args + ["-e", "sleep 60000"], None)
        # The plain monitors first, so that every call is seen from its first event.
        running = {}
        for dn, (args, script) in monitors.items():
            if script is None:
                running[dn] = Client(f"csta{dn}", args, workdir)
        # A line's second session: a plain monitor too.
        second_monitors = {dn: Client(f"csta{dn}b", session_args(dn, f"soak{dn}b") +
                                      ["-e", "sleep 60000"], workdir)
                           for dn in size.second_monitored_dns()}
        clients += running.values()
        clients += second_monitors.values()
        wait_for(lambda: all("response MonitorStartResponse" in c.output()
                             for c in list(running.values()) + list(second_monitors.values())),
                 setup_s, "the monitors", router)

        start = time.time()
        end = start + duration
        samples = []
        stop_sampling = threading.Event()

        def sample():
            next_at = start
            while not stop_sampling.is_set():
                samples.append((time.time() - start, rss_kib(router.pid)))
                next_at += SAMPLE_S
                stop_sampling.wait(max(0.0, next_at - time.time()))
        sampler = threading.Thread(target=sample, daemon=True)
        cpu_start = cpu_s(router.pid)
        sampler.start()
        caller_clients = {}
        stagger = 6.0 / size.callers
        for index, (kind, dn) in enumerate(size.caller_dns()):
            remaining = f"{end - time.time():.1f}"
            if kind == "csta":
                args, script = monitors[dn]
                client = Client(f"csta{dn}", args + ["--script", script, "--duration", remaining],
                                workdir)
            else:
                script = os.path.join(workdir, f"phone{dn}.txt")
                with open(script, "w") as f:
                    f.write(phone_script(size, size.targets_of(index)))
                mac = mac_text(PHONE_MAC_BASE + dn - size.phone_first_dn)
                client = Client(f"phone{dn}", [phone_bin, "--router", f"127.0.0.1:{sccp_port}",
                                               "--mac", mac, "--quiet", "--repeat", "0",
                                               "--duration", remaining, "--script", script],
                                workdir)
            caller_clients[dn] = client
            clients.append(client)
            if kind == "csta":
                running[dn] = client
            time.sleep(stagger)
        for dn, client in caller_clients.items():
            kind = callers[dn][0]
            wait = max(0.0, end - time.time()) + 60
            try:
                client.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                problems.append(f"{client.name} did not end its last iteration")
            if router.poll() is not None:
                break
        cpu_end, wall = cpu_s(router.pid), time.time() - start
        stop_sampling.set()
        sampler.join()
        load_after = os.getloadavg()
        ending = {c.name: c for c in (list(caller_clients.values()) + list(running.values()) +
                                      list(second_monitors.values()))}
        for client in ending.values():
            client.terminate()
        statuses = {name: client.stop() for name, client in ending.items()}
        statuses["fleet"] = fleet.stop()
        fleet_final = fleet.output().strip().splitlines()[-1]
    finally:
        for client in clients:
            if client.process.poll() is None:
                client.process.kill()
                client.process.wait()
        router_alive = router.poll() is None
        if router_alive:
            stop(router)
        router_log.close()

    if not router_alive:
        problems.append(f"the router died during the run (exit {router.returncode})")
    for name, status in statuses.items():
        if status != 0:
            problems.append(f"{name} exited with {status}")
    # Failed transactions.
    failed = 0
    csta_calls = phone_calls = refreshes = 0
    made = {}
    for dn, client in running.items():
        csta_caller = callers.get(dn, ("",))[0] == "csta"
        f, makecalls, r = check_csta(client, problems, csta_caller)
        failed += f
        refreshes += r
        if csta_caller:
            csta_calls += makecalls
            made[dn] = makecalls
    for client in second_monitors.values():
        f, _, r = check_csta(client, problems, False)
        failed += f
        refreshes += r
    iterations = 0
    for dn, client in caller_clients.items():
        if callers[dn][0] == "phone":
            f, dialled, its = check_phone(client, problems)
            failed += f
            phone_calls += dialled
            iterations += its
            made[dn] = dialled
    match = re.search(r"final registered=(\d+) rejected=(\d+) disconnected=(\d+) answered=(\d+)",
                      fleet_final)
    answered = int(match.group(4)) if match else 0
    if not match or match.group(1) != str(size.fleet) or match.group(3) != "0":
        failed += 1
        problems.append(f"fleet: {fleet_final}")
    if answered != csta_calls + phone_calls:
        failed += abs(csta_calls + phone_calls - answered)
        problems.append(f"fleet answered {answered} calls, {csta_calls + phone_calls} were made")
    # Lost events.
    checked, lost = check_events(size, running, second_monitors, made, problems)
    # Memory.
    baseline = min(samples, key=lambda s: abs(s[0] - baseline_at))
    final = min(samples, key=lambda s: abs(s[0] - duration))
    growth = final[1] - baseline[1]
    window = [s for s in samples if baseline[0] <= s[0] <= final[0]]
    peak = max(s[1] for s in window)
    cpu_pct = 100 * (cpu_end - cpu_start) / wall
    output_mib = sum(os.path.getsize(c.path) for c in clients) / 2**20

    ok = (failed == 0 and lost == 0 and growth < RSS_TOLERANCE_KIB and csta_calls > 0 and
          phone_calls > 0 and not problems)
    rate = (csta_calls + phone_calls) / wall
    print(f"soak {minutes:g} min ({wall:.0f} s of traffic): {csta_calls} CSTA calls, "
          f"{phone_calls} phone calls ({rate:.2f} calls/s), {answered} answered by the fleet; "
          f"{refreshes} session refreshes; failed transactions {failed}; lost events {lost} "
          f"({checked} calls checked on {size.sessions()} monitors); router RSS {baseline[1]} KiB at "
          f"{baseline[0]:.0f} s, {final[1]} KiB at {final[0]:.0f} s, growth {growth:+d} KiB "
          f"(tolerance {RSS_TOLERANCE_KIB} KiB, peak {peak} KiB); router CPU {cpu_pct:.1f}% of "
          f"one core; clients printed {output_mib:.1f} MiB; load average {load_before[0]:.2f} "
          f"before, {load_after[0]:.2f} at the end")
    print()
    print("| figure | value |")
    print("|---|---|")
    print(f"| run | {minutes:g} min ({wall:.0f} s of traffic), {size.fleet} fleet phones + "
          f"{size.phone_callers} phone callers registered, {size.sessions()} CTI sessions "
          f"monitoring ({size.second_monitors} lines by two sessions) |")
    print(f"| calls made by CSTA (MakeCall doNotPrompt) | {csta_calls} |")
    print(f"| calls made by phones (dialling) | {phone_calls} |")
    print(f"| call rate | {rate:.2f} calls/s |")
    print(f"| failed transactions | {failed} |")
    print(f"| lost events | {lost} ({checked} calls checked) |")
    print(f"| router VmRSS at {baseline[0]:.0f} s | {baseline[1]} KiB |")
    print(f"| router VmRSS at the end ({final[0]:.0f} s) | {final[1]} KiB |")
    print(f"| growth | {growth:+d} KiB (tolerance < {RSS_TOLERANCE_KIB} KiB) |")
    print(f"| router CPU | {cpu_pct:.1f}% of one core |")
    print(f"| load average (1 min) | {load_before[0]:.2f} before, {load_after[0]:.2f} at the end |")
    record({"minutes": minutes, "size": size_name, "csta_calls": csta_calls, "phone_calls": phone_calls,
            "calls_per_s": rate, "failed_transactions": failed, "lost_events": lost,
            "rss_baseline_kib": baseline[1], "rss_baseline_s": baseline[0],
            "rss_end_kib": final[1], "rss_growth_kib": growth, "router_cpu_pct": cpu_pct})
    rss_line = " ".join(f"{t:.0f}s:{kib}" for t, kib in samples)
    print(f"\nVmRSS samples (KiB): {rss_line}")
    if problems:
        print(f"\nproblems ({len(problems)}), outputs kept in {workdir}:")
        for problem in problems[:40]:
            print(f"  {problem}")
    if not ok:
        print("FAIL")
        sys.exit(1)
    shutil.rmtree(workdir, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
