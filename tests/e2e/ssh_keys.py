#!/usr/bin/env python3
"""The RSA key decides whether SSH runs, as on IOS (docs/cli.md §17): `crypto key generate rsa`
refuses without a hostname and a domain name, asks the modulus when none is given, and SSH
starts; `write memory` keeps the key beside the startup-config (FILE.keys, mode 0600) and a
restart reads it back, with the saved (hashed) secrets still letting the users in; `ip ssh
version 1` and `crypto key zeroize rsa` stop SSH (the port refuses connections).

Usage: python3 ssh_keys.py BUILD_DIR
"""
import os
import socket
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from ssh_lab import SshLab, read_until, system_python_modules  # noqa: E402
from e2e_support import check, free_port, wait_listening  # noqa: E402

system_python_modules("paramiko")

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
CMEMU = os.path.abspath(os.path.join(BUILD_DIR, "cmemu"))


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return False
    except ConnectionRefusedError:
        return True


def generation_messages():
    workdir = tempfile.mkdtemp(prefix="cmemu-keys-")
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write("end\n")
    lines = ["configure terminal", "crypto key generate rsa", "hostname K1",
             "crypto key generate rsa", "ip domain name lab.local", "crypto key generate rsa",
             "1024", "crypto key generate rsa modulus 1024", "no", "end", "show ip ssh"]
    args = [CMEMU, "--startup-config", config]
    for line in lines:
        args += ["-c", line]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    out = done.stdout
    check("% Please define a hostname other than Router.\n" in out, out)
    check("% Please define a domain-name first.\n" in out, out)
    check("The name for the keys will be: K1.lab.local\nChoose the size of the key modulus in the "
          "range of 512 to 4096 for your\n" in out, out)
    check("% Generating 1024 bit RSA keys, keys will be non-exportable...\n"
          "[OK] (elapsed time was " in out, out)
    check("%SSH-5-ENABLED: SSH 1.99 has been enabled\n" in out, out)
    check("% You already have RSA keys defined named K1.lab.local.\n" in out, out)
    check(out.count("% Generating") == 1, "`no` keeps the keys")
    check("SSH Enabled - version 1.99\n" in out and "ssh-rsa AAAA" in out, out)
    check(not os.path.exists(config + ".keys"), "nothing kept before write memory")


def saved_and_restored():
    config_text = ("hostname K2\nip domain name lab.local\nusername admin privilege 15 secret "
                   "adminpw\nenable secret cisco\nservice password-encryption\n"
                   "username op password oppw\nline vty 0 4\n login local\nend\n")
    lab = SshLab(BUILD_DIR, config_text, bits=1024)
    keys = lab.config + ".keys"
    check(stat.S_IMODE(os.stat(keys).st_mode) == 0o600, "the keys file is private")
    with open(lab.config) as f:
        saved = f.read()
    check("username admin privilege 15 secret 5 $1$" in saved, saved)
    check("username op password 7 " in saved, saved)
    check("adminpw" not in saved and "oppw" not in saved, "no clear secret is saved")
    # The restarted router (SshLab's) read the key and the hashed secrets: both users get in.
    check("Current privilege level is 15" in lab.ssh("admin", "adminpw", "show privilege").stdout,
          "admin after the reload")
    check("Current privilege level is 1" in lab.ssh("op", "oppw", "show privilege").stdout,
          "op after the reload")

    client = lab.paramiko("admin", "adminpw")
    channel = client.invoke_shell()
    read_until(channel, b"K2#")
    channel.send("configure terminal\rip ssh version 1\r")
    read_until(channel, b"(config)#")
    time.sleep(0.3)
    check(refused(lab.ssh_port), "`ip ssh version 1`: no SSH 2 server")
    channel.send("ip ssh version 2\r")
    read_until(channel, b"(config)#")
    time.sleep(0.3)
    check(not refused(lab.ssh_port), "`ip ssh version 2`: SSH again")
    channel.send("crypto key zeroize rsa\r")
    read_until(channel, b"[yes/no]: ")
    channel.send("yes\r")
    read_until(channel, b"(config)#")
    channel.send("end\rwrite memory\r")
    read_until(channel, b"[OK]\r\nK2#")
    time.sleep(0.3)
    check(refused(lab.ssh_port), "zeroized: SSH stops")
    check(not os.path.exists(keys), "write memory removes the saved keys")
    # The session that did it goes on; telnet still works.
    channel.send("show ip ssh\r")
    shown = read_until(channel, b"K2#")
    check(b"SSH Disabled - version 2.0" in shown, f"show ip ssh: {shown!r}")
    client.close()
    lab.stop()


def no_key_no_listener():
    workdir = tempfile.mkdtemp(prefix="cmemu-nokey-")
    config = os.path.join(workdir, "startup-config")
    with open(config, "w") as f:
        f.write("hostname N\nline vty 0 4\n no login\nend\n")
    vty_port, ssh_port = free_port(), free_port()
    router = subprocess.Popen([CMEMU, "--startup-config", config, "--no-console",
                               "--vty-port", str(vty_port), "--ssh-port", str(ssh_port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_listening(vty_port, router)
        check(refused(ssh_port), "no key: no SSH listener")
    finally:
        router.terminate()
        router.wait(timeout=10)


def main():
    generation_messages()
    saved_and_restored()
    no_key_no_listener()
    print("ssh_keys: ok")


if __name__ == "__main__":
    main()
