#!/usr/bin/env python3
"""Ansible (Debian `ansible`: cisco.ios over ansible.netcommon.network_cli with paramiko) against
cmemu's SSH vty, with no network but the loopback: a local inventory, ANSIBLE_* variables
pointing at temporary folders. The user lands at `>` and `become: enable` takes it to `#`;
ios_facts, ios_command and ios_config (`save_when: modified`) run, the playbook twice: the first
run changes and saves the configuration, the second changes nothing.

Usage: python3 ssh_ansible.py BUILD_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from ssh_lab import SshLab  # noqa: E402
from e2e_support import check  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"

CONFIG = """hostname ANSIBLE
ip domain name lab.local
enable secret enablepw
username automation secret autopw
ip ssh version 2
line vty 0 4
 login local
 transport input ssh
end
"""

PLAYBOOK = """
- hosts: routers
  gather_facts: false
  become: true
  become_method: enable
  tasks:
    - name: facts
      cisco.ios.ios_facts:
        gather_subset: min
    - name: record the facts
      copy:
        content: "{{ ansible_facts | to_json }}"
        dest: "{{ out_dir }}/facts.json"
      delegate_to: localhost
      become: false
    - name: commands
      cisco.ios.ios_command:
        commands:
          - show privilege
          - show users
      register: shown
    - name: record the commands
      copy:
        content: "{{ shown.stdout | to_json }}"
        dest: "{{ out_dir }}/commands.json"
      delegate_to: localhost
      become: false
    - name: configure
      cisco.ios.ios_config:
        lines:
          - max-ephones 20
          - max-dn 40
        parents: telephony-service
        save_when: modified
"""


def run_playbook(lab, workdir, out_dir):
    inventory = os.path.join(workdir, "inventory.ini")
    with open(inventory, "w") as f:
        f.write("[routers]\n"
                f"cmemu ansible_host=127.0.0.1 ansible_port={lab.ssh_port}\n"
                "[routers:vars]\n"
                "ansible_connection=ansible.netcommon.network_cli\n"
                "ansible_network_os=cisco.ios.ios\n"
                "ansible_network_cli_ssh_type=paramiko\n"
                "ansible_user=automation\n"
                "ansible_password=autopw\n"
                "ansible_become_password=enablepw\n"
                "ansible_host_key_checking=false\n"
                "ansible_python_interpreter=/usr/bin/python3\n")
    playbook = os.path.join(workdir, "playbook.yml")
    with open(playbook, "w") as f:
        f.write(PLAYBOOK)
    env = dict(os.environ)
    env.update({
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "tmp"),
        "ANSIBLE_REMOTE_TEMP": os.path.join(workdir, "tmp"),
        "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR": os.path.join(workdir, "pc"),
        "ANSIBLE_SSH_CONTROL_PATH_DIR": os.path.join(workdir, "cp"),
        "ANSIBLE_HOME": os.path.join(workdir, "home"),
        "ANSIBLE_LOG_PATH": os.path.join(workdir, "ansible.log"),
        "ANSIBLE_STDOUT_CALLBACK": "json",
        "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT": "30",
        "ANSIBLE_PERSISTENT_CONNECT_TIMEOUT": "30",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_PARAMIKO_LOOK_FOR_KEYS": "False",
    })
    env.pop("CMEMU_SYSTEM_PYTHON_REEXEC", None)
    done = subprocess.run(["ansible-playbook", "-i", inventory, playbook,
                           "-e", f"out_dir={out_dir}"],
                          capture_output=True, text=True, env=env, timeout=240, cwd=workdir)
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        result = None
    if done.returncode != 0 or result is None:
        log = os.path.join(workdir, "ansible.log")
        tail = open(log).read()[-4000:] if os.path.exists(log) else ""
        raise AssertionError(f"ansible-playbook exit {done.returncode}:\n{done.stdout[-4000:]}\n"
                             f"{done.stderr[-2000:]}\n{tail}")
    return result


def task_result(result, name):
    for play in result["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"] == name:
                return task["hosts"]["cmemu"]
    raise AssertionError(f"no task {name}")


def main():
    if not shutil.which("ansible-playbook"):
        print("ssh_ansible: FAIL: ansible-playbook is not installed (Debian package ansible)",
              file=sys.stderr)
        sys.exit(1)
    lab = SshLab(BUILD_DIR, CONFIG)
    workdir = tempfile.mkdtemp(prefix="cmemu-ansible-")
    try:
        first = run_playbook(lab, workdir, workdir)
        with open(os.path.join(workdir, "facts.json")) as f:
            facts = json.load(f)
        check(facts.get("net_hostname") == "ANSIBLE", f"facts: {facts}")
        check(facts.get("net_system") == "ios", f"facts: {facts}")
        check(facts.get("net_version"), f"facts: {facts}")
        with open(os.path.join(workdir, "commands.json")) as f:
            privilege, users = json.load(f)
        check(privilege == "Current privilege level is 15", f"become: {privilege!r}")
        check("automation" in users, f"show users: {users!r}")
        configured = task_result(first, "configure")
        check(configured.get("changed") is True, f"first run: {configured}")
        check(configured.get("updates") == ["telephony-service", "max-ephones 20", "max-dn 40"],
              f"first run updates: {configured}")
        with open(lab.config) as f:
            saved = f.read()
        check("telephony-service\n max-ephones 20\n max-dn 40\n" in saved, "saved on change")
        stamp = os.stat(lab.config).st_mtime_ns

        second = run_playbook(lab, workdir, workdir)
        configured = task_result(second, "configure")
        check(configured.get("changed") is False, f"second run changed: {configured}")
        check(os.stat(lab.config).st_mtime_ns == stamp, "the second run did not save again")
        lab.alive()
        print("ssh_ansible: ok")
    finally:
        lab.stop()


if __name__ == "__main__":
    main()
