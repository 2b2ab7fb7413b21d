#!/usr/bin/python3
"""What a live report.html costs a tournament of instant games; prints one JSON line.

  off_s              wall time of the tournament without a live report (median of the runs)
  live_default_s     with live_report=True (at most one rewrite a second)
  live_every_game_s  with live_report_interval_s=0 (a rewrite after every commit,
                     still one at a time: rewrites requested meanwhile coalesce)
  page_s             `tourney report DIR --html` on the finished folder, process start
                     included (about what each rewrite costs the persistence thread at
                     that many games: it reads the same files and makes the same page)

    PYTHONPATH=build/python /usr/bin/python3 bench/python/live_report_bench.py [--games N] [--runs R] [--app build/app/tourney]

The three ways run interleaved in one process, R times each.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import tourney


def play(games, **options):
    config = {"name": "live-bench", "format": "gauntlet", "seed": 3, "games_per_pairing": games,
              "players": [{"name": "h", "builtin": "heuristic"}, {"name": "r", "builtin": "random"}],
              "adjudication": {"max_plies": 60}}
    with tourney.Runtime(storage_dir=tempfile.mkdtemp(prefix="live-bench-"), game_slots=2, **options) as rt:
        start = time.monotonic()
        tid = rt.start(config)
        final = rt.wait(tid, timeout=600)
        return time.monotonic() - start, final.folder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--app", default="build/app/tourney")
    args = parser.parse_args()
    ways = {"off_s": {}, "live_default_s": {"live_report": True},
            "live_every_game_s": {"live_report": True, "live_report_interval_s": 0}}
    times = {k: [] for k in ways}
    folder = None
    for _ in range(args.runs):
        for key, options in ways.items():
            seconds, folder = play(args.games, **options)
            times[key].append(seconds)
    start = time.monotonic()
    subprocess.run([args.app, "report", folder, "--html", os.path.join(folder, "again.html")],
                   check=True, capture_output=True)
    page_s = time.monotonic() - start
    out = {k: round(statistics.median(v), 3) for k, v in times.items()}
    out.update({k.replace("_s", "_range_s"): [round(min(v), 3), round(max(v), 3)] for k, v in times.items()})
    out["page_s"] = round(page_s, 3)
    out["games"] = args.games
    out["runs"] = args.runs
    print(json.dumps(out))


if __name__ == "__main__":
    main()
