"""Benchmark the assistant against a bare Rasa bot (``rasa init --no-prompt``) on this machine.

Usage: ``python scripts/bench.py [--runs 3] [--messages 200] [--concurrency 20]
[--out results/bench.json]`` (``make bench``). Each run measures, for each bot:

* training time (s): ``rasa train --force`` of the whole bot into a temporary folder;
* start to first answer (s): from launching the server(s) to the first REST reply;
* latency p50/p95/p99 (ms) of a fixed script of messages sent one after another;
* latency p50/p95/p99 (ms) and throughput (messages/s) with ``--concurrency`` senders posting the
  same script at once;
* resident memory (MB) of the Rasa server and of the action server after the load;
* latency p50/p95 (ms) of the fit and filtered-ranking turns of :data:`ADVICE_CONVERSATIONS`
  (each conversation from its own sender: a statement about the user, then questions across
  every occupation, each place and filter different so that caches help as little as in real
  traffic); the statements are played but not counted;
* where a turn's time goes: NLU alone (``/model/parse`` of the same script, after the turns),
  the rest of the turn (each message's turn minus its parse), and, for this bot, the tracker
  store alone (``scripts/bench_store.py``: one recorded conversation replayed into a new SQLite
  file, through the project's store and through Rasa's own ``SQLTrackerStore``);
* once, before the runs: ``make db`` (``python -m careerdata.load``) into a new SQLite file, first
  import and re-run (s), and the file's size (MB).

Runs alternate between the two bots. The report gives the median of the runs for every measure
(timings on a shared 2-core machine vary by 10-30 % from run to run) and ratios ours / bare of
those medians; every run's figures stay in the JSON. Results go to ``--out`` (JSON) and a
Markdown table to the same path with ``.md``. Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import itertools
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
from typing import Dict, List, Optional, Tuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from runtime.stack import RASA, running_stack  # noqa: E402

ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
           PYTHONWARNINGS="ignore::DeprecationWarning")

#: (label, key, sub-key) of each row of the Markdown table; ``{n}`` is the number of senders.
ROWS: List[Tuple[str, str, Optional[str]]] = [
    ("p50 latency, sequential (ms)", "sequential_ms", "p50"),
    ("p95 latency, sequential (ms)", "sequential_ms", "p95"),
    ("p99 latency, sequential (ms)", "sequential_ms", "p99"),
    ("p50 latency, {n} senders (ms)", "concurrent_ms", "p50"),
    ("p95 latency, {n} senders (ms)", "concurrent_ms", "p95"),
    ("throughput, {n} senders (msg/s)", "concurrent_msgs_per_s", None),
    ("fit and filtered rankings, p50, sequential (ms)", "advice_ms", "p50"),
    ("fit and filtered rankings, p95, sequential (ms)", "advice_ms", "p95"),
    ("NLU alone, p50 (ms)", "parse_ms", "p50"),
    ("NLU alone, p95 (ms)", "parse_ms", "p95"),
    ("turn after NLU, p50 (ms)", "after_nlu_ms", "p50"),
    ("turn after NLU, p95 (ms)", "after_nlu_ms", "p95"),
    ("tracker store alone, read + write a turn, p50 (ms)", "tracker_store_ms", "p50"),
    ("tracker store alone, read + write a turn, p95 (ms)", "tracker_store_ms", "p95"),
    ("same, Rasa's own SQLTrackerStore, p50 (ms)", "rasa_tracker_store_ms", "p50"),
    ("start to first answer (s)", "start_to_first_answer_s", None),
    ("memory, Rasa server (MB)", "rss_rasa_mb", None),
    ("memory, action server (MB)", "rss_actions_mb", None),
    ("training (s)", "train_s", None),
]


#: Conversations of the advice measure: a statement about the user (not timed), then fit
#: questions and rankings across every occupation, filtered by place, education, field and pay.
ADVICE_CONVERSATIONS: List[List[str]] = [
    ["I know Python and SQL and I like working with my hands", "what jobs fit me?",
     "best paid jobs without a degree in Texas", "which jobs fit me in Ohio paying at least 50k?"],
    ["I like helping people and I have an associate's degree", "what careers suit me?",
     "fastest growing healthcare jobs in California", "what suits me in Florida?"],
    ["I know Excel and QuickBooks, no degree, I like organizing things", "what fits me?",
     "highest paying construction jobs in Georgia", "what jobs fit me paying at least 60k?"],
    ["I'm creative, I like drawing and I know Photoshop", "which jobs fit me in New York?",
     "best paid jobs in Arizona with a bachelor's degree",
     "which sales jobs have the most openings in Illinois?"],
    ["I enjoy science and research and I have a master's", "what would suit me in Colorado?",
     "fastest growing jobs in Washington that need a master's", "best paid jobs in Seattle"],
    ["I like leading teams and selling, at least $70k", "what careers fit me in Michigan?",
     "best paying management jobs in Pennsylvania", "fastest growing jobs in job zone 2"],
    ["I know AutoCAD and I like building things, high school diploma",
     "what jobs fit me in Nevada?", "best paid jobs in Denver without a degree",
     "which jobs have the most openings in Tennessee?"],
    ["I like teaching kids and I have a bachelor's", "what suits me in North Carolina?",
     "highest paying education jobs in Virginia", "fastest growing jobs in Oregon"],
]


def advice_turns() -> List[Tuple[int, str, bool]]:
    """``(conversation, text, timed)`` of :data:`ADVICE_CONVERSATIONS`: the first message of
    each conversation (the statement) is not timed."""
    return [(c, text, i > 0) for c, conversation in enumerate(ADVICE_CONVERSATIONS)
            for i, text in enumerate(conversation)]


def script_messages(count: int) -> List[str]:
    """A fixed, repeatable script of ``count`` user messages: the texts of every held-out set
    (``tests/data/nlu_heldout*.yml``: article topics, and pay, places and rankings over every
    occupation; ``depth_heldout.yml`` and ``advice_heldout.yml``: every occupation in depth, and
    look-ups, filtered rankings, fit, moves and switches across all of them), interleaved so
    that every kind runs all along, then cycled."""
    import yaml

    from scripts.eval_nlu import read_examples

    data = PROJECT / "tests" / "data"
    sets = [[r["text"] for r in read_examples(path)]
            for path in sorted(data.glob("nlu_heldout*.yml"))]
    sets += [[q["text"] for q in yaml.safe_load((data / name).read_text("utf-8"))["questions"]]
             for name in ("depth_heldout.yml", "advice_heldout.yml")]
    texts = [t for group in itertools.zip_longest(*sets) for t in group if t is not None]
    return [texts[i % len(texts)] for i in range(count)]


def time_make_db(tmp: Path) -> Dict[str, float]:
    """Time ``python -m careerdata.load`` (what ``make db`` runs) into a new SQLite file: the
    first import and a re-run with nothing changed (s), and the file's size (MB)."""
    url = f"sqlite:///{tmp / 'bench-roles.db'}"
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "careerdata.load", "--url", url], cwd=PROJECT,
                       env=ENV, check=True, stdout=subprocess.DEVNULL)
        times.append(round(time.perf_counter() - start, 1))
    size = (tmp / "bench-roles.db").stat().st_size / 1e6
    return {"first_import_s": times[0], "rerun_s": times[1], "size_mb": round(size, 1)}


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


def timed(call, *args) -> float:
    """Milliseconds that ``call(*args)`` took."""
    start = time.perf_counter()
    call(*args)
    return (time.perf_counter() - start) * 1000


def play(url: str, messages: List[str], concurrency: int,
         prefix: str = "") -> Tuple[List[float], List[float], float]:
    """Send the script to the REST channel at ``url``: once from one sender (a new conversation
    every 10 messages), then split among ``concurrency`` senders at once (threads).

    Returns:
        ``(sequential latencies, concurrent latencies, seconds the concurrent run took)``, ms.
    """
    sequential = [post(url, f"{prefix}seq-{i // 10}", text) for i, text in enumerate(messages)]
    latencies: List[float] = []
    lock = threading.Lock()

    def sender(worker: int) -> None:
        for i, text in enumerate(messages[worker::concurrency]):
            value = post(url, f"{prefix}conc-{worker}-{i // 10}", text)
            with lock:
                latencies.append(value)

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(concurrency)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sequential, latencies, time.perf_counter() - wall


def conversation_events(base_url: str, sender: str) -> List[Dict]:
    """The events of conversation ``sender`` (Rasa's HTTP API, ``--enable-api``)."""
    url = f"{base_url}/conversations/{sender}/tracker?include_events=ALL"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)["events"]


def percentile(values: List[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[index], 1)


def spread(values: List[float]) -> Dict[str, float]:
    """p50/p95/p99 of latencies in ms."""
    return {"p50": percentile(values, 50), "p95": percentile(values, 95),
            "p99": percentile(values, 99)}


def train(bot_dir: Path, out_dir: Path) -> float:
    """Train the bot in ``bot_dir`` from scratch into ``out_dir``; return seconds. Our bot also
    trains on what ``make db`` generates in ``build/nlu``."""
    start = time.perf_counter()
    data = ["data"] + (["build/nlu"] if (bot_dir / "build" / "nlu").is_dir() else [])
    subprocess.run([str(RASA), "train", "--force", "--data", *data, "--out", str(out_dir),
                    "--fixed-model-name", "bench"], cwd=bot_dir, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(time.perf_counter() - start, 1)


def measure(bot_dir: Path, model: Path, messages: List[str], concurrency: int,
            with_actions: bool) -> Dict:
    """Start the bot, time the first answer, then the sequential and concurrent runs.

    Args:
        bot_dir: the bot's folder (servers' working directory).
        model: its trained model (``.tar.gz``).
        messages: the script, sent once sequentially and once split among the senders.
        concurrency: number of concurrent senders (threads), each its own conversations.
        with_actions: whether the bot has an action server to start.

    Returns:
        One run's figures: ``start_to_first_answer_s``, ``sequential_ms``, ``concurrent_ms``,
        ``parse_ms``, ``after_nlu_ms`` and ``advice_ms`` (p50/p95/p99, ms), ``concurrent_msgs_per_s``,
        ``rss_rasa_mb``, ``rss_actions_mb``; and ``events``, the events of the first
        conversation of the sequential run (Rasa's JSON).

    Raises:
        RuntimeError: a server exited early or did not answer within 300 s.
    """
    start = time.perf_counter()
    with running_stack(model=model, bot_dir=bot_dir, with_actions=with_actions, timeout=300,
                       credentials=bot_dir / "credentials.yml",
                       env={"PYTHONWARNINGS": "ignore::DeprecationWarning"}) as stack:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        post(url, "warmup", "hello")
        first_answer = round(time.perf_counter() - start, 2)

        sequential, latencies, wall = play(url, messages, concurrency)
        parsed = [timed(stack.parse, text) for text in messages]
        advice = [post(url, f"advice-{c}", text) for c, text, _ in advice_turns()]
        return {
            "advice_ms": spread([ms for ms, (_, _, kept) in zip(advice, advice_turns())
                                 if kept]),
            "parse_ms": spread(parsed),
            "after_nlu_ms": spread([t - p for t, p in zip(sequential, parsed)]),
            "events": conversation_events(stack.rasa_url, "seq-0"),
            "start_to_first_answer_s": first_answer,
            "sequential_ms": {**spread(sequential),
                              "mean": round(statistics.mean(sequential), 1)},
            "concurrent_ms": spread(latencies),
            "concurrent_msgs_per_s": round(len(latencies) / wall, 2),
            "rss_rasa_mb": rss_mb(stack.pids["rasa"]),
            "rss_actions_mb": rss_mb(stack.pids["actions"]) if with_actions else None,
        }


def median_of(runs: List[Dict]) -> Dict:
    """Per-measure medians of several runs' results (same keys as one run, nested dicts too).

    A measure that is None in the first run (no action server) is None in the result.

    Raises:
        IndexError: ``runs`` is empty.
    """
    result: Dict = {}
    for key, value in runs[0].items():
        if isinstance(value, dict):
            result[key] = median_of([run[key] for run in runs])
        elif value is None:
            result[key] = None
        else:
            result[key] = round(statistics.median(run[key] for run in runs), 2)
    return result


def one_run(tmp: Path, messages: List[str], concurrency: int, index: int) -> Dict[str, Dict]:
    """Train and measure both bots once (ours, then a fresh ``rasa init`` bot)."""
    ours_models = tmp / f"ours-models-{index}"
    from scripts.bench_store import bench_store

    ours = {"train_s": train(PROJECT, ours_models)}
    ours.update(measure(PROJECT, ours_models / "bench.tar.gz", messages, concurrency, True))
    stores = bench_store(ours.pop("events"), spread=spread)
    ours["tracker_store_ms"] = stores["ours"]["turn"]
    ours["rasa_tracker_store_ms"] = stores["rasa"]["turn"]
    ours["tracker_store_detail_ms"] = stores
    bare_dir = tmp / f"bare-{index}"
    bare_dir.mkdir()
    subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(bare_dir)],
                   env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bare = {"train_s": train(bare_dir, bare_dir / "bench-models")}
    bare.update(measure(bare_dir, bare_dir / "bench-models" / "bench.tar.gz", messages,
                        concurrency, False))
    del bare["events"]
    bare.update(tracker_store_ms=None, rasa_tracker_store_ms=None, tracker_store_detail_ms=None)
    shutil.rmtree(bare_dir, ignore_errors=True)
    shutil.rmtree(ours_models, ignore_errors=True)
    return {"ours": ours, "bare": bare}


def value(result: Dict, key: str, sub: Optional[str]):
    """One figure of a result: ``result[key]`` or ``result[key][sub]`` (None when absent)."""
    found = result.get(key)
    return found[sub] if sub and found is not None else found


def table(ours: Dict, bare: Dict, concurrency: int) -> str:
    """The Markdown table of the report: one row per measure, with the ratio ours / bare."""
    lines = ["| measure | ours | bare `rasa init` | ours / bare |", "|---|---|---|---|"]
    for label, key, sub in ROWS:
        a, b = value(ours, key, sub), value(bare, key, sub)
        ratio = f"{a / b:.2f}" if a is not None and b else "–"
        lines.append(f"| {label.format(n=concurrency)} | {a} | {b if b is not None else '–'} "
                     f"| {ratio} |")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per bot; medians reported")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "bench.json")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.messages < 1 or args.concurrency < 1:
        parser.error("--runs, --messages and --concurrency must be at least 1")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    messages = script_messages(args.messages)

    runs: List[Dict[str, Dict]] = []
    with tempfile.TemporaryDirectory(prefix="careerbot-bench-") as tmp:
        make_db = time_make_db(Path(tmp))
        for index in range(args.runs):
            runs.append(one_run(Path(tmp), messages, args.concurrency, index))
            print(f"run {index + 1}/{args.runs} done", flush=True)
    ours = median_of([run["ours"] for run in runs])
    bare = median_of([run["bare"] for run in runs])
    ratios = {
        f"{key}.{sub}" if sub else key: round(value(ours, key, sub) / value(bare, key, sub), 2)
        for _, key, sub in ROWS
        if value(ours, key, sub) is not None and value(bare, key, sub)
    }
    report = {
        "machine": {"cores": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "messages": len(messages), "concurrency": args.concurrency, "runs": args.runs,
        "make_db": make_db,
        "median": {"ours": ours, "bare": bare}, "ratios_ours_over_bare": ratios,
        "each_run": runs, "date": time.strftime("%Y-%m-%d"),
    }
    args.out.write_text(json.dumps(report, indent=2))
    text = table(ours, bare, args.concurrency) + (
        f"\n\n`make db` into a new SQLite file: first import {make_db['first_import_s']} s, "
        f"re-run with nothing changed {make_db['rerun_s']} s, {make_db['size_mb']} MB.")
    args.out.with_suffix(".md").write_text(text + "\n")
    print(text)
    print(f"\nmedians of {args.runs} run(s); machine: {os.cpu_count()} cores, "
          f"{platform.platform()}; written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
