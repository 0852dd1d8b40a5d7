"""The benchmark's report arithmetic (the timings themselves live in ``make bench`` only)."""

from __future__ import annotations

from scripts.bench import median_of, percentile, table


def run(p95: float, rps: float, actions_mb):
    return {"sequential_ms": {"p50": 1.0, "p95": p95, "p99": 3.0, "mean": 1.5},
            "concurrent_ms": {"p50": 10.0, "p95": 20.0, "p99": 30.0},
            "concurrent_msgs_per_s": rps, "start_to_first_answer_s": 5.0,
            "rss_rasa_mb": 100.0, "rss_actions_mb": actions_mb, "train_s": 30.0}


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(100, -1, -1)]  # 0..100, in any order
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 100) == 100.0
    assert percentile([7.0], 99) == 7.0


def test_median_of_runs_takes_each_measure_separately():
    median = median_of([run(50.0, 10.0, 120.0), run(90.0, 30.0, 140.0), run(60.0, 20.0, 130.0)])
    assert median["sequential_ms"]["p95"] == 60.0
    assert median["concurrent_msgs_per_s"] == 20.0
    assert median["rss_actions_mb"] == 130.0
    assert median_of([run(1.0, 1.0, None), run(1.0, 1.0, None)])["rss_actions_mb"] is None


def test_table_gives_ratios_ours_over_bare_and_dashes_for_missing_figures():
    text = table(run(50.0, 40.0, 130.0), run(100.0, 20.0, None), concurrency=20)
    lines = text.splitlines()
    assert "| p95 latency, sequential (ms) | 50.0 | 100.0 | 0.50 |" in lines
    assert "| throughput, 20 senders (msg/s) | 40.0 | 20.0 | 2.00 |" in lines
    assert "| memory, action server (MB) | 130.0 | – | – |" in lines


def test_rows_of_the_bare_bot_without_a_figure_show_a_dash():
    ours = {**run(50.0, 40.0, 130.0), "tracker_store_ms": {"p50": 0.7, "p95": 1.0, "p99": 1.1}}
    bare = {**run(100.0, 20.0, None), "tracker_store_ms": None}
    lines = table(ours, bare, concurrency=20).splitlines()
    assert "| tracker store alone, read + write a turn, p50 (ms) | 0.7 | – | – |" in lines
    assert median_of([bare, bare])["tracker_store_ms"] is None


def test_a_conversation_is_split_into_turns_at_each_user_message():
    from scripts.bench_store import turns_of

    events = [{"event": "action", "name": "action_session_start"}, {"event": "session_started"},
              {"event": "action", "name": "action_listen"}, {"event": "user", "text": "hi"},
              {"event": "bot", "text": "hello"}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "bye"}]
    turns = turns_of(events)
    assert [len(t) for t in turns] == [3, 3, 1]
    assert [t[0]["event"] for t in turns[1:]] == ["user", "user"]
    assert turns_of([]) == []


def test_no_script_hides_a_standard_module():
    """``python scripts/x.py`` puts scripts/ first on the path: a scripts/profile.py would be
    imported for the standard ``profile`` (spaCy's import of cProfile then fails)."""
    import sys
    from pathlib import Path

    scripts = Path(__file__).resolve().parent.parent / "scripts"
    hidden = {p.stem for p in scripts.glob("*.py")} & set(sys.stdlib_module_names)
    assert not hidden


def test_scripts_import_nothing_from_the_tests():
    """What scripts and tests share lives in a package both use (runtime.stack, careerdata)."""
    import ast
    from pathlib import Path

    for path in (Path(__file__).resolve().parent.parent / "scripts").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not [n for n in names if n.split(".")[0] == "tests"], path.name


def test_the_advice_measure_times_the_questions_not_the_statements():
    from scripts.bench import ADVICE_CONVERSATIONS, advice_turns

    turns = advice_turns()
    assert len(turns) == sum(len(c) for c in ADVICE_CONVERSATIONS)
    assert [t for _, t, kept in turns if not kept] == [c[0] for c in ADVICE_CONVERSATIONS]
    assert len({c for c, _, _ in turns}) == len(ADVICE_CONVERSATIONS)
