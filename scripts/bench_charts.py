"""The pictures' cost (issue 28), part of ``make bench``.

Usage: ``python scripts/bench_charts.py [--rounds 3] [--out results/bench_charts.json]``.

Starts the servers twice, with pictures and without (``CAREERBOT_CHARTS=off``), alternating
``--rounds`` times, and sends the same answers with a picture each time (pay in a state, where
the jobs are, best-paying states, outlook), each from its own conversation. Reports:

* the text answer's latency p50/p95 (ms) with and without pictures, and their ratio (the goal:
  p95 with pictures at most 1.2 times p95 without): a picture is only a URL in the answer;
* the charts as a client loads them through the Rasa server: first load (drawn) and later
  loads (from the cache) p50/p95 (ms), the mean drawing time on the action server (ms) and the
  cache hit rate (``GET /chart-stats`` of the action server).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from runtime.stack import running_stack  # noqa: E402
from scripts.bench import spread  # noqa: E402

ROLES = ["registered nurses", "electricians", "plumbers", "accountants", "software developers"]
PLACES = ["Texas", "Ohio", "California", "New York"]
#: The questions whose answers carry a picture.
QUESTIONS: List[str] = ([f"what do {r} earn in {p}?" for r in ROLES for p in PLACES]
                        + [f"where are the most jobs for {r}?" for r in ROLES]
                        + [f"which state pays {r} the most?" for r in ROLES]
                        + [f"what is the job outlook for {r}?" for r in ROLES])


def ask(url: str, sender: str, text: str) -> tuple:
    """Send one message; ``(latency ms, [chart URLs of the answer])``."""
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        replies = json.load(response)
    took = (time.perf_counter() - start) * 1000
    return took, [r["custom"]["attachment"]["payload"]["src"] for r in replies
                  if isinstance(r.get("custom"), dict) and "attachment" in r["custom"]]


def load(url: str) -> float:
    """GET a chart; the latency in ms (fails unless it is a PNG)."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.headers["Content-Type"] == "image/png", url
        response.read()
    return (time.perf_counter() - start) * 1000


def one_round(index: int, charts: bool) -> Dict:
    """One start of the servers: every question, then (with pictures) each chart loaded twice."""
    env = {"PYTHONWARNINGS": "ignore::DeprecationWarning",
           "CAREERBOT_CHARTS": "on" if charts else "off"}
    with running_stack(env=env, timeout=300) as stack:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        ask(url, "warmup", "hello")
        turns, pictures = [], []
        for number, question in enumerate(QUESTIONS):
            took, found = ask(url, f"charts-{index}-{number}", question)
            turns.append(took)
            pictures += found
        result: Dict = {"turn_ms": turns, "pictures": len(pictures)}
        if charts:
            result["first_load_ms"] = [load(p) for p in pictures]
            result["cached_load_ms"] = [load(p) for p in pictures]
            with urllib.request.urlopen(f"{stack.actions_url}/chart-stats", timeout=10) as response:
                result["cache"] = json.load(response)
        return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "bench_charts.json")
    args = parser.parse_args(argv)
    with_pictures: List[Dict] = []
    without: List[Dict] = []
    for index in range(args.rounds):
        without.append(one_round(index, charts=False))
        with_pictures.append(one_round(index, charts=True))
        print(f"round {index + 1}/{args.rounds} done", flush=True)
    on = spread([t for r in with_pictures for t in r["turn_ms"]])
    off = spread([t for r in without for t in r["turn_ms"]])
    hits = sum(r["cache"]["hits"] for r in with_pictures)
    draws = sum(r["cache"]["draws"] for r in with_pictures)
    report = {
        "answers_per_round": len(QUESTIONS), "rounds": args.rounds,
        "pictures_per_round": with_pictures[0]["pictures"],
        "turn_with_pictures_ms": on, "turn_without_pictures_ms": off,
        "p95_ratio": round(on["p95"] / off["p95"], 2),
        "first_load_ms": spread([t for r in with_pictures for t in r["first_load_ms"]]),
        "cached_load_ms": spread([t for r in with_pictures for t in r["cached_load_ms"]]),
        "draw_ms_mean": round(sum(r["cache"]["draw_ms"] * r["cache"]["draws"]
                                  for r in with_pictures) / draws, 1) if draws else None,
        "cache_hit_rate": round(hits / (hits + draws), 3) if hits + draws else None,
        "date": time.strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    lines = ["| measure | value |", "|---|---|",
             f"| answers with a picture, p50 / p95 (ms) | {on['p50']} / {on['p95']} |",
             f"| same answers without pictures, p50 / p95 (ms) | {off['p50']} / {off['p95']} |",
             f"| p95 with / without (goal ≤ 1.2) | {report['p95_ratio']} |",
             f"| chart, first load (drawn), p50 / p95 (ms) | {report['first_load_ms']['p50']} "
             f"/ {report['first_load_ms']['p95']} |",
             f"| chart, later loads (cache), p50 / p95 (ms) | {report['cached_load_ms']['p50']}"
             f" / {report['cached_load_ms']['p95']} |",
             f"| drawing on the action server, mean (ms) | {report['draw_ms_mean']} |",
             f"| cache hit rate (each chart loaded twice) | {report['cache_hit_rate']} |"]
    text = "\n".join(lines)
    args.out.with_suffix(".md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
