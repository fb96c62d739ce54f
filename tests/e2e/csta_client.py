#!/usr/bin/env python3
"""End to end: cmemu-csta (build/cmemu-csta) against cmemu on the lab config with real
cmemu-phone processes. Each case runs cmemu-csta with an action script on line 201 and checks both
sides: cmemu-csta's exit status and printed events, and the phones' exit statuses (their own
waits and expects check the SCCP call states)."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"


def csta(lab, actions, extra=(), line="201"):
    """Starts cmemu-csta on `line` running `actions`; returns the Popen."""
    args = [os.path.join(lab.build_dir, "cmemu-csta"), "--router", f"127.0.0.1:{lab.sip_port}",
            "--user", "alice", "--line", line, "-e", actions, *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=lab.workdir)


def finish(process, seconds=20):
    try:
        out, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
        return None, out
    return process.returncode, out


def events(out):
    """The printed events as (name, {field: value}) in order."""
    found = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "event":
            found.append((parts[2], dict(p.split("=", 1) for p in parts[3:] if "=" in p)))
    return found


def check_run(name, status, out, expected=0):
    check(status == expected, f"{name}: cmemu-csta exited {status}, expected {expected}:\n{out}")


def check_phones(lab, *phones):
    for p in phones:
        status, out = lab.finish(p)
        check(status == 0, f"phone {p.mac} exited {status}:\n{out}")


def click_to_dial(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; wait onhook 15")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait ringout; wait connected; "
                     "wait onhook 15")
    lab.wait_registered(2)
    client = csta(lab, "makecall 202; wait delivered; wait established 10; clear; "
                       "wait connectioncleared")
    status, out = finish(client)
    check_run("click-to-dial", status, out)
    names = [n for n, _ in events(out)]
    check(names[:4] == ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent",
                        "EstablishedEvent"], f"click-to-dial events:\n{out}")
    call = re.search(r"response MakeCallResponse call=(\S+) device=tel:201", out)
    check(call is not None, f"MakeCallResponse:\n{out}")
    check(all(f.get("call") == call.group(1) for _, f in events(out)),
          f"one callID for the call:\n{out}")
    delivered = events(out)[2][1]
    check(delivered.get("device") == "tel:202" and delivered.get("cause") == "newCall",
          f"DeliveredEvent fields:\n{out}")
    for step in ("session open response RequestSystemStatusResponse status=normal",
                 "response GetCSTAFeaturesResponse", "response MonitorStartResponse crossRef=",
                 "response ClearConnectionResponse", "response MonitorStopResponse",
                 "session closed (BYE 200 OK)"):
        check(step in out, f"missing `{step}`:\n{out}")
    check_phones(lab, p201, p202)


CASES = [click_to_dial]


def main():
    failed = 0
    for case in CASES:
        started = time.time()
        failed |= run_lab_test(f"csta_client.{case.__name__}", BUILD_DIR, case)
        print(f"  ({time.time() - started:.1f} s)")
    return failed


if __name__ == "__main__":
    sys.exit(main())
