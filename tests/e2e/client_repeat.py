#!/usr/bin/env python3
"""End to end: the client options the soak (bench/soak.py) runs on, against cmemu on the lab
config. A one-phone fleet on 202 with --answer-after answers every call and follows the router
back on-hook; cmemu-csta --repeat makes a call per iteration on one session; cmemu-phone --repeat
dials per iteration; --repeat 0 ends at --duration (after its iteration) or at SIGTERM without
failing; a failing iteration is counted, the next one runs, and the exit status says so."""
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
CALL = ("makecall 202; wait established 5; clear; wait connectioncleared; "
        "wait connectioncleared")
DIAL = "offhook; wait offhook; dial 202; wait ringout; wait connected 5; onhook; wait onhook"


def count(out, pattern):
    return len(re.findall(pattern, out, re.M))


def repeat_and_answer(lab):
    fleet = subprocess.Popen(
        [os.path.join(lab.build_dir, "cmemu-phone"), "--router", f"127.0.0.1:{lab.sccp_port}",
         "--fleet", "1", "--mac-base", "0000.0000.0202", "--answer-after", "300"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=lab.workdir)
    lab.phones.append(fleet)  # killed by lab.stop() when a check fails
    check(fleet.stdout.readline().startswith("registered 1/1"), "the fleet did not register")
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    lab.wait_registered(2)

    # Two click-to-dial calls in one session, both answered by the fleet phone.
    status, out = lab.finish(lab.csta(CALL, extra=("--quiet", "--repeat", "2")))
    check(status == 0, f"cmemu-csta --repeat 2 ({status}):\n{out}")
    check(count(out, r" response MakeCallResponse ") == 2 and
          count(out, r" event EstablishedEvent ") == 2 and
          count(out, r" event ConnectionClearedEvent ") == 4, f"two calls:\n{out}")
    check(out.count(" response MonitorStartResponse") == 1, f"one session:\n{out}")
    check(out.rstrip().splitlines()[-1].endswith(" repeat iterations=2 failures=0"), out)

    # --repeat 0 with --duration: iterations until the time, the last one ends first.
    started = time.time()
    status, out = lab.finish(lab.csta("sleep 300",
                                      extra=("--quiet", "--repeat", "0", "--duration", "1")))
    check(status == 0 and 1.0 <= time.time() - started < 5, f"--duration 1 ({status}):\n{out}")
    check(re.search(r" repeat iterations=[345] failures=0\n", out), out)
    # ... or until SIGTERM, which fails nothing.
    process = lab.csta("sleep 100", extra=("--quiet", "--repeat", "0"))
    time.sleep(1)
    process.send_signal(signal.SIGTERM)
    status, out = lab.finish(process)
    check(status == 0 and "terminated (SIGTERM)" in out and "session closed (BYE 200" in out
          and re.search(r" repeat iterations=\d+ failures=0\n", out), f"SIGTERM ({status}):\n{out}")
    # A failing iteration is printed and counted, the next one runs.
    status, out = lab.finish(lab.csta("wait held 0.2", extra=("--quiet", "--repeat", "2")))
    check(status == 1 and count(out, r" FAIL wait held 0.2") == 2 and
          " repeat iterations=2 failures=2" in out, f"failures ({status}):\n{out}")
    p201.stdin.close()
    status, out = lab.finish(p201)
    check(status == 0, f"phone 201 ({status}):\n{out}")

    # The phone dials twice; the fleet phone answers and is put back on-hook each time.
    p201 = lab.phone("0000.0000.0201", DIAL, extra=("--repeat", "2", "--quiet"))
    status, out = lab.finish(p201)
    check(status == 0 and count(out, r" do dial 202") == 2 and
          out.rstrip().splitlines()[-1].endswith(" repeat iterations=2 failures=0"),
          f"phone --repeat 2 ({status}):\n{out}")
    p201 = lab.phone("0000.0000.0201", "sleep 200", extra=("--repeat", "0", "--duration", "1"))
    status, out = lab.finish(p201)
    check(status == 0 and re.search(r" repeat iterations=[345] failures=0", out),
          f"phone --duration ({status}):\n{out}")
    p201 = lab.phone("0000.0000.0201", "expect lamp 1 on", extra=("--repeat", "2"))
    status, out = lab.finish(p201)
    check(status == 1 and count(out, r"^FAIL expect lamp 1 on") == 2 and
          " repeat iterations=2 failures=2" in out, f"phone failures ({status}):\n{out}")
    p201 = lab.phone("0000.0000.0201", "sleep 100", extra=("--repeat", "0"))
    time.sleep(1)
    p201.send_signal(signal.SIGTERM)
    status, out = lab.finish(p201)
    check(status == 0 and "FAIL" not in out and re.search(r" repeat iterations=\d+ failures=0",
                                                          out), f"phone SIGTERM ({status}):\n{out}")

    fleet.send_signal(signal.SIGTERM)
    status, out = lab.finish(fleet)
    check(status == 0 and "final registered=1 rejected=0 disconnected=0 answered=4" in out,
          f"fleet ({status}):\n{out}")


if __name__ == "__main__":
    sys.exit(run_lab_test("client_repeat", BUILD_DIR, repeat_and_answer))
