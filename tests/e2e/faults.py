#!/usr/bin/env python3
"""End to end: faults (issue 6). cmemu on the lab config (plus phones 205/206 and phone-less lines
207/208) keeps working and loses nothing when:
  - a phone's TCP connection is reset mid-call: its call clears, the monitor on the far party
    gets ConnectionCleared, another call goes on;
  - CSTA clients vanish without BYE (cmemu-csta killed): one's session expires (Session-Expires
    90), the other's ends when an event INFO to it goes unanswered (timer F); their monitors
    stop, other sessions stay;
  - UDP loses packets (SIPp -lost 10): every transaction completes through retransmission;
  - a client floods one session with requests: each is answered, other clients are served;
  - the startup-config cannot be written (a file-size limit): `write memory` reports the error,
    the old file stays whole and no temporary file is left;
  - the configuration changes under load: SIPp sessions and a phone call all complete.
The expiry takes 90 s, so the other cases run while it counts down."""
import csv
import glob
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from csta_client import ED3, CstaClient  # noqa: E402
from e2e_support import check, free_port  # noqa: E402
from router_lab import SOURCE, run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
SIPP_DIR = os.path.join(SOURCE, "samples", "sipp")

EXTRA_CONFIG = "".join(
    f"ephone-dn  {tag}\n number {number}\n cti watch\n!\n"
    for tag, number in ((5, 205), (6, 206), (7, 207), (8, 208))) + "".join(
    f"ephone  {tag}\n mac-address 0000.0000.0{number}\n type 7961\n button  1:{dn}\n!\n"
    for tag, number, dn in ((4, 205, 5), (5, 206, 6)))
MAC = {n: f"0000.0000.0{n}" for n in (201, 202, 205, 206)}
EXPIRES = 90  # the smallest Session-Expires the router grants (Min-SE, docs/decisions.md #14)


def read_until(lab, process, marker):
    seen = lab.wait_output(process, marker)
    check(marker in seen, f"no {marker!r} from {process.mac}:\n{seen}")


def session_rows(lab):
    """`show cti session` rows as {user: row}."""
    rows = {}
    for line in lab.show("show cti session").splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[0].isdigit():
            rows[fields[2]] = line
    return rows


def wait_session_gone(lab, user, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if user not in session_rows(lab):
            return
        time.sleep(0.5)
    raise AssertionError(f"the session of {user} is still listed:\n{lab.show('show cti session')}")


def vanish(lab, user, line):
    """A cmemu-csta session monitoring `line`, killed (no BYE, no refresh) once it is open."""
    client = lab.csta("sleep 600000", line, user, ("--session-expires", str(EXPIRES)))
    read_until(lab, client, "response MonitorStartResponse")
    client.kill()
    client.communicate()
    check(user in session_rows(lab), f"{user}'s session is not listed:\n{lab.show('show cti session')}")
    return time.time()


def phone_reset_mid_call(lab):
    # 201 calls 202 and resets its connection mid-call; 205 talks to 206 meanwhile and holds and
    # resumes after the reset; a monitor on 202 sees both parties cleared.
    watcher = lab.csta("wait established 20; wait connectioncleared 20; "
                       "wait connectioncleared 5", "202", "watcher")
    read_until(lab, watcher, "response MonitorStartResponse")
    p202 = lab.phone(MAC[202], "wait ringin 10; press Answer; wait connected; wait onhook 20")
    p206 = lab.phone(MAC[206], "wait ringin 10; press Answer; wait connected; wait onhook 20")
    lab.wait_registered(2)
    p205 = lab.phone(MAC[205], "offhook; dial 206; wait connected; sleep 2500; press Hold; "
                               "wait hold; press Resume; wait connected; sleep 200; onhook")
    p201 = lab.phone(MAC[201], "offhook; dial 202; wait connected; sleep 500; reset")
    status, out = lab.finish(p201)
    check(status == 0 and "reset by phone" in out, f"phone 201 did not reset ({status}):\n{out}")
    status, out = lab.finish(p202)
    check(status == 0, f"202's call did not clear after 201's reset ({status}):\n{out}")
    status, out = lab.finish(watcher)
    cleared = [line for line in out.splitlines() if "event ConnectionClearedEvent" in line]
    check(status == 0 and any("tel:201" in line for line in cleared)
          and any("tel:202" in line for line in cleared),
          f"the monitor on 202 did not see both parties cleared ({status}):\n{out}")
    for number, process in ((205, p205), (206, p206)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} lost its call when 201 reset ({status}):\n{out}")
    log = lab.router_log()
    check(re.search(r"UNREGISTER_ABNORMAL: ephone-1:SEP000000000201 .*\(Connection reset by peer\)",
                    log),
          f"the router did not log 201's loss:\n{log}")
    shown = lab.show("show cti call")
    check(not re.search(r"\n {11}\d+ ", shown), f"a leg outlived the reset:\n{shown}")


def unanswered_event_ends_session(lab):
    # vanish2 monitors 207 and is gone: the DoNotDisturbEvent to it goes unanswered, and at
    # timer F (64*T1 = 32 s) its session ends; the session that caused the event stays.
    setter = lab.csta("dnd on; wait donotdisturb; dnd off; wait donotdisturb; sleep 36000; "
                      "dnd get", "207", "setter")
    return setter


def lossy_udp(lab, workdir):
    stats_dir = tempfile.mkdtemp(dir=workdir)
    args = ["sipp", "-sf", os.path.join(SIPP_DIR, "cti_lossy.xml"), "-s", "208", "-m", "20",
            "-l", "5", "-r", "20", "-lost", "10", "-p", str(free_port(socket.SOCK_DGRAM)),
            "-i", "127.0.0.1", "-nostdin", "-trace_stat", "-fd", "1", "-timeout", "60s",
            "-trace_err", "-error_file", os.path.join(stats_dir, "errors.log"),
            f"127.0.0.1:{lab.sip_port}"]
    proc = subprocess.run(args, cwd=stats_dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=90)
    stats = glob.glob(os.path.join(stats_dir, "*_.csv"))
    check(stats, f"SIPp wrote no statistics: {proc.stderr.decode(errors='replace')}")
    with open(stats[0]) as f:
        rows = list(csv.reader(f, delimiter=";"))
    last = {name: int(rows[-1][rows[0].index(name)])
            for name in ("SuccessfulCall(C)", "FailedCall(C)", "Retransmissions(C)")}
    errors = ""
    if os.path.exists(os.path.join(stats_dir, "errors.log")):
        with open(os.path.join(stats_dir, "errors.log")) as f:
            errors = f.read()[-3000:]
    check(proc.returncode == 0 and last["SuccessfulCall(C)"] == 20 and last["FailedCall(C)"] == 0,
          f"CTI sessions over a lossy network: exit {proc.returncode}, {last}\n{errors}")
    # The loss was real: requests were sent again (else this case shows nothing).
    check(last["Retransmissions(C)"] > 0, f"SIPp lost nothing: {last}")


def flood_one_session(lab):
    # One client sends 2,000 requests in a row without waiting; a SIPp session and a phone call
    # run meanwhile (SIPp with cti_lossy.xml, whose answers are matched per transaction: a slow
    # answer brings a retransmission and then two answers). Every request is answered, and the
    # session still works after.
    client = CstaClient(lab.sip_port, "208", user="flooder")
    client.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    client.open()
    request = (f'<?xml version="1.0"?><GetDoNotDisturb xmlns="{ED3}"><device>tel:208</device>'
               "</GetDoNotDisturb>")
    p206 = lab.phone(MAC[206], "wait ringin 10; press Answer; wait connected; wait onhook 20")
    lab.wait_registered(1)
    p205 = lab.phone(MAC[205], "offhook; dial 206; wait connected; sleep 1000; onhook")
    sipp = subprocess.Popen(
        ["sipp", "-sf", os.path.join(SIPP_DIR, "cti_lossy.xml"), "-s", "203", "-m", "10",
         "-l", "2", "-p", str(free_port(socket.SOCK_DGRAM)), "-i", "127.0.0.1", "-nostdin",
         "-timeout", "30s", "-timeout_error", f"127.0.0.1:{lab.sip_port}"],
        cwd=lab.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first = client.cseq + 1
    for _ in range(2000):
        client._send("INFO", request)
    deadline = time.time() + 20
    while len(client.answers) < 2000 and time.time() < deadline:
        client._pump(deadline)
    answers = [client.answers.get(cseq) for cseq in range(first, first + 2000)]
    missing = sum(1 for a in answers if a is None)
    wrong = [a for a in answers if a and (a[0] != 200 or "GetDoNotDisturbResponse" not in a[1])]
    check(missing == 0 and not wrong,
          f"flooded session: {missing} unanswered, {len(wrong)} wrong answers ({wrong[:1]})")
    client.answers.clear()
    check("GetDoNotDisturbResponse" in client.request(request[len('<?xml version="1.0"?>'):]),
          "the flooded session no longer answers")
    client.close()
    check(sipp.wait(timeout=60) == 0,
          f"a SIPp client failed during the flood: {sipp.stderr.read().decode(errors='replace')}")
    for number, process in ((205, p205), (206, p206)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} failed during the flood ({status}):\n{out}")


def limited_router(build_dir, config, limit, commands):
    """cmemu on `config` with files limited to `limit` bytes (SIGXFSZ ignored, so a write past it
    fails with EFBIG as on a full disk); runs `commands` at privileged EXEC; returns its output."""
    def restrict():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    args = [os.path.join(build_dir, "cmemu"), "--startup-config", config, "--vty-port",
            str(free_port())]
    for command in commands:
        args += ["-c", command]
    proc = subprocess.run(args, preexec_fn=restrict, capture_output=True, text=True, timeout=30,
                          cwd=os.path.dirname(config))
    return proc.stdout + proc.stderr


def save_failure(build_dir):
    folder = tempfile.mkdtemp(prefix="cmemu-save-")
    config = os.path.join(folder, "startup-config")
    with open(config, "w") as f:
        f.write("hostname SAVED\n!\nephone-dn 1\n number 201\n!\nend\n")
    out = limited_router(build_dir, config, 1 << 20, ["write memory"])
    check("[OK]" in out, f"the first save failed:\n{out}")
    with open(config, "rb") as f:
        saved = f.read()
    limit = len(saved) + 200
    grow = ["configure terminal"] + [f"ephone-dn {tag}\n number {300 + tag}" for tag in
                                     range(10, 40)]
    lines = [line for entry in grow for line in entry.split("\n")] + ["end", "write memory",
                                                                      "show running-config"]
    out = limited_router(build_dir, config, limit, lines)
    check(re.search(r"Building configuration\.\.\.\n%Error opening nvram:startup-config \([^)]+\)",
                    out), f"write memory past the limit did not report an error:\n{out}")
    check("ephone-dn  39" in out, f"the running-config lost the new lines:\n{out}")
    with open(config, "rb") as f:
        check(f.read() == saved, "a failed save changed the startup-config")
    check(os.listdir(folder) == ["startup-config"], f"a failed save left {os.listdir(folder)}")
    # Within the limit, the same router saves again.
    out = limited_router(build_dir, config, limit, ["configure terminal", "hostname SAVED2", "end",
                                                    "write memory"])
    check("[OK]" in out, f"a save within the limit failed:\n{out}")
    with open(config) as f:
        check("hostname SAVED2" in f.read(), "the second save did not reach the file")


def config_under_load(lab):
    # SIPp sessions on 208 and a call between 205 and 206 run while the configuration changes
    # around them: a DN and an ephone come and go, the hostname, a session-server, keepalive,
    # cti watch on an idle line. Nothing they use changes, so nothing of theirs may fail.
    sipp = subprocess.Popen(
        ["sipp", "-sf", os.path.join(SIPP_DIR, "cti_lossy.xml"), "-s", "208", "-m", "300",
         "-l", "10", "-r", "100", "-p", str(free_port(socket.SOCK_DGRAM)), "-i", "127.0.0.1",
         "-nostdin", "-timeout", "60s", "-timeout_error", f"127.0.0.1:{lab.sip_port}"],
        cwd=lab.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    p206 = lab.phone(MAC[206], "wait ringin 10; press Answer; wait connected; wait onhook 30")
    lab.wait_registered(1)
    p205 = lab.phone(MAC[205], "offhook; dial 206; wait connected; sleep 3000; press Hold; "
                               "wait hold; press Resume; wait connected; onhook")
    for round_ in range(5):
        out = lab.configure("ephone-dn 20", "number 220", "cti watch", "exit",
                            "ephone 20", "mac-address 0000.0000.0220", "button 1:20", "exit",
                            f"hostname loadtest{round_}", "voice register session-server 2",
                            "register-id app2", "keepalive 120", "exit",
                            "telephony-service", f"keepalive {20 + round_}", "exit",
                            "ephone-dn 4", "no cti watch", "exit")
        out += lab.configure("no ephone 20", "no ephone-dn 20", "no voice register session-server 2",
                             "ephone-dn 4", "cti watch", "exit", "hostname cmemu-lab")
        check("%" not in out, f"a configuration line was refused:\n{out}")
        time.sleep(0.3)
    code = sipp.wait(timeout=90)
    check(code == 0, f"SIPp sessions failed while the configuration changed ({code}): "
                     f"{sipp.stderr.read().decode(errors='replace')}")
    for number, process in ((205, p205), (206, p206)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} failed while the configuration changed ({status}):\n"
                           f"{out}")


def scenarios(lab):
    expired_since = vanish(lab, "vanish1", "203")
    vanish(lab, "vanish2", "207")
    setter = unanswered_event_ends_session(lab)
    started = time.time()
    phone_reset_mid_call(lab)
    lossy_udp(lab, lab.workdir)
    flood_one_session(lab)
    save_failure(lab.build_dir)
    config_under_load(lab)

    # Timer F on the event INFO to vanish2 (32 s after the event); setter's session stays.
    wait_session_gone(lab, "vanish2", max(5, 45 - (time.time() - started)))
    status, out = lab.finish(setter, 60)
    check(status == 0 and "response GetDoNotDisturbResponse dnd=off" in out,
          f"the session that set DND did not go on ({status}):\n{out}")
    # Session expiry: still listed well before Session-Expires, gone after it.
    if time.time() - expired_since < EXPIRES - 10:
        check("vanish1" in session_rows(lab), "vanish1's session ended before it expired")
    wait_session_gone(lab, "vanish1", EXPIRES + 8 - (time.time() - expired_since))
    check(time.time() - expired_since >= EXPIRES - 1, "vanish1's session ended before it expired")


if __name__ == "__main__":
    sys.exit(run_lab_test("faults", BUILD_DIR, scenarios, EXTRA_CONFIG))
