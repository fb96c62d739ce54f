#!/usr/bin/env python3
"""The SIP listener keeps serving while one client misbehaves (issue 3): an attacker sends garbage,
truncated messages and floods of retransmissions (the same INFO and the same BYE, one branch each,
thousands of times, as fast as Python can send over UDP) while another client's OPTIONS and full
CTI sessions (SIPp samples/sipp/cti_session.xml, over UDP and over TCP with `-t t1`) complete.
The flooded INFO carries MonitorStart: every answer to it is the same bytes (the server
transaction answered the copies; the engine saw one request), and the flooded BYE is answered 200
every time (timer J), never 481.

Usage: python3 sip_robustness.py BUILD_DIR
"""
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from csta_client import dialog_request  # noqa: E402
from e2e_support import free_port, options_answered  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
CMEMU = os.path.abspath(os.path.join(BUILD_DIR, "cmemu"))
SOURCE = os.environ.get("CMEMU_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SIPP_DIR = os.path.join(SOURCE, "samples", "sipp")
ED3 = 'xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"'
FLOOD = 3000


def fail(message):
    print(f"sip_robustness: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def udp_port():
    return free_port(socket.SOCK_DGRAM, 10000, 19999)


def request(method, port, local, cseq, branch, call_id, to_tag="", body=""):
    return dialog_request(method, port, local, "201", "mallory", "m1", to_tag, call_id, cseq,
                          f"z9hG4bK{branch}", body).encode()


class Attacker(threading.Thread):
    """Opens a session of its own, then floods until told to stop."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.local = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.sent = 0
        self.error = None
        self.answers = []
        self.rounds = 0

    def receive(self, timeout=5):
        self.sock.settimeout(timeout)
        return self.sock.recv(65535).decode(errors="replace")

    def drain(self):
        self.sock.settimeout(0.5)
        try:
            while True:
                self.answers.append(self.sock.recv(65535).decode(errors="replace"))
        except socket.timeout:
            pass

    def run(self):
        try:
            self.attack()
        except Exception as error:  # reported by the main thread
            self.error = error

    def attack(self):
        junk = [b"\x00\xff" * 700, os.urandom(1400), b"garbage\r\n\r\n",
                b"INVITE sip:201@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP",  # truncated
                b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n\r\n",
                b"INFO sip:201@127.0.0.1 SIP/2.0\r\nContent-Length: 99999\r\n\r\n<",
                b"OPTIONS sip:x SIP/2.0\r\n" + b"X-Pad: " + b"a" * 60000 + b"\r\n\r\n"]
        target = ("127.0.0.1", self.port)
        round_ = 0
        while not self.stop.is_set():
            round_ += 1
            call_id = f"mallory{round_}.{random.random()}"
            self.sock.sendto(request("INVITE", self.port, self.local, 1, f"i{round_}", call_id,
                                     body=f"<RequestSystemStatus {ED3}/>"), target)
            self.answers = []
            answer = self.receive()
            while " INVITE" not in answer.split("CSeq:")[1].split("\r\n")[0]:
                answer = self.receive()
            if not answer.startswith("SIP/2.0 200"):
                raise RuntimeError(f"attacker INVITE: {answer!r}")
            to_tag = [l for l in answer.split("\r\n") if l.lower().startswith("to:")][0]
            to_tag = to_tag.split("tag=")[1]
            self.sock.sendto(request("ACK", self.port, self.local, 1, f"a{round_}", call_id,
                                     to_tag), target)
            info = request("INFO", self.port, self.local, 2, f"f{round_}", call_id, to_tag,
                           f"<MonitorStart {ED3}><monitorObject><deviceObject>tel:201"
                           "</deviceObject></monitorObject></MonitorStart>")
            bye = request("BYE", self.port, self.local, 3, f"b{round_}", call_id, to_tag)
            for copies, message in ((FLOOD, info), (FLOOD, bye)):
                for i in range(copies):
                    self.sock.sendto(message, target)
                    if i % 100 == 0:
                        self.sock.sendto(junk[(i // 100) % len(junk)], target)
                    self.sent += 1
            self.drain()
            self.check_answers()
            self.rounds += 1

    def check_answers(self):
        infos = [a for a in self.answers if "CSeq: 2 INFO" in a]
        byes = [a for a in self.answers if "CSeq: 3 BYE" in a]
        if not infos or not byes:
            raise RuntimeError(f"flooded INFO/BYE unanswered ({len(infos)}, {len(byes)})")
        if any(a != infos[0] for a in infos) or "MonitorStartResponse" not in infos[0]:
            raise RuntimeError(f"answers to one INFO differ: {set(infos)!r}"[:2000])
        if any(not a.startswith("SIP/2.0 200") for a in byes):
            raise RuntimeError(f"a flooded BYE was not answered 200: {set(byes)!r}"[:2000])


def cti_session(port, workdir, transport):
    """One SIPp CTI session (cti_session.xml); its log as proof it went through."""
    log = os.path.join(workdir, f"sipp-{transport}.log")
    if os.path.exists(log):
        os.remove(log)
    rss = f'<RequestSystemStatus {ED3}/>'
    local = udp_port() if transport == "u1" else free_port(socket.SOCK_STREAM, 10000, 19999)
    args = ["sipp", "-sf", os.path.join(SIPP_DIR, "cti_session.xml"), "-m", "1", "-s", "201",
            "-t", transport, "-p", str(local), "-i", "127.0.0.1", "-timeout", "20s",
            "-timeout_error", "-nostdin", "-key", "status_request", rss, "-trace_logs",
            "-log_file", log, "-trace_stat", "-stf", os.path.join(workdir, f"stat-{transport}.csv"),
            f"127.0.0.1:{port}"]
    proc = subprocess.run(args, cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=40)
    text = open(log).read() if os.path.exists(log) else ""
    if (proc.returncode != 0
            or "answered GetCSTAFeaturesResponse MonitorStartResponse cross-ref " not in text
            or "refreshed " not in text or "stopped " not in text):
        fail(f"CTI session over {transport} under attack: sipp exit {proc.returncode}, "
             f"log {text!r}, stderr {proc.stderr.decode(errors='replace')[-500:]!r}")


def main():
    workdir = tempfile.mkdtemp(prefix="cmemu-sip-robust-")
    port = udp_port()
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write(f"hostname ROBUST\nvoice service voip\n no cti shutdown\n"
                f"voice register global\n source-address 127.0.0.1 port {port}\n"
                "ephone-dn 1\n number 201\n cti watch\nend\n")
    router = subprocess.Popen([CMEMU, "--startup-config", config, "--no-console",
                               "--vty-port", str(free_port())],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=workdir)
    attacker = None
    try:
        deadline = time.time() + 10
        while not options_answered(port, timeout=2):
            if time.time() > deadline or router.poll() is not None:
                fail("the SIP listener never answered")
        cti_session(port, workdir, "u1")  # it works before the attack
        attacker = Attacker(port)
        attacker.start()
        while attacker.sent < FLOOD and attacker.is_alive():
            time.sleep(0.01)
        for _ in range(20):
            # Behind thousands of queued copies (slow under the sanitizers), an answer may take
            # seconds; it must come.
            if not options_answered(port, timeout=5):
                fail("OPTIONS unanswered during the flood")
        cti_session(port, workdir, "u1")
        cti_session(port, workdir, "t1")
        while attacker.rounds < 2 and attacker.is_alive():  # at least two full rounds checked
            time.sleep(0.05)
        attacker.stop.set()
        attacker.join(timeout=30)
        if attacker.error:
            fail(f"attacker: {attacker.error}")
        if router.poll() is not None:
            fail(f"cmemu died: {router.stderr.read().decode(errors='replace')}")
        print(f"sip_robustness: ok ({attacker.sent} flooded requests in {attacker.rounds} rounds)")
    finally:
        if attacker:
            attacker.stop.set()
        if router.poll() is None:
            router.terminate()
            router.wait(timeout=5)


if __name__ == "__main__":
    main()
