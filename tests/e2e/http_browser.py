#!/usr/bin/env python3
"""End to end in a real browser: Debian's headless chromium, driven by python3-selenium, opens the
live view (docs/xml-api.md §5) of the lab router. Two cmemu-phones call each other and the page
shows ringing, connected and idle in turn, each within a second; a CSTA MakeCall from cmemu-csta
appears in the log; the click-to-dial form rings the calling phone. A screenshot of the page is
saved in the build folder (live-view.png). Needs Debian's chromium, chromium-driver and
python3-selenium (dev.sh installs them)."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import check, import_system_module  # noqa: E402
from router_lab import run_lab_test  # noqa: E402
from web_client import basic  # noqa: E402

if import_system_module("selenium", "CMEMU_SELENIUM_REEXEC") is None:
    print("http_browser: FAIL: selenium is not installed (Debian package python3-selenium)",
          file=sys.stderr)
    sys.exit(1)
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

BUILD_DIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


def activity(driver, tag):
    return driver.execute_script(
        "const card = document.querySelector('[data-key=\"p:' + arguments[0] + '\"]');"
        "return card ? card.dataset.activity : null;", tag)


def wait_page(driver, what, predicate, seconds):
    """Polls the page until `predicate()`; returns the seconds it took."""
    start = time.time()
    while time.time() - start < seconds:
        if predicate():
            return time.time() - start
        time.sleep(0.02)
    raise AssertionError(f"the page did not show {what} within {seconds} s")


def act(phone, actions):
    """Gives a --stay phone actions without waiting for them (the clock runs from here)."""
    phone.stdin.write(actions + "\n")
    phone.stdin.flush()


def body(lab):
    phones = {n: lab.phone(f"0000.0000.0{n}", "expect registered", stay=True) for n in (201, 202, 203)}
    lab.wait_registered(3)
    profile = tempfile.mkdtemp(prefix="cmemu-chromium-")
    driver = browser(profile)
    try:
        # Basic credentials for every request of the page (the enable password; any user).
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders",
                               {"headers": {"Authorization": basic("admin", "cisco")}})
        driver.get(f"http://127.0.0.1:{lab.http_port}/")
        wait_page(driver, "the live link", lambda: driver.execute_script(
            "return document.getElementById('link').textContent") == "live", 10)
        wait_page(driver, "three registered phones", lambda: all(
            activity(driver, t) == "idle" for t in (1, 2, 3)), 5)

        act(phones[201], "offhook; dial 202")
        took = wait_page(driver, "202 ringing", lambda: activity(driver, 2) == "ringing", 1.0)
        print(f"ringing shown after {took:.3f} s")
        act(phones[202], "wait ringin; press Answer")
        took = wait_page(driver, "both connected", lambda: activity(driver, 1) == "connected"
                         and activity(driver, 2) == "connected", 1.0)
        print(f"connected shown after {took:.3f} s")
        act(phones[201], "onhook")
        took = wait_page(driver, "both idle", lambda: activity(driver, 1) == "idle"
                         and activity(driver, 2) == "idle", 1.0)
        print(f"idle shown after {took:.3f} s")

        csta = lab.csta("makecall 202; sleep 300; clear; sleep 200", line="203", user="carol")
        wait_page(driver, "MakeCall in the log", lambda: driver.execute_script(
            "return document.getElementById('log').textContent.includes('MakeCall')"), 5)
        status, out = lab.finish(csta)
        check(status == 0, f"cmemu-csta:\n{out}")
        wait_page(driver, "202 and 203 idle again", lambda: activity(driver, 2) == "idle"
                  and activity(driver, 3) == "idle", 5)

        # Click to dial: the same operation as MakeCall, so 201 rings first.
        driver.find_element("id", "from").send_keys("201")
        driver.find_element("id", "to").send_keys("202")
        driver.find_element("css selector", "#dial button").click()
        wait_page(driver, "201 rung by click-to-dial", lambda: activity(driver, 1) == "ringing", 3)
        check("click-to-dial 201 -> 202" in driver.execute_script(
            "return document.getElementById('log').textContent"), "the dial is logged")
        driver.save_screenshot(os.path.join(BUILD_DIR, "live-view.png"))
        # A configured string with markup shows as text.
        lab.configure("ephone-dn 3", "name <img src=x onerror=alert(1)>")
        wait_page(driver, "the name as text", lambda: driver.execute_script(
            "return [...document.querySelectorAll('#dns td')].some("
            "td => td.textContent === '<img src=x onerror=alert(1)>')"), 3)
        check(driver.execute_script("return document.querySelectorAll('#dns img').length") == 0,
              "no element made from configured text")
        driver.set_window_size(400, 900)  # a phone's screen
        driver.save_screenshot(os.path.join(BUILD_DIR, "live-view-narrow.png"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if not CHROMIUM or not DRIVER:
    print("http_browser: FAIL: chromium and chromium-driver are not installed", file=sys.stderr)
    sys.exit(1)
sys.exit(run_lab_test("http_browser", BUILD_DIR, body))
