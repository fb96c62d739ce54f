#!/usr/bin/env python3
"""End to end: samples/sipp/moc_click_to_dial.xml (a MOC-style client in SIPp: lcs:line private
data, GetCSTAFeatures, MonitorStart, MakeCall doNotPrompt, Originated/Delivered/Established,
ClearConnection, MonitorStop, BYE) completes click-to-dial against the lab config, with real
phones on 201 (off-hook on the speaker, then hung up by CSTA) and 202 (answers)."""
import os
import socket
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, free_port  # noqa: E402
from router_lab import SOURCE, run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"


def moc_click_to_dial(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 15; press Answer; wait connected; wait onhook 15")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 15; wait ringout; wait connected; wait onhook 15")
    lab.wait_registered(2)
    log = os.path.join(lab.workdir, "moc.log")
    sipp = subprocess.run(
        ["sipp", "-sf", os.path.join(SOURCE, "samples", "sipp", "moc_click_to_dial.xml"), "-m", "1",
         "-s", "moc", "-key", "line", "201", "-key", "callee", "202", "-p", str(free_port(socket.SOCK_DGRAM)),
         "-i", "127.0.0.1", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_logs",
         "-log_file", log, "-trace_err", "-error_file", os.path.join(lab.workdir, "moc_errors.log"),
         f"127.0.0.1:{lab.sip_port}"],
        cwd=lab.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60)
    text = open(log).read() if os.path.exists(log) else ""
    errors = os.path.join(lab.workdir, "moc_errors.log")
    if os.path.exists(errors):
        text += open(errors).read()
    check(sipp.returncode == 0, f"the MOC scenario failed ({sipp.returncode}):\n{sipp.stderr}\n{text}")
    check("established" in text and "monitor stopped" in text, f"the scenario's log:\n{text}")
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} ({status}):\n{out}")


if __name__ == "__main__":
    sys.exit(run_lab_test("csta_moc_sipp", BUILD_DIR, moc_click_to_dial))
