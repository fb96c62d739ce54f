#!/usr/bin/env python3
"""End to end (issue 4): a whole call captured on loopback and checked with tshark.

cmemu runs on the lab config; dumpcap captures its SCCP port while two cmemu-phone processes
register (201 with protocol version 5, 202 with 11), 201 (NewCall softkey) dials 202, 202 answers, 201 holds and resumes, 201 hangs up.
tshark (decoding the port as Skinny, docs/sccp.md §12) must then show:
  (a) no SCCP packet malformed and no expert item of warning severity or above;
  (b) per phone, the CallState values the router sent in the order of docs/sccp.md §9;
  (c) only message ids that docs/sccp.md §4 lists, each in its direction; each phone's first messages
      from the router are RegisterAck then CapabilitiesReq (§3);
  (d) the label form by protocol version (§5.1): 201 gets ASCII softkey labels and the ASCII idle
      prompt, 202 the localized 0x80 N form;
  (e) every StartMediaTransmission carries precedence 184 and maxFramesPerPacket 0 (§9).
Needs dumpcap and tshark (Debian tshark, wireshark-common) and the right to capture on lo (root,
or dumpcap's capabilities); without them the test fails and says why.
"""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import RouterLab  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
MAC = {201: "0000.0000.0201", 202: "0000.0000.0202"}
DEVICE = {f"SEP{mac.replace('.', '')}": number for number, mac in MAC.items()}

# CallState values (docs/sccp.md §5).
OFF_HOOK, ON_HOOK, RING_OUT, RING_IN, CONNECTED, HOLD = 1, 2, 3, 4, 5, 8
# What the router sends each phone in this call (docs/sccp.md §9):
#  caller: NewCall -> OffHook; number matched -> RingOut; far end answers -> Connected;
#          Hold -> Hold; Resume -> Connected; its OnHook -> OnHook.
#  called: ring -> RingIn; Answer -> OffHook then Connected; the far end's hold and resume
#          send it media messages only (no CallState); far end hangs up -> OnHook.
EXPECTED_STATES = {
    201: [OFF_HOOK, RING_OUT, CONNECTED, HOLD, CONNECTED, ON_HOOK],
    202: [RING_IN, OFF_HOOK, CONNECTED, ON_HOOK],
}

# docs/sccp.md §4: message ids by direction ("both" request/response pairs split by their direction).
PHONE_TO_ROUTER = {
    0x0000, 0x0001, 0x0027, 0x0002, 0x0020, 0x0010, 0x000E, 0x0028, 0x0025, 0x000B, 0x000A,
    0x0009, 0x000C, 0x000D, 0x002D, 0x002B, 0x0034, 0x0033, 0x000F,  # 4.1
    0x0006, 0x0007, 0x0008, 0x0024, 0x0003, 0x0004, 0x0005, 0x0026, 0x0022, 0x0154, 0x0023,  # 4.2
}
ROUTER_TO_PHONE = {
    0x0100, 0x0081, 0x009D, 0x0118, 0x009F, 0x009B, 0x0097, 0x0108, 0x0109, 0x0092, 0x0091,
    0x0090, 0x0093, 0x0094, 0x011F, 0x012F, 0x0098,  # 4.1
    0x0082, 0x0083, 0x0085, 0x0086, 0x0088, 0x0089, 0x0111, 0x008F, 0x011D, 0x0112, 0x0113,
    0x0114, 0x0115, 0x0120, 0x0121, 0x0110, 0x0116, 0x0117, 0x0119, 0x0105, 0x0106, 0x008A,
    0x008B,  # 4.3
}
REGISTER_ACK, CAPABILITIES_REQ, CALL_STATE, REGISTER_REQ = 0x0081, 0x009B, 0x0111, 0x0001
SOFT_KEY_TEMPLATE_RES, DISPLAY_PROMPT_STATUS, START_MEDIA = 0x0108, 0x0112, 0x008A
# (d): the Hold key's label (template slot 3) and the first prompt, by phone (docs/sccp.md §5.1).
EXPECTED_LABELS = {
    201: (b"Hold", b"Your current options"),
    202: (b"\x80\x03", b"\x80\x13"),
}

SCRIPTS = {
    202: "wait ringin; press Answer; wait connected; wait onhook 10",
    201: "press NewCall; dial 202; wait ringout; wait connected; sleep 200; press Hold; "
         "wait hold; sleep 200; press Resume; wait connected; sleep 200; onhook; wait onhook",
}


def tool(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/bin")
    check(path is not None, f"{name} is not installed (Debian package "
          f"{'wireshark-common' if name == 'dumpcap' else 'tshark'}; ./dev.sh test installs it)")
    return path


def start_capture(port, pcap):
    """Starts dumpcap on lo for `port` and waits until it captures: it has said "Capturing on"
    (which it also prints just before failing for lack of permission) and has written the
    capture file's header, which it does only once the interface is open."""
    errors = open(pcap + ".stderr", "w+")
    process = subprocess.Popen([tool("dumpcap"), "-q", "-i", "lo", "-f", f"tcp port {port}",
                                "-w", pcap], stdout=subprocess.DEVNULL, stderr=errors)
    deadline = time.time() + 10
    while time.time() < deadline and process.poll() is None:
        errors.seek(0)
        if ("Capturing on" in errors.read() and os.path.exists(pcap)
                and os.path.getsize(pcap) > 0):
            time.sleep(0.1)
            if process.poll() is None:
                return process, errors
        time.sleep(0.02)
    if process.poll() is None:
        process.kill()
        process.wait()
    errors.seek(0)
    raise AssertionError(f"dumpcap cannot capture on lo (exit {process.returncode}; run the test "
                         f"as root or give dumpcap cap_net_raw,cap_net_admin):\n{errors.read()}")


def stop_capture(process, errors):
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError("dumpcap did not stop on SIGINT")
    errors.seek(0)
    text = errors.read()
    errors.close()
    check(process.returncode == 0, f"dumpcap exited {process.returncode}:\n{text}")


def tshark(pcap, port, *args):
    proc = subprocess.run([tool("tshark"), "-r", pcap, "-d", f"tcp.port=={port},skinny", *args],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    # As root tshark warns about running as root on stderr; anything else is a failure.
    check(proc.returncode == 0, f"tshark {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def field(element, name):
    """The `show` value of the first field `name` under `element` (PDML), or None."""
    for f in element.iter("field"):
        if f.get("name") == name:
            return f.get("show")
    return None


def number(text):
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def skinny_pdus(pcap, port):
    """Every decoded Skinny PDU in capture order: (stream, to_phone, message id, fields) where
    fields maps a field name to its `show` values inside that PDU."""
    root = ET.fromstring(tshark(pcap, port, "-Y", "skinny", "-T", "pdml"))
    pdus = []
    for packet in root.iter("packet"):
        tcp = next(p for p in packet.iter("proto") if p.get("name") == "tcp")
        stream = int(field(tcp, "tcp.stream"))
        to_phone = int(field(tcp, "tcp.srcport")) == port
        for proto in packet.findall("proto"):
            if proto.get("name") != "skinny":
                continue
            fields = {}
            for f in proto.iter("field"):
                fields.setdefault(f.get("name"), []).append(f.get("show"))
            check("skinny.messageId" in fields, f"a Skinny PDU without messageId in frame "
                  f"{field(packet, 'frame.number')}")
            pdus.append((stream, to_phone, number(fields["skinny.messageId"][0]), fields))
    return pdus


def framed_messages(pcap, port):
    """(message id, body) per (stream, to_phone) framed from the raw TCP payloads by the length
    field (docs/sccp.md §1), independently of the Skinny dissector."""
    data, next_seq = {}, {}
    out = tshark(pcap, port, "-Y", "tcp.len > 0", "-T", "fields", "-e", "tcp.stream",
                 "-e", "tcp.srcport", "-e", "tcp.seq", "-e", "tcp.payload")
    for line in out.splitlines():
        stream, src, seq, payload = line.split("\t")
        key = (int(stream), int(src) == port)
        payload = bytes.fromhex(payload.replace(":", ""))
        # A TCP retransmission (loopback under load has them) repeats bytes already counted.
        skip = max(0, next_seq.get(key, int(seq)) - int(seq))
        data[key] = data.get(key, b"") + payload[skip:]
        next_seq[key] = max(next_seq.get(key, 0), int(seq) + len(payload))
    ids = {}
    for key, raw in data.items():
        offset, found = 0, []
        while offset + 8 <= len(raw):
            length, _, mid = struct.unpack_from("<III", raw + b"\0" * 4, offset)
            found.append((mid, raw[offset + 12:offset + 8 + length]))
            offset += 8 + length
        check(offset == len(raw), f"TCP stream {key[0]} ends inside a message "
              f"({len(raw) - offset} bytes left)")
        ids[key] = found
    return ids


def run_call(lab):
    p202 = lab.phone(MAC[202], SCRIPTS[202])
    lab.wait_registered(1)
    p201 = lab.phone(MAC[201], SCRIPTS[201], extra=("--protocol-version", "5"))
    failures = []
    for num, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        if status != 0:
            failures.append(f"phone {num} exited {status}:\n{out}")
    check(not failures, "the call itself failed:\n" + "\n".join(failures))


def analyse(pcap, port):
    # (a) no malformed packet, no expert warning (or error) on any Skinny packet.
    bad = tshark(pcap, port, "-Y", "skinny && (_ws.malformed || _ws.expert.severity >= warning)",
                 "-O", "skinny")
    check(bad.strip() == "", f"tshark flags SCCP packets:\n{bad[:8000]}")

    pdus = skinny_pdus(pcap, port)
    check(pdus, "tshark decoded no Skinny PDU in the capture")

    # Every message on the wire is one decoded Skinny PDU, in the same order.
    decoded = {}
    for stream, to_phone, mid, _ in pdus:
        decoded.setdefault((stream, to_phone), []).append(mid)
    framed = framed_messages(pcap, port)
    framed_ids = {key: [mid for mid, _ in found] for key, found in framed.items()}
    for key in sorted(set(framed_ids) | set(decoded)):
        check(framed_ids.get(key) == decoded.get(key),
              f"TCP stream {key[0]} {'router->phone' if key[1] else 'phone->router'}: messages "
              f"on the wire {[hex(m) for m in framed_ids.get(key, [])]} but tshark decoded "
              f"{[hex(m) for m in decoded.get(key, [])]}")

    # Which TCP stream is which phone: the DeviceName of the RegisterReq on it.
    phone_of = {}
    for stream, to_phone, mid, fields in pdus:
        if not to_phone and mid == REGISTER_REQ:
            name = fields.get("skinny.DeviceName", [""])[0].upper()
            check(name in DEVICE, f"unexpected RegisterReq from {name!r}")
            phone_of[stream] = DEVICE[name]
    check(sorted(phone_of.values()) == [201, 202],
          f"expected one registration per phone, saw {phone_of}")

    # (c) only message ids of docs/sccp.md §4, each in its own direction.
    unknown = sorted({(to_phone, mid) for _, to_phone, mid, _ in pdus
                      if mid not in (ROUTER_TO_PHONE if to_phone else PHONE_TO_ROUTER)})
    check(not unknown, "message ids docs/sccp.md does not list for that direction: " + ", ".join(
        f"0x{mid:04X} {'router->phone' if to_phone else 'phone->router'}"
        for to_phone, mid in unknown))

    # (b) call states per phone, and the start of registration.
    states = {201: [], 202: []}
    first = {201: [], 202: []}
    for stream, to_phone, mid, fields in pdus:
        if not to_phone:
            continue
        check(stream in phone_of, f"router messages on TCP stream {stream} with no RegisterReq")
        num = phone_of[stream]
        first[num].append(mid)
        if mid == CALL_STATE:
            values = fields.get("skinny.callState")
            check(values, "a CallState PDU without skinny.callState")
            states[num].append(number(values[0]))
    for num in (201, 202):
        check(first[num][:2] == [REGISTER_ACK, CAPABILITIES_REQ],
              f"phone {num}: the router's first messages are "
              f"{[hex(m) for m in first[num][:2]]}, not RegisterAck, CapabilitiesReq")
        check(states[num] == EXPECTED_STATES[num],
              f"phone {num}: call states {states[num]}, expected {EXPECTED_STATES[num]}")

    # (d) label form: the template's third label (16 + 4 bytes per slot after 12) and first prompt.
    for stream, num in phone_of.items():
        bodies = framed.get((stream, True), [])
        template = next((body for mid, body in bodies if mid == SOFT_KEY_TEMPLATE_RES), b"")
        prompt = next((body for mid, body in bodies if mid == DISPLAY_PROMPT_STATUS), b"")
        hold_label = template[12 + 2 * 20:12 + 2 * 20 + 16].split(b"\0")[0]
        first_prompt = prompt[4:36].split(b"\0")[0]
        check((hold_label, first_prompt) == EXPECTED_LABELS[num],
              f"phone {num}: Hold label {hold_label!r} and prompt {first_prompt!r}, expected "
              f"{EXPECTED_LABELS[num]}")

    # (e) the media start as CUCM 4.1 sent it.
    starts = [fields for _, to_phone, mid, fields in pdus if to_phone and mid == START_MEDIA]
    check(starts, "no StartMediaTransmission in the capture")
    for fields in starts:
        got = (fields.get("skinny.precedenceValue"), fields.get("skinny.maxFramesPerPacket"))
        check(got == (["184"], ["0"]), f"StartMediaTransmission precedence and maxFrames {got}")
    return len(pdus)


def main():
    for name in ("dumpcap", "tshark"):
        try:
            tool(name)
        except AssertionError as error:
            print(f"sccp_capture: FAIL: {error}", file=sys.stderr)
            return 1
    scratch = tempfile.mkdtemp(prefix="cmemu-capture-")
    pcap = os.path.join(scratch, "call.pcapng")
    lab = RouterLab(BUILD_DIR)
    capture = None
    try:
        capture = start_capture(lab.sccp_port, pcap)
        run_call(lab)
        time.sleep(0.3)  # the last segments and FINs
        stop_capture(*capture)
        capture = None
        count = analyse(pcap, lab.sccp_port)
    except (AssertionError, OSError, subprocess.SubprocessError, ET.ParseError) as error:
        if capture:
            capture[0].kill()
            capture[0].wait()
        print(f"sccp_capture: FAIL: {error}\n(capture kept in {pcap})\n--- router log ---\n"
              f"{lab.router_log()}", file=sys.stderr)
        lab.stop()
        return 1
    problem = lab.stop()
    if problem:
        print(f"sccp_capture: FAIL: {problem}", file=sys.stderr)
        return 1
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"sccp_capture: ok ({count} Skinny PDUs decoded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
