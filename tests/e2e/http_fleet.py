#!/usr/bin/env python3
"""End to end: 1,000 phones (cmemu-phone --fleet 1000) register at once while a client watches the
live view (docs/xml-api.md §5); the view reaches one consistent picture — every phone registered,
as `show ephone summary` counts — with at most 10 pushes a second."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, mac_text  # noqa: E402
from router_lab import run_lab_test  # noqa: E402
from web_client import LiveView, basic  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
COUNT = 1000
BASE = 0x000010000000


EXTRA = "telephony-service\n max-ephones 1100\n max-dn 1100\n!\n" + "".join(
    f"ephone-dn  {100 + i}\n number {5000 + i}\n!\n" for i in range(COUNT)) + "".join(
    f"ephone  {100 + i}\n mac-address {mac_text(BASE + i)}\n type 7961\n button  1:{100 + i}\n!\n"
    for i in range(COUNT))


def registered(view):
    return sum(1 for key, value in view.state.items() if key[0] == "p" and value["registered"])


def body(lab):
    view = LiveView(lab.http_port, basic("cisco", "cisco"))
    view.wait(lambda v: "g:router" in v.state)
    start, messages = time.time(), view.messages
    fleet = subprocess.Popen([os.path.join(lab.build_dir, "cmemu-phone"), "--router",
                              f"127.0.0.1:{lab.sccp_port}", "--fleet", str(COUNT), "--mac-base",
                              mac_text(BASE)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                             cwd=lab.workdir)
    fleet.mac = "the fleet"
    lab.phones.append(fleet)  # stopped with the lab
    took = view.wait(lambda v: registered(v) == COUNT, seconds=90)
    pushes = view.messages - messages
    elapsed = time.time() - start
    print(f"{COUNT} phones on the page after {took:.1f} s in {pushes} pushes")
    check(pushes <= 10 * elapsed + 2, f"{pushes} pushes in {elapsed:.1f} s")
    check(view.state["g:router"]["registered"] == COUNT, "the header counts them all")
    summary = lab.show("show ephone summary")
    check(int(re.search(r"Registered (\d+)", summary).group(1)) == COUNT, summary)
    for i in range(COUNT):
        phone = view.phone(100 + i)
        check(phone.get("registered") and phone["buttons"][0]["number"] == str(5000 + i),
              f"ephone {100 + i}: {phone}")
    # A second viewer's first snapshot is the same picture.
    other = LiveView(lab.http_port, basic("cisco", "cisco"))
    other.wait(lambda v: registered(v) == COUNT, seconds=10)
    other.close()
    view.close()


sys.exit(run_lab_test("http_fleet", BUILD_DIR, body, EXTRA))
