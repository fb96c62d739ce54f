#!/usr/bin/env python3
"""Runs every benchmark of the project, one after the other, and writes bench/RESULTS.md: a
markdown table of their medians, with the machine they ran on and the command of each.

Usage: python3 bench/run_all.py [BUILD_DIR] [RUNS] [--soak MINUTES | --no-soak] [--out FILE]
  BUILD_DIR  a release build (default build; ./dev.sh build makes it, RelWithDebInfo)
  RUNS       runs per benchmark, medians reported (default 5)
  --soak     the soak's length (default 10 minutes); --no-soak leaves it out
Benchmarks are not tests: run on an idle machine. Every benchmark's own problems (failed calls,
retransmissions, lost phones) are in the table beside its figure.
"""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        total_kib = int(f.readline().split()[1])
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    return (f"{os.cpu_count()} cores ({cpu}), {total_kib / 1024 / 1024:.0f} GiB, "
            f"{platform.system()} {platform.release()}, commit {commit}")


def run(script, *args):
    """Runs one benchmark; returns (its recorded medians, its printed output, seconds)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        record = f.name
    command = ["python3", os.path.join("bench", script), *args]
    start = time.time()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "CMEMU_BENCH_JSON": record})
    seconds = time.time() - start
    output = proc.stdout + proc.stderr
    print(output, end="", flush=True)
    values = {}
    if os.path.getsize(record):
        with open(record) as f:
            values = json.load(f)
    os.remove(record)
    if proc.returncode != 0:
        values["failed"] = f"exit {proc.returncode}"
    return values, output, seconds, " ".join(["python3", f"bench/{script}", *args])


def problems_text(problems):
    """SIPp's per-run (exit, failed calls, retransmissions[, kernel drops]) as one short note."""
    runs = [list(p) for p in problems]
    bad = [p for p in runs if any(x not in (0, None) for x in p)]
    return "every run: exit 0, 0 failed, 0 retransmitted" if not bad else f"per run: {runs}"


def main():
    args = [a for a in sys.argv[1:]]
    soak_minutes, out = 10, os.path.join(HERE, "RESULTS.md")
    if "--no-soak" in args:
        args.remove("--no-soak")
        soak_minutes = 0
    if "--soak" in args:
        i = args.index("--soak")
        soak_minutes = int(args[i + 1])
        del args[i:i + 2]
    if "--out" in args:
        i = args.index("--out")
        out = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    build = args[0] if args else "build"
    runs = args[1] if len(args) > 1 else "5"
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    rows = []

    v, _, _, cmd = run("config_load.py", build, runs)
    if "boot_ms" in v:
        rows.append(("config load", f"{v['lines']:,} lines in {v['boot_ms']:.0f} ms boot (load + "
                     f"exit): {v['lines_per_s']:,.0f} lines/s; `show running-config` "
                     f"{v['show_ms']:.0f} ms; peak {v['peak_mib']:.1f} MiB", cmd))
    else:
        rows.append(("config load", f"failed ({v.get('failed')})", cmd))

    v, _, _, cmd = run("sip_bench.py", build, runs, "30")
    for name, label in (("session setups", "SIP session setups/s"),
                        ("CSTA requests (SnapshotDevice)", "CSTA requests/s (SnapshotDevice)"),
                        ("CSTA requests (GetDoNotDisturb)", "CSTA requests/s (GetDoNotDisturb)"),
                        ("floor (SnapshotDevice, no SIP work)",
                         "floor: SnapshotDevice requests/s to bench/sip_floor.cpp, which does no "
                         "SIP work (same run)"),
                        ("floor gathering 20 us (SnapshotDevice, no SIP work)",
                         "floor, the responder gathering batches (sleeps 20 us after a short "
                         "one)"),
                        ("Kamailio REGISTERs (30 s)", "Kamailio 5.6 REGISTER refreshes/s "
                                                      "(same run, for scale)")):
        if name in v:
            cpu = v[name].get("cpu_us")
            who = ("Kamailio's CPU (all its processes)" if name.startswith("Kamailio") else
                   "its CPU" if name.startswith("floor") else "router CPU")
            cpu_text = f", {who} {cpu:.1f} us each" if cpu is not None else ""
            if v[name].get("kernel_share") is not None:
                cpu_text += f" ({100 * v[name]['kernel_share']:.0f}% in the kernel)"
            rows.append((label, f"{v[name]['per_s']:,.0f}{cpu_text} "
                         f"({problems_text(v[name]['problems'])})", cmd))
        elif name.startswith("Kamailio"):
            rows.append((label, v.get("kamailio_note") or "not run", cmd))
        elif name.startswith("floor"):
            rows.append((label, v.get("floor_note") or "not run", cmd))
        else:
            rows.append((label, f"failed ({v.get('failed')})", cmd))

    v, _, _, cmd = run("cti_bench.py", build, runs)
    if "events_per_s" in v:
        rows.append((f"events to monitors/s ({v.get('event_sessions', 200):,} sessions)",
                     f"{v['events_per_s']:,.0f} ({problems_text(v['event_problems'])})", cmd))
        if "events_by_size" in v:
            rows.append(("router CPU per event, by sessions", ", ".join(
                f"{int(n):,}: {m['cpu_us_per_event']:.1f} us"
                for n, m in v["events_by_size"].items()) + f" (growth x{v['cpu_growth']:.2f})",
                cmd))
        if "two_monitors" in v:
            two = v["two_monitors"]
            rows.append((f"events to monitors/s ({two['sessions']:,} sessions, 2 per line)",
                         f"{two['events_per_s']:,.0f}, router {two['cpu_us_per_event']:.1f} us "
                         f"each ({problems_text(two['problems'])})", cmd))
        rows.append(("router memory per CTI session", f"{v['kib_per_session']:.1f} KiB "
                     f"(900 sessions with a monitor each; {problems_text(v['memory_problems'])})",
                     cmd))
    else:
        rows.append(("events to monitors/s", f"failed ({v.get('failed')})", cmd))

    v, _, _, cmd = run("sccp_bench.py", build, runs)
    if "register_ms" in v:
        phones = v["phones"]
        rows.append(("phone registrations/s", f"{phones / v['register_ms'] * 1000:,.0f} "
                     f"({phones:,} phones registered in {v['register_ms']:.0f} ms)", cmd))
        rows.append(("router memory per phone", f"{v['per_phone_kib']:.1f} KiB "
                     f"(RSS {v['rss_before_mib']:.1f} -> {v['rss_after_mib']:.1f} MiB)", cmd))
        rows.append(("router CPU with 1,000 phones' keepalives",
                     f"{v['keepalive_cpu_pct']:.2f} % of one core", cmd))
        sizes = v.get("sizes", {})
        if len(sizes) > 1:
            rows.append(("router CPU per phone registration, by fleet size", ", ".join(
                f"{int(n):,}: {m['register_cpu_us_per_phone']:.0f} us" for n, m in sizes.items())
                + f" (growth x{v['growth']['register_cpu_us_per_phone']:.2f})", cmd))
            for key, label in (("keepalive_cpu_us_each", "keepalive"),
                               ("show_ephone_cpu_us_per_phone", "phone of `show ephone`"),
                               ("reprovision_cpu_us_per_phone",
                                "phone re-provisioned after a config change")):
                rows.append((f"router CPU per {label}, by fleet size", ", ".join(
                    f"{int(n):,}: {m[key]:.1f} us" for n, m in sizes.items())
                    + f" (growth x{v['growth'][key]:.2f})", cmd))
    else:
        rows.append(("phone registrations/s", f"failed ({v.get('failed')})", cmd))

    v, _, _, cmd = run("ssh_bench.py", build, runs)
    if "ssh_logins_per_s" in v:
        rows.append(("vty logins/s, one after the other (client-bound)",
                     f"SSH {v['ssh_logins_per_s']:.1f} ({v['ssh_cpu_ms_per_login']:.1f} ms router "
                     f"CPU each), telnet {v['telnet_logins_per_s']:.1f} "
                     f"({v['telnet_cpu_ms_per_login']:.2f} ms each)", cmd))
        rows.append(("router memory per idle vty session",
                     f"SSH {v['ssh_kib_per_session']:.1f} KiB, telnet "
                     f"{v['telnet_kib_per_session']:.1f} KiB (15 sessions; x100 = "
                     f"{v['ssh_kib_per_session'] * 100 / 1024:.1f} / "
                     f"{v['telnet_kib_per_session'] * 100 / 1024:.1f} MiB)", cmd))
    else:
        rows.append(("vty logins/s", f"failed ({v.get('failed')})", cmd))

    v, _, _, cmd = run("http_bench.py", build, runs, "5")
    if "ratio" in v:
        runs_seen = [p for kind in v["problems"].values() for p in kind]
        rows.append(("CSTA requests/s with 5 live-view viewers, and with none",
                     f"{v['viewers_per_s']:,.0f} and {v['no_viewer_per_s']:,.0f} (ratio "
                     f"{v['ratio']:.3f}); {v['pushes_per_s']:.1f} pushes per viewer per second "
                     f"({problems_text(runs_seen)})", cmd))
    else:
        rows.append(("CSTA requests/s with live-view viewers", f"failed ({v.get('failed')})",
                     cmd))

    soak_text = ""
    if soak_minutes:
        # Issue 16's full size: 5,000 phones, 1,000 sessions, about 50 calls/s.
        v, output, seconds, cmd = run("soak.py", build, str(soak_minutes), "full")
        table = [line for line in output.splitlines() if line.startswith("|")]
        status = "passed" if "failed" not in v else f"FAILED ({v['failed']})"
        rows.append((f"soak ({soak_minutes} min, full size)", f"{status}; figures below", cmd))
        soak_text = (f"\n## Soak ({soak_minutes} minutes at full size, {seconds / 60:.1f} min "
                     "wall)\n\n"
                     f"`{cmd}`\n\n" + "\n".join(table) + "\n")

    load_after = os.getloadavg()
    with open(out, "w") as f:
        f.write("# cmemu benchmark figures\n\n"
                f"Written by `python3 bench/run_all.py {' '.join(sys.argv[1:])}` on {started}.\n"
                f"Machine: {machine()}. Load average before {load_before[0]:.2f}, after "
                f"{load_after[0]:.2f}.\nMedians of {runs} runs each (every benchmark's "
                "docstring says what it measures and how).\n\n"
                "| benchmark | median | command |\n|---|---|---|\n")
        for name, value, cmd in rows:
            f.write(f"| {name} | {value} | `{cmd}` |\n")
        f.write(soak_text)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
