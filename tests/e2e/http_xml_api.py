#!/usr/bin/env python3
"""End to end: the CME XML API (docs/xml-api.md) on the lab router with registered cmemu-phones.
Every request of the guide over HTTP with basic authentication, each answer compared with the
`show` output of the same state; a call in progress; the requests that change the router
(ISexecCLI, ISsetKeyPhones, ISunsetKeyPhones, ISupdateUser, ISSaveConfig); authentication
failures, malformed, unknown and oversized requests; `show ip http server status`."""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, eventually  # noqa: E402
from router_lab import run_lab_test  # noqa: E402
from web_client import basic, envelope, http, xml_request  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
AUTH = basic("cisco", "cisco")  # the lab's `xml user cisco password cisco 15`

EXTRA = """ephone-template  1
 softkeys idle Redial Newcall
!
ephone-dn-template  1
 cti watch
!
voice hunt-group 1 longest-idle
 pilot 300
 list 201,202
 timeout 20
!
voice register pool  1
 id mac 0011.2233.4455
 number 1 dn 1
!
voice register dn  1
 number 301
 name Sip Phone
!
presence
 allow subscribe
 max-subscription 50
!
"""


def ask(lab, request):
    status, _, body = xml_request(lab.http_port, request, AUTH)
    check(status == 200, f"{request[:60]}: HTTP {status}\n{body}")
    root = ET.fromstring(body)
    response = root.find(".//response")
    check(response is not None, f"no response element:\n{body}")
    return response


def text(node, path):
    found = node.find(path)
    check(found is not None, f"no {path} in:\n{ET.tostring(node).decode()}")
    return (found.text or "").strip()


def texts(node, path):
    return [(n.text or "").strip() for n in node.findall(path)]


def show_ephone_ip(lab, tag):
    match = re.search(rf"ephone-{tag}\[.*?\nIP:(\S+)", lab.show("show ephone"), re.S)
    return match.group(1) if match else None


def reads(lab, phones):
    summary = lab.show("show ephone summary")
    registered = int(re.search(r"Registered (\d+)", summary).group(1))
    g = ask(lab, '<request xsi:type="ISgetGlobal"><ISgetGlobal/></request>').find("ISGlobal")
    check(int(text(g, "ISDeviceRegistered")) == registered == 3, f"registered: {summary}")
    check(text(g, "ISName") == "cmemu-lab", "ISName is the hostname")
    check(text(g, "ISConfiguredDevice") == "3" and text(g, "ISConfiguredExtension") == "4",
          "configured ephones and DNs")
    check(text(g, "ISMaxEphone") == "24" and text(g, "ISMaxDN") == "48", "max-ephones, max-dn")
    check(text(g, "ISPortNumber") == str(lab.sccp_port), "the SCCP port")

    devices = ask(lab, "<request><ISgetDevice><ISDevID>1</ISDevID><ISDevName>SEP000000000203"
                       "</ISDevName></ISgetDevice></request>").findall("ISDevices/ISDevice")
    check([text(d, "ISDevID") for d in devices] == ["1", "3"], "ISDevID and ISDevName select")
    one = devices[0]
    check(text(one, "ISDevName") == "SEP000000000201", "device name")
    check(text(one, "ISDevStatus") == "registered", "registered")
    check(text(one, "ISDevAddr/Xipv4Address") == show_ephone_ip(lab, 1), "IP as show ephone")
    check(text(one, "ISPhoneLineList/ExtMapStatus/ExtNumber") == "201", "line 201")
    check(text(one, "ISconfigDevType") == "7961", "configured type")
    check(int(text(one, "ISDevKeepAlives")) >= 0, "keepalives")
    tags = ask(lab, "<request><ISgetDevice><ISKeyword>allTag</ISKeyword></ISgetDevice></request>")
    check(texts(tags, "ISDevices/ISDevID") == ["1", "2", "3"], "allTag")
    free = ask(lab, "<request><ISgetDevice><ISKeyword>available</ISKeyword></ISgetDevice>"
                    "</request>")
    check(texts(free, "ISDevices/ISDevID") == ["4"], "available")

    ext = ask(lab, "<request><ISgetExtension><ISExtNumber>204</ISExtNumber></ISgetExtension>"
                   "</request>").find("ISExtensions/ISExtension")
    # DN 4 has `cti notify`: UP without a phone, as show ephone-dn says.
    check("IDLE" in lab.show("show ephone-dn 4") and text(ext, "ISExtStatus") == "up",
          "cti notify DN up")
    check(text(ext, "cti/notify") == "true" and text(ext, "ISAllowWatch") == "true", "cti flags")
    check(texts(ask(lab, "<request><ISgetExtensionTemplate><ISKeyword>all</ISKeyword>"
                         "</ISgetExtensionTemplate></request>"),
                "ISExtensionTemplates/ISExtensionTemplate/ISExtTemplateID") == ["1"],
          "extension template")
    template = ask(lab, "<request><ISgetDeviceTemplate><ISDevTemplateID>1</ISDevTemplateID>"
                        "</ISgetDeviceTemplate></request>").find(
        "ISDeviceTemplates/ISDeviceTemplate")
    check(text(template, "softkeys/idle_keys") == "Redial Newcall", "template softkeys")

    user = ask(lab, "<request><ISgetUser><ISuserID>user204</ISuserID></ISgetUser></request>")
    check(text(user, "ISuser/ISuserType") == "3" and text(user, "ISuser/ISuserTag") == "1",
          "user-profile user")
    nobody = ask(lab, "<request><ISgetUser><ISuserID>peter</ISuserID></ISgetUser></request>")
    check(text(nobody, "ISuser/ISuserType") == "0", "unknown user")
    profile = ask(lab, "<request><ISgetUserProfile><ISUserProfileID>1</ISUserProfileID>"
                       "</ISgetUserProfile></request>").find("ISUserProfiles/ISUserProfile")
    check(text(profile, "ISuserID") == "user204", "profile user")
    check(texts(profile, "UserNumbers/UserNumber/ISExtNumber") == ["204"], "profile numbers")

    sip = ask(lab, "<request><ISgetVoiceRegGlobal/></request>").find("ISSipGlobal")
    check(text(sip, "ISPortNumber") == str(lab.sip_port) and text(sip, "ISAddress") == "127.0.0.1",
          "voice register global source-address")
    pool = ask(lab, "<request><ISgetSipDevice><ISPoolID>1</ISPoolID></ISgetSipDevice></request>")
    check(text(pool, "ISSipDevices/ISSipDevice/ISDevMac") == "0011.2233.4455", "pool mac")
    check(text(pool, "ISSipDevices/ISSipDevice/ISSipPhoneLineList/ExtMapStatus/ExtNumber") ==
          "301", "the pool's line is voice register dn 1")
    sipdn = ask(lab, "<request><ISgetSipExtension><ISVoiceRegNumber>301</ISVoiceRegNumber>"
                     "</ISgetSipExtension></request>")
    check(text(sipdn, "ISSipExtensions/ISSipExtension/ISVoiceRegDNID") == "1", "voice register dn")
    check(texts(sipdn, "ISSipExtensions/ISSipExtension/ISSipDevList/ISPoolID") == ["1"],
          "on pool 1")
    servers = ask(lab, "<request><ISgetSessionServer><ISKeyword>all</ISKeyword>"
                       "</ISgetSessionServer></request>").find("ISSessionServers/ISSessionServer")
    shown = lab.show("show voice register session-server")
    check(f"keepalive {text(servers, 'ISSessionKeepAlives')}, register-uri "
          f"{text(servers, 'ISSessionRegisterID')}" in shown, f"session server as shown:\n{shown}")
    hunt = ask(lab, "<request><ISgetVoiceHuntGroup><ISVoiceHuntGroupID>1</ISVoiceHuntGroupID>"
                    "</ISgetVoiceHuntGroup></request>").find("ISVoiceHuntGroups/ISVoiceHuntGroup")
    check(texts(hunt, "ISVoiceHuntGroupListNums/ISVoiceHuntGroupListNum") == ["201", "202"] and
          text(hunt, "ISVoiceHuntGroupTimeout") == "20", "hunt group")
    presence = ask(lab, "<request><ISgetPresenceGlobal/></request>").find("ISPresenceGlobal")
    check(text(presence, "ISPresenceEnable") == "true" and text(presence, "ISAllowSub") == "true"
          and text(presence, "ISMaxSubAllow") == "50", "presence")

    # The event tables: the three registrations (scanned once a second).
    def three_registered():
        events = ask(lab, "<request><ISgetDevEvts><ISDevName>all</ISDevName></ISgetDevEvts>"
                          "</request>").findall("ISDevEvent")
        return sorted(text(e, "ISDevID") for e in events if text(e, "ISDevStatus") ==
                      "registered") == ["1", "2", "3"]
    check(eventually(three_registered), "device events for the three phones")
    counts = ask(lab, "<request><ISgetEvtCounts/></request>")
    check(int(text(counts, "ISDevEvtCount")) >= 3 and int(text(counts, "ISExtEvtCount")) >= 3,
          "event counts")
    only = ask(lab, "<request><ISgetDevEvts><ISDevID>2</ISDevID></ISgetDevEvts></request>")
    check(set(texts(only, "ISDevEvent/ISDevName")) == {"SEP000000000202"}, "ISDevID filter")
    ext_events = ask(lab, "<request><ISgetExtEvts><ISExtNumber>201</ISExtNumber></ISgetExtEvts>"
                          "</request>")
    check(texts(ext_events, "ISExtEvent/ISExtStatusChangeEvent")[-1:] == ["Up"], "201 up")


def call_states(lab, phones):
    lab.tell(phones[201], "offhook; dial 202; wait ringout")
    lab.tell(phones[202], "wait ringin")

    def ext(number):
        return ask(lab, f"<request><ISgetExtension><ISExtNumber>{number}</ISExtNumber>"
                        "</ISgetExtension></request>").find("ISExtensions/ISExtension")
    shown = lab.show("show ephone-dn 2")
    check("ALERTING" in shown and text(ext(202), "ISExtCallStatus") == "RINGING",
          f"202 ringing: {text(ext(202), 'ISExtCallStatus')}\n{shown}")
    check("CONNECTED" in lab.show("show ephone-dn 1") and
          text(ext(201), "ISExtCallStatus") == "CONNECTED", "201 calling")
    device = ask(lab, "<request><ISgetDevice><ISDevID>2</ISDevID></ISgetDevice></request>")
    check(text(device, "ISDevices/ISDevice/ISPhoneLineList/ExtMapStatus/LineState") == "ringing",
          "line state ringing")
    lab.tell(phones[202], "press Answer; wait connected")
    check("CONNECTED" in lab.show("show ephone-dn 2") and
          text(ext(202), "ISExtCallStatus") == "CONNECTED", "202 connected")
    lab.tell(phones[201], "onhook; wait onhook")
    lab.tell(phones[202], "wait onhook")
    check("IDLE" in lab.show("show ephone-dn 2") and text(ext(202), "ISExtCallStatus") == "IDLE",
          "202 idle again")


def changes(lab):
    ran = ask(lab, '<request xsi:type="ISexecCLI"><ISexecCLI><CLI>ephone 4</CLI>'
                   "<CLI>mac-address 000D.BC80.EB51</CLI><CLI>type 7960</CLI>"
                   "<CLI>button 1:1</CLI></ISexecCLI></request>")
    check(text(ran, "ISexecCLIResponse") == "0" and text(ran, "ISexecCLIError") == "", "ran")
    run = lab.show("show running-config")
    check("ephone  4\n mac-address 000D.BC80.EB51\n type 7960\n button  1:1\n" in
          run.replace("\r", ""), f"ephone 4 configured:\n{run}")
    failed = ask(lab, "<request><ISexecCLI><CLI>ephone 5</CLI><CLI>type 7960</CLI>"
                      "<CLI>button 1:frog</CLI><CLI>type 7961</CLI></ISexecCLI></request>")
    check(text(failed, "ISexecCLIResponse") == "3", "the third line failed")
    check(text(failed, "ISexecCLIError").startswith("%"), "with the router's message")
    run = lab.show("show running-config").replace("\r", "")
    check("ephone  5\n type 7960\n" in run and "type 7961" not in run.split("ephone  5")[1],
          "lines before the failure ran, after it not")

    keys = ask(lab, "<request><ISsetKeyPhones><ISPhoneName>SEP000000000202</ISPhoneName>"
                    "<ISPhoneName>SEP0000000009FF</ISPhoneName></ISsetKeyPhones></request>")
    check(texts(keys, "ISsetResult") == ["true", "false"], "set key phones")
    check(" keyphone\n" in lab.show("show running-config").replace("\r", ""), "keyphone line")
    listed = ask(lab, "<request><ISgetDevice><ISDevName>allKeyphone</ISDevName></ISgetDevice>"
                      "</request>")
    check(texts(listed, "ISDevices/ISDevice/ISDevID") == ["2"], "allKeyphone")
    unset = ask(lab, "<request><ISunsetKeyPhones><ISPhoneName>SEP000000000202</ISPhoneName>"
                     "</ISunsetKeyPhones></request>")
    check(texts(unset, "ISunsetResult") == ["true"], "unset")
    check("keyphone" not in lab.show("show running-config"), "keyphone gone")

    updated = ask(lab, "<request><ISupdateUser><ISuserID>user204</ISuserID><ISpassword>abc"
                       "</ISpassword></ISupdateUser></request>")
    check(text(updated, "ISsetResult") == "true", "update user")
    check("user user204 password abc" in lab.show("show running-config"), "new password")
    missing = ask(lab, "<request><ISupdateUser><ISuserID>peter</ISuserID><ISpassword>abc"
                       "</ISpassword></ISupdateUser></request>")
    check(text(missing, "ISsetResult") == "false" and
          text(missing, "ISsetError") == "User peter does not exist", "unknown user")

    saved = ask(lab, "<request><ISSaveConfig/></request>")
    check(text(saved, "ISSaveConfigResult") == "success", "saved")
    with open(lab.config) as f:
        check("user user204 password abc" in f.read(), "the startup-config has the change")


def errors(lab):
    port = lab.http_port
    good = envelope("<request><ISgetGlobal/></request>")
    status, headers, _ = http(port, "/ios_xml_app/cme", good)
    check(status == 401 and headers.get("WWW-Authenticate", "").startswith("Basic"),
          "no credentials: 401 with a Basic challenge")
    status, _, body = http(port, "/ios_xml_app/cme", good, basic("cisco", "wrong"))
    check(status == 401 and "faultcode" in body, "a wrong password: 401 with a SOAP fault")
    status, _, _ = http(port, "/", auth=basic("x", "wrong"))
    check(status == 401, "the live view refuses a wrong enable password")
    status, _, _ = http(port, "/", auth=basic("anyone", "cisco"))
    check(status == 200, "the live view takes the enable password")

    status, _, body = http(port, "/ios_xml_app/cme", "<request><ISgetGlobal></request>", AUTH)
    root = ET.fromstring(body)
    check(status == 500 and "malformed XML" in text(root, ".//faultstring") and
          text(root, ".//faultcode") == "SOAP-ENV:Client", f"malformed XML: {body}")
    status, _, body = http(port, "/ios_xml_app/cme", envelope("<request><ISfoo/></request>"), AUTH)
    check(status == 500 and "unknown request ISfoo" in body, "unknown request")
    big = envelope("<request><ISexecCLI>" + "<CLI>x</CLI>" * 8000 + "</ISexecCLI></request>")
    status, _, body = http(port, "/ios_xml_app/cme", big, AUTH)
    check(status == 413 and "faultstring" in body, f"oversized: {status}")
    check(ask(lab, "<request><ISgetGlobal/></request>") is not None, "still answering")

    # A read-only XML user may read, not change.
    lab.configure("telephony-service", "xml user viewer password view 1")
    reader = basic("viewer", "view")
    status, _, _ = xml_request(port, "<request><ISgetGlobal/></request>", reader)
    check(status == 200, "a level-1 user reads")
    status, _, body = xml_request(port, "<request><ISSaveConfig/></request>", reader)
    check(status == 403 and "privilege level 15" in body, "and may not save")
    status, _, _ = xml_request(port, "<request><ISgetGlobal/></request>", AUTH)
    check(status == 401, "the xml user was replaced")
    lab.configure("telephony-service", "xml user cisco password cisco 15")

    # ixi application shut down: a SOAP fault; transport shut down: no XML service.
    lab.configure("ixi application cme", "shutdown")
    status, _, body = xml_request(port, "<request><ISgetGlobal/></request>", AUTH)
    check(status == 503 and "shut down" in body, "application shut down")
    lab.configure("ixi application cme", "no shutdown", "ixi transport http", "shutdown")
    status, _, _ = xml_request(port, "<request><ISgetGlobal/></request>", AUTH)
    check(status == 404, "transport shut down")
    lab.configure("ixi transport http", "no shutdown")


def server_settings(lab):
    shown = lab.show("show ip http server status").replace("\r", "")
    check("HTTP server status: Enabled" in shown and
          f"HTTP server port: {lab.http_port}" in shown and
          "Maximum number of concurrent server connections allowed: 16" in shown and
          "Server idle time-out: 60 seconds" in shown, f"show ip http server status:\n{shown}")
    # A new port rebinds at once; `no ip http server` closes the listener.
    from e2e_support import free_port
    new_port = free_port()
    lab.configure(f"ip http port {new_port}")
    status, _, _ = xml_request(new_port, "<request><ISgetGlobal/></request>", AUTH)
    check(status == 200, "serving on the new port")
    lab.configure("no ip http server")
    try:
        xml_request(new_port, "<request><ISgetGlobal/></request>", AUTH)
        raise AssertionError("still serving after no ip http server")
    except OSError:
        pass
    lab.configure("ip http server")
    lab.http_port = new_port
    check(xml_request(new_port, "<request><ISgetGlobal/></request>", AUTH)[0] == 200, "back")


def body(lab):
    phones = {201: lab.phone("0000.0000.0201", "expect registered", stay=True),
              202: lab.phone("0000.0000.0202", "expect registered", stay=True),
              203: lab.phone("0000.0000.0203", "expect registered", stay=True)}
    lab.wait_registered(3)
    reads(lab, phones)
    call_states(lab, phones)
    changes(lab)
    errors(lab)
    server_settings(lab)


sys.exit(run_lab_test("http_xml_api", BUILD_DIR, body, EXTRA))
