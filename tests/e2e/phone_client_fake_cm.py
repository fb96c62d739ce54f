"""cmemu-phone's TCP client against a tiny fake call manager (docs/sccp.md §3, §9).

The fake registers the phone, rings it, checks the Answer softkey bytes and the
OpenReceiveChannelAck, then lets it hang up; a second run is rejected (exit 3); a third fails an
expect (exit 1, FAIL line); a fourth sees the router close the connection (exit 2).
Usage: phone_client_fake_cm.py BUILD_DIR
"""
import os
import socket
import struct
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, free_port  # noqa: E402

BUILD = sys.argv[1]
PHONE = os.path.join(BUILD, "cmemu-phone")
REF = 0x01000001


def frame(message_id, body=b""):
    return struct.pack("<III", 4 + len(body), 0, message_id) + body


def cstr(text, size):
    data = text.encode("latin-1") if isinstance(text, str) else text
    return data[:size].ljust(size, b"\0")


class Peer:
    """One accepted phone connection: reads whole frames."""

    def __init__(self, conn):
        self.conn = conn
        self.conn.settimeout(10)
        self.buffer = b""

    def recv(self):
        while True:
            if len(self.buffer) >= 12:
                length = struct.unpack_from("<I", self.buffer)[0]
                if len(self.buffer) >= length + 8:
                    message_id = struct.unpack_from("<I", self.buffer, 8)[0]
                    body = self.buffer[12:length + 8]
                    self.buffer = self.buffer[length + 8:]
                    return message_id, body
            data = self.conn.recv(4096)
            if not data:
                raise EOFError("phone closed the connection")
            self.buffer += data

    def expect(self, message_id, skip=(0x0000,)):
        """The next frame that is not a KeepAlive; fails if it is not `message_id`."""
        while True:
            got, body = self.recv()
            if got in skip and got != message_id:
                continue
            check(got == message_id, f"expected message 0x{message_id:04X}, got 0x{got:04X}")
            return body

    def send(self, *frames):
        self.conn.sendall(b"".join(frames))


def register(peer, reject=None):
    body = peer.expect(0x0001)  # RegisterReq
    check(body[:16].rstrip(b"\0") == b"SEP001E4A34A35F", f"device name {body[:16]!r}")
    instance, _, device_type, max_streams = struct.unpack_from("<IIII", body, 20)
    check(instance == 1, f"station instance {instance}")
    check(device_type == 30018, f"device type {device_type}")
    check(max_streams == 5, f"max streams {max_streams}")
    check(body[40] == 11, f"protocol version {body[40]}")
    if reject:
        peer.send(frame(0x009D, cstr(reject, 32)))
        return
    ack = struct.pack("<I", 30) + cstr("M/D/Y", 8) + struct.pack("<I", 60) + bytes([11, 0, 0, 0])
    peer.send(frame(0x0081, ack), frame(0x009B))  # RegisterAck, CapabilitiesReq
    caps = peer.expect(0x0010)
    count = struct.unpack_from("<I", caps)[0]
    codecs = [struct.unpack_from("<I", caps, 4 + 16 * i)[0] for i in range(count)]
    check(4 in codecs and 2 in codecs and 11 in codecs, f"codecs {codecs}")
    for message_id in (0x000E, 0x0028, 0x0025):  # ButtonTemplateReq, SoftKeyTemplateReq, SetReq
        peer.expect(message_id)
    buttons = struct.pack("<III", 0, 2, 2) + bytes([1, 0x09, 1, 0x02]) + bytes(80)
    keys = b"".join(cstr(bytes([0x80, i]), 16) + struct.pack("<I", i) for i in range(1, 19))
    keys += cstr(b"\x80\x3f", 16) + struct.pack("<I", 63)
    keys += bytes(20 * (32 - 19))
    sets = bytes(48 * 16)
    peer.send(frame(0x0097, buttons), frame(0x0108, struct.pack("<III", 0, 19, 19) + keys),
              frame(0x0109, struct.pack("<III", 0, 11, 11) + sets))
    check(struct.unpack("<I", peer.expect(0x000B))[0] == 1, "LineStatReq 1")
    check(struct.unpack("<I", peer.expect(0x0009))[0] == 1, "ForwardStatReq 1")
    check(struct.unpack("<I", peer.expect(0x002D))[0] == 1, "RegisterAvailableLines 1")
    peer.expect(0x000D)  # TimeDateReq
    line = struct.pack("<I", 1) + cstr("201", 24) + cstr("201", 40) + cstr("Alice", 40)
    peer.send(frame(0x0092, line + struct.pack("<I", 9)),
              frame(0x0090, struct.pack("<III", 0, 1, 0) + bytes(80)))


def call_state(state, ref=REF):
    return frame(0x0111, struct.pack("<IIIIII", state, 1, ref, 0, 4, 0))


def set_lamp(mode):
    return frame(0x0086, struct.pack("<III", 0x09, 1, mode))


def ring_answer_hang_up(peer):
    peer.send(call_state(4), frame(0x0110, struct.pack("<IIII", 1, REF, 3, 0xFFFFFFFF)),
              frame(0x0112, struct.pack("<I", 0) + cstr(b"\x80\x17" + b"202", 32) +
                    struct.pack("<II", 1, REF)),
              set_lamp(5), frame(0x0085, struct.pack("<IIII", 2, 1, 1, REF)))
    event = peer.expect(0x0026)
    check(event == struct.pack("<III", 11, 1, REF), f"Answer softkey bytes {event.hex()}")
    open_channel = struct.pack("<IIIIIII", REF, 4321, 20, 4, 0, 0, REF) + bytes(92 - 28)
    peer.send(set_lamp(2), call_state(1), frame(0x0105, open_channel), call_state(5))
    ack = peer.expect(0x0022)
    status, ip, port, party, ref = struct.unpack("<I4sIII", ack[:20])
    check(status == 0 and ip == bytes([127, 0, 0, 1]) and party == 4321 and ref == REF,
          f"OpenReceiveChannelAck {ack.hex()}")
    check(port > 0, "media port")
    hang_up = peer.expect(0x0007)
    check(hang_up == struct.pack("<II", 1, REF), f"OnHook bytes {hang_up.hex()}")
    peer.send(set_lamp(1), call_state(2))


def run(script, serve, extra=()):
    """Runs cmemu-phone against `serve(peer)`; returns (exit status, stdout, server error)."""
    port = free_port()
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(1)
    errors = []

    def accept():
        try:
            conn, _ = server.accept()
            with conn:
                serve(Peer(conn))
                try:  # until the phone closes
                    while conn.recv(4096):
                        pass
                except OSError:
                    pass
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    thread = threading.Thread(target=accept, daemon=True)
    server.settimeout(15)
    thread.start()
    phone = subprocess.run([PHONE, "--router", f"127.0.0.1:{port}", "--mac", "001E.4A34.A35F",
                            "-e", script, *extra], capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
    thread.join(15)
    server.close()
    return phone.returncode, phone.stdout + phone.stderr, errors


def main():
    # 1. Register, ring, answer with the softkey, hang up.
    script = ("expect registered; expect line 1 201; wait ringin; expect lamp 1 blink; "
              "expect display From 202; press Answer; wait connected; expect lamp 1 on; "
              "onhook; wait onhook; expect lamp 1 off")

    def serve(peer):
        register(peer)
        ring_answer_hang_up(peer)

    status, output, errors = run(script, serve)
    check(not errors, f"fake call manager: {errors}\n{output}")
    check(status == 0, f"exit status {status}\n{output}")
    for text in ("rx RegisterAck keepAlive=30", "registered SEP001E4A34A35F",
                 f"rx CallState state=RingIn line=1 ref={REF}",
                 'rx DisplayPromptStatus timeout=0 text="<From>202"',
                 f"tx SoftKeyEvent event=Answer line=1 ref={REF}",
                 "tx OpenReceiveChannelAck status=Ok ip=127.0.0.1",
                 "do press Answer", f"tx OnHook line=1 ref={REF}"):
        check(text in output, f"missing {text!r} in\n{output}")

    # 2. RegisterReject: exit 3.
    status, output, errors = run("offhook", lambda peer: register(peer, reject="Unknown device"))
    check(not errors, f"fake call manager: {errors}")
    check(status == 3, f"reject: exit status {status}\n{output}")
    check('FAIL registration rejected: "Unknown device"' in output, output)

    # 3. A failing expect: exit 1 with what was seen; --quiet hides tx lines.
    status, output, errors = run("expect line 1 999", register, extra=["--quiet"])
    check(not errors, f"fake call manager: {errors}")
    check(status == 1, f"expect: exit status {status}\n{output}")
    check('FAIL expect line 1 999 (line 1, 2.0 s): line 1 number is "201"' in output, output)
    check(" tx " not in output, f"--quiet printed tx lines:\n{output}")

    # 4. The router closes the connection while the script waits: exit 2.
    def close_early(peer):
        register(peer)
        peer.conn.close()

    status, output, errors = run("wait ringin", close_early)
    check(status == 2, f"close: exit status {status}\n{output}")
    check("closed by router" in output, output)
    print("ok")


if __name__ == "__main__":
    main()
