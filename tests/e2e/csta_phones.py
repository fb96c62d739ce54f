#!/usr/bin/env python3
"""End to end: a CSTA client and real cmemu-phone processes on the lab config. Click-to-dial
from 201 to 202 (MakeCall doNotPrompt: 201 goes off-hook on the speaker and rings 202, which
answers with its softkey), the events on 201's monitor in csta.md §9's order with one callID,
ClearConnection, then the message-waiting lamp and DND set by CSTA on the phones."""
import os
import re
import sys

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


def main():
    def scenarios(lab):
        click_to_dial(lab)

    return run_lab_test("csta_phones", BUILD_DIR, scenarios)


if __name__ == "__main__":
    sys.exit(main())
