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
from router_lab import (check_holds, check_run, csta_events as events,  # noqa: E402
                        run_lab_cases)

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"

ANSWERS = "wait ringin 10; press Answer; wait connected; "  # a called phone's script begins so


def check_phones(lab, *phones):
    for p in phones:
        lab.check_phone(p)


def call_phones(lab, caller, *called):
    """Starts the called phones 202 (then 203) that answer and go on with `called`, then the
    calling phone 201 with `caller`, each once the ones before it have registered; returns
    (201, 202[, 203])."""
    macs = ["0000.0000.0202", "0000.0000.0203"][:len(called)]
    phones = lab.start_phones(*((mac, ANSWERS + rest) for mac, rest in zip(macs, called)),
                              ("0000.0000.0201", caller))
    return [phones[-1], *phones[:-1]]


def run(lab, name, actions, expected=0, **options):
    """Runs cmemu-csta with `actions` to its end, checks its exit status; returns its output."""
    status, out = lab.finish(lab.csta(actions, **options))
    check_run(name, status, out, expected)
    return out


def click_to_dial(lab):
    p201, p202 = call_phones(lab, "wait offhook 10; wait ringout; wait connected; wait onhook 15",
                             "wait onhook 15")
    out = run(lab, "click-to-dial", "makecall 202; wait delivered; wait established 10; clear; "
              "wait connectioncleared")
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
    check_holds(out, "click-to-dial",
                "session open response RequestSystemStatusResponse status=normal",
                "response GetCSTAFeaturesResponse", "response MonitorStartResponse crossRef=",
                "response ClearConnectionResponse", "response MonitorStopResponse",
                "session closed (BYE 200 OK)")
    check_phones(lab, p201, p202)


def lines_with(out, text):
    return [line for line in out.splitlines() if text in line]


def check_first_event(out, event, what, *texts):
    """Checks that cmemu-csta printed `event` and that its first one holds every one of `texts`."""
    printed = lines_with(out, f"event {event}")
    check(printed and all(text in printed[0] for text in texts), f"{what}:\n{out}")


def hold_retrieve(lab):
    p201, p202 = call_phones(lab, "wait offhook 10; wait connected 10; wait hold; wait connected; "
                                  "wait onhook 15", "wait onhook 15")
    out = run(lab, "hold/retrieve", "makecall 202; wait established 10; hold; wait held; "
              "retrieve; wait retrieved; clear; wait connectioncleared")
    check_holds(out, "hold/retrieve", "response HoldCallResponse", "event HeldEvent call=",
                "state=hold", "response RetrieveCallResponse", "event RetrievedEvent call=")
    check_phones(lab, p201, p202)


def consult_transfer(lab):
    p201, p202, p203 = call_phones(lab, "wait offhook 10; wait connected 10; wait hold; "
                                        "wait onhook 15", "wait onhook 15", "sleep 500; onhook")
    out = run(lab, "consult/transfer", "makecall 202; wait established 10; consult 203; wait held; "
              "wait established 10; transfer; wait transfered")
    consult = re.search(r"response ConsultationCallResponse call=(\S+)", out)
    check(consult is not None, f"ConsultationCallResponse:\n{out}")
    check("response TransferCallResponse" in out, f"TransferCallResponse:\n{out}")
    check_first_event(out, "TransferedEvent", "TransferedEvent", "to=tel:203", "cause=transfer")
    check_phones(lab, p201, p202, p203)


def alternate_reconnect(lab):
    p201, p202, p203 = call_phones(lab, "wait offhook 10; wait connected 10; wait hold; "
                                        "wait connected; wait hold; wait connected; "
                                        "wait onhook 15", "wait onhook 15", "wait onhook 15")
    out = run(lab, "alternate/reconnect", "makecall 202; wait established 10; consult 203; "
              "wait established 10; alternate; wait retrieved; reconnect; "
              "wait connectioncleared; wait retrieved; clear; wait connectioncleared")
    call1 = re.search(r"response MakeCallResponse call=(\S+)", out).group(1)
    call2 = re.search(r"response ConsultationCallResponse call=(\S+)", out).group(1)
    retrieved = lines_with(out, "event RetrievedEvent")
    check(len(retrieved) == 2 and f"call={call1} " in retrieved[0] and "cause=alternate" in retrieved[0]
          and f"call={call2} " in retrieved[1], f"alternate then reconnect:\n{out}")
    check_holds(out, "alternate/reconnect", "response AlternateCallResponse",
                "response ReconnectCallResponse",
                f"event HeldEvent call={call2} device=tel:201 state=hold cause=alternate",
                f"event ConnectionClearedEvent call={call1} device=tel:201")
    check_phones(lab, p201, p202, p203)


def single_step_transfer(lab):
    p201, p202, p203 = call_phones(lab, "wait offhook 10; wait connected 10; wait onhook 15",
                                   "wait onhook 15", "sleep 300; onhook")
    out = run(lab, "sstransfer", "makecall 202; wait established 10; sstransfer 203; "
              "wait transferred")
    check("response SingleStepTransferCallResponse call=" in out, f"sstransfer:\n{out}")
    check_first_event(out, "TransferedEvent", "TransferedEvent names the target as "
                      "transferredToDevice", "to=tel:203", "cause=singleStepTransfer")
    check_phones(lab, p201, p202, p203)


def deflect(lab):
    # 202 calls 201; while 201 rings, cmemu-csta deflects the call to 203, which rings.
    p201, p203 = lab.start_phones(("0000.0000.0201", "wait ringin 10; wait onhook 10"),
                                  ("0000.0000.0203", ANSWERS + "sleep 300; onhook"))
    client = lab.csta("wait delivered 10; deflect 203; wait diverted")
    time.sleep(0.3)  # the session and its monitor are up
    p202 = lab.phone("0000.0000.0202", "offhook; dial 201; wait ringout 10; wait connected 10; "
                     "wait onhook 15")
    status, out = lab.finish(client)
    check_run("deflect", status, out)
    check_first_event(out, "DeliveredEvent", "Delivered", "device=tel:201 state=alerting")
    check("response DeflectCallResponse" in out, f"DeflectCallResponse:\n{out}")
    check_first_event(out, "DivertedEvent", "DivertedEvent", "to=tel:203", "cause=redirected")
    check_phones(lab, p201, p202, p203)


def digits_and_snapshot(lab):
    p201, p202 = call_phones(lab, "wait offhook 10; wait connected 10; wait onhook 15",
                             "wait onhook 15")
    out = run(lab, "digits/snapshot", "snapshot; expect response <snapshotData/>; makecall 202; "
              "wait established 10; digits 123#; wait digitsgenerated; "
              "snapshot; expect response <localConnectionState>connected; "
              "clear; wait connectioncleared")
    check("response GenerateDigitsResponse" in out, f"GenerateDigitsResponse:\n{out}")
    check("digits=123#" in out, f"DigitsGeneratedEvent:\n{out}")
    snapshots = lines_with(out, "response SnapshotDeviceResponse")
    check(len(snapshots) == 2 and "calls=0" in snapshots[0] and "calls=1" in snapshots[1]
          and "state=connected" in snapshots[1], f"snapshots:\n{out}")
    check_phones(lab, p201, p202)


def device_features(lab):
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    lab.wait_registered(1)
    out = run(lab, "dnd/forward/mwi", "dnd on; wait donotdisturb; dnd get; "
              "expect response <doNotDisturbOn>true; dnd off; "
              "forward on 203; wait forwarding; forward get; "
              "expect response <forwardDN>tel:203; forward off; wait forwarding; "
              "mwi on; wait messagewaiting")
    check_holds(out, "device features", "event DoNotDisturbEvent device=tel:201 dnd=on",
                "response GetDoNotDisturbResponse dnd=on",
                "event ForwardingEvent device=tel:201 forward=on type=forwardImmediate to=tel:203",
                "response GetForwardingResponse forwardImmediate=on to=tel:203",
                "event ForwardingEvent device=tel:201 forward=off",
                "event MessageWaitingEvent device=tel:201 mwi=on")
    said = lab.tell(p201, "expect mwi on; expect forward off")
    check("FAIL" not in said, f"phone 201:\n{said}")
    p201.stdin.close()
    check_phones(lab, p201)


def expect_error(lab):
    p201, p202 = call_phones(lab, "wait offhook 10; wait connected 10; wait onhook 15",
                             "wait onhook 15")
    # 201 is the caller: there is nothing to answer on it.
    out = run(lab, "expect error", "makecall 202; wait established 10; answer; "
              "expect error noCallToAnswer; retrieve; "
              "expect error stateIncompatibility/noHeldCall; clear")
    check("error stateIncompatibility/noCallToAnswer" in out, f"answer refused:\n{out}")
    check_phones(lab, p201, p202)
    # A failed expect ends the script with FAIL and status 1, after closing the session.
    out = run(lab, "failed expect", "answer; expect error noHeldCall", expected=1)
    check("FAIL expect error noHeldCall" in out and "response MonitorStopResponse" in out,
          f"failed expect:\n{out}")
    out = run(lab, "unknown line", "snapshot", expected=3, line="299")
    check("FAIL INVITE answered 404 Not Found" in out, f"unknown line:\n{out}")
    out = run(lab, "failed wait", "wait delivered 0.3", expected=1)
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
    check_holds(out, "register-id", "registered app1 expires=", "session open",
                "unregistered app1 (200 OK)")
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
    check_holds(out, "SIGTERM", "terminated (SIGTERM)", "response MonitorStopResponse",
                "session closed (BYE 200 OK)")
    check("Total CTI sessions: 0" in lab.show("show cti session"), "a session is left")


CASES = [click_to_dial, hold_retrieve, consult_transfer, alternate_reconnect, single_step_transfer, deflect,
         digits_and_snapshot, device_features, expect_error, register_id, router_bye]


def main():
    return run_lab_cases("csta_client", BUILD_DIR, CASES)


if __name__ == "__main__":
    sys.exit(main())
