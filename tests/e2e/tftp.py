#!/usr/bin/env python3
"""The router's TFTP server (docs/sccp.md §12) against Debian curl's tftp:// client, raw UDP and
cmemu-phone: SEP<MAC>.cnf.xml and XMLDefault.cnf.xml fetched (with and without blksize/tsize)
parse as XML and name the router's `ip source-address` and port; a change typed on the vty shows
in the next fetch and in `show telephony-service tftp-bindings`; a `tftp-server flash:` file from
--flash-dir comes byte for byte; an unknown file is File not found, an upload is refused; malformed
packets get ERROR 4 and a flood of requests is bounded, and the router serves the next request
after both; cmemu-phone --tftp (no call manager given) fetches its file and registers with the
call manager it names. The ports: one given with --tftp-port that cannot be bound stops the
router; the default 69, when it cannot be bound, costs one log line and the router runs on.

Usage: python3 tftp.py BUILD_DIR
"""
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, free_port, startup_config, stop_process, wait_listening  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
TFTP_PORT = free_port(socket.SOCK_DGRAM, 10000, 19999)
FLASH = tempfile.mkdtemp(prefix="cmemu-flash-")
FIRMWARE = bytes(random.getrandbits(8) for _ in range(1024 * 7))  # exactly 14 blocks of 512
with open(os.path.join(FLASH, "P00308000500.bin"), "wb") as f:
    f.write(FIRMWARE)
RING = b"ring\n" * 301
with open(os.path.join(FLASH, "ring.raw"), "wb") as f:
    f.write(RING)

# curl's exit statuses for TFTP (curl(1)): 68 file not found, 69 permission problem.
CURL_NOT_FOUND = 68
CURL_PERMISSION = 69


def curl(name, *options, upload=None):
    """Fetches `name` from the router with curl; returns (exit status, bytes, stderr)."""
    args = ["curl", "--silent", "--show-error", "--max-time", "20", *options]
    if upload:
        args += ["-T", upload]
    args.append(f"tftp://127.0.0.1:{TFTP_PORT}/{name}")
    done = subprocess.run(args, capture_output=True, timeout=30)
    return done.returncode, done.stdout, done.stderr.decode(errors="replace")


def fetch(name, *options):
    status, body, error = curl(name, *options)
    check(status == 0, f"curl {name} {options}: exit {status}: {error}")
    return body


def call_manager(xml_bytes, path):
    """The processNodeName and ethernetPhonePort a configuration file names."""
    root = ElementTree.fromstring(xml_bytes)
    manager = root.find(path + "/callManagerGroup/members/member/callManager")
    check(manager is not None, f"no callManager in:\n{xml_bytes.decode()}")
    return manager.findtext("processNodeName"), int(manager.findtext("ports/ethernetPhonePort"))


def files_name_the_router(lab):
    sep = fetch("SEP000000000201.cnf.xml")
    check(call_manager(sep, "devicePool") == ("127.0.0.1", lab.sccp_port), sep.decode())
    lines = ElementTree.fromstring(sep).findall("lines/line")
    check([line.findtext("name") for line in lines] == ["201"], sep.decode())
    with_options = fetch("SEP000000000201.cnf.xml", "--tftp-blksize", "1024")
    check(with_options == sep, "blksize changed the file")
    default = fetch("XMLDefault.cnf.xml", "--tftp-blksize", "100")
    check(call_manager(default, ".") == ("127.0.0.1", lab.sccp_port), default.decode())
    check(b"127.0.0.1" in fetch("SEPDefault.cnf"), "SEPDefault.cnf names the router")
    bindings = lab.show("show telephony-service tftp-bindings")
    for line in ("tftp-server system:/its/SEPDEFAULT.cnf alias SEPDefault.cnf",
                 "tftp-server system:/its/XMLDefault.cnf.xml alias XMLDefault.cnf.xml",
                 "tftp-server system:/its/SEP000000000201.cnf.xml"):
        check(line in bindings, f"missing `{line}`:\n{bindings}")


def flash_files_byte_for_byte(lab):
    check(fetch("P00308000500.bin") == FIRMWARE, "firmware differs (512-byte blocks)")
    check(fetch("P00308000500.bin", "--tftp-blksize", "1428") == FIRMWARE,
          "firmware differs (1428-byte blocks)")
    check(fetch("Ring1.raw") == RING, "the alias serves ring.raw")
    running = lab.show("show running-config | include tftp-server")
    check("tftp-server flash:ring.raw alias Ring1.raw" in running, running)


def refusals(lab):
    status, _, error = curl("NoSuchFile.cnf.xml")
    check(status == CURL_NOT_FOUND, f"unknown file: curl exit {status}: {error}")
    upload = os.path.join(FLASH, "upload.txt")
    with open(upload, "w") as f:
        f.write("not for the router\n")
    status, _, error = curl("upload.txt", upload=upload)
    check(status == CURL_PERMISSION, f"upload: curl exit {status}: {error}")
    check(not os.path.exists(os.path.join(FLASH, "upload.txt.1")), "nothing written")


def error_code(sock):
    data, _ = sock.recvfrom(2048)
    check(data[:2] == b"\x00\x05", f"not an ERROR: {data!r}")
    return struct.unpack("!H", data[2:4])[0]


def malformed_packets(lab):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(3)
        for junk in (b"\x00\x09junk", b"\x00\x01noterminator", b"x",
                     b"\x00\x01" + b"a" * 600 + b"\x00octet\x00", b"\x00\x04\x00\x01"):
            sock.sendto(junk, ("127.0.0.1", TFTP_PORT))
            check(error_code(sock) == 4, f"{junk[:20]!r} gets ERROR 4")
        sock.sendto(b"\x00\x02up.bin\x00octet\x00", ("127.0.0.1", TFTP_PORT))
        check(error_code(sock) == 2, "a WRQ gets ERROR 2")
        sock.sendto(b"\x00\x01XMLDefault.cnf.xml\x00mail\x00", ("127.0.0.1", TFTP_PORT))
        check(error_code(sock) == 4, "mode mail gets ERROR 4")
        # A bad option value is ignored (RFC 2347): DATA 1 comes, from a port of its own.
        sock.sendto(b"\x00\x01XMLDefault.cnf.xml\x00octet\x00blksize\x00huge\x00",
                    ("127.0.0.1", TFTP_PORT))
        data, server = sock.recvfrom(2048)
        check(data[:4] == b"\x00\x03\x00\x01", f"DATA 1 expected: {data[:8]!r}")
        check(server[1] != TFTP_PORT, "the transfer has its own port")
        # A stranger on the transfer's port gets ERROR 5; the transfer goes on.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger:
            stranger.settimeout(3)
            stranger.sendto(b"\x00\x04\x00\x01", server)
            check(error_code(stranger) == 5, "a stranger gets ERROR 5")
        sock.sendto(b"\x00\x04\x00\x01", server)  # the file is shorter than 512: done
    check(fetch("XMLDefault.cnf.xml").startswith(b"<Default>"), "served after the garbage")


def flood(lab):
    """More read requests than the server takes at once: 64 get their first block, the rest
    nothing; the clients end theirs with ERROR, and the router serves the next request."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(100)]
    try:
        for sock in sockets:
            sock.sendto(b"\x00\x01P00308000500.bin\x00octet\x00", ("127.0.0.1", TFTP_PORT))
        time.sleep(1)  # every answer is in by now; the first block goes again only after 1 s
        answered = []
        for sock in sockets:
            sock.settimeout(0.05)
            try:
                data, server = sock.recvfrom(2048)
                if data[:2] == b"\x00\x03":
                    answered.append((sock, server))
            except socket.timeout:
                pass
        check(0 < len(answered) <= 64, f"{len(answered)} of 100 flood requests served at once")
        for sock, server in answered:
            sock.sendto(b"\x00\x05\x00\x00stop\x00", server)
    finally:
        for sock in sockets:
            sock.close()
    check(fetch("P00308000500.bin") == FIRMWARE, "served after the flood")


def phone_boots_from_tftp(lab):
    # Move the SCCP listener: the phone must learn the new port from its file.
    port = free_port(socket.SOCK_STREAM, 2100, 9999)
    lab.configure("telephony-service", f"ip source-address 127.0.0.1 port {port}")
    sep = fetch("SEP000000000201.cnf.xml")
    check(call_manager(sep, "devicePool") == ("127.0.0.1", port), sep.decode())
    phone = subprocess.Popen(
        [os.path.join(BUILD_DIR, "cmemu-phone"), "--tftp", f"127.0.0.1:{TFTP_PORT}", "--mac",
         "0000.0000.0201", "--quiet", "-e", "sleep 3000"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lab.phones.append(phone)
    phone.mac = "0000.0000.0201"
    lab.wait_registered(1)
    shown = lab.show("show ephone")
    check("ephone-1[0] Mac:0000.0000.0201" in shown and " REGISTERED " in shown, shown)
    out = lab.check_phone(phone)
    check("tftp SEP000000000201.cnf.xml: " in out and f"connected 127.0.0.1:{port}" in out, out)
    # A phone without a file of its own takes XMLDefault.cnf.xml, as phones do.
    unknown = subprocess.run(
        [os.path.join(BUILD_DIR, "cmemu-phone"), "--tftp", f"127.0.0.1:{TFTP_PORT}", "--mac",
         "0000.0000.0999", "--quiet", "-e", "sleep 10"],
        capture_output=True, text=True, timeout=30)
    check("tftp SEP000000000999.cnf.xml: server error 1: File not found" in unknown.stdout
          and "tftp XMLDefault.cnf.xml: " in unknown.stdout
          and f"connected 127.0.0.1:{port}" in unknown.stdout, unknown.stdout)


def held_port(port, host="127.0.0.1"):
    """A UDP socket on `host`:`port` if it can be had (None when another process or the lack
    of privileges keeps it: the router cannot have it either)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((host, port))
        return sock
    except OSError:
        sock.close()
        return None


def ports_that_cannot_be_bound():
    config = startup_config("cmemu-tftp-ports-", "hostname R1\n")
    cmemu = os.path.join(BUILD_DIR, "cmemu")
    port = free_port(socket.SOCK_DGRAM, 10000, 19999)
    holder = held_port(port)
    try:
        done = subprocess.run([cmemu, "--startup-config", config, "--no-console", "--vty-port",
                               str(free_port()), "--ssh-port", "0", "--tftp-port", str(port)],
                              capture_output=True, text=True, timeout=20)
        check(done.returncode == 1 and f"cmemu: tftp: port {port}: " in done.stderr,
              f"a taken --tftp-port: exit {done.returncode}: {done.stderr}")
    finally:
        if holder:
            holder.close()
    # On an address of its own: the other tests' routers, run at the same time as root, take
    # 127.0.0.1:69 and free it when they end, so holding that one would race with them.
    own_address = "127.0.0.3"
    holder = held_port(69, own_address)
    vty = free_port()
    router = subprocess.Popen([cmemu, "--startup-config", config, "--no-console", "--vty-port",
                               str(vty), "--ssh-port", "0", "--bind-address", own_address],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_listening(vty, router, host=own_address)
    finally:
        stop_process(router)
        if holder:
            holder.close()
    out = router.stdout.read()
    check(router.returncode == 0 and "TFTP not served: port 69: " in out,
          f"the default port taken: exit {router.returncode}: {out}")


ports_that_cannot_be_bound()
sys.exit(run_lab_test(
    "tftp", BUILD_DIR,
    [files_name_the_router, flash_files_byte_for_byte, refusals, malformed_packets, flood,
     phone_boots_from_tftp],
    extra_config="tftp-server flash:P00308000500.bin\ntftp-server flash:ring.raw alias Ring1.raw\n",
    extra_args=("--tftp-port", str(TFTP_PORT), "--flash-dir", FLASH)))
