"""Benchmark the assistant against a bare Rasa bot (``rasa init --no-prompt``) on this machine.

Usage: ``python scripts/bench.py [--messages 200] [--concurrency 20] [--out results/bench.json]``
(``make bench``). For each bot it measures, in one run:

* training time (s): ``rasa train --force`` of the whole bot into a temporary folder;
* start to first answer (s): from launching the server(s) to the first REST reply;
* latency p50/p95/p99 (ms) of a fixed script of messages sent one after another;
* throughput (messages/s) with ``--concurrency`` senders posting the same script at once;
* resident memory (MB) of the Rasa server and of the action server after the load.

Results go to ``--out`` (JSON) and a Markdown table to the same path with ``.md``; ratios are
ours / bare. Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
RASA = PROJECT / ".venv" / "bin" / "rasa"
ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
           PYTHONWARNINGS="ignore::DeprecationWarning")


def script_messages(count: int) -> List[str]:
    """A fixed, repeatable script of ``count`` user messages (held-out texts, cycled)."""
    from scripts.eval_nlu import read_examples

    texts = [r["text"] for r in read_examples(PROJECT / "tests" / "data" / "nlu_heldout.yml")]
    return [texts[i % len(texts)] for i in range(count)]


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, in MB (from /proc)."""
    total_kb = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return round(total_kb / 1024, 1)


def post(url: str, sender: str, text: str) -> float:
    """Send one message; return the latency in ms."""
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[index], 1)


def free_port() -> int:
    from tests.e2e_stack import free_port as fp

    return fp()


def train(bot_dir: Path, out_dir: Path) -> float:
    """Train the bot in ``bot_dir`` from scratch into ``out_dir``; return seconds."""
    start = time.perf_counter()
    subprocess.run([str(RASA), "train", "--force", "--out", str(out_dir), "--fixed-model-name",
                    "bench"], cwd=bot_dir, env=ENV, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return round(time.perf_counter() - start, 1)


def measure(bot_dir: Path, model: Path, messages: List[str], concurrency: int,
            with_actions: bool, log_dir: Path, tag: str) -> Dict:
    """Start the bot, time the first answer, then the sequential and concurrent runs."""
    rasa_port = free_port()
    procs: Dict[str, subprocess.Popen] = {}
    env = dict(ENV)
    args = [str(RASA), "run", "--model", str(model), "--port", str(rasa_port),
            "--interface", "127.0.0.1"]
    start = time.perf_counter()
    try:
        if with_actions:
            actions_port = free_port()
            endpoints = log_dir / f"endpoints.bench.{rasa_port}.yml"
            endpoints.write_text(
                f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
            args += ["--endpoints", str(endpoints)]
            procs["actions"] = subprocess.Popen(
                [str(RASA), "run", "actions", "--actions", "actions", "--port", str(actions_port)],
                cwd=bot_dir, env=env, stdout=open(log_dir / f"bench_{tag}_actions.log", "w"),
                stderr=subprocess.STDOUT)
        procs["rasa"] = subprocess.Popen(args, cwd=bot_dir, env=env,
                                         stdout=open(log_dir / f"bench_{tag}_rasa.log", "w"),
                                         stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
        deadline = time.monotonic() + 300
        while True:
            try:
                post(url, "warmup", "hello")
                break
            except OSError:
                if time.monotonic() > deadline or any(p.poll() is not None for p in procs.values()):
                    raise RuntimeError(f"{tag}: server did not answer; see {log_dir}")
                time.sleep(0.25)
        first_answer = round(time.perf_counter() - start, 2)

        sequential = [post(url, f"seq-{i // 10}", text) for i, text in enumerate(messages)]

        latencies: List[float] = []
        lock = threading.Lock()

        def sender(worker: int) -> None:
            for i, text in enumerate(messages[worker::concurrency]):
                value = post(url, f"conc-{worker}-{i // 10}", text)
                with lock:
                    latencies.append(value)

        threads = [threading.Thread(target=sender, args=(w,)) for w in range(concurrency)]
        wall = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - wall
        return {
            "start_to_first_answer_s": first_answer,
            "sequential_ms": {"p50": percentile(sequential, 50), "p95": percentile(sequential, 95),
                              "p99": percentile(sequential, 99),
                              "mean": round(statistics.mean(sequential), 1)},
            "concurrent_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
                              "p99": percentile(latencies, 99)},
            "sequential_msgs_per_s": round(len(sequential) / (sum(sequential) / 1000), 2),
            "concurrent_msgs_per_s": round(len(latencies) / wall, 2),
            "rss_rasa_mb": rss_mb(procs["rasa"].pid),
            "rss_actions_mb": rss_mb(procs["actions"].pid) if "actions" in procs else None,
        }
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "bench.json")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    log_dir = PROJECT / "build"
    log_dir.mkdir(exist_ok=True)
    messages = script_messages(args.messages)

    results: Dict[str, Dict] = {}
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        tmp_path = Path(tmp)
        # ours: trained from scratch into a temporary folder, served with its action server
        ours_model_dir = tmp_path / "ours-models"
        ours = {"train_s": train(PROJECT, ours_model_dir)}
        ours.update(measure(PROJECT, ours_model_dir / "bench.tar.gz", messages, args.concurrency,
                            True, log_dir, "ours"))
        results["ours"] = ours
        # bare: `rasa init --no-prompt` in a temporary folder
        bare_dir = tmp_path / "bare"
        bare_dir.mkdir()
        subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(bare_dir)],
                       env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        bare = {"train_s": train(bare_dir, bare_dir / "bench-models")}
        bare.update(measure(bare_dir, bare_dir / "bench-models" / "bench.tar.gz", messages,
                            args.concurrency, False, log_dir, "bare"))
        results["bare"] = bare
        shutil.rmtree(bare_dir, ignore_errors=True)

    ratios = {
        "p95_sequential": round(ours["sequential_ms"]["p95"] / bare["sequential_ms"]["p95"], 2),
        "p95_concurrent": round(ours["concurrent_ms"]["p95"] / bare["concurrent_ms"]["p95"], 2),
        "start_to_first_answer": round(
            ours["start_to_first_answer_s"] / bare["start_to_first_answer_s"], 2),
        "throughput_concurrent": round(
            ours["concurrent_msgs_per_s"] / bare["concurrent_msgs_per_s"], 2),
        "train": round(ours["train_s"] / bare["train_s"], 2),
    }
    report = {
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "messages": len(messages), "concurrency": args.concurrency,
        "results": results, "ratios_ours_over_bare": ratios,
        "date": time.strftime("%Y-%m-%d"),
    }
    args.out.write_text(json.dumps(report, indent=2))
    rows = [
        ("p50 latency, sequential (ms)", "sequential_ms", "p50"),
        ("p95 latency, sequential (ms)", "sequential_ms", "p95"),
        ("p99 latency, sequential (ms)", "sequential_ms", "p99"),
        (f"p95 latency, {args.concurrency} senders (ms)", "concurrent_ms", "p95"),
        (f"throughput, {args.concurrency} senders (msg/s)", "concurrent_msgs_per_s", None),
        ("start to first answer (s)", "start_to_first_answer_s", None),
        ("memory, Rasa server (MB)", "rss_rasa_mb", None),
        ("memory, action server (MB)", "rss_actions_mb", None),
        ("training (s)", "train_s", None),
    ]
    lines = ["| measure | ours | bare `rasa init` | ours / bare |", "|---|---|---|---|"]
    for label, key, sub in rows:
        a = ours[key][sub] if sub else ours[key]
        b = bare[key][sub] if sub else bare[key]
        ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and b else "–"
        lines.append(f"| {label} | {a} | {b if b is not None else '–'} | {ratio} |")
    table = "\n".join(lines)
    args.out.with_suffix(".md").write_text(table + "\n")
    print(table)
    print(f"\nmachine: {os.cpu_count()} cores, {platform.platform()}; written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
