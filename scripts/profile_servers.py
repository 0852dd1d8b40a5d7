"""Where the servers spend a turn: py-spy on the Rasa server and the action server under load.

Usage: ``python scripts/profile_servers.py [--messages 200] [--concurrency 20] [--rate 200]
[--top 30]`` (``make profile`` installs py-spy first). It starts both servers as ``make bench``
does, warms them up, then records both with py-spy while the benchmark's script is sent once
from one sender and once from ``--concurrency`` senders. The raw samples go to
``results/profile/`` and the summary (each function's share of the samples, itself and with what
it calls) to ``results/profile/summary.md`` and the screen. Only loopback addresses are contacted.
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from scripts.bench import play, post, script_messages  # noqa: E402
from runtime.stack import running_stack  # noqa: E402

#: Frames that every sample of a server holds (the interpreter, the event loop, the server):
#: their share says nothing.
PLUMBING = re.compile(r"\((runpy|threading|asyncio/[a-z_]+|concurrent/futures/thread|dask/\w+|"
                      r"sanic/(app|http|server/runners)|rasa/(__main__|api|cli/run|core/run)|"
                      r"rasa/engine/(graph|runner/dask)|rasa/core/channels/(channel|rest)|"
                      r"rasa_sdk/(__main__|endpoint)|runtime/__main__)\.py\)|<module> \(rasa\)|"
                      r"^(connection_task|handle_request) ")


def read_raw(path: Path) -> Tuple[collections.Counter, collections.Counter, int]:
    """Read py-spy's raw (collapsed) output: ``frame;frame;... count`` per line.

    Returns:
        ``(inclusive, itself, total)``: samples per function (``name (file)``, line numbers
        dropped) anywhere in the stack and at its top, and the number of samples.
    """
    inclusive: collections.Counter = collections.Counter()
    itself: collections.Counter = collections.Counter()
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [re.sub(r":\d+\)", ")", frame) for frame in stack.split(";")]
        total += int(count)
        itself[frames[-1]] += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
    return inclusive, itself, total


def summary(path: Path, top: int, rate: int, messages: int) -> str:
    """A Markdown table of the ``top`` functions by inclusive share of the samples in ``path``
    (py-spy raw output at ``rate`` Hz over ``messages`` messages): share with callees and
    itself, and milliseconds per message with callees; :data:`PLUMBING` left out."""
    inclusive, itself, total = read_raw(path)
    per_message = 1000 / rate / max(messages, 1)
    lines = [f"{total} samples: {total * per_message:.1f} ms per message busy", "",
             "| with callees | ms per message | itself | function |", "|---|---|---|---|"]
    rows = [(n, f) for f, n in inclusive.most_common() if not PLUMBING.search(f)]
    for count, frame in rows[:top]:
        lines.append(f"| {100 * count / max(total, 1):.1f} % | {count * per_message:.2f} | "
                     f"{100 * itself[frame] / max(total, 1):.1f} % | `{frame}` |")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rate", type=int, default=200, help="py-spy samples per second")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, default=PROJECT / "results" / "profile")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if spy is None:
        print("py-spy is not installed: `make profile` installs it "
              "(pip install -r requirements-dev.lock)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    messages = script_messages(args.messages)
    raw: Dict[str, Path] = {}
    with running_stack(timeout=300) as stack:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        for index, text in enumerate(["hello"] + messages[:40]):
            post(url, f"profile-warmup-{index // 10}", text)
        recorders = []
        for name in ("rasa", "actions"):
            raw[name] = args.out / f"{name}.txt"
            recorders.append(subprocess.Popen(
                [spy, "record", "--pid", str(stack.pids[name]), "--rate", str(args.rate),
                 "--format", "raw", "--output", str(raw[name])],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1.0)
        started = time.perf_counter()
        play(url, messages, args.concurrency, prefix="profile-")
        seconds = time.perf_counter() - started
        for recorder in recorders:
            recorder.send_signal(signal.SIGINT)
        for recorder in recorders:
            recorder.wait(timeout=60)
    text = [f"# Profile: {2 * len(messages)} messages in {seconds:.1f} s "
            f"(once from one sender, once from {args.concurrency}), py-spy at {args.rate} Hz"]
    for name, title in (("rasa", "Rasa server"), ("actions", "action server")):
        text += ["", f"## {title}", "", summary(raw[name], args.top, args.rate,
                                                2 * len(messages))]
    (args.out / "summary.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
