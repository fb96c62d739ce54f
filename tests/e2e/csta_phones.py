#!/usr/bin/env python3
"""End to end: a CSTA client and real cmemu-phone processes on the lab config. Click-to-dial
from 201 to 202 (MakeCall doNotPrompt: 201 goes off-hook on the speaker and rings 202, which
answers with its softkey), the events on 201's monitor in docs/csta.md §9's order with one callID,
ClearConnection, then the message-waiting lamp and DND set by CSTA on the phones."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from csta_client import ED3, CstaClient  # noqa: E402
from e2e_support import check  # noqa: E402
from router_lab import run_lab_test  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"


def call_id_of(xml):
    match = re.search(r"<callID>([^<]+)</callID>", xml)
    return match.group(1) if match else None


def click_to_dial(lab):
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; expect display 201; press Answer; "
                     "wait connected; wait onhook; expect mwi on; expect mwi off")
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "expect registered; wait offhook 10; wait ringout; "
                     "wait connected; wait onhook; expect display Do Not Disturb", stay=True)
    lab.wait_registered(2)

    client = CstaClient(lab.sip_port, "201")
    client.open()
    features = client.request(f'<GetCSTAFeatures xmlns="{ED3}"/>')
    check("<makeCall/>" in features and "<messageWaiting/>" in features,
          f"GetCSTAFeatures does not list the call-control services and events: {features}")
    started = client.request(f'<MonitorStart xmlns="{ED3}"><monitorObject><deviceObject>tel:201'
                             "</deviceObject></monitorObject></MonitorStart>")
    check("monitorCrossRefID" in started, f"MonitorStart: {started}")

    made = client.request(f'<MakeCall xmlns="{ED3}"><callingDevice>tel:201</callingDevice>'
                          "<calledDirectoryNumber>tel:202</calledDirectoryNumber>"
                          "<autoOriginate>doNotPrompt</autoOriginate></MakeCall>")
    check("MakeCallResponse" in made and "<deviceID>tel:201</deviceID>" in made,
          f"MakeCall: {made}")
    call = call_id_of(made)
    for name in ("ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent"):
        event = client.wait_event(name, 10)
        check(call_id_of(event) == call, f"{name} carries callID {call_id_of(event)}, not {call}")
    # docs/commands.md §1.1 on the live call: a leg per party, the GCID with `gcid`.
    shown = lab.show("show cti call")
    check(re.search(r"\n201\r?\n {11}\d+ +201 {8}202 {8}ACT", shown)
          and re.search(r"\n202\r?\n {11}\d+ +201 {8}202 {8}ACT", shown), f"show cti call:\n{shown}")
    lab.configure("voice service voip", "gcid")
    shown = lab.show("show cti gcid")
    check(re.search(r"[0-9A-F]{8}(-[0-9A-F]{8}){3}  \d+, \d+,", shown), f"show cti gcid:\n{shown}")
    lab.configure("voice service voip", "no gcid")
    cleared = client.request(f'<ClearConnection xmlns="{ED3}"><connectionToBeCleared>'
                             f"<callID>{call}</callID><deviceID>tel:202</deviceID>"
                             "</connectionToBeCleared></ClearConnection>")
    check("ClearConnectionResponse" in cleared, f"ClearConnection: {cleared}")
    for _ in range(2):
        event = client.wait_event("ConnectionClearedEvent", 10)
        check(call_id_of(event) == call, f"ConnectionCleared for another call: {event}")

    # A service the state does not allow gets its CSTAErrorCode and changes nothing.
    refused = client.request(f'<AnswerCall xmlns="{ED3}"><callToBeAnswered><callID>{call}</callID>'
                             "<deviceID>tel:201</deviceID></callToBeAnswered></AnswerCall>")
    check("<CSTAErrorCode" in refused and "invalidCallID" in refused, f"AnswerCall: {refused}")

    for on in ("true", "false"):
        answer = client.request(f'<SetMessageWaitingIndicator xmlns="{ED3}"><device>tel:202</device>'
                                f"<messageWaitingOn>{on}</messageWaitingOn>"
                                "</SetMessageWaitingIndicator>")
        check("SetMessageWaitingIndicatorResponse" in answer, f"SetMessageWaitingIndicator: {answer}")
    status, out = lab.finish(p202)
    check(status == 0, f"phone 202 ({status}):\n{out}")

    answer = client.request(f'<SetDoNotDisturb xmlns="{ED3}"><device>tel:201</device>'
                            "<doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>")
    check("SetDoNotDisturbResponse" in answer, f"SetDoNotDisturb: {answer}")
    client.wait_event("DoNotDisturbEvent")
    got = client.request(f'<GetDoNotDisturb xmlns="{ED3}"><device>tel:201</device></GetDoNotDisturb>')
    check("<doNotDisturbOn>true</doNotDisturbOn>" in got, f"GetDoNotDisturb: {got}")
    p201.stdin.close()
    status, out = lab.finish(p201)
    check(status == 0, f"phone 201 ({status}):\n{out}")
    client.request(f'<MonitorStop xmlns="{ED3}"><monitorCrossRefID>'
                   + re.search(r"<monitorCrossRefID>([^<]+)<", started).group(1)
                   + "</monitorCrossRefID></MonitorStop>")
    client.close()


def monitor(client, device):
    started = client.request(f'<MonitorStart xmlns="{ED3}"><monitorObject><deviceObject>{device}'
                             "</deviceObject></monitorObject></MonitorStart>")
    check("MonitorStartResponse" in started, f"MonitorStart {device}: {started}")


def monitoring_client(lab, line, device):
    """A CSTA session for `line`, opened, with a monitor on `device` started."""
    client = CstaClient(lab.sip_port, line)
    client.open()
    monitor(client, device)
    return client


def prompt_mode(lab):
    # MakeCall without doNotPrompt (prompt, the default): 201 rings first; its user answers with
    # the softkey; then it dials 202, which answers.
    p202, p201 = lab.start_phones(
        ("0000.0000.0202", "wait ringin 10; press Answer; wait connected; wait onhook 10"),
        ("0000.0000.0201", "wait ringin 10; press Answer; wait offhook; wait ringout; "
         "wait connected; sleep 200; onhook"))
    client = monitoring_client(lab, "201", "tel:201")
    made = client.request(f'<MakeCall xmlns="{ED3}"><callingDevice>tel:201</callingDevice>'
                          "<calledDirectoryNumber>tel:202</calledDirectoryNumber></MakeCall>")
    call = call_id_of(made)
    first = client.wait_event("DeliveredEvent", 10)
    check("<cause>makeCall</cause>" in first and "<alertingDevice><deviceIdentifier>tel:201<" in first,
          f"prompt: the calling phone rings first: {first}")
    for name in ("ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent",
                 "ConnectionClearedEvent", "ConnectionClearedEvent"):
        event = client.wait_event(name, 10)
        check(call_id_of(event) == call, f"{name} carries callID {call_id_of(event)}, not {call}")
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} in prompt mode ({status}):\n{out}")
    client.close()


def notify_line(lab):
    # docs/decisions.md #29: 204 has `cti notify` and no phone: it calls and answers by CSTA alone.
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected; wait onhook")
    lab.wait_registered(1)
    client = monitoring_client(lab, "204", "tel:204")
    made = client.request(f'<MakeCall xmlns="{ED3}"><callingDevice>tel:204</callingDevice>'
                          "<calledDirectoryNumber>tel:202</calledDirectoryNumber>"
                          "<autoOriginate>doNotPrompt</autoOriginate></MakeCall>")
    call = call_id_of(made)
    check(call is not None, f"MakeCall from the phone-less 204: {made}")
    for name in ("ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent"):
        client.wait_event(name, 10)
    client.request(f'<ClearConnection xmlns="{ED3}"><connectionToBeCleared><callID>{call}</callID>'
                   "<deviceID>tel:204</deviceID></connectionToBeCleared></ClearConnection>")
    client.wait_event("ConnectionClearedEvent")
    client.wait_event("ConnectionClearedEvent")
    status, out = lab.finish(p202)
    check(status == 0, f"phone 202 called by 204 ({status}):\n{out}")

    p201 = lab.phone("0000.0000.0201", "offhook; dial 204; wait ringout; wait connected; onhook")
    delivered = client.wait_event("DeliveredEvent", 10)
    incoming = call_id_of(delivered)
    answered = client.request(f'<AnswerCall xmlns="{ED3}"><callToBeAnswered><callID>{incoming}'
                              "</callID><deviceID>tel:204</deviceID></callToBeAnswered></AnswerCall>")
    check("AnswerCallResponse" in answered, f"AnswerCall on 204: {answered}")
    client.wait_event("EstablishedEvent")
    client.wait_event("ConnectionClearedEvent", 10)
    status, out = lab.finish(p201)
    check(status == 0, f"phone 201 calling 204 ({status}):\n{out}")
    client.close()


def device_forms_and_shutdown(lab):
    client = monitoring_client(lab, "201", "sip:201@127.0.0.1")
    client.request(f'<SetDoNotDisturb xmlns="{ED3}"><device>tel:201</device>'
                   "<doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>")
    event = client.wait_event("DoNotDisturbEvent")
    check("<deviceIdentifier>sip:201@127.0.0.1</deviceIdentifier>" in event
          and "<extensions>" not in event, f"docs/decisions.md #19, client's form: {event}")
    # docs/decisions.md #19 with suppress-conversion: plain digits; docs/decisions.md #20: advanced mode private data.
    lab.configure("voice service voip", "cti message device-id suppress-conversion")
    p202 = lab.phone("0000.0000.0202", "expect registered", stay=True)  # answers when told
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "wait offhook 10; wait connected 10; wait onhook 20")
    lab.wait_registered(2)
    client.request(f'<SetDoNotDisturb xmlns="{ED3}"><device>tel:201</device>'
                   "<doNotDisturbOn>false</doNotDisturbOn></SetDoNotDisturb>")
    event = client.wait_event("DoNotDisturbEvent")
    check("<deviceIdentifier>201</deviceIdentifier>" in event, f"suppress-conversion: {event}")
    client.request(f'<MakeCall xmlns="{ED3}"><callingDevice>tel:201</callingDevice>'
                   "<calledDirectoryNumber>tel:202</calledDirectoryNumber>"
                   "<autoOriginate>doNotPrompt</autoOriginate></MakeCall>")
    initiated = client.wait_event("ServiceInitiatedEvent")
    check("<cisco:lineInstance" in initiated, f"advanced mode private data: {initiated}")
    lab.configure("voice service voip", "cti csta mode basic")
    lab.tell(p202, "wait ringin 10; press Answer; wait connected")
    client.wait_event("OriginatedEvent")
    client.wait_event("DeliveredEvent")
    established = client.wait_event("EstablishedEvent", 10)
    check("<extensions>" not in established, f"basic mode: {established}")
    # `cti shutdown` ends the session with BYE (docs/decisions.md #12); the call between the phones goes on.
    lab.configure("voice service voip", "cti shutdown")
    check(client.wait_event("BYE", 5) == "BYE", "no BYE on cti shutdown")
    time.sleep(0.3)
    check("CONNECTED" in lab.show("show ephone-dn summary"), "the call ended with the session")
    lab.configure("voice service voip", "no cti shutdown", "no cti csta mode basic",
                  "no cti message device-id suppress-conversion")
    client2 = CstaClient(lab.sip_port, "202")
    client2.open()
    calls = client2.request(f'<SnapshotDevice xmlns="{ED3}"><snapshotObject>tel:202</snapshotObject>'
                            "</SnapshotDevice>")
    call = call_id_of(calls)
    check(call is not None and "connected" in calls, f"SnapshotDevice during the call: {calls}")
    client2.request(f'<ClearConnection xmlns="{ED3}"><connectionToBeCleared><callID>{call}</callID>'
                    "<deviceID>tel:202</deviceID></connectionToBeCleared></ClearConnection>")
    p202.stdin.write("wait onhook 20\n")
    p202.stdin.close()
    for number, process in ((201, p201), (202, p202)):
        status, out = lab.finish(process)
        check(status == 0, f"phone {number} ({status}):\n{out}")
    client2.close()


def phone_keys_and_removal(lab):
    # A phone's keys give the same events as the services: 201 calls 202 from its keypad, holds
    # and resumes with its softkeys. Then ephone 2 is removed live: its call clears, with
    # ConnectionCleared on 201's monitor, and the session goes on.
    client = monitoring_client(lab, "201", "tel:201")
    p202 = lab.phone("0000.0000.0202", "wait ringin 10; press Answer; wait connected", stay=True)
    lab.wait_registered(1)
    p201 = lab.phone("0000.0000.0201", "offhook; dial 202; wait connected 10; press Hold; wait hold; "
                     "press Resume; wait connected; wait onhook 15")
    for name, cause in (("ServiceInitiatedEvent", "newCall"), ("OriginatedEvent", "newCall"),
                        ("DeliveredEvent", "newCall"), ("EstablishedEvent", "newCall"),
                        ("HeldEvent", "normal"), ("RetrievedEvent", "normal")):
        event = client.wait_event(name, 10)
        check(f"<cause>{cause}</cause>" in event, f"{name} from the phone's keys: {event}")
    lab.configure("no ephone 2")
    for _ in range(2):
        client.wait_event("ConnectionClearedEvent", 10)
    seen = lab.wait_output(p202, "closed by router")
    status, out = lab.finish(p202)
    out = seen + out
    check("rx Reset" in out and "closed by router" in out, f"the removed phone 202:\n{out}")
    status, out = lab.finish(p201)
    check(status == 0, f"phone 201 when 202 was removed ({status}):\n{out}")
    answer = client.request(f'<GetDoNotDisturb xmlns="{ED3}"><device>tel:201</device></GetDoNotDisturb>')
    check("GetDoNotDisturbResponse" in answer, f"the session after the removal: {answer}")
    client.close()


def main():
    return run_lab_test("csta_phones", BUILD_DIR, [click_to_dial, prompt_mode, notify_line,
                                                   device_forms_and_shutdown,
                                                   phone_keys_and_removal])


if __name__ == "__main__":
    sys.exit(main())
