"""Helpers shared by the end-to-end tests (this folder is not run by CTest itself)."""
import os
import random
import socket
import sys
import time


def free_port(kind=socket.SOCK_STREAM, low=20000, high=29999):
    """A loopback port that nothing holds now, of the given socket kind."""
    for _ in range(200):
        port = random.randint(low, high)
        with socket.socket(socket.AF_INET, kind) as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port")


def wait_listening(port, router, seconds=10):
    """Waits until `router` (a Popen) accepts TCP connections on `port`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if router.poll() is not None:
            raise RuntimeError(f"cmemu exited with {router.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"cmemu did not listen on {port}")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def options_answered(port, timeout=0.3):
    """A raw SIP OPTIONS over UDP to the router on `port`; True when a 200 comes back."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
        s.sendto((f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n"
                  f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bKprobe{random.random()}\r\n"
                  f"From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                  f"Call-ID: probe{random.random()}\r\nCSeq: 1 OPTIONS\r\n"
                  f"Content-Length: 0\r\n\r\n").encode(), ("127.0.0.1", port))
        try:
            return s.recv(65535).startswith(b"SIP/2.0 200")
        except OSError:
            return False


def import_system_module(name, flag):
    """Imports module `name` (a Debian python3-* package). Those live under the system
    interpreter, and another python3 may be first on PATH: then this script runs again under
    /usr/bin/python3 (once: `flag` in the environment marks the second run). None when the module
    is missing there too."""
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        system_python = "/usr/bin/python3"
        if (os.path.exists(system_python) and not os.environ.get(flag)
                and os.path.realpath(sys.executable) != os.path.realpath(system_python)):
            os.environ[flag] = "1"
            os.execv(system_python, [system_python] + sys.argv)
        return None
