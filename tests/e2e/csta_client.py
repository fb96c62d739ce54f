#!/usr/bin/env python3
"""End to end: cmemu-csta (build/cmemu-csta) against cmemu on the lab config with real
cmemu-phone processes. Each case runs cmemu-csta with an action script on line 201 and checks both
sides: cmemu-csta's exit status and printed events, and the phones' exit statuses (their own
waits and expects check the SCCP call states)."""
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import csta_events as events, run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"


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
    client = lab.csta("makecall 202; wait delivered; wait established 10; clear; "
                       "wait connectioncleared")
    status, out = lab.finish(client)
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


def lines_with(out, text):
    return [line for line in out.splitlines() if text in line]


def hold_retrieve(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; wait onhook 15")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait hold; "
                     "wait connected; wait onhook 15")
    lab.wait_registered(2)
    status, out = lab.finish(lab.csta("makecall 202; wait established 10; hold; wait held; "
                                   "retrieve; wait retrieved; clear; wait connectioncleared"))
    check_run("hold/retrieve", status, out)
    for text in ("response HoldCallResponse", "event HeldEvent call=", "state=hold",
                 "response RetrieveCallResponse", "event RetrievedEvent call="):
        check(text in out, f"hold/retrieve: missing `{text}`:\n{out}")
    check_phones(lab, p201, p202)


def consult_transfer(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "sleep 500; onhook")
    lab.wait_registered(2)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait hold; "
                     "wait onhook 15")
    lab.wait_registered(3)
    status, out = lab.finish(lab.csta("makecall 202; wait established 10; consult 203; wait held; "
                                   "wait established 10; transfer; wait transfered"))
    check_run("consult/transfer", status, out)
    consult = re.search(r"response ConsultationCallResponse call=(\S+)", out)
    check(consult is not None, f"ConsultationCallResponse:\n{out}")
    check("response TransferCallResponse" in out, f"TransferCallResponse:\n{out}")
    transfered = lines_with(out, "event TransferedEvent")
    check(transfered and "to=tel:203" in transfered[0] and "cause=transfer" in transfered[0],
          f"TransferedEvent:\n{out}")
    check_phones(lab, p201, p202, p203)


def alternate_reconnect(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    lab.wait_registered(2)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait hold; "
                     "wait connected; wait hold; wait connected; wait onhook 15")
    lab.wait_registered(3)
    status, out = lab.finish(lab.csta("makecall 202; wait established 10; consult 203; "
                                   "wait established 10; alternate; wait retrieved; reconnect; "
                                   "wait connectioncleared; wait retrieved; clear; "
                                   "wait connectioncleared"))
    check_run("alternate/reconnect", status, out)
    call1 = re.search(r"response MakeCallResponse call=(\S+)", out).group(1)
    call2 = re.search(r"response ConsultationCallResponse call=(\S+)", out).group(1)
    retrieved = lines_with(out, "event RetrievedEvent")
    check(len(retrieved) == 2 and f"call={call1} " in retrieved[0] and "cause=alternate" in retrieved[0]
          and f"call={call2} " in retrieved[1], f"alternate then reconnect:\n{out}")
    for text in ("response AlternateCallResponse", "response ReconnectCallResponse",
                 f"event HeldEvent call={call2} device=tel:201 state=hold cause=alternate",
                 f"event ConnectionClearedEvent call={call1} device=tel:201"):
        check(text in out, f"alternate/reconnect: missing `{text}`:\n{out}")
    check_phones(lab, p201, p202, p203)


def single_step_transfer(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "sleep 300; onhook")
    lab.wait_registered(2)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait onhook 15")
    lab.wait_registered(3)
    status, out = lab.finish(lab.csta("makecall 202; wait established 10; sstransfer 203; "
                                   "wait transferred"))
    check_run("sstransfer", status, out)
    check("response SingleStepTransferCallResponse call=" in out, f"sstransfer:\n{out}")
    transfered = lines_with(out, "event TransferedEvent")
    check(transfered and "to=tel:203" in transfered[0] and "cause=singleStepTransfer" in transfered[0],
          f"TransferedEvent names the target as transferredToDevice:\n{out}")
    check_phones(lab, p201, p202, p203)


def deflect(lab):
    # 202 calls 201; while 201 rings, cmemu-csta deflects the call to 203, which rings.
    p201 = lab.phone("0000.0000.0201", "wait ringin 10; wait onhook 10")
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "sleep 300; onhook")
    lab.wait_registered(2)
    client = lab.csta("wait delivered 10; deflect 203; wait diverted")
    time.sleep(0.3)  # the session and its monitor are up
    p202 = lab.phone("0000.0000.0202", "offhook; dial 201; wait ringout 10; wait connected 10; "
                     "wait onhook 15")
    status, out = lab.finish(client)
    check_run("deflect", status, out)
    delivered = lines_with(out, "event DeliveredEvent")
    check(delivered and "device=tel:201 state=alerting" in delivered[0], f"Delivered:\n{out}")
    check("response DeflectCallResponse" in out, f"DeflectCallResponse:\n{out}")
    diverted = lines_with(out, "event DivertedEvent")
    check(diverted and "to=tel:203" in diverted[0] and "cause=redirected" in diverted[0],
          f"DivertedEvent:\n{out}")
    check_phones(lab, p201, p202, p203)


def digits_and_snapshot(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait onhook 15")
    lab.wait_registered(2)
    status, out = lab.finish(lab.csta("snapshot; expect response <snapshotData/>; makecall 202; "
                                   "wait established 10; digits 123#; wait digitsgenerated; "
                                   "snapshot; expect response <localConnectionState>connected; "
                                   "clear; wait connectioncleared"))
    check_run("digits/snapshot", status, out)
    check("response GenerateDigitsResponse" in out, f"GenerateDigitsResponse:\n{out}")
    check("digits=123#" in out, f"DigitsGeneratedEvent:\n{out}")
    snapshots = lines_with(out, "response SnapshotDeviceResponse")
    check(len(snapshots) == 2 and "calls=0" in snapshots[0] and "calls=1" in snapshots[1]
          and "state=connected" in snapshots[1], f"snapshots:\n{out}")
    check_phones(lab, p201, p202)


def device_features(lab):
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    lab.wait_registered(1)
    status, out = lab.finish(lab.csta("dnd on; wait donotdisturb; dnd get; "
                                   "expect response <doNotDisturbOn>true; dnd off; "
                                   "forward on 203; wait forwarding; forward get; "
                                   "expect response <forwardDN>tel:203; forward off; wait forwarding; "
                                   "mwi on; wait messagewaiting"))
    check_run("dnd/forward/mwi", status, out)
    for text in ("event DoNotDisturbEvent device=tel:201 dnd=on",
                 "response GetDoNotDisturbResponse dnd=on",
                 "event ForwardingEvent device=tel:201 forward=on type=forwardImmediate to=tel:203",
                 "response GetForwardingResponse forwardImmediate=on to=tel:203",
                 "event ForwardingEvent device=tel:201 forward=off",
                 "event MessageWaitingEvent device=tel:201 mwi=on"):
        check(text in out, f"device features: missing `{text}`:\n{out}")
    said = lab.tell(p201, "expect mwi on; expect forward off")
    check("FAIL" not in said, f"phone 201:\n{said}")
    p201.stdin.close()
    check_phones(lab, p201)


def expect_error(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait onhook 15")
    lab.wait_registered(2)
    # 201 is the caller: there is nothing to answer on it.
    status, out = lab.finish(lab.csta("makecall 202; wait established 10; answer; "
                                   "expect error noCallToAnswer; retrieve; "
                                   "expect error stateIncompatibility/noHeldCall; clear"))
    check_run("expect error", status, out)
    check("error stateIncompatibility/noCallToAnswer" in out, f"answer refused:\n{out}")
    check_phones(lab, p201, p202)
    # A failed expect ends the script with FAIL and status 1, after closing the session.
    status, out = lab.finish(lab.csta("answer; expect error noHeldCall"))
    check_run("failed expect", status, out, expected=1)
    check("FAIL expect error noHeldCall" in out and "response MonitorStopResponse" in out,
          f"failed expect:\n{out}")
    status, out = lab.finish(lab.csta("snapshot", line="299"))
    check_run("unknown line", status, out, expected=3)
    check("FAIL INVITE answered 404 Not Found" in out, f"unknown line:\n{out}")
    status, out = lab.finish(lab.csta("wait delivered 0.3"))
    check_run("failed wait", status, out, expected=1)
    check("FAIL wait delivered 0.3: no DeliveredEvent within 300 ms" in out, f"failed wait:\n{out}")


def register_id(lab):
    client = lab.csta("sleep 1500", extra=["--register-id", "app1"])
    time.sleep(0.7)
    shown = lab.show("show voice register session-server")
    check("REGISTERED" in shown.upper(), f"session-server while cmemu-csta runs:\n{shown}")
    shown_sessions = lab.show("show cti session")
    check("alice" in shown_sessions, f"show cti session:\n{shown_sessions}")
    status, out = lab.finish(client)
    check_run("register-id", status, out)
    for text in ("registered app1 expires=", "session open", "unregistered app1 (200 OK)"):
        check(text in out, f"register-id: missing `{text}`:\n{out}")
    shown = lab.show("show voice register session-server")
    check("UNREGISTERED" in shown.upper() or "REGISTERED" not in shown.upper(),
          f"session-server after cmemu-csta ended:\n{shown}")


def router_bye(lab):
    # `clear cti session` ends the session from the router: cmemu-csta answers the BYE with 200
    # and exits 2 (its script had not finished).
    client = lab.csta("wait delivered 20")
    time.sleep(0.5)
    lab.type("clear cti session id 1")
    status, out = lab.finish(client, seconds=10)
    check_run("router BYE", status, out, expected=2)
    check("session ended by the router (BYE)" in out, f"router BYE:\n{out}")
    # SIGTERM closes the session as the end of a script does (MonitorStop, BYE), status 0.
    client = lab.csta("wait delivered 20")
    time.sleep(0.5)
    client.send_signal(signal.SIGTERM)
    status, out = lab.finish(client, seconds=10)
    check_run("SIGTERM", status, out)
    for text in ("terminated (SIGTERM)", "response MonitorStopResponse", "session closed (BYE 200 OK)"):
        check(text in out, f"SIGTERM: missing `{text}`:\n{out}")
    check("Total CTI sessions: 0" in lab.show("show cti session"), "a session is left")


CASES = [click_to_dial, hold_retrieve, consult_transfer, alternate_reconnect, single_step_transfer, deflect,
         digits_and_snapshot, device_features, expect_error, register_id, router_bye]


def main():
    failed = 0
    for case in CASES:
        started = time.time()
        failed |= run_lab_test(f"csta_client.{case.__name__}", BUILD_DIR, case)
        print(f"  ({time.time() - started:.1f} s)")
    return failed


if __name__ == "__main__":
    sys.exit(main())
