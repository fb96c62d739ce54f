#!/usr/bin/env python3
"""End to end: CSTA services and events that tests/e2e/csta_client.py leaves out, each with cmemu
on the lab config, real cmemu-phone processes and cmemu-csta, checking both sides: the events and
answers cmemu-csta prints, and the SCCP messages the phones get (their own waits and expects, and
the messages they print). AnswerCall on a ringing phone, FailedEvent (busy, unknown number, DND),
call forward all seen on the phone, GenerateDigits at the far party, DND and CFwdAll from the
phone's own keys, `no cti watch` during a call, and MakeCall prompt."""
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check  # noqa: E402
from router_lab import check_run, csta_events as events, run_lab_cases  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"


class Csta:
    """A running cmemu-csta on `line`; what was read while waiting for a marker is kept in `seen`."""

    def __init__(self, lab, actions, line="201"):
        self.lab = lab
        self.line = line
        self.seen = ""
        self.process = lab.csta(actions, line=line)

    def until(self, marker, seconds=10):
        """Reads output up to a line holding `marker`; returns that line."""
        text = self.lab.wait_output(self.process, marker, seconds)
        self.seen += text
        check(marker in text, f"cmemu-csta on {self.line}: no `{marker}`:\n{self.seen}")
        return next(line for line in text.splitlines() if marker in line)

    def finish(self, seconds=20):
        """Waits for the end; returns (exit status, everything it printed)."""
        status, out = self.lab.finish(self.process, seconds)
        return status, self.seen + out


def run(lab, actions, line="201"):
    return Csta(lab, actions, line).finish()


def names(out):
    return [name for name, _ in events(out)]


def in_order(out, *texts):
    """Whether the lines of `out` hold `texts` in this order (each on a later line)."""
    lines = out.splitlines()
    at = 0
    for text in texts:
        while at < len(lines) and text not in lines[at]:
            at += 1
        if at == len(lines):
            return False
        at += 1
    return True


def tell(lab, phone, actions):
    said = lab.tell(phone, actions)
    check("FAIL" not in said, f"phone {phone.mac} on `{actions}`:\n{said}")
    return said


def answer_ringing_phone(lab):
    # 202 calls 201 from its keypad; cmemu-csta on 201 answers: 201 goes off-hook on the speaker
    # (docs/sccp.md §9, CSTA AnswerCall as the softkey) and the speaker goes off when the call clears.
    # (The sleep keeps 201 reading: SetSpeakerMode Off comes after CallState OnHook.)
    p201 = lab.phone("0000.0000.0201", "wait ringin 10; wait connected 10; wait onhook 15; "
                     "sleep 300")
    lab.wait_registered(1)
    client = Csta(lab, "wait delivered 10; answer; wait established 10; clear; "
                       "wait connectioncleared")
    client.until("response MonitorStartResponse")
    p202 = lab.phone("0000.0000.0202", "offhook; dial 201; wait ringout 10; wait connected 10; "
                     "wait onhook 15")
    status, out = client.finish()
    check_run("answer", status, out)
    check(names(out)[:4] == ["DeliveredEvent", "EstablishedEvent", "ConnectionClearedEvent",
                             "ConnectionClearedEvent"], f"answer: events:\n{out}")
    delivered, established = events(out)[0][1], events(out)[1][1]
    check(delivered.get("device") == "tel:201" and delivered.get("state") == "alerting"
          and delivered.get("cause") == "newCall", f"answer: DeliveredEvent:\n{out}")
    check(established.get("device") == "tel:201" and established.get("state") == "connected"
          and established.get("call") == delivered.get("call"), f"answer: EstablishedEvent:\n{out}")
    check("response AnswerCallResponse" in out, f"answer: AnswerCallResponse:\n{out}")
    seen_201 = lab.check_phone(p201)
    check(in_order(seen_201, "rx CallState state=RingIn", "rx SetSpeakerMode mode=On",
                   "rx CallState state=Connected", "rx CallState state=OnHook",
                   "rx SetSpeakerMode mode=Off"), f"phone 201 answered by CSTA:\n{seen_201}")
    seen_202 = lab.check_phone(p202)
    check("SetSpeakerMode" not in seen_202, f"phone 202 used its handset:\n{seen_202}")


def failed_calls(lab):
    # MakeCall from 201 to a busy 202, to a number that names no DN, then to 202 in DND: the
    # monitor gets FailedEvent (docs/csta.md §9 causes), the phone the busy or reorder tone; its user
    # hangs up, which clears the call.
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 30")
    p202 = lab.phone("0000.0000.0202", "expect registered", stay=True)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait busy 10; expect tone busy; onhook; "
                     "wait onhook; wait offhook 10; expect tone reorder; onhook; wait onhook; "
                     "wait offhook 10; wait busy 10; expect tone busy; onhook; wait onhook")
    lab.wait_registered(3)
    said = tell(lab, p202, "offhook; dial 203; wait connected 10")
    cases = (("202", "busy"), ("999", "destNotObtainable"), ("202", "doNotDisturb"))
    for number, cause in cases:
        if cause == "doNotDisturb":
            said += tell(lab, p202, "onhook; wait onhook; press DND; expect display Do Not Disturb")
        status, out = run(lab, f"makecall {number}; wait failed 10; wait connectioncleared 10")
        check_run(f"MakeCall {number} ({cause})", status, out)
        check("response MakeCallResponse call=" in out, f"MakeCall {number}:\n{out}")
        failed = [fields for name, fields in events(out) if name == "FailedEvent"]
        check(len(failed) == 1 and failed[0].get("cause") == cause
              and failed[0].get("device") == f"tel:{number}" and failed[0].get("state") == "fail",
              f"FailedEvent for {number}, cause {cause}:\n{out}")
        check(names(out)[-1] == "ConnectionClearedEvent", f"MakeCall {number}: cleared:\n{out}")
    seen_201 = lab.check_phone(p201)
    check(in_order(seen_201, "tone=LineBusyTone", "tone=ReorderTone", "tone=LineBusyTone"),
          f"phone 201's tones:\n{seen_201}")
    p202.stdin.close()
    lab.check_phone(p202, said)
    lab.check_phone(p203)


def forward_all(lab):
    # `forward on 203` on 201: the phone shows it (ForwardStatRes); a call to 201 rings 203 and
    # 201's monitor gets Diverted then Delivered (at 203), 203's monitor Delivered; `forward off`
    # clears it on the phone.
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    p203 = lab.phone("0000.0000.0203", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 20")
    lab.wait_registered(2)
    at_203 = Csta(lab, "wait delivered 15; wait established 10; wait connectioncleared 10",
                  line="203")
    client = Csta(lab, "forward on 203; wait forwarding; forward get; wait diverted 15; "
                       "wait delivered; wait connectioncleared 15; forward off; wait forwarding; "
                       "forward get")
    got = client.until("response GetForwardingResponse")
    check("forwardImmediate=on to=tel:203" in got, f"forward get:\n{client.seen}")
    said = tell(lab, p201, "expect forward 203; expect display Forwarded to 203")
    at_203.until("response MonitorStartResponse")
    p202 = lab.phone("0000.0000.0202", "offhook; dial 201; wait ringout 10; wait connected 10; "
                     "sleep 300; onhook")
    got = client.until("response GetForwardingResponse", 20)
    check("forwardImmediate=off" in got, f"forward get after forward off:\n{client.seen}")
    said += tell(lab, p201, "expect forward off")
    status, out = client.finish()
    check_run("forward", status, out)
    check("event ForwardingEvent device=tel:201 forward=on type=forwardImmediate to=tel:203" in out
          and "event ForwardingEvent device=tel:201 forward=off" in out, f"ForwardingEvents:\n{out}")
    diverted = [f for name, f in events(out) if name == "DivertedEvent"]
    check(len(diverted) == 1 and diverted[0].get("to") == "tel:203"
          and diverted[0].get("device") == "tel:201"
          and diverted[0].get("cause") == "callForwardImmediate", f"DivertedEvent:\n{out}")
    delivered = [f for name, f in events(out) if name == "DeliveredEvent"]
    check(len(delivered) == 1 and delivered[0].get("device") == "tel:203"
          and delivered[0].get("cause") == "callForwardImmediate"
          and delivered[0].get("call") == diverted[0].get("call"), f"DeliveredEvent at 203:\n{out}")
    status, out_203 = at_203.finish()
    check_run("monitor on 203", status, out_203)
    check(names(out_203)[:2] == ["DeliveredEvent", "EstablishedEvent"]
          and events(out_203)[0][1].get("cause") == "callForwardImmediate",
          f"203's monitor:\n{out_203}")
    seen_203 = lab.check_phone(p203)
    check(re.search(r"rx CallInfo .*type=Forward.*origCalled=\"?201", seen_203),
          f"phone 203: CallInfo of a forwarded call:\n{seen_203}")
    lab.check_phone(p202)
    p201.stdin.close()
    seen_201 = lab.check_phone(p201, said)
    check("state=RingIn" not in seen_201, f"the forwarded phone 201 rang:\n{seen_201}")


def digits_at_far_party(lab):
    # GenerateDigits on 201's connection: 201's phone gets each digit as StartTone direction
    # Network (docs/sccp.md §9: played towards the far end; cmemu relays no RTP, so the far phone 202
    # gets no SCCP message for them). The far party's monitor gets DigitsGeneratedEvent too.
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait onhook 15")
    lab.wait_registered(2)
    far = Csta(lab, "wait established 15; wait digitsgenerated 10; wait connectioncleared 10",
               line="202")
    far.until("response MonitorStartResponse")
    status, out = run(lab, "makecall 202; wait established 10; digits 12#; wait digitsgenerated; "
                           "clear; wait connectioncleared")
    check_run("digits", status, out)
    call = re.search(r"response MakeCallResponse call=(\S+)", out).group(1)
    check(f"event DigitsGeneratedEvent call={call} device=tel:201 digits=12#" in out,
          f"DigitsGeneratedEvent on 201:\n{out}")
    status, far_out = far.finish()
    check_run("monitor on 202", status, far_out)
    check(f"event DigitsGeneratedEvent call={call} device=tel:201 digits=12#" in far_out,
          f"DigitsGeneratedEvent on the far party's monitor:\n{far_out}")
    seen_201 = lab.check_phone(p201)
    check(in_order(seen_201, "rx StartTone tone=Dtmf1 direction=1", "rx StopTone",
                   "rx StartTone tone=Dtmf2 direction=1", "rx StopTone",
                   "rx StartTone tone=DtmfPound direction=1", "rx StopTone"),
          f"phone 201's DTMF:\n{seen_201}")
    seen_202 = lab.check_phone(p202)
    check("tone=Dtmf" not in seen_202, f"the far phone got DTMF tones:\n{seen_202}")


def phone_keys_dnd_forward(lab):
    # DND and CFwdAll from 201's own keys are the call-model operations of Set(DoNotDisturb|
    # Forwarding): the monitor gets the events and Get... reports what the key set.
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    lab.wait_registered(1)
    client = Csta(lab, "wait donotdisturb 10; dnd get; wait forwarding 10; forward get; "
                       "wait forwarding 10; forward get; wait donotdisturb 10; dnd get")
    client.until("response MonitorStartResponse")
    said = tell(lab, p201, "press DND; expect display Do Not Disturb")
    check("dnd=on" in client.until("response GetDoNotDisturbResponse"), f"DND key:\n{client.seen}")
    said += tell(lab, p201, "press CFwdAll; dial 203; expect forward 203")
    got = client.until("response GetForwardingResponse")
    check("forwardImmediate=on to=tel:203" in got, f"CFwdAll key:\n{client.seen}")
    said += tell(lab, p201, "press CFwdAll; expect forward off")
    check("forwardImmediate=off" in client.until("response GetForwardingResponse"),
          f"CFwdAll key again:\n{client.seen}")
    said += tell(lab, p201, "press DND")
    check("dnd=off" in client.until("response GetDoNotDisturbResponse"),
          f"DND key again:\n{client.seen}")
    status, out = client.finish()
    check_run("keys", status, out)
    check(names(out) == ["DoNotDisturbEvent", "ForwardingEvent", "ForwardingEvent",
                         "DoNotDisturbEvent"], f"events of the keys:\n{out}")
    for text in ("event DoNotDisturbEvent device=tel:201 dnd=on",
                 "event ForwardingEvent device=tel:201 forward=on type=forwardImmediate to=tel:203",
                 "event ForwardingEvent device=tel:201 forward=off",
                 "event DoNotDisturbEvent device=tel:201 dnd=off"):
        check(text in out, f"keys: missing `{text}`:\n{out}")
    p201.stdin.close()
    lab.check_phone(p201, said)


def watch_removed_during_call(lab):
    # docs/decisions.md #16: `no cti watch` on 201 during its call with 202 stops the monitor on 201
    # (quietly: docs/csta.md lists no MonitorEnded); the call goes on, 202's monitor keeps getting its
    # events, and 201's session stays up and answers requests.
    p201 = lab.phone("0000.0000.0201", "expect registered", stay=True)
    p202 = lab.phone("0000.0000.0202", "expect registered", stay=True)
    lab.wait_registered(2)
    on_201 = Csta(lab, "wait established 15; sleep 2000; dnd get; sleep 30000")
    on_202 = Csta(lab, "wait established 15; wait held 10; wait retrieved 10; "
                       "wait connectioncleared 10; wait connectioncleared", line="202")
    on_201.until("response MonitorStartResponse")
    on_202.until("response MonitorStartResponse")
    said_201 = tell(lab, p201, "offhook; dial 202")
    said_202 = tell(lab, p202, "wait ringin 10; press Answer; wait connected")
    on_201.until("event EstablishedEvent")
    on_202.until("event EstablishedEvent")
    lab.configure("ephone-dn 1", "no cti watch")
    shown = lab.show("show cti session")
    check(re.search(r"\n\d+ +\S+ +alice +201 +0 ", shown)
          and re.search(r"\n\d+ +\S+ +alice +202 +1 ", shown),
          f"show cti session after no cti watch:\n{shown}")
    check("CONNECTED" in lab.show("show ephone-dn summary"), "the call ended with the monitor")
    said_201 += tell(lab, p201, "press Hold; wait hold; press Resume; wait connected")
    on_202.until("event RetrievedEvent")
    answered = on_201.until("GetDoNotDisturb", 10) + on_201.until("error ", 5)
    check("error operation/privilegeViolationSpecifiedDevice" in answered,
          f"201's session after no cti watch:\n{on_201.seen}")
    said_201 += tell(lab, p201, "onhook; wait onhook")
    status, out_202 = on_202.finish()
    check_run("monitor on 202", status, out_202)
    check(names(out_202) == ["DeliveredEvent", "EstablishedEvent", "HeldEvent", "RetrievedEvent",
                             "ConnectionClearedEvent", "ConnectionClearedEvent"],
          f"202's monitor during and after the change:\n{out_202}")
    said_202 += tell(lab, p202, "wait onhook 5")
    time.sleep(0.3)  # 201's session would get any late event now
    on_201.process.send_signal(signal.SIGTERM)
    status, out_201 = on_201.finish()
    check_run("session on 201", status, out_201)
    check(names(out_201) == ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent",
                             "EstablishedEvent"], f"201's monitor after no cti watch:\n{out_201}")
    # Its monitor is gone on the router: MonitorStop names an unknown cross-reference.
    check("error operation/invalidMonitorCrossRefID" in out_201
          and "session closed (BYE 200 OK)" in out_201, f"201's session close:\n{out_201}")
    for phone, said in ((p201, said_201), (p202, said_202)):
        phone.stdin.close()
        lab.check_phone(phone, said)


def make_call_prompt(lab):
    # `makecall 202 prompt`: 201 rings first (Delivered at 201, cause makeCall); its user answers
    # with the softkey, then it dials 202, which answers.
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; "
                     "wait onhook 15")
    p201 = lab.phone("0000.0000.0201", "wait ringin 10; press Answer; wait offhook; wait ringout; "
                     "wait connected 10; wait onhook 15")
    lab.wait_registered(2)
    status, out = run(lab, "makecall 202 prompt; wait delivered 10; wait serviceinitiated 10; "
                           "wait originated; wait delivered 10; wait established 10; clear; "
                           "wait connectioncleared")
    check_run("makecall prompt", status, out)
    call = re.search(r"response MakeCallResponse call=(\S+) device=tel:201", out)
    check(call is not None, f"MakeCallResponse:\n{out}")
    found = events(out)
    check([n for n, _ in found[:5]] == ["DeliveredEvent", "ServiceInitiatedEvent", "OriginatedEvent",
                                        "DeliveredEvent", "EstablishedEvent"],
          f"makecall prompt: events:\n{out}")
    check(found[0][1].get("device") == "tel:201" and found[0][1].get("cause") == "makeCall"
          and found[0][1].get("state") == "alerting", f"201 rings first:\n{out}")
    check(found[3][1].get("device") == "tel:202" and found[4][1].get("device") == "tel:202",
          f"then 202 rings and answers:\n{out}")
    check(all(f.get("call") == call.group(1) for _, f in found), f"one callID:\n{out}")
    lab.check_phone(p201)
    lab.check_phone(p202)


CASES = [answer_ringing_phone, failed_calls, forward_all, digits_at_far_party,
         phone_keys_dnd_forward, watch_removed_during_call, make_call_prompt]


def main():
    return run_lab_cases("csta_services", BUILD_DIR, CASES)


if __name__ == "__main__":
    sys.exit(main())
