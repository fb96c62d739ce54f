"""A small CSTA-over-SIP client for end-to-end tests (UDP, one session): opens the session,
sends requests in INFOs and waits for their answers, and answers the router's event INFOs with
200 while keeping the events in arrival order (not run by CTest itself)."""
import random
import re
import socket
import time

ED3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"


def root_element(body):
    if body == "BYE":  # the router ended the session
        return body
    match = re.search(r"<([A-Za-z][\w:]*)[\s/>]", body.split("?>", 1)[-1])
    return match.group(1).split(":")[-1] if match else ""


def dialog_request(method, port, local, line, user, tag, to_tag, call_id, cseq, branch, body="",
                   extra=""):
    """The text of a SIP request in a CSTA dialog with the router on `port`: from `user` (tag
    `tag`) at loopback port `local` to `line`, with `extra` header lines and a CSTA `body`."""
    to = f"<sip:{line}@127.0.0.1:{port}>" + (f";tag={to_tag}" if to_tag else "")
    content = "Content-Type: application/csta+xml\r\n" if body else ""
    return (f"{method} sip:{line}@127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch={branch}\r\n"
            f"From: <sip:{user}@127.0.0.1:{local}>;tag={tag}\r\nTo: {to}\r\n"
            f"Call-ID: {call_id}\r\nCSeq: {cseq} {method}\r\n"
            f"Contact: <sip:{user}@127.0.0.1:{local}>\r\nMax-Forwards: 70\r\n{extra}"
            f"{content}Content-Length: {len(body.encode())}\r\n\r\n{body}")


class CstaClient:
    def __init__(self, router_port, line, user="alice"):
        self.port = router_port
        self.line = line
        self.user = user
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.local = self.sock.getsockname()[1]
        self.call_id = f"csta{random.random()}@127.0.0.1"
        self.tag = f"c{random.randint(1, 10**9)}"
        self.to_tag = ""
        self.cseq = 0
        self.branch = 0
        self.events = []     # event bodies, in arrival order
        self.consumed = 0    # events already returned by wait_event
        self.answers = {}    # CSeq -> (status, body)
        self.router_cseqs = set()
        self.last_to_tag = ""

    def _send(self, method, body="", cseq=None):
        self.branch += 1
        if cseq is None:
            self.cseq += 1
            cseq = self.cseq
        text = dialog_request(method, self.port, self.local, self.line, self.user, self.tag,
                              self.to_tag, self.call_id, cseq, f"z9hG4bKc{self.branch}", body)
        self.sock.sendto(text.encode(), ("127.0.0.1", self.port))
        return cseq

    def _pump(self, deadline):
        """Reads one message before `deadline`; answers and keeps event INFOs."""
        self.sock.settimeout(max(0.01, deadline - time.time()))
        try:
            data = self.sock.recv(65535).decode(errors="replace")
        except socket.timeout:
            return
        head, _, body = data.partition("\r\n\r\n")
        lines = head.split("\r\n")
        headers = [l for l in lines[1:] if l.split(":")[0].lower() in ("via", "from", "to", "call-id", "cseq")]
        cseq = int(next(l for l in lines if l.lower().startswith("cseq:")).split()[1])
        if lines[0].startswith("SIP/2.0"):
            to = next((l for l in lines if l.lower().startswith("to:")), "")
            if "tag=" in to:
                self.last_to_tag = to.split("tag=")[1].split(";")[0].strip()
            self.answers[cseq] = (int(lines[0].split()[1]), body)
            return
        # A request of the router's: an event INFO or a BYE; both get 200.
        reply = "SIP/2.0 200 OK\r\n" + "\r\n".join(headers) + "\r\nContent-Length: 0\r\n\r\n"
        self.sock.sendto(reply.encode(), ("127.0.0.1", self.port))
        if lines[0].startswith("INFO") and cseq not in self.router_cseqs:  # not a retransmission
            self.router_cseqs.add(cseq)
            self.events.append(body)
        elif lines[0].startswith("BYE"):
            self.events.append("BYE")

    def _answer(self, cseq, seconds=5):
        deadline = time.time() + seconds
        while cseq not in self.answers and time.time() < deadline:
            self._pump(deadline)
        if cseq not in self.answers:
            raise AssertionError(f"no answer to CSeq {cseq}")
        return self.answers.pop(cseq)

    def open(self, status_request=None):
        body = status_request or f'<?xml version="1.0"?><RequestSystemStatus xmlns="{ED3}"/>'
        cseq = self._send("INVITE", body)
        status, answer = self._answer(cseq)
        if status != 200:
            raise AssertionError(f"INVITE refused with {status}")
        self.to_tag = self.last_to_tag
        self._send("ACK", cseq=cseq)
        return answer

    def request(self, xml):
        """Sends one CSTA request (without the XML declaration); returns the answer's body."""
        cseq = self._send("INFO", f'<?xml version="1.0"?>{xml}')
        status, body = self._answer(cseq)
        if status != 200:
            raise AssertionError(f"INFO answered {status}")
        return body

    def wait_event(self, name, seconds=5):
        """The next unread event; it must be a `name` (the events' order is checked)."""
        deadline = time.time() + seconds
        while self.consumed >= len(self.events) and time.time() < deadline:
            self._pump(deadline)
        if self.consumed >= len(self.events):
            raise AssertionError(f"no {name} within {seconds} s; events so far: "
                                 + ", ".join(root_element(e) for e in self.events))
        event = self.events[self.consumed]
        self.consumed += 1
        if root_element(event) != name:
            raise AssertionError(f"expected {name}, got {root_element(event)}: {event}")
        return event

    def close(self):
        cseq = self._send("BYE")
        self._answer(cseq)
        self.sock.close()
