#!/usr/bin/env python3
"""End to end: 2,000 phones (cmemu-phone --fleet 2000) register with the router, then the two
registration rules hold at that size (docs/sccp.md §3): a phone that registers again as an
ephone that is already registered replaces it, and `max-ephones` refuses the one too many.
No timing is asserted: how fast they register is the SCCP benchmark's business (bench/)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, mac_text  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
COUNT = 2000
BASE = 0x000020000000


# COUNT + 2 ephones, room for COUNT + 1 registrations.
EXTRA = f"telephony-service\n max-ephones {COUNT + 1}\n max-dn {COUNT + 10}\n!\n" + "".join(
    f"ephone-dn {1000 + i}\n number {50000 + i}\n!\n" for i in range(COUNT + 2)) + "".join(
    f"ephone {1000 + i}\n mac-address {mac_text(BASE + i)}\n type 7961\n button 1:{1000 + i}\n!\n"
    for i in range(COUNT + 2))


def registered_count(lab):
    return int(re.search(r"Registered (\d+)", lab.show("show ephone summary")).group(1))


def body(lab):
    fleet = subprocess.Popen([os.path.join(lab.build_dir, "cmemu-phone"), "--router",
                              f"127.0.0.1:{lab.sccp_port}", "--fleet", str(COUNT), "--mac-base",
                              mac_text(BASE), "--quiet"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, cwd=lab.workdir)
    fleet.mac = "the fleet"
    lab.phones.append(fleet)  # stopped with the lab
    first = lab.wait_output(fleet, "registered", seconds=100)
    check(f"registered {COUNT}/{COUNT} in" in first, f"the fleet: {first!r}")
    lab.wait_registered(COUNT)

    # One more fits under max-ephones ...
    last = lab.phone(mac_text(BASE + COUNT), "expect registered", stay=True)
    out = lab.wait_output(last, "registered SEP", seconds=20)
    check("FAIL" not in out, out)
    lab.wait_registered(COUNT + 1)
    # ... and the next one is refused.
    refused = lab.phone(mac_text(BASE + COUNT + 1), "expect registered")
    status, out = lab.finish(refused)
    check(status != 0 and 'registration rejected: "Too many ephones"' in out, out)
    # The first fleet phone's MAC registering again replaces the fleet's phone: no refusal at the
    # limit, and the count stays.
    again = lab.phone(mac_text(BASE), "expect registered", stay=True)
    out = lab.wait_output(again, "registered SEP", seconds=20)
    check("FAIL" not in out, out)
    check(registered_count(lab) == COUNT + 1, lab.show("show ephone summary"))
    log = lab.router_log()
    check(f"ephone-1000:SEP{mac_text(BASE).replace('.', '')}" in log and "registered again" in log,
          "the replaced registration is logged")


if __name__ == "__main__":
    sys.exit(run_lab_test("sccp_fleet", BUILD_DIR, body, EXTRA))
