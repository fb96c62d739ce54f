#!/usr/bin/env python3
"""The console on a real terminal: cmemu runs on a pseudo-terminal and is typed at key by key.

Shows `?` (both `word?` and `word ?`) and TAB acting without Enter, secret input, history with
the Up arrow, Ctrl-Z, the --More-- pager, `exit` and `Press RETURN to get started.`, and Ctrl-C
stopping the router with the terminal restored.

Usage: python3 console_pty.py BUILD_DIR
"""
import os
import pty
import random
import re
import select
import signal
import socket
import sys
import termios
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import Reader, check, free_port, startup_config  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
CMEMU = os.path.join(BUILD_DIR, "cmemu")

CONFIG = """hostname LAB
enable secret cisco
line con 0
line vty 0 4
 password vtypass
 login
end
"""


class Console(Reader):
    def __init__(self, fd):
        super().__init__()
        self.fd = fd

    def send(self, data):
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def type(self, keys, until):
        """Sends `keys`, then reads until `until` shows; returns everything read up to it."""
        self.send(keys)
        return self.expect(until)

    def read_some(self, seconds):
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return None
        try:
            return os.read(self.fd, 65536)
        except OSError:
            return b""  # the router closed the terminal

    def quiet(self, wait=0.3):
        """What arrives within `wait` seconds (nothing expected)."""
        end = time.time() + wait
        while True:
            left = end - time.time()
            if left <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk
        shown, self.seen = self.seen, b""
        return shown


def vty_configure(port):
    """A raw telnet client logs in on a vty, enters configuration mode and leaves it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as vty:
        seen = b""
        for line, answer in [(None, b"Password: "), (b"vtypass", b"LAB>"), (b"enable", b"Password: "),
                             (b"cisco", b"LAB#"), (b"configure terminal", b"LAB(config)#"),
                             (b"end", b"LAB#")]:
            if line is not None:
                vty.sendall(line + b"\r\n")
            while answer not in seen:
                chunk = vty.recv(4096)
                if not chunk:
                    raise AssertionError(f"vty closed waiting for {answer!r}: {seen!r}")
                seen += chunk
            seen = seen[seen.index(answer) + len(answer):]
        vty.sendall(b"exit\r\n")


def main():
    config = startup_config("cmemu-pty-", CONFIG)
    port = free_port()

    pid, fd = pty.fork()
    if pid == 0:
        os.execv(CMEMU, [CMEMU, "--startup-config", config, "--vty-port", str(port)])
    con = Console(fd)
    status = None
    try:
        con.expect("LAB>")

        # TAB completes without Enter.
        con.type("en\t", "enable ")
        # Enter; the enable secret is asked and not echoed.
        con.type("\r", "Password: ")
        shown = con.type("cisco\r", "LAB#")
        check(b"cisco" not in shown, f"secret echoed: {shown!r}")

        # A vty leaving configuration mode is logged on the console, on a line of its own.
        vty_configure(port)
        shown = con.expect("Configured from console by vty0 (127.0.0.1)")
        check(re.fullmatch(rb"\r\n(\*Mar [ \d]\d \d\d:\d\d:\d\d\.\d{3}: )?%SYS-5-CONFIG_I: "
                           rb"Configured from console by vty0 \(127\.0\.0\.1\)", shown),
              f"vty log line on the console: {shown!r}")
        con.type("\r", "\r\nLAB#")

        # `word?`: the completions at once, then the prompt and the word again.
        shown = con.type("sh?", "LAB#sh")
        check(b"sh?\r\nshow  " in shown, f"`sh?` listing: {shown!r}")
        check(re.search(rb"show  \r\n\r\nLAB#sh$", shown), f"`sh?` layout: {shown!r}")

        # `word ?`: the next words with their help, then the prompt and `show ` again.
        shown = con.type("ow ?", "LAB#show ")
        check(shown.startswith(b"ow ?\r\n"), f"`show ?` echo: {shown!r}")
        check(re.search(rb"\r\n  running-config +\S", shown), f"`show ?` listing: {shown!r}")
        check(re.search(rb"\r\n  version +\S", shown), f"`show ?` listing: {shown!r}")

        # TAB completes an argument keyword; Enter runs the completed line.
        con.type("vers\t", "version ")
        con.type("\r", "LAB#")

        # An unknown word under `?`.
        shown = con.type("\x15zzz?", "LAB#zzz")
        check(b"% Unrecognized command" in shown, f"unrecognized: {shown!r}")
        con.send("\x15")

        # Configuration mode, hostname, Ctrl-Z.
        con.type("configure terminal\r", "LAB(config)#")
        con.type("hostname R2\r", "R2(config)#")
        shown = con.type("\x1a", "R2#")
        check(b"^Z\r\n" in shown, f"Ctrl-Z echo: {shown!r}")
        check(b"%SYS-5-CONFIG_I: Configured from console by console" in shown,
              f"config log line: {shown!r}")

        # History: the Up arrow brings back the earlier lines, newest first.
        for keys, shown in (("\x1b[A", "hostname R2"), ("\x1b[A", "configure terminal"),
                            ("\x1b[B", "hostname R2"), ("\x1b[A\r", "R2(config)#"),
                            ("end\r", "R2#")):
            con.type(keys, shown)

        # Editing: a missing letter put in with the left arrow, a typo erased with Backspace.
        shown = con.type("shw versionx\x7f" + "\x1b[D" * 9 + "o\r", "R2#")
        check(b"Cisco IOS Software" in shown, f"edited line: {shown!r}")

        # The pager: terminal length 6 gives pages of 5 lines.
        con.type("terminal length 6\r", "R2#")
        shown = con.type("show running-config\r", " --More-- ")
        body = shown.split(b"show running-config\r\n", 1)[1]
        check(body.count(b"\r\n") == 5, f"first page: {body!r}")
        shown = con.type(" ", " --More-- ")
        check(shown.startswith(b"\b" * 10 + b" " * 10 + b"\b" * 10), f"marker erased: {shown!r}")
        check(shown.count(b"\r\n") == 5, f"second page: {shown!r}")
        shown = con.type("\r", " --More-- ")
        check(shown.count(b"\r\n") == 1, f"one more line: {shown!r}")
        shown = con.type("q", "R2#")
        check(shown == b"\b" * 10 + b" " * 10 + b"\b" * 10 + b"R2#", f"stop: {shown!r}")
        con.type("terminal length 0\r", "R2#")

        # `exit` frees the console; RETURN starts a new session at `>`.
        shown = con.type("exit\r", "Press RETURN to get started.\r\n")
        check(b"exit\r\n\r\nR2 con0 is now available\r\n\r\n\r\n\r\n\r\n\r\nPress RETURN" in shown,
              f"con0 available: {shown!r}")
        check(con.quiet() == b"", "nothing before RETURN")
        con.send("x")
        check(con.quiet() == b"", "other keys do nothing before RETURN")
        con.type("\r", "R2>")

        # Ctrl-C stops the router (SIGINT through the terminal) within a second or two.
        con.send("\x03")
        deadline = time.time() + 3
        while time.time() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            con.quiet(0.1)
        else:
            raise AssertionError("cmemu did not stop on Ctrl-C")
        check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
              f"exit status after Ctrl-C: {status}")
        # The terminal is back in its cooked mode (the pty started with ICANON and ECHO).
        lflag = termios.tcgetattr(fd)[3]
        check(lflag & termios.ICANON and lflag & termios.ECHO, "terminal left in raw mode")
        print("console_pty: ok")
    finally:
        if status is None:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
        os.close(fd)


if __name__ == "__main__":
    main()
