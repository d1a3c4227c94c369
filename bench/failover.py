#!/usr/bin/env python3
"""VRRP failover benchmark: director and keepalived side by side (run by bench/failover.sh, as root).

Two namespaces (high priority 150 MASTER, low priority 100 BACKUP) on a bridge in a third one,
both running the same implementation. Each round restarts the high node, waits until it alone
holds the VIP, then kills it (kill -9: "crash") or stops it (SIGTERM: "graceful") and measures
the time from the signal to the low node's address-added event (`ip -ts monitor address` in its
namespace: the kernel's notification time, not a polling interval).

dual_master counts rounds where both live nodes held the VIP at once during the hand-over:
graceful: the backup added it before the stopping master deleted it; crash: the dead node's VIP
is stale (keepalived leaves it too) so only the survivor counts, and any later flap is counted.
Prints key=value lines.
"""
import argparse
import datetime
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HIGH, LOW = 150, 100


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True)


class Monitor:
    """`ip -ts monitor address` in one namespace; records (time, added, address) events."""

    def __init__(self, ns):
        self.events = []
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(["ip", "-n", ns, "-ts", "monitor", "address"], stdout=subprocess.PIPE, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            if not line.startswith("[") or " inet " not in line:
                continue
            stamp, rest = line[1:].split("]", 1)
            when = datetime.datetime.fromisoformat(stamp).replace(tzinfo=datetime.timezone.utc).timestamp() \
                if os.environ.get("TZ", "UTC") == "UTC" else datetime.datetime.fromisoformat(stamp).timestamp()
            address = rest.split(" inet ", 1)[1].split()[0].split("/")[0]
            with self.lock:
                self.events.append((when, not rest.strip().startswith("Deleted"), address))

    def first(self, address, added, after):
        with self.lock:
            for when, is_added, a in self.events:
                if a == address and is_added == added and when >= after:
                    return when
        return None

    def count(self, address, after):
        with self.lock:
            return sum(1 for when, _, a in self.events if a == address and when >= after)

    def close(self):
        self.proc.kill()
        self.proc.wait()


class Capture:
    """tcpdump in the backup's namespace: kernel timestamps and priorities of the master's adverts."""

    def __init__(self, ns, source):
        self.adverts = []
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, "tcpdump", "-i", "eth0", "-n", "-l", "-tt", "--time-stamp-precision=micro",
             "-p", f"ip proto 112 and src {source}"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            parts = line.split()
            if "prio" not in parts:
                continue
            when = float(parts[0])
            priority = int(parts[parts.index("prio") + 1].rstrip(","))
            with self.lock:
                self.adverts.append((when, priority))

    def last_before(self, moment, priority=None):
        with self.lock:
            times = [w for w, p in self.adverts if w <= moment and (priority is None or p == priority)]
        return max(times) if times else None

    def close(self):
        self.proc.kill()
        self.proc.wait()


class Lab:
    def __init__(self, prefix, subnet):
        self.sw, self.hi, self.lo = f"{prefix}-sw", f"{prefix}-hi", f"{prefix}-lo"
        self.vip = f"10.{subnet}.0.100"
        self.hi_address = f"10.{subnet}.0.1"
        for ns in (self.sw, self.hi, self.lo):
            sh("ip", "netns", "add", ns)
            sh("ip", "-n", ns, "link", "set", "lo", "up")
        sh("ip", "-n", self.sw, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0")
        sh("ip", "-n", self.sw, "link", "set", "br0", "up")
        for i, ns in enumerate((self.hi, self.lo)):
            sh("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", f"p{i}", "netns", self.sw)
            sh("ip", "-n", self.sw, "link", "set", f"p{i}", "master", "br0", "up")
            sh("ip", "-n", ns, "link", "set", "eth0", "up")
            sh("ip", "-n", ns, "addr", "add", f"10.{subnet}.0.{i + 1}/24", "dev", "eth0")

    def holds(self, ns):
        return f" {self.vip}/" in sh("ip", "-n", ns, "-4", "addr", "show", "dev", "eth0").stdout

    def forget(self, ns):
        sh("ip", "-n", ns, "addr", "del", f"{self.vip}/32", "dev", "eth0", check=False)

    def close(self):
        for ns in (self.hi, self.lo, self.sw):
            for pid in sh("ip", "netns", "pids", ns, check=False).stdout.split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            sh("ip", "netns", "del", ns, check=False)


class Node:
    def __init__(self, impl, ns, folder, director):
        self.impl, self.ns, self.folder, self.director = impl, ns, folder, director
        self.proc = None
        os.makedirs(folder, exist_ok=True)
        self.log = open(os.path.join(folder, "log.txt"), "a")

    def write_config(self, version, interval, priority, state, vip):
        auth = "    authentication {\n        auth_type PASS\n        auth_pass bench1\n    }\n" if version == 2 else ""
        with open(os.path.join(self.folder, "keepalived.conf"), "w") as f:
            f.write(f"""global_defs {{
    router_id {os.path.basename(self.ns)}
}}
vrrp_instance VI_1 {{
    state {state}
    interface eth0
    virtual_router_id 51
    priority {priority}
    advert_int {interval}
    version {version}
    garp_master_repeat 1
    garp_master_delay 0
{auth}    virtual_ipaddress {{
        {vip}/32 dev eth0
    }}
}}
""")

    def start(self):
        conf = os.path.join(self.folder, "keepalived.conf")
        pid = os.path.join(self.folder, "main.pid")
        vrrp_pid = os.path.join(self.folder, "vrrp.pid")
        for p in (pid, vrrp_pid):
            if os.path.exists(p):
                os.unlink(p)
        if self.impl == "director":
            cmd = [self.director, "run", "-n", "-l", "-f", conf, "-p", pid]
        else:
            cmd = ["keepalived", "-n", "-l", "--vrrp", "-f", conf, "-p", pid, "-r", vrrp_pid]
        self.proc = subprocess.Popen(["ip", "netns", "exec", self.ns] + cmd, stdout=self.log, stderr=self.log)

    def vrrp_pid(self):
        path = os.path.join(self.folder, "vrrp.pid")
        for _ in range(200):
            if os.path.exists(path):
                text = open(path).read().strip()
                if text:
                    return int(text)
            time.sleep(0.01)
        raise RuntimeError("keepalived wrote no vrrp pid file")

    def crash(self):
        """kill -9; keepalived's VRRP child first, its parent right after (no respawn, no graceful stop)."""
        pids = [self.vrrp_pid(), self.proc.pid] if self.impl == "keepalived" else [self.proc.pid]
        t0 = time.time()
        for p in pids:
            os.kill(p, signal.SIGKILL)
        return t0

    def terminate(self):
        t0 = time.time()
        os.kill(self.proc.pid, signal.SIGTERM)
        return t0

    def wait(self, timeout=15):
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def wait_until(condition, timeout, step=0.01):
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return True
        time.sleep(step)
    return False


def run_case(lab, impl, version, interval, mode, rounds, director, folder):
    hi = Node(impl, lab.hi, os.path.join(folder, f"{impl}-hi"), director)
    lo = Node(impl, lab.lo, os.path.join(folder, f"{impl}-lo"), director)
    hi.write_config(version, interval, HIGH, "MASTER", lab.vip)
    lo.write_config(version, interval, LOW, "BACKUP", lab.vip)
    mon_hi, mon_lo = Monitor(lab.hi), Monitor(lab.lo)
    capture = Capture(lab.lo, lab.hi_address)
    times, dual, failed = [], 0, 0
    # crash: takeover after the master's last advert (= master down interval, whatever the phase of
    # the kill); graceful: takeover after the priority-0 advert (= skew), signal to priority-0 advert.
    protocol, to_prio0 = [], []
    # Both daemons get a second as MASTER / BACKUP before each failover (director's first packets
    # after start run cold code, see BENCHMARKS.md).
    settle = max(3 * interval, 1.0)
    try:
        lab.forget(lab.hi)
        lab.forget(lab.lo)
        lo.start()
        if not wait_until(lambda: lab.holds(lab.lo), 30):
            raise RuntimeError(f"{impl}: the backup node never came up alone")
        time.sleep(1.0)
        for _ in range(rounds):
            lab.forget(lab.hi)
            hi.start()
            if not wait_until(lambda: lab.holds(lab.hi) and not lab.holds(lab.lo), 30):
                failed += 1
                hi.stop()
                continue
            time.sleep(settle + random.uniform(0, interval))  # a random phase against the advert timer
            t0 = hi.crash() if mode == "crash" else hi.terminate()
            if not wait_until(lambda: mon_lo.first(lab.vip, True, t0) is not None, 3 * interval + 5, 0.002):
                failed += 1
                hi.stop()
                continue
            t1 = mon_lo.first(lab.vip, True, t0)
            times.append((t1 - t0) * 1000)
            time.sleep(0.05)  # let tcpdump print
            if mode == "crash":
                last = capture.last_before(t1)
                if last is not None:
                    protocol.append((t1 - last) * 1000)
            else:
                zero = capture.last_before(t1, priority=0)
                if zero is not None and zero >= t0:
                    protocol.append((t1 - zero) * 1000)
                    to_prio0.append((zero - t0) * 1000)
            if mode == "graceful":
                hi.wait()
                deleted = mon_hi.first(lab.vip, False, t0)
                if deleted is None or deleted > t1:
                    dual += 1
            else:
                hi.wait()
                time.sleep(settle)
                if mon_lo.count(lab.vip, t0) != 1 or not lab.holds(lab.lo):
                    dual += 1  # the survivor flapped after taking over
            hi.stop()
    finally:
        hi.stop()
        lo.stop()
        mon_hi.close()
        mon_lo.close()
        capture.close()
    return times, dual, failed, protocol, to_prio0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--director", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cases", default="v2:1,v3:0.1,v3:0.02")
    parser.add_argument("--impls", default="director,keepalived")
    args = parser.parse_args()
    prefix = f"fb-{os.getpid() % 100000}"
    lab = Lab(prefix, random.randint(1, 254))
    folder = tempfile.mkdtemp(prefix="failover-bench-")
    print(f"# logs in {folder}", flush=True)
    total_dual = 0
    try:
        for case in args.cases.split(","):
            version, interval = int(case.split(":")[0][1:]), float(case.split(":")[1])
            skew = (256 - LOW) / 256 * (1 if version == 2 else interval)
            master_down = 3 * interval + skew
            print(f"case={case} skew_ms={skew * 1000:.1f} master_down_ms={master_down * 1000:.1f}", flush=True)
            for mode in ("crash", "graceful"):
                for impl in args.impls.split(","):
                    times, dual, failed, protocol, to_prio0 = run_case(lab, impl, version, interval, mode, args.rounds, args.director, folder)
                    total_dual += dual
                    name = f"{impl}.{case.replace(':', '_')}.{mode}"
                    if times:
                        print(f"{name}.median_ms={statistics.median(times):.1f} {name}.max_ms={max(times):.1f} "
                              f"{name}.min_ms={min(times):.1f} {name}.rounds={len(times)} {name}.failed_rounds={failed} "
                              f"{name}.dual_master_rounds={dual} {name}.all_ms={','.join(f'{t:.1f}' for t in times)}", flush=True)
                        if protocol:
                            what = "after_last_advert" if mode == "crash" else "after_prio0"
                            print(f"{name}.{what}_median_ms={statistics.median(protocol):.1f} {name}.{what}_max_ms={max(protocol):.1f}", flush=True)
                        if to_prio0:
                            print(f"{name}.signal_to_prio0_median_ms={statistics.median(to_prio0):.1f} {name}.signal_to_prio0_max_ms={max(to_prio0):.1f}", flush=True)
                    else:
                        print(f"{name}.rounds=0 {name}.failed_rounds={failed}", flush=True)
        print(f"dual_master_rounds={total_dual}")
    finally:
        lab.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
