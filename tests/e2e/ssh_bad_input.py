#!/usr/bin/env python3
"""What goes wrong at the vty's door gets IOS's answer and the router keeps serving
(docs/cli.md §16-§17): three wrong passwords over telnet (`% Login invalid`, then the close) and
over SSH (the connection dropped after `ip ssh authentication-retries`); a user at `>` typing
`configure terminal`; SSH to lines that take only telnet; a sixth session when `line vty 0 4`
has five; garbage and a key exchange left half-way on the SSH port (dropped, the latter after
`ip ssh time-out`); an idle session past `exec-timeout`. After all of it SIP, SCCP, telnet and
SSH still answer.

Usage: python3 ssh_bad_input.py BUILD_DIR
"""
import os
import socket
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from ssh_lab import (SshLab, banner_then_garbage, closed_at_once, read_until,  # noqa: E402
                     system_python_modules)
from e2e_support import check, free_port, options_answered  # noqa: E402

system_python_modules("paramiko")
import paramiko  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import telnetlib

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
SIP_PORT = free_port(low=10000, high=19999)
SCCP_PORT = free_port(low=2100, high=9999)

CONFIG = f"""hostname EDGE
ip domain name lab.local
enable secret cisco
username admin privilege 15 secret adminpw
username oper secret operpw
voice register global
 source-address 127.0.0.1 port {SIP_PORT}
telephony-service
 ip source-address 127.0.0.1 port {SCCP_PORT}
ip ssh time-out 2
ip ssh authentication-retries 3
line vty 0 4
 login local
line vty 5 6
 login local
 transport input telnet
end
"""


def type_lines(channel, lines):
    """Types configuration lines on a paramiko shell, each waiting for the next prompt."""
    for line in lines:
        channel.send(line + "\r")
        read_until(channel, b"#")


def admin_shell(lab, lines):
    """An SSH shell of admin's at the EDGE# prompt that has typed the configuration `lines`;
    returns (client, channel)."""
    client = lab.paramiko("admin", "adminpw")
    channel = client.invoke_shell()
    read_until(channel, b"EDGE#")
    type_lines(channel, lines)
    return client, channel


def telnet(lab):
    return telnetlib.Telnet("127.0.0.1", lab.vty_port, timeout=10)


def telnet_bad_passwords(lab):
    vty = telnet(lab)
    seen = b""
    for attempt in range(3):
        seen += vty.read_until(b"Username: ", timeout=10)
        vty.write(b"admin\r\n")
        seen += vty.read_until(b"Password: ", timeout=10)
        vty.write(f"wrong{attempt}\r\n".encode())
    seen += vty.read_all()  # the router closes the connection
    check(seen.count(b"% Login invalid") == 3, f"telnet bad passwords: {seen!r}")
    check(not seen.endswith(b"Username: "), "no fourth try")


def ssh_bad_passwords(lab):
    transport = paramiko.Transport(("127.0.0.1", lab.ssh_port))
    transport.start_client(timeout=10)
    refused = 0
    for attempt in range(3):
        try:
            transport.auth_password("admin", f"wrong{attempt}")
        except paramiko.AuthenticationException:
            refused += 1
        except (paramiko.SSHException, EOFError, OSError):
            break
    check(refused == 3, f"three refusals, got {refused}")
    deadline = time.time() + 5
    while transport.is_active() and time.time() < deadline:
        time.sleep(0.05)
    check(not transport.is_active(), "the router drops the connection after three failures")
    transport.close()


def unprivileged_configure(lab):
    client = lab.paramiko("oper", "operpw")
    channel = client.invoke_shell()
    read_until(channel, b"EDGE>")
    channel.send("configure terminal\r")
    answer = read_until(channel, b"EDGE>")
    check(b"% Invalid input detected at '^' marker." in answer, f"configure at >: {answer!r}")
    channel.send("show privilege\r")
    check(b"Current privilege level is 1" in read_until(channel, b"EDGE>"), "still level 1")
    channel.send("enable\r")
    read_until(channel, b"Password: ")
    channel.send("cisco\r")
    read_until(channel, b"EDGE#")
    channel.send("configure terminal\r")
    read_until(channel, b"EDGE(config)#")
    client.close()


def sessions_and_lines(lab):
    """Lines 0-4 take SSH and telnet, 5-6 telnet only: the sixth SSH session finds no line."""
    clients = [lab.paramiko("admin", "adminpw") for _ in range(5)]
    for client in clients:
        read_until(client.invoke_shell(), b"EDGE#")
    data = closed_at_once(lab.ssh_port)
    check(data == b"", f"a sixth SSH session is closed before the banner: {data!r}")
    # Telnet still finds lines 5 and 6, then none.
    spare = [telnet(lab), telnet(lab)]
    for vty in spare:
        check(vty.read_until(b"Username: ", timeout=10).endswith(b"Username: "), "line 5/6")
    check(closed_at_once(lab.vty_port) == b"", "an eighth session is closed at once")
    # `clear line vty 0` from a spare line frees a line for SSH again.
    vty = spare[0]
    vty.write(b"admin\r\n")
    vty.read_until(b"Password: ", timeout=10)
    vty.write(b"adminpw\r\n")
    vty.read_until(b"EDGE#", timeout=10)
    vty.write(b"clear line vty 0\r\n")
    vty.read_until(b"[confirm]", timeout=10)
    vty.write(b"\r\n")
    check(b"[OK]" in vty.read_until(b"EDGE#", timeout=10), "clear line")
    # Whichever SSH session holds vty 0 (a closing one may have held it a moment longer).
    deadline = time.time() + 5
    while all(c.get_transport().is_active() for c in clients) and time.time() < deadline:
        time.sleep(0.05)
    gone = [c for c in clients if not c.get_transport().is_active()]
    check(len(gone) == 1, f"the cleared session is gone, the others stay: {len(gone)} gone")
    extra = lab.paramiko("admin", "adminpw")
    read_until(extra.invoke_shell(), b"EDGE#")
    for client in clients + [extra]:
        client.close()
    for vty in spare:
        vty.close()


def garbage_and_stalled_kex(lab):
    # The sessions closed just before may hold their lines a moment longer.
    deadline = time.time() + 5
    while True:
        banner, closed = banner_then_garbage(
            lab.ssh_port, b"GET / HTTP/1.0\r\n\r\n" + bytes(range(256)) * 4)
        if banner or time.time() > deadline:
            break
        time.sleep(0.1)
    check(banner.startswith(b"SSH-2.0-") and closed,
          f"garbage: the banner, then the close: {banner!r}, closed {closed}")
    # A client that sends its version and half a KEXINIT, then nothing: dropped after the time-out.
    stalled = socket.create_connection(("127.0.0.1", lab.ssh_port), timeout=10)
    stalled.sendall(b"SSH-2.0-stall\r\n\x00\x00\x01\x00\x05\x14")
    start = time.time()
    banner = stalled.recv(256)
    check(banner.startswith(b"SSH-2.0-Cisco-1.25"), f"banner: {banner!r}")
    # Meanwhile the router serves others (a line that the sessions before it closed may take up
    # to the close linger, 2 s, to come free).
    deadline = time.time() + 4
    while True:
        done = lab.ssh("admin", "adminpw", "show privilege")
        if "Current privilege level is 15" in done.stdout or time.time() > deadline:
            break
        time.sleep(0.2)
    check("Current privilege level is 15" in done.stdout,
          f"served meanwhile: {done.stdout!r} {done.stderr!r}")
    rest = b""
    while True:
        chunk = stalled.recv(4096)
        if not chunk:
            break
        rest += chunk
    waited = time.time() - start
    check(1.5 <= waited <= 6, f"the stalled client was dropped after {waited:.1f} s")
    stalled.close()


def transport_refusal(lab):
    """With `transport input telnet` on every line, SSH is refused before its banner."""
    client, _ = admin_shell(lab, ["configure terminal", "line vty 0 4", "transport input telnet",
                                  "end"])
    time.sleep(0.2)
    check(closed_at_once(lab.ssh_port) == b"", "SSH refused by transport input")
    done = lab.ssh("admin", "adminpw", "show privilege")
    check(done.returncode == 255 and "Current" not in done.stdout, f"ssh refused: {done!r}")
    # Telnet still gets in, and puts SSH back.
    vty = telnet(lab)
    vty.read_until(b"Username: ", timeout=10)
    vty.write(b"admin\r\n")
    vty.read_until(b"Password: ", timeout=10)
    vty.write(b"adminpw\r\n")
    vty.read_until(b"EDGE#", timeout=10)
    for line in [b"configure terminal", b"line vty 0 4", b"transport input ssh telnet", b"end"]:
        vty.write(line + b"\r\n")
        vty.read_until(b"#", timeout=10)
    vty.close()
    client.close()


def idle_timeout(lab):
    """`exec-timeout 0 1` ends an idle SSH session after a second (this one, once it is idle)."""
    client, _ = admin_shell(lab, ["configure terminal", "line vty 0 4", "exec-timeout 0 1", "end"])
    start = time.time()
    while client.get_transport().is_active() and time.time() - start < 5:
        time.sleep(0.05)
    waited = time.time() - start
    check(not client.get_transport().is_active() and 0.5 <= waited <= 3,
          f"the idle session ended after {waited:.1f} s")
    restore = lab.paramiko("admin", "adminpw")
    channel = restore.invoke_shell()
    read_until(channel, b"EDGE#")
    channel.send("configure terminal\rline vty 0 4\rno exec-timeout\rend\r")
    read_until(channel, b"EDGE#", seconds=5)
    restore.close()


def still_serving(lab):
    check(options_answered(SIP_PORT, timeout=2), "SIP answers")
    with socket.create_connection(("127.0.0.1", SCCP_PORT), timeout=5):
        pass
    done = lab.ssh("admin", "adminpw", "show ip ssh")
    check("SSH Enabled - version 1.99" in done.stdout, f"show ip ssh: {done.stdout!r}")
    check("Authentication timeout: 2 secs; Authentication retries: 3" in done.stdout, "settings")
    vty = telnet(lab)
    check(vty.read_until(b"Username: ", timeout=10).endswith(b"Username: "), "telnet answers")
    vty.close()
    lab.alive()


def main():
    lab = SshLab(BUILD_DIR, CONFIG, bits=1024)
    try:
        telnet_bad_passwords(lab)
        ssh_bad_passwords(lab)
        unprivileged_configure(lab)
        sessions_and_lines(lab)
        garbage_and_stalled_kex(lab)
        transport_refusal(lab)
        idle_timeout(lab)
        still_serving(lab)
        print("ssh_bad_input: ok")
    finally:
        lab.stop()


if __name__ == "__main__":
    main()
