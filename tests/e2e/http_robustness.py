#!/usr/bin/env python3
"""End to end: bad input on the HTTP port (docs/xml-api.md §3) — garbage, a request line of
100 KB, 1,000 idle connections, a WebSocket that never reads — while a browser-like client watches
the live view; after each, the router still serves SIP, SCCP and the CLI, and HTTP once the idle
connections are gone."""
import os
import resource
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, options_answered  # noqa: E402
from router_lab import run_lab_test  # noqa: E402
from web_client import LiveView, WebSocket, basic, xml_request  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
AUTH = basic("cisco", "cisco")
EXTRA = "ip http timeout-policy idle 2 life 30 requests 100\n"


def still_serving(lab, what):
    check(options_answered(lab.sip_port, timeout=2), f"SIP after {what}")
    check("cmemu-lab#" in lab.show("show ephone summary"), f"the CLI after {what}")
    check("Registered 1," in lab.show("show ephone summary"), f"the SCCP phone after {what}")


def http_back(lab, what, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if xml_request(lab.http_port, "<request><ISgetGlobal/></request>", AUTH)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"HTTP did not come back after {what}")


def answer(sock):
    sock.settimeout(5)
    data = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return data


def body(lab):
    phone = lab.phone("0000.0000.0201", "expect registered", stay=True)
    lab.wait_registered(1)
    viewer = LiveView(lab.http_port, AUTH)
    viewer.wait(lambda v: v.phone(1).get("registered"))

    # Garbage: a 400, the connection closed.
    with socket.create_connection(("127.0.0.1", lab.http_port)) as s:
        s.sendall(bytes(range(256)) * 4 + b"\r\n\r\n")
        data = answer(s)
        check(data.startswith(b"HTTP/1.1 400") or data == b"", f"garbage: {data[:80]!r}")
    still_serving(lab, "garbage")

    # A request line of 100 KB: refused at the header limit.
    with socket.create_connection(("127.0.0.1", lab.http_port)) as s:
        try:
            s.sendall(b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        except OSError:
            pass  # the router may close before it has read it all
        data = answer(s)
        check(data.startswith(b"HTTP/1.1 431") or data == b"", f"long line: {data[:80]!r}")
    still_serving(lab, "a 100 KB request line")
    http_back(lab, "a 100 KB request line")

    # 1,000 idle connections: past max-connections they are closed at once, the others time out.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    # From 127.0.0.2, so that their 1,000 source ports cannot collide with a listener that another
    # test binds on 127.0.0.1 meanwhile.
    idle = []
    for _ in range(1000):
        try:
            idle.append(socket.create_connection(("127.0.0.1", lab.http_port), timeout=5,
                                                 source_address=("127.0.0.2", 0)))
        except OSError:
            break
    check(len(idle) >= 900, f"opened {len(idle)} connections")
    still_serving(lab, "1,000 idle connections")
    started = time.time()
    http_back(lab, "1,000 idle connections (idle time-out 2 s)")
    print(f"HTTP served again {time.time() - started:.1f} s into 1,000 idle connections")
    for s in idle:
        s.close()

    # A WebSocket that never reads, while the phone makes the router push.
    stuck = WebSocket(lab.http_port, auth=AUTH)
    stuck.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    for round_ in range(20):
        lab.tell(phone, "offhook; sleep 50; onhook", seconds=5)
        lab.configure(f"ephone-dn 1", f"name Round {round_} " + "x" * 200)
    still_serving(lab, "a WebSocket that never reads")
    took = viewer.wait(lambda v: v.state.get("d:1", {}).get("name", "").startswith("Round 19"))
    check(took < 2, f"the reading viewer is current ({took:.2f} s)")
    stuck.close()
    viewer.close()
    http_back(lab, "everything")


sys.exit(run_lab_test("http_robustness", BUILD_DIR, body, EXTRA))
