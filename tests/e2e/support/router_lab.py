"""A running cmemu on samples/lab.cfg with free loopback ports, a vty to type on, and
cmemu-phone processes: what the SCCP end-to-end tests share (not run by CTest itself)."""
import os
import re
import sys
import subprocess
import tempfile
import threading
import time
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib  # Python 3.11's own telnet client

from e2e_support import check, free_port, stop_process, wait_listening

SOURCE = os.environ.get("CMEMU_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


class RouterLab:
    """cmemu on the lab config, its SCCP and SIP ports moved to free ones."""

    def __init__(self, build_dir, extra_config="", extra_args=()):
        self.build_dir = os.path.abspath(build_dir)
        self.workdir = tempfile.mkdtemp(prefix="cmemu-lab-")
        self.sccp_port = free_port(low=2100, high=9999)  # `ip source-address ... port` range
        self.sip_port = free_port(low=10000, high=19999)
        self.vty_port = free_port()
        self.http_port = free_port()
        with open(os.path.join(SOURCE, "samples", "lab.cfg")) as f:
            text = f.read()
        # Each line is rewritten whole and once: a free SCCP port may be 5060, and a plain
        # replace of the SIP line would then also rewrite the SCCP line just written.
        for line, moved in ((" ip source-address 127.0.0.1 port 2000",
                             f" ip source-address 127.0.0.1 port {self.sccp_port}"),
                            (" source-address 127.0.0.1 port 5060",
                             f" source-address 127.0.0.1 port {self.sip_port}"),
                            ("ip http port 8080", f"ip http port {self.http_port}")):
            text, count = re.subn(f"^{re.escape(line)}$", moved, text, flags=re.MULTILINE)
            check(count == 1, f"samples/lab.cfg has `{line.strip()}` once (found {count})")
        self.config = os.path.join(self.workdir, "startup-config")
        # Loading stops at `end`, as on a router: the extra lines go before it.
        body, _, tail = text.rpartition("\nend")
        with open(self.config, "w") as f:
            f.write(body + "\n" + extra_config + "end" + tail)
        self.log_path = os.path.join(self.workdir, "cmemu.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [os.path.join(self.build_dir, "cmemu"), "--startup-config", self.config,
             "--no-console", "--vty-port", str(self.vty_port), "--ssh-port", "0", *extra_args],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.workdir)
        wait_listening(self.sccp_port, self.process)
        wait_listening(self.vty_port, self.process)
        # The lab's admin lands at privileged EXEC (samples/lab.cfg, `login local`).
        self.vty = telnetlib.Telnet("127.0.0.1", self.vty_port, timeout=10)
        self.vty.read_until(b"Username: ")
        self.vty.write(b"admin\r\n")
        self.vty.read_until(b"Password: ")
        self.vty.write(b"cisco\r\n")
        self.vty.read_until(b"#")
        self.type("terminal length 0")
        self.phones = []

    def type(self, line):
        """Types one line on the vty; returns what the router printed before the next prompt."""
        self.vty.write(line.encode() + b"\r\n")
        out = self.vty.read_until(b"#", timeout=10).decode(errors="replace")
        return out

    def configure(self, *lines):
        out = self.type("configure terminal")
        for line in lines:
            out += self.type(line)
        out += self.type("end")
        return out

    def show(self, command):
        return self.type(command)

    def phone(self, mac, script, stay=False, extra=()):
        """Starts cmemu-phone for `mac` running `script`; returns the Popen."""
        args = [os.path.join(self.build_dir, "cmemu-phone"), "--router",
                f"127.0.0.1:{self.sccp_port}", "--mac", mac, "-e", script, *extra]
        if stay:
            args.append("--stay")
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   stdin=subprocess.PIPE, text=True, cwd=self.workdir)
        process.mac = mac
        self.phones.append(process)
        return process

    def start_phones(self, *phones):
        """Starts cmemu-phone for each (mac, script) in turn, each once the ones before it have
        registered (counting from none registered), and waits for the last; returns the Popens."""
        started = []
        for count, (mac, script) in enumerate(phones, 1):
            started.append(self.phone(mac, script))
            self.wait_registered(count)
        return started

    def csta(self, actions, line="201", user="alice", extra=()):
        """Starts cmemu-csta for `user` on `line` running `actions`; returns the Popen. Like the
        phones, it is killed when the lab stops."""
        args = [os.path.join(self.build_dir, "cmemu-csta"), "--router",
                f"127.0.0.1:{self.sip_port}", "--user", user, "--line", line, "-e", actions,
                *extra]
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, cwd=self.workdir)
        process.mac = f"cmemu-csta {user} on {line}"  # how failure messages name it
        self.phones.append(process)
        return process

    def tell(self, process, actions, seconds=10):
        """Gives a `--stay` phone more actions on stdin and waits until it has run them (it
        prints `do sleep 1` for a marker action sent after them); returns what it printed."""
        process.stdin.write(actions + "; sleep 1\n")
        process.stdin.flush()
        seen = []
        deadline = time.time() + seconds
        while time.time() < deadline:
            line = process.stdout.readline()
            if not line:
                break  # the phone ended (a failed expect ends it)
            seen.append(line)
            if line.split()[1:] == ["do", "sleep", "1"]:
                break
        return "".join(seen)

    def wait_registered(self, count, seconds=10):
        """Waits until `show ephone summary` counts `count` registered phones."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            match = re.search(r"Registered (\d+)", self.show("show ephone summary"))
            if match and int(match.group(1)) >= count:
                return
            time.sleep(0.1)
        raise AssertionError(f"{count} phones did not register:\n" + self.show("show ephone"))

    def wait_output(self, process, marker, seconds=10):
        """Reads a phone's output until a line holds `marker` or the phone ends (killed after
        `seconds`); returns what it read. Used before closing a `--stay` phone's stdin, so that
        its EOF cannot overtake what the router is still sending it."""
        killer = threading.Timer(seconds, process.kill)
        killer.start()
        seen = []
        try:
            for line in iter(process.stdout.readline, ""):
                seen.append(line)
                if marker in line:
                    break
        finally:
            killer.cancel()
        return "".join(seen)

    def finish(self, process, seconds=20):
        """Waits for a phone or cmemu-csta to end (killed after `seconds`); returns (exit status,
        or None when it had to be killed, and its output)."""
        if process.stdin and process.stdin.closed:
            process.stdin = None  # the test already ended the phone's actions
        try:
            out, _ = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
            return None, out
        return process.returncode, out

    def stop(self):
        """Stops the phones and the router; returns a problem with the router's exit (a non-zero
        status, or a sanitizer report in its log), or None."""
        for process in self.phones:
            if process.poll() is None:
                process.kill()
                process.communicate()
        if self.process.poll() is None:
            stop_process(self.process)
        self.log.close()
        log = self.router_log()
        for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
            if marker in log:
                return f"the router's log has a {marker} report:\n{log}"
        if self.process.returncode != 0:
            return f"the router exited with {self.process.returncode}:\n{log}"
        return None

    def check_phone(self, process, before=""):
        """Waits for a phone (or cmemu-csta) to end with status 0; returns all it printed, after
        `before` (what was read from it already)."""
        status, out = self.finish(process)
        out = before + out
        check(status == 0, f"phone {process.mac} exited {status}:\n{out}")
        return out

    def router_log(self):
        with open(self.log_path) as f:
            return f.read()


def csta_events(out):
    """cmemu-csta's printed events as (name, {field: value}), in order."""
    found = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "event":
            found.append((parts[2], dict(p.split("=", 1) for p in parts[3:] if "=" in p)))
    return found


def check_run(name, status, out, expected=0):
    """Checks cmemu-csta's exit status."""
    check(status == expected, f"{name}: cmemu-csta exited {status}, expected {expected}:\n{out}")


def check_holds(out, what, *texts):
    """Checks that cmemu-csta's (or a phone's) output holds every one of `texts`."""
    for text in texts:
        check(text in out, f"{what}: missing `{text}`:\n{out}")


def run_lab_test(name, build_dir, body, extra_config="", extra_args=()):
    """Runs `body(lab)` (or each of a list of bodies in turn) on a fresh lab (the lab config plus
    `extra_config`, cmemu's options plus `extra_args`); an AssertionError or a bad router exit
    fails the test. Returns the process exit status."""
    lab = RouterLab(build_dir, extra_config, extra_args)
    failure = None
    try:
        for step in body if isinstance(body, (list, tuple)) else [body]:
            step(lab)
    except AssertionError as error:
        failure = f"{error}\n--- router log ---\n{lab.router_log()}"
    failure = failure or lab.stop()  # after a failed check, the router's exit is not news
    if failure:
        print(f"{name}: FAIL: {failure}", file=sys.stderr)
        return 1
    print(f"{name}: ok")
    return 0


def run_lab_cases(name, build_dir, cases):
    """Runs each case on a fresh lab as the test `name.case`, printing how long it took; returns
    the process exit status (1 when any failed)."""
    failed = 0
    for case in cases:
        started = time.time()
        failed |= run_lab_test(f"{name}.{case.__name__}", build_dir, case)
        print(f"  ({time.time() - started:.1f} s)")
    return failed
