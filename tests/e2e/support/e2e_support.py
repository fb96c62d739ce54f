"""Helpers shared by the end-to-end tests (this folder is not run by CTest itself)."""
import contextlib
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import types


_handed_out = set()  # ports free_port returned: free now, but maybe about to be bound


def ephemeral_ports():
    """The range the kernel picks a connecting socket's port from: a port there that is free when
    probed can be taken by any client's connect() (a fleet takes thousands) before the router
    binds it, so free_port never returns one."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(v) for v in f.read().split())
        return range(low, high + 1)
    except (OSError, ValueError):
        return range(32768, 61000)  # Linux's default


def free_port(kind=None, low=20000, high=29999):
    """A loopback port in [low, high], outside the ephemeral range, that nothing holds now and that
    this process was not given before: for that socket kind, or by default for both TCP and UDP
    (the router's SIP listener takes the same number for both)."""
    kinds = [kind] if kind else [socket.SOCK_STREAM, socket.SOCK_DGRAM]
    ephemeral = ephemeral_ports()
    for _ in range(200):
        port = random.randint(low, high)
        if port in _handed_out or port in ephemeral:
            continue
        probes = [socket.socket(socket.AF_INET, k) for k in kinds]
        try:
            for probe in probes:
                probe.bind(("127.0.0.1", port))
            _handed_out.add(port)
            return port
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no free port")


def mac_text(value):
    """A MAC as IOS writes it (0x000010000001 -> "0000.1000.0001")."""
    digits = f"{value:012X}"
    return f"{digits[0:4]}.{digits[4:8]}.{digits[8:12]}"


def wait_listening(port, router, seconds=10, host="127.0.0.1"):
    """Waits until `router` (a Popen) accepts TCP connections on `host`:`port`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if router.poll() is not None:
            raise RuntimeError(f"cmemu exited with {router.returncode}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"cmemu did not listen on {port}")


def eventually(predicate, seconds=10):
    """Whether `predicate()` comes true within `seconds` (asked every 0.1 s)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class Reader:
    """Bytes a test reads from the router, kept until expect() takes them. A subclass reads with
    read_some(seconds): the next bytes, b"" once the stream ended, None when none came in time."""

    def __init__(self):
        self.seen = b""  # everything read since the last expect()

    def expect(self, pattern, timeout=10):
        """Reads until `pattern` (bytes or str, literal) appears; returns everything read up to
        it."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        deadline = time.time() + timeout
        while pattern not in self.seen:
            left = deadline - time.time()
            chunk = self.read_some(left) if left > 0 else None
            if chunk is None:
                raise AssertionError(f"timed out waiting for {pattern!r}; got {self.seen!r}")
            if not chunk:
                raise AssertionError(f"closed waiting for {pattern!r}; got {self.seen!r}")
            self.seen += chunk
        cut = self.seen.index(pattern) + len(pattern)
        shown, self.seen = self.seen[:cut], self.seen[cut:]
        return shown


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def stop_process(process, seconds=10):
    """Stops `process` with SIGTERM, killing it when it has not ended within `seconds`."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def startup_config(prefix, text):
    """A fresh work folder (named from `prefix`) holding `text` as its startup-config; returns
    the config's path."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write(text)
    return config


@contextlib.contextmanager
def vty_router(build_dir, config_text, prefix):
    """cmemu without a console on `config_text`, its vty on a free port, for the `with` block;
    yields it as `port` (the vty's), `config` (the startup-config's path) and `process` (the
    Popen). Afterwards it is stopped with SIGTERM (killed after
    5 s) and its log printed when it wrote one; a block that ended cleanly also checks that it
    exited with status 0."""
    config = startup_config(prefix, config_text)
    port = free_port()
    log_path = os.path.join(os.path.dirname(config), "router.log")
    log = open(log_path, "w")
    router = subprocess.Popen(
        [os.path.abspath(os.path.join(build_dir, "cmemu")), "--startup-config", config,
         "--no-console", "--vty-port", str(port)],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_listening(port, router)
        yield types.SimpleNamespace(port=port, config=config, process=router)
    finally:
        stop_process(router, seconds=5)
        log.close()
        with open(log_path) as f:
            text = f.read()
        if text.strip():
            print(text, file=sys.stderr)
    check(router.returncode == 0, f"cmemu exit status after SIGTERM: {router.returncode}")


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
