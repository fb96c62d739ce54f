"""Talking to cmemu's web server from tests and benchmarks (not run by CTest itself): the CME XML
API over urllib, and a small RFC 6455 WebSocket client for the live view (Python's standard
library has none), with the view's state kept as the browser keeps it."""
import base64
import json
import os
import socket
import struct
import time
import urllib.error
import urllib.request


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def envelope(request):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><axl>'
            + request + "</axl></SOAP-ENV:Body></SOAP-ENV:Envelope>")


def http(port, path, body=None, auth=None, method=None, timeout=10):
    """(status, headers, body text) of one request to the router."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if auth:
        request.add_header("Authorization", auth)
    if data is not None:
        request.add_header("Content-Type", "text/xml")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def xml_request(port, request, auth):
    """Posts one XML API request (the `<request>` element) in a SOAP envelope."""
    return http(port, "/ios_xml_app/cme", envelope(request), auth)


class WebSocket:
    """A WebSocket client: text messages in, close. Server frames are unmasked, ours masked."""

    def __init__(self, port, path="/live/ws", auth=None, timeout=10, read=True):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        if auth:
            lines.append(f"Authorization: {auth}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the handshake")
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        status = head.split(b"\r\n")[0]
        if b" 101 " not in status:
            raise ConnectionError(f"no upgrade: {status!r}")

    def _exactly(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:count], self.buffer[count:]
        return out

    def _send(self, opcode, payload=b""):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def recv(self, timeout=10):
        """The next text message, as text."""
        self.sock.settimeout(timeout)
        message = b""
        while True:
            first, second = self._exactly(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._exactly(8))[0]
            payload = self._exactly(length)
            if opcode == 0x9:  # ping
                self._send(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("closed by the router")
            if opcode in (0x1, 0x0, 0x2):
                message += payload
                if first & 0x80:
                    return message.decode()

    def close(self):
        try:
            self._send(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()


class LiveView:
    """The live view's state as the page keeps it: objects by key, and the log."""

    def __init__(self, port, auth):
        self.ws = WebSocket(port, auth=auth)
        self.state = {}
        self.log = []
        self.messages = 0

    def apply(self, message):
        data = json.loads(message)
        if data.get("full"):
            self.state.clear()
            self.log.clear()
        changes = data.get("state") or {}
        for key in changes.get("del", []):
            self.state.pop(key, None)
        self.state.update(changes.get("set", {}))
        self.log.extend(data.get("log", []))
        self.messages += 1

    def wait(self, predicate, seconds=10):
        """Applies messages until `predicate(self)` holds; returns the time it took."""
        start = time.time()
        while not predicate(self):
            left = start + seconds - time.time()
            if left <= 0:
                raise AssertionError("the live view never showed it; it has " +
                                     json.dumps({k: v for k, v in self.state.items()
                                                 if k[0] in "pc"})[:2000])
            self.apply(self.ws.recv(timeout=left))
        return time.time() - start

    def phone(self, tag):
        return self.state.get(f"p:{tag}", {})

    def close(self):
        self.ws.close()
