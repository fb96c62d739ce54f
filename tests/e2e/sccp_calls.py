#!/usr/bin/env python3
"""End to end: cmemu on the lab config and real cmemu-phone processes (issue 4's list): a call
answered and hung up from either side, busy, an unknown number, hold and resume, blind and
consultative transfer, DND, call forward all, a phone removed live while the others keep their
call, emadmin login re-provisioning a registered phone, and garbage on one SCCP connection."""
import os
import re
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
MAC = {201: "0000.0000.0201", 202: "0000.0000.0202", 203: "0000.0000.0203"}


def run_phones(lab, scripts, what, order=None, versions=None):
    """Starts one phone per (number, script), each once the previous is registered (with its
    protocol version from `versions`, default cmemu-phone's), and checks that every script
    passes."""
    processes = {}
    numbers = order or list(scripts)
    for count, number in enumerate(numbers, start=1):
        version = (versions or {}).get(number)
        extra = ("--protocol-version", str(version)) if version else ()
        processes[number] = lab.phone(MAC[number], scripts[number], extra=extra)
        if number != numbers[-1]:  # the last one may be done before anyone looks
            lab.wait_registered(count)
    failures = []
    for number, process in processes.items():
        status, out = lab.finish(process)
        if status != 0:
            failures.append(f"phone {number} exited {status}:\n{out}")
    check(not failures, f"{what}:\n" + "\n".join(failures))
    wait_idle(lab)


def wait_idle(lab, seconds=10):
    """Waits until no phone is registered any more (the previous scenario's phones are gone)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if "Registered 0," in lab.show("show ephone summary"):
            return
        time.sleep(0.1)
    raise AssertionError("phones still registered:\n" + lab.show("show ephone summary"))


def calls(lab):
    # 201 calls 202; 202 answers; the caller hangs up.
    run_phones(lab, {
        202: "wait ringin; expect lamp 1 blink; expect display 201; press Answer; "
             "wait connected; wait onhook; expect lamp 1 off",
        201: "offhook; expect tone dial; dial 202; wait ringout; expect tone alerting; "
             "wait connected; sleep 200; onhook; wait onhook",
    }, "a call hung up by the caller")
    # The same, hung up by the called phone (handset answer).
    run_phones(lab, {
        202: "wait ringin; offhook; wait connected; sleep 200; onhook; wait onhook",
        201: "press NewCall; dial 202; wait ringout; wait connected; wait onhook; "
             "expect tone none",
    }, "a call hung up by the called phone")


def show_and_live_changes(lab):
    # show ephone / show ephone-dn with phones registered and in a call (docs/commands.md §1.2).
    p202 = lab.phone(MAC[202], "wait ringin; press Answer; wait connected; wait onhook")
    lab.wait_registered(1)
    p201 = lab.phone(MAC[201], "offhook; dial 202; wait connected", stay=True)
    lab.wait_registered(2)
    lab.tell(p201, "expect tone none")
    shown = lab.show("show ephone registered")
    check(re.search(r"ephone-1\[0\] Mac:0000\.0000\.0201 TCP socket:\[\d+\] activeLine:1 "
                    r"whisperLine:0 REGISTERED in SCCP ver 11/11 max_streams=5", shown)
          and "IP:127.0.0.1 * " in shown and "  dn 1  number 201 CH1   CONNECTED" in shown
          and "ephone-3" not in shown, f"show ephone registered:\n{shown}")
    # show ephone summary: three lines per ephone, then the totals (docs/commands.md §1.7).
    summary = lab.show("show ephone summary")
    check(re.search(r"ephone-1\[0\] Mac:0000\.0000\.0201 TCP socket:\[\d+\] activeLine:0 "
                    r"whisperLine:0 REGISTERED\r?\nmediaActive:0 .* debug:0  primary_dn: 1\*\r?\n"
                    r"IP:127\.0\.0\.1 \* \S+  keepalive \d+   music 0  1:1\r?\n", summary)
          and re.search(r"ephone-3\[2\] Mac:0000\.0000\.0203 TCP socket:\[-1\] activeLine:0 "
                        r"whisperLine:0 UNREGISTERED\r?\n", summary)
          and re.search(r"Registered 2, Unregistered \d+, Deceased 0, Sockets \d+\r?\n"
                        r"Max Conferences \d+ with 0 active", summary),
          f"show ephone summary:\n{summary}")
    summary = lab.show("show ephone-dn summary")
    check(re.search(r"50/0/1 +CONNECTED", summary) and re.search(r"50/0/3 +DOWN", summary)
          and re.search(r"50/0/4 +IDLE", summary), f"show ephone-dn summary:\n{summary}")
    check("ephone-3 Mac:0000.0000.0203 TCP socket:[-1] activeLine:0 UNREGISTERED"
          in lab.show("show ephone unregistered"), "show ephone unregistered")
    # A changed number and label reach the registered phone at once; the call goes on.
    lab.configure("ephone-dn 1", "number 2010", "label Alice")
    seen = lab.tell(p201, "expect line 1 2010")
    lab.configure("ephone-dn 1", "number 201", "no label")
    seen += lab.tell(p201, "expect line 1 201; onhook; wait onhook")
    p201.stdin.close()
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} during live changes ({status}):\n{seen}{out}")
    wait_idle(lab)
    # The listener follows `ip source-address` live (docs/decisions.md #26).
    old_port = lab.sccp_port
    new_port = old_port + 1 if old_port < 9999 else old_port - 1
    lab.configure("telephony-service", f"ip source-address 127.0.0.1 port {new_port}")
    lab.sccp_port = new_port
    run_phones(lab, {201: "expect registered"}, "registration on the new port")
    lab.configure("telephony-service", f"ip source-address 127.0.0.1 port {old_port}")
    lab.sccp_port = old_port


def busy_and_unknown(lab):
    run_phones(lab, {
        202: "wait ringin; press Answer; wait connected; wait onhook",
        201: "offhook; dial 202; wait connected; sleep 1500; onhook",
        203: "sleep 500; offhook; dial 202; wait busy; expect tone busy; onhook; "
             "offhook; dial 299; expect tone reorder; onhook",
    }, "busy and unknown number", order=[202, 201, 203])


def hold_and_resume(lab):
    run_phones(lab, {
        202: "wait ringin; press Answer; wait connected; wait onhook",
        201: "offhook; dial 202; wait connected; press Hold; wait hold; expect lamp 1 wink; "
             "press Resume; wait connected; expect lamp 1 on; onhook",
    }, "hold and resume")
    # The same from a protocol-5 phone, which gets ASCII labels (docs/sccp.md §5.1); a key that
    # cannot act (Resume with nothing held) answers with the Key Is Not Active prompt (§9).
    run_phones(lab, {
        202: "wait ringin; press Answer; wait connected; wait onhook",
        201: "expect display Your current options; offhook; dial 202; wait connected; "
             "press Hold; wait hold; expect lamp 1 wink; press Resume; wait connected; "
             "press Resume; expect display Key Is Not Active; onhook",
    }, "hold and resume from a protocol-5 phone", versions={201: 5})


def transfers(lab):
    # Consultative: 202 answers 201, consults 203, 203 answers, 202 completes; 201 and 203 talk.
    run_phones(lab, {
        203: "wait ringin; press Answer; wait connected; wait onhook",
        202: "wait ringin; press Answer; wait connected; press Transfer; wait offhook; dial 203; "
             "wait connected; press Transfer; wait onhook; wait onhook",
        201: "offhook; dial 202; wait connected; wait connected; sleep 300; onhook",
    }, "consultative transfer", order=[203, 202, 201])
    # Blind: 202 presses Transfer again while 203 still rings; 201 hears it ring, 203 answers.
    run_phones(lab, {
        203: "wait ringin; sleep 300; press Answer; wait connected; wait onhook",
        202: "wait ringin; press Answer; wait connected; press Transfer; wait offhook; dial 203; wait ringout; "
             "press Transfer; wait onhook",
        201: "offhook; dial 202; wait connected; wait ringout; wait connected; sleep 200; onhook",
    }, "blind transfer", order=[203, 202, 201])
    # Blind again, the second Transfer naming the held original, from a protocol-5 phone
    # (docs/sccp.md §9): it completes as well.
    run_phones(lab, {
        203: "wait ringin; sleep 300; press Answer; wait connected; wait onhook",
        202: "wait ringin; press Answer; wait connected; press Transfer; wait hold; wait offhook; "
             "dial 203; wait ringout; press Transfer held; wait onhook; wait onhook",
        201: "offhook; dial 202; wait connected; wait ringout; wait connected; sleep 200; onhook",
    }, "blind transfer naming the held call", order=[203, 202, 201], versions={202: 5})


def dnd_and_forward(lab):
    run_phones(lab, {
        202: "press DND; expect display Do Not Disturb; sleep 1500; press DND",
        201: "sleep 300; offhook; dial 202; wait busy; onhook",
    }, "do not disturb", order=[202, 201])
    run_phones(lab, {
        203: "wait ringin; press Answer; wait connected; wait onhook",
        202: "press CFwdAll; dial 203; expect forward 203; sleep 2000; press CFwdAll; "
             "expect forward off",
        201: "sleep 500; offhook; dial 202; wait ringout; wait connected; onhook",
    }, "call forward all", order=[203, 202, 201])


def live_removal_and_extension_mobility(lab):
    # 201 and 202 talk; ephone 3 is removed live: its phone is dropped, the call goes on.
    p202 = lab.phone(MAC[202], "wait ringin; press Answer; wait connected; wait onhook")
    lab.wait_registered(1)
    p203 = lab.phone(MAC[203], "expect registered", stay=True)
    lab.wait_registered(2)
    p201 = lab.phone(MAC[201], "offhook; dial 202; wait connected; sleep 1500; onhook; wait onhook")
    lab.wait_registered(3)
    time.sleep(0.5)
    saved = lab.show("show running-config | section ephone  3")
    lab.configure("no ephone 3")
    seen = lab.wait_output(p203, "closed by router")
    status, out = lab.finish(p203)
    out = seen + out
    check(status is not None and "rx Reset" in out and "closed by router" in out,
          f"the removed phone was not reset and dropped ({status}):\n{out}")
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} lost its call when ephone 3 went ({status}):\n{out}")
    wait_idle(lab)

    # Put ephone 3 back, register it, and log user204 in: line 1 becomes 204 while registered.
    lines = [line for line in saved.splitlines() if line.startswith(("ephone", " "))]
    lab.configure(*[line.strip() if not line.startswith("ephone") else line for line in lines])
    p203 = lab.phone(MAC[203], "expect registered", stay=True)
    lab.wait_registered(1)
    seen = lab.tell(p203, "expect line 1 203")
    out = lab.type("emadmin login user204 3")
    check("%" not in out, f"emadmin login refused:\n{out}")
    seen += lab.tell(p203, "expect line 1 204")
    lab.type("emadmin logout user204")
    seen += lab.tell(p203, "expect line 1 203")
    p203.stdin.close()
    status, out = lab.finish(p203)
    check(status == 0, f"extension mobility did not re-provision the phone ({status}):\n{seen}{out}\n"
          + lab.show("show ephone"))
    wait_idle(lab)


def garbage(lab):
    # Connections that send garbage, an oversized length, a too-short length, or a truncated
    # frame and then EOF are each closed, and a registered phone stays registered and can still be called.
    p202 = lab.phone(MAC[202], "wait ringin 15; press Answer; wait connected; wait onhook")
    lab.wait_registered(1)
    # The last one is a truncated frame whose sender then half-closes: the frame can never
    # complete, so the router closes its side.
    for junk, half_close in ((os.urandom(3000), False),
                             (struct.pack("<III", 5000, 0, 1) + b"x" * 100, False),
                             (struct.pack("<III", 1, 0, 0), False),
                             (struct.pack("<III", 60, 0, 1) + b"SEP0000", True)):
        with socket.create_connection(("127.0.0.1", lab.sccp_port), timeout=5) as s:
            s.sendall(junk)
            if half_close:
                s.shutdown(socket.SHUT_WR)
            s.settimeout(5)
            try:
                data = s.recv(100)
            except ConnectionResetError:
                data = b""
            check(data == b"", f"a connection that sent garbage was not closed ({data!r})")
    # A truncated message that never completes just waits; the phone is unaffected.
    stuck = socket.create_connection(("127.0.0.1", lab.sccp_port))
    stuck.sendall(struct.pack("<III", 60, 0, 1) + b"SEP")
    p201 = lab.phone(MAC[201], "offhook; dial 202; wait connected; onhook")
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} failed after garbage ({status}):\n{out}")
    stuck.close()
    wait_idle(lab)


def main():
    def scenarios(lab):
        calls(lab)
        show_and_live_changes(lab)
        busy_and_unknown(lab)
        hold_and_resume(lab)
        transfers(lab)
        dnd_and_forward(lab)
        live_removal_and_extension_mobility(lab)
        garbage(lab)

    return run_lab_test("sccp_calls", BUILD_DIR, scenarios)


if __name__ == "__main__":
    sys.exit(main())
