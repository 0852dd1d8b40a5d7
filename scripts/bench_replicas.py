"""Load through the balancer: concurrent multi-turn conversations with 1 and with 2 replicas.

Usage: ``python scripts/bench_replicas.py [--conversations 50] [--turns 4] [--runs 2]
[--out results/bench_replicas.json]`` (part of ``make bench``).

For each replica count, ``runtime.cluster.running_cluster`` starts PostgreSQL, Redis, the
action server, the replicas and nginx (rate limiting off: every conversation comes from
127.0.0.1). After a warm-up conversation, ``--conversations`` conversations run at once, each
in its own thread: a question about one of the six seed roles, then follow-ups without the
role ("and skills?", …). Every reply is checked: it must be the answer for the
conversation's own role (its heading starts with that role), else it counts as mixed up; an
error, an empty reply or the apology counts as lost. Reported per replica count (median of
``--runs``): p50/p95 latency of a turn (ms), messages per second, lost and mixed-up turns, and
the ratio of messages per second 2 replicas / 1 replica. JSON to ``--out``, Markdown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from careerdata.role_files import read_dataset  # noqa: E402
from runtime.balancer import BalancerSettings  # noqa: E402
from runtime.cluster import running_cluster  # noqa: E402
from runtime.guard import TEXTS, UNAVAILABLE  # noqa: E402
from runtime.stack import Stack  # noqa: E402
from scripts.bench import spread  # noqa: E402

MODEL = PROJECT / "models" / "careerbot.tar.gz"
FOLLOW_UPS = [("and skills?", "skills"), ("what about education?", "education"),
              ("and tools?", "tools and software"), ("which industries?", "industries")]


def conversation(url: str, role: str, turns: int, out: Dict[str, list]) -> None:
    """One conversation about ``role``; appends latencies (ms) and problems to ``out``."""
    sender = f"load-{uuid.uuid4().hex[:12]}"
    script = [(f"what does a {role.lower()} do?", None)] + FOLLOW_UPS[: turns - 1]
    for text, topic in script:
        start = time.perf_counter()
        try:
            reply = Stack(int(url.rsplit(":", 1)[1]), None, {}).text(sender, text)
        except Exception as error:  # counted, not raised: the run goes on
            out["lost"].append(f"{sender} {text!r}: {error}")
            continue
        out["latency_ms"].append((time.perf_counter() - start) * 1000)
        if not reply or reply == TEXTS[UNAVAILABLE]:
            out["lost"].append(f"{sender} {text!r}: {reply!r}")
        elif not reply.startswith(f"**{role} —" if topic else f"**{role}") or (
                topic and not reply.startswith(f"**{role} — {topic}")):
            out["mixed"].append(f"{sender} ({role}) {text!r}: {reply[:60]!r}")


def seed_roles() -> List[str]:
    """The canonical names of the article roles (``data/roles/*.yml``), alphabetically.

    Raises:
        careerdata.role_files.DataError: a data file is malformed.
    """
    return sorted(role.name for role in read_dataset().roles.values())


def load(url: str, conversations: int, turns: int) -> Dict:
    """Run ``conversations`` conversations at once; their figures."""
    out: Dict[str, list] = {"latency_ms": [], "lost": [], "mixed": []}
    roles = seed_roles()
    threads = [threading.Thread(target=conversation,
                                args=(url, roles[i % len(roles)], turns, out))
               for i in range(conversations)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    latencies = out["latency_ms"]
    percentiles = spread(latencies) if latencies else {"p50": None, "p95": None}
    return {
        "messages": conversations * turns,
        "seconds": round(seconds, 2),
        "msgs_per_s": round(len(latencies) / seconds, 2),
        "p50_ms": percentiles["p50"], "p95_ms": percentiles["p95"],
        "lost": len(out["lost"]), "mixed_up": len(out["mixed"]),
        "examples": (out["lost"] + out["mixed"])[:5],
    }


def run(replicas: int, conversations: int, turns: int, runs: int) -> Dict:
    """Start a cluster of ``replicas`` and load it ``runs`` times; the runs and their median."""
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as folder:
        env = {"CAREERBOT_TRACKER_STORE_URL": None, "CAREERBOT_REDIS_URL": None}
        with running_cluster(MODEL, keep_data=False, replicas=replicas, folder=Path(folder), env=env,
                             settings=BalancerSettings(rate="100000r/s", burst=100000),
                             say=lambda m: print(f"  {m}", flush=True)) as cluster:
            conversation(cluster.url, seed_roles()[0], turns, {"latency_ms": [], "lost": [],
                                                             "mixed": []})  # warm-up
            results = []
            for index in range(runs):
                result = load(cluster.url, conversations, turns)
                print(f"  {replicas} replica(s), run {index + 1}: {result}", flush=True)
                results.append(result)
    median = {key: round(statistics.median(r[key] for r in results), 1)
              for key in ("msgs_per_s", "p50_ms", "p95_ms")}
    median.update(lost=sum(r["lost"] for r in results),
                  mixed_up=sum(r["mixed_up"] for r in results))
    return {"runs": results, "median": median}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "bench_replicas.json")
    args = parser.parse_args(argv)
    report: Dict = {"machine": {"cores": os.cpu_count()},
                    "conversations": args.conversations, "turns": args.turns}
    for replicas in (1, 2):
        print(f"{replicas} replica(s)...", flush=True)
        report[f"replicas_{replicas}"] = run(replicas, args.conversations, args.turns, args.runs)
    one, two = report["replicas_1"]["median"], report["replicas_2"]["median"]
    report["ratio_msgs_per_s_2_over_1"] = round(two["msgs_per_s"] / one["msgs_per_s"], 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    table = "\n".join([
        f"{args.conversations} conversations at once, {args.turns} turns each, through nginx "
        f"({os.cpu_count()} cores; median of {args.runs} runs)", "",
        "| | 1 replica | 2 replicas |", "|---|---|---|",
        f"| p50 latency of a turn (ms) | {one['p50_ms']} | {two['p50_ms']} |",
        f"| p95 latency of a turn (ms) | {one['p95_ms']} | {two['p95_ms']} |",
        f"| messages per second | {one['msgs_per_s']} | {two['msgs_per_s']} |",
        f"| lost turns (all runs) | {one['lost']} | {two['lost']} |",
        f"| turns answered for another conversation's role | {one['mixed_up']} | "
        f"{two['mixed_up']} |",
        "", f"2 replicas / 1 replica, messages per second: "
            f"{report['ratio_msgs_per_s_2_over_1']}"])
    args.out.with_suffix(".md").write_text(table + "\n")
    print(table)
    return 0 if one["lost"] + two["lost"] + one["mixed_up"] + two["mixed_up"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
