#!/usr/bin/env python3
"""Real SSH clients against cmemu's SSH vty (docs/cli.md §16-§17): OpenSSH's `ssh` through
sshpass with a command, and interactively under a pseudo-terminal; paramiko's shell with the
window size of its pty request and window-change; netmiko `cisco_ios` (Debian python3-netmiko)
logging in as a user who lands at `>`: enable, show, a configuration set, save. `show users`
and `show ssh` list the sessions; telnet's `login local` asks `Username:` and `Password:`.

Usage: python3 ssh_clients.py BUILD_DIR
"""
import os
import pty
import select
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from ssh_lab import SshLab, SSH_OPTIONS, read_until, system_python_modules  # noqa: E402
from e2e_support import check  # noqa: E402

system_python_modules("paramiko", "netmiko")
from netmiko import ConnectHandler  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"

CONFIG = """hostname LAB
ip domain name lab.local
enable secret cisco
username admin privilege 15 secret adminpw
username oper password 0 operpw
ip ssh version 2
line vty 0 4
 login local
end
"""


def openssh_command(lab):
    done = lab.ssh("admin", "adminpw", "show privilege")
    check(done.returncode == 0, f"ssh exit status {done.returncode}: {done.stderr!r}")
    check(done.stdout == "Current privilege level is 15\r\n", f"ssh output: {done.stdout!r}")
    done = lab.ssh("oper", "operpw", "show privilege")
    check(done.stdout == "Current privilege level is 1\r\n", f"oper: {done.stdout!r}")
    done = lab.ssh("admin", "wrong", "show privilege")
    check(done.returncode != 0 and "Current" not in done.stdout, "a wrong password runs nothing")


def openssh_interactive(lab):
    """`ssh -tt` under a pty, typed at like a person: the prompt, a command, exit."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("sshpass", ["sshpass", "-p", "adminpw", "ssh", "-tt", *SSH_OPTIONS,
                              "-p", str(lab.ssh_port), "admin@127.0.0.1"])
    seen = b""

    def expect(marker, seconds=15):
        nonlocal seen
        deadline = time.time() + seconds
        while marker not in seen:
            left = deadline - time.time()
            check(left > 0, f"no {marker!r} in {seen!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    break
        check(marker in seen, f"no {marker!r} in {seen!r}")

    expect(b"LAB#")
    os.write(fd, b"show users\r")
    expect(b"Peer Address")
    check(b"vty 0     admin" in seen, f"show users: {seen!r}")
    os.write(fd, b"sh priv\t\r")  # TAB completes, as on a terminal
    expect(b"Current privilege level is 15")
    os.write(fd, b"exit\r")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    check(os.WEXITSTATUS(status) == 0, f"interactive ssh exit status {status}")


def paramiko_window(lab):
    """The pty request's width, then a window-change, set where `?` help wraps its texts."""
    client = lab.paramiko("admin", "adminpw")
    channel = client.invoke_shell(width=40, height=24)
    read_until(channel, b"LAB#")
    channel.send("terminal length 0\r")
    read_until(channel, b"LAB#")
    channel.send("show ?")
    narrow = read_until(channel, b"LAB#show ")
    channel.resize_pty(width=200, height=24)
    time.sleep(0.3)
    channel.send("?")
    wide = read_until(channel, b"LAB#show ")
    check(max(len(line) for line in narrow.split(b"\r\n")) <= 40, f"narrow: {narrow!r}")
    check(narrow.count(b"\r\n") > wide.count(b"\r\n"), f"wide {wide!r} vs narrow {narrow!r}")
    channel.send("\x15show ssh\r")
    shown = read_until(channel, b"SSHv1 server connections")
    check(b"2.0     IN   aes" in shown and b"admin" in shown, f"show ssh: {shown!r}")
    client.close()


def netmiko_ssh(lab):
    device = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=lab.ssh_port,
                            username="oper", password="operpw", secret="cisco", timeout=20)
    check(device.find_prompt() == "LAB>", f"prompt after login: {device.find_prompt()!r}")
    device.enable()
    check(device.find_prompt() == "LAB#", f"prompt after enable: {device.find_prompt()!r}")
    version = device.send_command("show version")
    check("LAB uptime is" in version, f"show version: {version!r}")
    output = device.send_config_set(["telephony-service", "max-ephones 12"])
    check("% " not in output, f"config set: {output!r}")
    running = device.send_command("show running-config")
    check("\ntelephony-service\n max-ephones 12\n" in running, f"running: {running!r}")
    check("username oper password 0 operpw" in running, "users are in the running-config")
    saved = device.save_config()
    check("[OK]" in saved, f"save: {saved!r}")
    with open(lab.config) as f:
        text = f.read()
    check("max-ephones 12" in text, "saved to the startup-config")
    check("enable secret 5 $1$" in text, "the enable secret is saved hashed")
    device.disconnect()


def telnet_login_local(lab):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import telnetlib as tl
    vty = tl.Telnet("127.0.0.1", lab.vty_port, timeout=10)
    opening = vty.read_until(b"Username: ", timeout=10)
    check(opening.endswith(b"\r\nUser Access Verification\r\n\r\nUsername: "), repr(opening))
    vty.write(b"oper\r\n")
    vty.read_until(b"Password: ", timeout=10)
    vty.write(b"operpw\r\n")
    check(vty.read_until(b"LAB>", timeout=10).endswith(b"LAB>"), "oper lands at >")
    vty.write(b"show privilege\r\n")
    check(b"Current privilege level is 1" in vty.read_until(b"LAB>", timeout=10), "level 1")
    vty.write(b"exit\r\n")
    vty.close()


def main():
    lab = SshLab(BUILD_DIR, CONFIG)
    try:
        openssh_command(lab)
        openssh_interactive(lab)
        paramiko_window(lab)
        netmiko_ssh(lab)
        telnet_login_local(lab)
        lab.alive()
        print("ssh_clients: ok")
    finally:
        lab.stop()


if __name__ == "__main__":
    main()
