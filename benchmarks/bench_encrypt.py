#!/usr/bin/env python3
"""Start-up of a command on an encrypted journal vs. the same command on a plain one.

    python benchmarks/bench_encrypt.py [--runs 15] [--people 300]

Four journals with the same people (benchmarks/make_journal.py-like, via nj
met): plain; encrypted, key from the keyring (``--keyring``: the raw derived
key, no key derivation); encrypted, passphrase from NETJOURNAL_PASSPHRASE with
a keyring (the raw key cached there after the first command, checked against
an HMAC of the passphrase); the same without any keyring (cron on a server:
PBKDF2 256k on every command, the keyring remembered as "none" so it is not
looked for). The keyring here is a file-backed test backend (bench only: it
stores the key in clear in a temp folder) so subprocesses can share it.
Reports the median wall time of ``nj person list --json`` in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BACKEND = """
import json, os
from keyring.backend import KeyringBackend
class FileKeyring(KeyringBackend):
    priority = 1
    path = os.environ["BENCH_KEYRING_FILE"]
    def _load(self):
        try:
            return json.load(open(self.path))
        except FileNotFoundError:
            return {}
    def get_password(self, service, username):
        return self._load().get(service + "/" + username)
    def set_password(self, service, username, password):
        data = self._load(); data[service + "/" + username] = password
        json.dump(data, open(self.path, "w"))
    def delete_password(self, service, username):
        data = self._load(); data.pop(service + "/" + username, None)
        json.dump(data, open(self.path, "w"))
"""


def nj(env: dict[str, str], *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(["nj", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--people", type=int, default=300)
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nj-bench-enc-"))
    (tmp / "benchkeyring.py").write_text(BACKEND)
    base = {**os.environ, "NETJOURNAL_TODAY": "2026-11-28", "NO_COLOR": "1"}
    base.pop("NETJOURNAL_PASSPHRASE", None)
    base["PYTHONPATH"] = str(tmp)
    base["PYTHON_KEYRING_BACKEND"] = "benchkeyring.FileKeyring"
    base["BENCH_KEYRING_FILE"] = str(tmp / "keyring.json")
    dbs = {name: tmp / f"{name}.db" for name in ("plain", "keyring", "env", "env-none")}
    for path in dbs.values():
        for i in range(opts.people):
            nj(base, "--db", str(path), "met", f"Person {i}", "--can", "tax advice", "-q")
    nj(
        {**base, "NETJOURNAL_PASSPHRASE": "bench"},
        "--db",
        str(dbs["keyring"]),
        "db",
        "encrypt",
        "--keyring",
    )
    with_env = {**base, "NETJOURNAL_PASSPHRASE": "bench"}
    nj(with_env, "--db", str(dbs["env"]), "db", "encrypt")
    # No keyring at all: no PYTHON_KEYRING_BACKEND, and the data folder remembers "none"
    # (what the first command finds on a machine without a keyring service).
    no_keyring = {k: v for k, v in with_env.items() if k != "PYTHON_KEYRING_BACKEND"}
    no_keyring["XDG_DATA_HOME"] = str(tmp / "xdg-none")
    (tmp / "xdg-none" / "netjournal").mkdir(parents=True)
    (tmp / "xdg-none" / "netjournal" / "keyring-backend").write_text("none\n")
    nj(no_keyring, "--db", str(dbs["env-none"]), "db", "encrypt")
    envs = {"plain": base, "keyring": base, "env": with_env, "env-none": no_keyring}
    times: dict[str, list[float]] = {name: [] for name in dbs}
    for _ in range(opts.runs):  # interleaved, so machine noise hits all three alike
        for name, path in dbs.items():
            times[name].append(nj(envs[name], "--db", str(path), "person", "list", "--json"))
    plain = statistics.median(times["plain"])
    print(f"nj person list --json, {opts.people} people, median of {opts.runs} runs")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:9} {median * 1000:7.0f} ms  ({median / plain:.2f}x plain)")
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
