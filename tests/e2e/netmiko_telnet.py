#!/usr/bin/env python3
"""netmiko (Debian python3-netmiko 2.4, device_type cisco_ios_telnet) against a cmemu vty:
login with the vty password, enable with the secret, `show version`, a configuration set,
`show running-config` read back, `write memory`.

Usage: python3 netmiko_telnet.py BUILD_DIR
"""
import os
import sys

try:
    from netmiko import ConnectHandler
except ImportError:
    # Debian's python3-netmiko lives under the system interpreter; another python3 may be first
    # on PATH.
    system_python = "/usr/bin/python3"
    if (os.path.exists(system_python) and not os.environ.get("CMEMU_NETMIKO_REEXEC")
            and os.path.realpath(sys.executable) != os.path.realpath(system_python)):
        os.environ["CMEMU_NETMIKO_REEXEC"] = "1"
        os.execv(system_python, [system_python] + sys.argv)
    print("netmiko_telnet: FAIL: netmiko is not installed (Debian package python3-netmiko)",
          file=sys.stderr)
    sys.exit(1)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, vty_router  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"

CONFIG = """hostname LAB
enable secret cisco
line vty 0 4
 password vtypass
 login
end
"""


def main():
    with vty_router(BUILD_DIR, CONFIG, "cmemu-netmiko-") as router:
        device = ConnectHandler(device_type="cisco_ios_telnet", host="127.0.0.1", port=router.port,
                                password="vtypass", secret="cisco", timeout=20)
        check(device.find_prompt() == "LAB>", f"prompt after login: {device.find_prompt()!r}")
        device.enable()
        check(device.find_prompt() == "LAB#", f"prompt after enable: {device.find_prompt()!r}")

        version = device.send_command("show version")
        check("Cisco IOS Software" in version, f"show version: {version!r}")
        check("LAB uptime is" in version, f"show version: {version!r}")

        lines = ["telephony-service", "max-ephones 24", "ephone-dn 7"]
        output = device.send_config_set(lines)
        check("% " not in output, f"config set errors: {output!r}")
        check("LAB(config-ephone-dn)#" in output, f"config set prompts: {output!r}")
        check(device.find_prompt() == "LAB#", "back at LAB# after the config set")

        running = device.send_command("show running-config")
        check(running.lstrip().startswith("Building configuration..."), f"header: {running!r}")
        check("\ntelephony-service\n max-ephones 24\n" in running, f"telephony: {running!r}")
        check("\nephone-dn  7\n" in running, f"ephone-dn: {running!r}")
        check(running.rstrip().endswith("end"), f"end: {running!r}")
        check("--More--" not in running, "netmiko's `terminal length 0` took effect")

        saved = device.send_command("write memory")
        check("[OK]" in saved, f"write memory: {saved!r}")
        with open(router.config) as f:
            check("ephone-dn  7" in f.read(), "startup-config saved")
        device.disconnect()
        print("netmiko_telnet: ok")


if __name__ == "__main__":
    main()
