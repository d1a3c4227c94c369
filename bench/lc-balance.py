#!/usr/bin/env python3
"""Client side of bench/lc-balance.sh: long-lived keep-alive connections to the VIP.

Opens connections at Poisson arrivals (--rate per second) for --duration seconds; each sends one
HTTP request (the reply names its real server), then stays open for an exponential lifetime
(mean --lifetime s) and closes. The client is the only source of connections, so it knows every
server's active count. Balance error of each arrival = active connections of the server it got
minus the least active count at that moment (0 for an ideal least-connection scheduler).
The same arrival/lifetime trace is replayed through an exact lc and through round robin for
comparison. Prints key=value lines.
"""
import argparse
import asyncio
import random
import statistics
import time


def percentile(values, p):
    if not values:
        return 0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vip", default="10.0.0.1")
    ap.add_argument("--servers", type=int, default=4)
    ap.add_argument("--rate", type=float, default=20)
    ap.add_argument("--lifetime", type=float, default=5)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    names = [f"rs{i + 1}" for i in range(a.servers)]
    active = {n: 0 for n in names}
    regrets, imbalance, trace, failures = [], [], [], [0]
    start = time.monotonic()

    async def connection(lifetime):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(a.vip, 80), 5)
            writer.write(b"GET / HTTP/1.1\r\nHost: vip\r\n\r\n")
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            length = int([l for l in head.decode().split("\r\n") if l.lower().startswith("content-length:")][0].split(":")[1])
            server = (await asyncio.wait_for(reader.readexactly(length), 5)).decode().strip()
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, IndexError, ValueError):
            failures[0] += 1
            return
        regrets.append(active[server] - min(active.values()))
        active[server] += 1
        await asyncio.sleep(lifetime)
        active[server] -= 1
        writer.close()

    async def sample():
        while time.monotonic() - start < a.duration:
            imbalance.append(max(active.values()) - min(active.values()))
            await asyncio.sleep(0.1)

    tasks = [asyncio.create_task(sample())]
    at = 0.0
    while True:
        at += rng.expovariate(a.rate)
        if at >= a.duration:
            break
        lifetime = rng.expovariate(1 / a.lifetime)
        trace.append((at, lifetime))
        delay = start + at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(connection(lifetime)))
    await asyncio.gather(*tasks)

    def replay(choose):
        ends = []  # (end time, server)
        counts = [0] * a.servers
        out_regret, out_imbalance, sample_at, k = [], [], 0.0, 0
        for at, lifetime in trace:
            while sample_at < at:
                for end, s in [e for e in ends if e[0] <= sample_at]:
                    counts[s] -= 1
                ends = [e for e in ends if e[0] > sample_at]
                out_imbalance.append(max(counts) - min(counts))
                sample_at += 0.1
            for end, s in [e for e in ends if e[0] <= at]:
                counts[s] -= 1
            ends = [e for e in ends if e[0] > at]
            s = choose(counts, k)
            k += 1
            out_regret.append(counts[s] - min(counts))
            counts[s] += 1
            ends.append((at + lifetime, s))
        return out_regret, out_imbalance

    lc_regret, lc_imbalance = replay(lambda c, k: min(range(len(c)), key=lambda i: (c[i], (i - k) % len(c))))
    rr_regret, rr_imbalance = replay(lambda c, k: k % len(c))

    print(f"connections={len(trace)} failures={failures[0]} rate_per_s={a.rate} mean_lifetime_s={a.lifetime} duration_s={a.duration}")
    print(f"mean_active={a.rate * a.lifetime:.0f}")
    for name, r, im in (("measured", regrets, imbalance), ("ideal_lc", lc_regret, lc_imbalance), ("rr", rr_regret, rr_imbalance)):
        exact = sum(1 for x in r if x == 0) / max(1, len(r))
        print(f"{name}_arrival_error_mean={statistics.fmean(r) if r else 0:.2f} {name}_arrival_error_p99={percentile(r, 99)} "
              f"{name}_to_a_least_loaded={exact:.2f} {name}_spread_mean={statistics.fmean(im) if im else 0:.2f} "
              f"{name}_spread_p99={percentile(im, 99)} {name}_spread_max={max(im) if im else 0}")


asyncio.run(main())
