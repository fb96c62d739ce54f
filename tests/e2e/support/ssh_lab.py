"""A cmemu with an RSA key on free loopback ports, for the SSH end-to-end tests (not run by CTest
itself). The key is made the IOS way: `crypto key generate rsa` typed through `-c`, then
`write memory`, which keeps it beside the startup-config (docs/cli.md §17)."""
import os
import socket
import subprocess
import sys
import tempfile
import time

from e2e_support import check, free_port, stop_process, wait_listening

SSH_OPTIONS = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no"]


def system_python_modules(*names):
    """Re-runs the test under Debian's python3 when another python3 lacks its packages
    (python3-paramiko, python3-netmiko live under /usr/bin/python3)."""
    try:
        for name in names:
            __import__(name)
        return
    except ImportError:
        pass
    system_python = "/usr/bin/python3"
    if (os.path.exists(system_python) and not os.environ.get("CMEMU_SYSTEM_PYTHON_REEXEC")
            and os.path.realpath(sys.executable) != os.path.realpath(system_python)):
        os.environ["CMEMU_SYSTEM_PYTHON_REEXEC"] = "1"
        os.execv(system_python, [system_python] + sys.argv)
    print(f"FAIL: missing Python modules {names} (Debian python3-paramiko, python3-netmiko)",
          file=sys.stderr)
    sys.exit(1)


class SshLab:
    """cmemu on `config` (startup-config text) with a key of `bits`, serving telnet and SSH."""

    def __init__(self, build_dir, config, bits=2048, extra_args=()):
        self.cmemu = os.path.abspath(os.path.join(build_dir, "cmemu"))
        self.workdir = tempfile.mkdtemp(prefix="cmemu-ssh-")
        self.config = os.path.join(self.workdir, "startup-config")
        with open(self.config, "w") as f:
            f.write(config)
        made = subprocess.run(
            [self.cmemu, "--startup-config", self.config, "-c", "configure terminal",
             "-c", f"crypto key generate rsa modulus {bits}", "-c", "end", "-c", "write memory"],
            capture_output=True, text=True, timeout=60)
        check(made.returncode == 0 and "[OK] (elapsed time was" in made.stdout,
              f"key generation: {made.stdout!r} {made.stderr!r}")
        self.vty_port = free_port()
        self.ssh_port = free_port()
        self.log_path = os.path.join(self.workdir, "cmemu.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [self.cmemu, "--startup-config", self.config, "--no-console",
             "--vty-port", str(self.vty_port), "--ssh-port", str(self.ssh_port), *extra_args],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.workdir)
        wait_listening(self.vty_port, self.process)
        wait_listening(self.ssh_port, self.process)

    def ssh(self, user, password, *command, timeout=20):
        """OpenSSH's client through sshpass, running `command`; the CompletedProcess, its output
        decoded as sent (CR LF kept)."""
        done = subprocess.run(
            ["sshpass", "-p", password, "ssh", *SSH_OPTIONS, "-p", str(self.ssh_port),
             f"{user}@127.0.0.1", *command],
            capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        done.stdout = done.stdout.decode(errors="replace")
        done.stderr = done.stderr.decode(errors="replace")
        return done

    def paramiko(self, user, password, **options):
        import paramiko
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        client.connect("127.0.0.1", port=self.ssh_port, username=user, password=password,
                       look_for_keys=False, allow_agent=False, timeout=10, **options)
        return client

    def alive(self):
        check(self.process.poll() is None, f"cmemu exited with {self.process.returncode}")

    def stop(self):
        stop_process(self.process)
        self.log.close()
        with open(self.log_path) as f:
            text = f.read()
        if text.strip():
            print(text, file=sys.stderr)
        check(self.process.returncode == 0, f"cmemu exit status: {self.process.returncode}")


def read_until(sock_or_channel, marker, seconds=10):
    """Reads a paramiko channel until `marker` (bytes) shows up; returns all that was read."""
    deadline = time.time() + seconds
    data = b""
    while marker not in data:
        if time.time() > deadline:
            raise AssertionError(f"no {marker!r} in {data!r}")
        if sock_or_channel.recv_ready():
            data += sock_or_channel.recv(65536)
        else:
            time.sleep(0.02)
    return data


def closed_at_once(port, send=b"", seconds=5):
    """Connects to `port`, sends `send`, and reads until the router closes; the bytes read."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as s:
        if send:
            s.sendall(send)
        data = b""
        while True:
            try:
                chunk = s.recv(4096)
            except ConnectionResetError:
                return data
            if not chunk:
                return data
            data += chunk
