#!/usr/bin/env python3
"""SSH vty benchmark (not a test): logins per second and the memory of idle sessions, over SSH
and, for comparison, over telnet, against build/cmemu on loopback (issue 13).

A fresh cmemu per protocol and run on a config with `line vty 0 15` (`login local`, `exec-timeout 0 0`) and a
2048-bit RSA key made once with `crypto key generate rsa` and reused. Per run:
  - logins per second: LOGINS logins one after the other, each a new connection that logs in
    as a privilege-15 user, waits for the `#` prompt and closes (SSH: paramiko with password
    authentication, a pty and a shell, as Ansible and netmiko do; telnet: telnetlib with
    `Username:`/`Password:`); wall time over all, and the router's CPU time per login;
  - memory (measured first, on the fresh router): the router's VmRSS with IDLE sessions open and idle at their prompt, minus VmRSS
    before them, / IDLE. IOS's `line vty` range (0-15) holds 16 sessions at most, so IDLE is 15
    (one line stays free), and the figure for 100 sessions is the per-session cost times 100.
Figures are medians of RUNS runs.
Usage: python3 bench/ssh_bench.py [BUILD_DIR] [RUNS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

from bench_support import cpu_s, free_port, record, rss_kib, stop, wait_listening

try:
    import paramiko
except ImportError:
    system_python = "/usr/bin/python3"
    if os.path.exists(system_python) and os.path.realpath(sys.executable) != system_python:
        os.execv(system_python, [system_python] + sys.argv)
    sys.exit("ssh_bench: paramiko is not installed (Debian package python3-paramiko)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib

LOGINS = 100
IDLE = 15

CONFIG = """hostname bench
ip domain name lab.local
username admin privilege 15 secret adminpw
ip ssh version 2
line vty 0 15
 login local
 exec-timeout 0 0
end
"""


def make_key(cmemu, workdir):
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write(CONFIG)
    subprocess.run([cmemu, "--startup-config", config, "-c", "configure terminal",
                    "-c", "crypto key generate rsa modulus 2048", "-c", "end",
                    "-c", "write memory"], check=True, capture_output=True, timeout=60)
    return config


def ssh_session(port):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username="admin", password="adminpw",
                   look_for_keys=False, allow_agent=False, timeout=10)
    channel = client.invoke_shell()
    channel.settimeout(10)  # a silent router raises socket.timeout
    shown = b""
    while b"bench#" not in shown:
        chunk = channel.recv(4096)
        if not chunk:
            raise RuntimeError(f"SSH session closed before the prompt: {shown!r}")
        shown += chunk
    return client


def telnet_session(port):
    vty = telnetlib.Telnet("127.0.0.1", port, timeout=10)
    vty.read_until(b"Username: ", timeout=10)
    vty.write(b"admin\r\n")
    vty.read_until(b"Password: ", timeout=10)
    vty.write(b"adminpw\r\n")
    vty.read_until(b"bench#", timeout=10)
    return vty


def one_run(cmemu, base_config, name, session):
    """A fresh router: first the idle sessions' memory (before any login has grown its heap),
    then the logins."""
    workdir = tempfile.mkdtemp(prefix="cmemu-ssh-bench-")
    config = os.path.join(workdir, "startup-config")
    shutil.copy(base_config, config)
    shutil.copy(base_config + ".keys", config + ".keys")
    vty_port, ssh_port = free_port(20000, 29999), free_port(20000, 29999)
    router = subprocess.Popen([cmemu, "--startup-config", config, "--no-console",
                               "--vty-port", str(vty_port), "--ssh-port", str(ssh_port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=workdir)
    port = ssh_port if name == "ssh" else vty_port
    result = {}
    try:
        wait_listening(ssh_port, router)
        time.sleep(0.5)
        before = rss_kib(router.pid)
        sessions = [session(port) for _ in range(IDLE)]
        time.sleep(1.0)
        result[f"{name}_kib_per_session"] = (rss_kib(router.pid) - before) / IDLE
        for s in sessions:
            s.close()
        time.sleep(0.5)
        cpu_before = cpu_s(router.pid)
        start = time.perf_counter()
        for _ in range(LOGINS):
            session(port).close()
            time.sleep(0.002)  # the router frees the line once it sees the close
        elapsed = time.perf_counter() - start
        result[f"{name}_logins_per_s"] = LOGINS / elapsed
        result[f"{name}_cpu_ms_per_login"] = (cpu_s(router.pid) - cpu_before) * 1000 / LOGINS
    finally:
        stop(router)
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cmemu = os.path.abspath(os.path.join(build, "cmemu"))
    keydir = tempfile.mkdtemp(prefix="cmemu-ssh-bench-key-")
    base = make_key(cmemu, keydir)
    results = []
    for i in range(runs):
        r = one_run(cmemu, base, "ssh", ssh_session)
        r.update(one_run(cmemu, base, "telnet", telnet_session))
        results.append(r)
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in r.items()), flush=True)
    shutil.rmtree(keydir, ignore_errors=True)

    def median(key):
        return statistics.median(r[key] for r in results)

    print(f"median of {runs}: SSH {median('ssh_logins_per_s'):.1f} logins/s one after the other "
          f"({median('ssh_cpu_ms_per_login'):.1f} ms router CPU each), telnet "
          f"{median('telnet_logins_per_s'):.1f} logins/s "
          f"({median('telnet_cpu_ms_per_login'):.2f} ms each); idle sessions: SSH "
          f"{median('ssh_kib_per_session'):.1f} KiB each "
          f"({median('ssh_kib_per_session') * 100 / 1024:.1f} MiB per 100), telnet "
          f"{median('telnet_kib_per_session'):.1f} KiB each "
          f"({median('telnet_kib_per_session') * 100 / 1024:.1f} MiB per 100)")
    record({key: median(key) for key in results[0]})


if __name__ == "__main__":
    main()
