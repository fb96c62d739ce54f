#!/usr/bin/env python3
"""The SIP listener against SIPp (Debian sip-tester): OPTIONS answered; a CTI INVITE refused with
503 while CTI is shut down (docs/decisions.md #12), then, after `no cti shutdown` typed on a vty, with 404 for
an unknown line, 403 for a line without `cti watch` (docs/decisions.md #13), 415 for another Content-Type
(docs/decisions.md #15) and 422 below Min-SE 90 (docs/decisions.md #14); CTI sessions opened with
RequestSystemStatus and with SystemStatus, GetCSTAFeatures, MonitorStart,
refreshed by UPDATE, MonitorStop, BYE; GetCSTAFeatures and MonitorStart sent back to back and
both answered, a re-INVITE refresh, 481 outside a dialog; `debug cti` traces on the vty that
turned it on until `undebug all`; `clear cti session id N` and `cti shutdown` reaching the
client as BYE, shown by `show cti session`; session-manager REGISTERs (docs/decisions.md #23-24):
a session-server granted its keepalive and shown REGISTERED, an unknown register-id refused, 423
below the registrar minimum, a plain registration clamped to the maximum, a removed session-server
losing its registration; a new `source-address` port rebinds the listener live; garbage on the
socket changes nothing; SIGTERM stops the router within a second.

Usage: python3 sip_listener.py BUILD_DIR
"""
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib  # Python 3.11's own telnet client: enough to type a few config lines

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from csta_client import dialog_request  # noqa: E402
from e2e_support import eventually, free_port as shared_free_port, options_answered  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
CMEMU = os.path.abspath(os.path.join(BUILD_DIR, "cmemu"))
SOURCE = os.environ.get("CMEMU_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SIPP_DIR = os.path.join(SOURCE, "samples", "sipp")


def fail(message):
    print(f"sip_listener: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def free_port(kind=None):
    return shared_free_port(kind, 10000, 19999)


def wait_for(predicate, what):
    if not eventually(predicate):
        fail(f"timed out waiting for {what}")


# SIPp's exit status when it cannot bind its own socket: the port picked for it was taken in the
# meantime by another test; SIPp runs again on another port.
SIPP_BIND_FAILED = 254


def sipp(scenario, port, workdir, service="201", keys=None, transport="u1"):
    for _ in range(5):
        code, log = sipp_once(scenario, port, workdir, service, keys, transport)
        if code != SIPP_BIND_FAILED:
            break
    return code, log


def sipp_once(scenario, port, workdir, service, keys, transport):
    kind = socket.SOCK_DGRAM if transport.startswith("u") else socket.SOCK_STREAM
    args = ["sipp", "-sf", os.path.join(SIPP_DIR, scenario), "-m", "1", "-s", service,
            "-t", transport,
            "-p", str(free_port(kind)), "-i", "127.0.0.1", "-timeout", "10s", "-timeout_error",
            "-nostdin", "-trace_logs", "-log_file", os.path.join(workdir, "sipp.log"),
            "-trace_err", "-error_file", os.path.join(workdir, "sipp_errors.log"),
            f"127.0.0.1:{port}"]
    for key, value in (keys or {}).items():
        args += ["-key", key, value]
    if os.path.exists(os.path.join(workdir, "sipp.log")):
        os.remove(os.path.join(workdir, "sipp.log"))
    proc = subprocess.run(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=30)
    log = ""
    if os.path.exists(os.path.join(workdir, "sipp.log")):
        with open(os.path.join(workdir, "sipp.log")) as f:
            log = f.read()
    return proc.returncode, log


def expect_refused(port, workdir, status, service="201", content_type="application/csta+xml",
                   session_expires="1800"):
    code, log = sipp("cti_invite_refused.xml", port, workdir, service,
                     {"content_type": content_type, "session_expires": session_expires})
    if code != 0 or f"refused {status}" not in log:
        fail(f"INVITE for {service} ({content_type}, Session-Expires {session_expires}): "
             f"expected {status}, sipp exit {code}, log {log!r}")


RSS = ('<RequestSystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>')
SS = ('<SystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">'
      '<systemStatus>normal</systemStatus></SystemStatus>')


def session_flow(port, workdir, status_request):
    code, log = sipp("cti_session.xml", port, workdir, "201", {"status_request": status_request})
    if (code != 0 or "answered GetCSTAFeaturesResponse MonitorStartResponse cross-ref " not in log
            or "refreshed " not in log or "stopped " not in log):
        fail(f"CTI session flow: sipp exit {code}, log {log!r}")


def back_to_back_flow(port, workdir):
    # TCP: the two INFOs leave SIPp in one write (see the scenario's comment).
    code, log = sipp("cti_back_to_back.xml", port, workdir, "201", transport="t1")
    answered = re.search(r"answered (\w+) (\w+) cross-ref (\d+)", log)
    if (code != 0 or not answered
            or {answered.group(1), answered.group(2)} != {"GetCSTAFeaturesResponse",
                                                          "MonitorStartResponse"}
            or "refreshed 900;refresher=uac" not in log):
        fail(f"back-to-back requests and re-INVITE refresh: sipp exit {code}, log {log!r}")


def expect_no_dialog(port, workdir):
    code, log = sipp("info_no_dialog.xml", port, workdir, "201")
    if code != 0 or "rejected INFO 481 UPDATE 481 BYE 481" not in log:
        fail(f"requests outside a dialog: sipp exit {code}, log {log!r}")


class RawClient:
    """A few hand-written SIP requests over UDP, for what SIPp cannot do: two INFOs sent back to
    back in one dialog, and a re-INVITE refresh."""

    def __init__(self, port):
        self.port = port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(5)
        self.local = self.sock.getsockname()[1]
        self.call_id = f"raw{random.random()}@127.0.0.1"
        self.to_tag = ""
        self.branch = 0

    def send(self, method, cseq, body="", call_id=None, extra=""):
        self.branch += 1
        text = dialog_request(method, self.port, self.local, "201", "carol", "raw1", self.to_tag,
                              call_id or self.call_id, cseq, f"z9hG4bKraw{self.branch}", body, extra)
        self.sock.sendto(text.encode(), ("127.0.0.1", self.port))

    def register(self, user, expires):
        self.branch += 1
        text = (f"REGISTER sip:127.0.0.1:{self.port} SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 127.0.0.1:{self.local};branch=z9hG4bKreg{self.branch}\r\n"
                f"From: <sip:{user}@127.0.0.1>;tag=r{self.branch}\r\nTo: <sip:{user}@127.0.0.1>\r\n"
                f"Call-ID: reg{self.branch}{self.call_id}\r\nCSeq: {self.branch} REGISTER\r\n"
                f"Contact: <sip:{user}@127.0.0.1:{self.local}>\r\nExpires: {expires}\r\n"
                f"Content-Length: 0\r\n\r\n")
        self.sock.sendto(text.encode(), ("127.0.0.1", self.port))

    def reply_ok(self, data):
        """Answers a request of the router's (its BYE) with 200."""
        heads = [l for l in data.split("\r\n") if l.split(":")[0].lower() in
                 ("via", "from", "to", "call-id", "cseq")]
        reply = "SIP/2.0 200 OK\r\n" + "\r\n".join(heads) + "\r\nContent-Length: 0\r\n\r\n"
        self.sock.sendto(reply.encode(), ("127.0.0.1", self.port))

    def open_session(self, extra=""):
        ed3 = 'xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"'
        self.call_id = f"raw{random.random()}@127.0.0.1"
        self.to_tag = ""
        self.send("INVITE", 1, f"<RequestSystemStatus {ed3}/>", extra=extra)
        status, _, data = self.receive()
        if status != 200:
            fail(f"INVITE: {data!r}")
        to_line = [l for l in data.split("\r\n") if l.lower().startswith("to:")][0]
        self.to_tag = to_line.split("tag=")[1]
        self.send("ACK", 1)

    def receive(self):
        data = self.sock.recv(65535).decode()
        status = int(data.split(" ", 2)[1])
        cseq = [l for l in data.split("\r\n") if l.lower().startswith("cseq:")][0]
        return status, int(cseq.split()[1]), data


def raw_dialog_checks(port):
    ed3 = 'xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"'
    client = RawClient(port)
    client.open_session(extra="Supported: timer\r\n")
    client.send("INFO", 2, f"<GetCSTAFeatures {ed3}/>")
    client.send("INFO", 3, f"<MonitorStart {ed3}><monitorObject><deviceObject>tel:201"
                           "</deviceObject></monitorObject></MonitorStart>")
    answers = dict((cseq, (status, data)) for status, cseq, data in
                   (client.receive(), client.receive()))
    if (answers.get(2, (0, ""))[0] != 200 or "GetCSTAFeaturesResponse" not in answers[2][1]
            or answers.get(3, (0, ""))[0] != 200 or "MonitorStartResponse" not in answers[3][1]):
        fail(f"back-to-back INFOs: {answers!r}")
    client.send("INVITE", 4, f"<RequestSystemStatus {ed3}/>",
                extra="Supported: timer\r\nSession-Expires: 900\r\n")
    status, cseq, data = client.receive()
    if status != 200 or cseq != 4 or "900;refresher=uac" not in data or \
            "RequestSystemStatusResponse" not in data:
        fail(f"re-INVITE refresh: {data!r}")
    client.send("ACK", 4)
    client.send("INFO", 1, f"<GetCSTAFeatures {ed3}/>", call_id="no-such-dialog")
    status, _, data = client.receive()
    if status != 481:
        fail(f"INFO outside any dialog: expected 481, got {data!r}")
    client.send("BYE", 5)
    status, cseq, data = client.receive()
    if status != 200 or cseq != 5:
        fail(f"BYE: {data!r}")


def cti_aware_checks(port, vty):
    """docs/decisions.md #25 with one client that registers and opens sessions from the same address."""
    app = RawClient(port)
    app.register("apps", 3600)
    if app.receive()[0] != 200:
        fail("cti-aware REGISTER refused")
    app.open_session()
    shown = type_lines(vty, "show cti session")
    if "1 (apps)" not in shown:
        fail(f"the session is not tied to session-server 1: {shown!r}")
    app.register("apps", 0)  # the registration ends: its session gets BYE
    seen = []
    for _ in range(2):
        data = app.sock.recv(65535).decode()
        seen.append(data.split("\r\n", 1)[0])
        if data.startswith("BYE "):
            app.reply_ok(data)
    if not any(line.startswith("BYE ") for line in seen) or "SIP/2.0 200 OK" not in seen:
        fail(f"after Expires 0: expected 200 and a BYE, got {seen!r}")
    app.register("apps", 3600)
    if app.receive()[0] != 200:
        fail("REGISTER after the end of a registration refused")
    app.open_session()
    app.send("BYE", 2)
    if app.receive()[0] != 200:
        fail("client BYE not answered")
    app.register("apps", 3600)  # the last session ended: refreshes go unanswered
    try:
        data = app.sock.recv(65535).decode()
        fail(f"a silenced application's REGISTER was answered: {data!r}")
    except socket.timeout:
        pass
    app.open_session()  # a new session lifts the silence
    app.register("apps", 3600)
    if app.receive()[0] != 200:
        fail("REGISTER not answered after a new session")
    app.send("BYE", 2)
    app.receive()
    app.register("apps", 0)  # an unregister is answered even while silenced
    if app.receive()[0] != 200:
        fail("the final unregister was not answered")


def bye_retransmission_checks(port, vty):
    """The router's BYE is a client transaction: sent again over UDP until it is answered."""
    client = RawClient(port)
    client.open_session()
    shown = type_lines(vty, "show cti session")
    row = [l for l in shown.splitlines() if " carol " in l]
    if not row:
        fail(f"raw session not listed: {shown!r}")
    type_lines(vty, f"clear cti session id {row[0].split()[0]}")
    first = client.sock.recv(65535).decode()  # not answered
    second = client.sock.recv(65535).decode()
    branch = [l for l in first.split("\r\n") if l.lower().startswith("via:")][0]
    if not first.startswith("BYE ") or first != second or "branch=" not in branch:
        fail(f"BYE not retransmitted unchanged: {first!r} / {second!r}")
    client.reply_ok(second)
    client.sock.settimeout(2.5)
    try:
        extra = client.sock.recv(65535).decode()
        if extra.startswith("BYE "):
            fail("BYE sent again after it was answered")
    except socket.timeout:
        pass


def start_ended_session(port, workdir):
    """A CTI session whose client waits for the router's BYE; returns the running SIPp."""
    args = ["sipp", "-sf", os.path.join(SIPP_DIR, "cti_session_ended.xml"), "-m", "1", "-s", "201",
            "-p", str(free_port(socket.SOCK_DGRAM)), "-i", "127.0.0.1", "-timeout", "20s", "-timeout_error",
            "-nostdin", "-key", "session_expires", "1800", f"127.0.0.1:{port}"]
    return subprocess.Popen(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_session_listed(vty):
    deadline = time.time() + 10
    while time.time() < deadline:
        shown = type_lines(vty, "show cti session")
        if "Total CTI sessions: 1" in shown:
            row = [l for l in shown.splitlines() if "/UDP" in l][0]
            return row.split()[0], shown
        time.sleep(0.2)
    fail("the CTI session never showed up in `show cti session`")


def expect_bye(client, what):
    try:
        client.wait(timeout=15)
    except subprocess.TimeoutExpired:
        client.kill()
        fail(f"{what}: no BYE reached the client")
    if client.returncode != 0:
        fail(f"{what}: SIPp failed ({client.returncode}): {client.stderr.read().decode()}")


def expect_register(port, workdir, user, expires, status, granted):
    code, log = sipp("register.xml", port, workdir, user, {"expires": str(expires)})
    if code != 0 or f"register {status} expires {granted} " not in log:
        fail(f"REGISTER {user} Expires {expires}: expected {status} / {granted}, "
             f"sipp exit {code}, log {log!r}")


def type_lines(vty, *lines):
    output = b""
    for line in lines:
        vty.write(line.encode() + b"\r\n")
        output += vty.read_until(b"#")
    return output.decode(errors="replace")


def main():
    workdir = tempfile.mkdtemp(prefix="cmemu-sip-")
    sip_port, vty_port = free_port(), free_port(socket.SOCK_STREAM)
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write(f"hostname SIPLAB\nvoice register global\n source-address 127.0.0.1 port {sip_port}\n"
                "voice register session-server 1\n keepalive 60\n register-id apps\n cti-aware\n"
                "ephone-dn 1\n number 201\n cti watch\nephone-dn 2\n number 202\n"
                "enable secret boss\nline vty 0 4\n password lab\n login\nend\n")
    router = subprocess.Popen([CMEMU, "--startup-config", config, "--no-console",
                               "--vty-port", str(vty_port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=workdir)
    try:
        wait_for(lambda: options_answered(sip_port), "the SIP listener")
        code, _ = sipp("options.xml", sip_port, workdir)
        if code != 0:
            fail(f"SIPp OPTIONS scenario failed ({code})")
        expect_refused(sip_port, workdir, 503)

        # Garbage, a truncated message and a binary blob: the listener keeps answering.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            for junk in (b"\x00\xff" * 500, b"INVITE sip:201@x SIP/2.0\r\nVia: SIP/2.0/UDP",
                         b"garbage\r\n\r\n", os.urandom(4000)):
                s.sendto(junk, ("127.0.0.1", sip_port))
        with socket.create_connection(("127.0.0.1", sip_port)) as tcp:
            tcp.sendall(b"NOT SIP AT ALL\r\n\r\n" + os.urandom(2000))
        if not options_answered(sip_port):
            fail("no answer after garbage")

        vty = telnetlib.Telnet("127.0.0.1", vty_port, timeout=10)
        vty.read_until(b"Password: ")
        vty.write(b"lab\r\n")
        vty.read_until(b"SIPLAB>")
        vty.write(b"enable\r\n")
        vty.read_until(b"Password: ")
        vty.write(b"boss\r\n")
        vty.read_until(b"SIPLAB#")
        for line in (b"configure terminal", b"voice service voip",
                     b"no cti shutdown", b"end"):
            vty.write(line + b"\r\n")
            vty.read_until(b"#")
        expect_refused(sip_port, workdir, 404, service="999")
        expect_refused(sip_port, workdir, 403, service="202")
        expect_refused(sip_port, workdir, 415, content_type="text/plain")
        expect_refused(sip_port, workdir, 422, session_expires="60")

        if "CTI debugging is on" not in type_lines(vty, "debug cti"):
            fail("debug cti was not acknowledged")
        session_flow(sip_port, workdir, RSS)
        time.sleep(0.3)
        trace = vty.read_very_eager().decode(errors="replace")
        # docs/decisions.md #22: every CSTA body in and out, with its session ID, on the terminal.
        for expected in (r"\*Mar +1 [0-9:.]+: CTI session [0-9]+ rx: <\?xml[^\r\n]*<RequestSystemStatus ",
                         r"CTI session [0-9]+ tx: <\?xml[^\r\n]*<RequestSystemStatusResponse",
                         r"CTI session [0-9]+ tx: <\?xml[^\r\n]*<MonitorStartResponse"):
            if not re.search(expected, trace):
                fail(f"debug cti trace lacks {expected!r}: {trace!r}")
        if "All possible debugging has been turned off" not in type_lines(vty, "undebug all"):
            fail("undebug all was not acknowledged")
        session_flow(sip_port, workdir, SS)
        time.sleep(0.3)
        if "rx:" in vty.read_very_eager().decode(errors="replace"):
            fail("CTI traces after undebug all")
        back_to_back_flow(sip_port, workdir)
        expect_no_dialog(sip_port, workdir)
        raw_dialog_checks(sip_port)
        cti_aware_checks(sip_port, vty)
        bye_retransmission_checks(sip_port, vty)
        client = start_ended_session(sip_port, workdir)
        session_id, shown = wait_session_listed(vty)
        if " alice " not in shown or " 201 " not in shown:
            fail(f"show cti session row: {shown!r}")
        type_lines(vty, f"clear cti session id {session_id}")
        expect_bye(client, "clear cti session")
        if "Total CTI sessions: 0" not in type_lines(vty, "show cti session"):
            fail("a cleared session is still listed")
        client = start_ended_session(sip_port, workdir)
        wait_session_listed(vty)
        type_lines(vty, "configure terminal", "voice service voip", "cti shutdown", "end")
        expect_bye(client, "cti shutdown")
        expect_refused(sip_port, workdir, 503)
        type_lines(vty, "configure terminal", "voice service voip", "no cti shutdown", "end")

        expect_register(sip_port, workdir, "apps", 3600, 200, 60)
        shown = type_lines(vty, "show voice register session-server")
        if "register-uri apps" not in shown or "State REGISTERED, expires 6" not in shown:
            fail(f"session-server not shown registered: {shown!r}")
        expect_register(sip_port, workdir, "bob", 600, 404, "S")
        type_lines(vty, "configure terminal", "voice service voip", "sip",
                   "registrar server expires max 120 min 60", "end")
        expect_register(sip_port, workdir, "bob", 30, 423, 60)
        expect_register(sip_port, workdir, "bob", 600, 200, 120)
        type_lines(vty, "configure terminal", "no voice register session-server 1",
                   "voice register session-server 1", "register-id apps", "end")
        shown = type_lines(vty, "show voice register session-server")
        if "State UNREGISTERED" not in shown:
            fail(f"a removed session-server kept its registration: {shown!r}")

        # A new port in the running-config moves the listener at once.
        new_port = free_port()
        for line in (b"configure terminal", b"voice register global",
                     f"source-address 127.0.0.1 port {new_port}".encode(), b"end"):
            vty.write(line + b"\r\n")
            vty.read_until(b"#")
        wait_for(lambda: options_answered(new_port), "the listener on its new port")
        if options_answered(sip_port):
            fail("the old SIP port still answers")
        vty.close()

        started = time.time()
        router.send_signal(signal.SIGTERM)
        router.wait(timeout=5)
        if time.time() - started > 1.0:
            fail("SIGTERM took more than a second")
        if router.returncode != 0:
            fail(f"cmemu exited with {router.returncode}: {router.stderr.read().decode()}")
    finally:
        if router.poll() is None:
            router.kill()
            router.wait()
    print("sip_listener: ok")


if __name__ == "__main__":
    main()
