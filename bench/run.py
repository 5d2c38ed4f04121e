"""Benchmarks for lvost, each reported as a median and a ratio against a baseline
run side by side in the same session, with the same interpreter.

    python bench/run.py              # everything (makes the 100,000-track catalog once)
    python bench/run.py startup completion
    python bench/run.py --runs 9 catalog

Not part of the test suite: timings depend on the machine, so nothing here
passes or fails; it prints figures and the targets they are held to.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
LVOST = [PYTHON, "-m", "lvost"]
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
TEARDOWN = [PYTHON, "-c", "from lvost.__main__ import main; main()"]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kib: int


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` once, its output discarded; wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return Run(elapsed, usage.ru_maxrss)


def median_of(runs: int, once: Callable[[], Run]) -> Run:
    results = [once() for _ in range(runs)]
    return Run(
        statistics.median(r.seconds for r in results), int(statistics.median(r.peak_kib for r in results))
    )


def report(name: str, ours: Run, base: Run, base_name: str, target: str) -> None:
    ratio = ours.seconds / base.seconds
    memory = ours.peak_kib / base.peak_kib
    print(
        f"{name:<38} {ours.seconds * 1000:8.1f} ms  vs {base_name} {base.seconds * 1000:8.1f} ms  "
        f"ratio {ratio:5.2f} (target {target})   memory {ours.peak_kib / 1024:6.1f} MiB, {memory:4.2f}x"
    )


def startup(runs: int) -> None:
    env = {"COLUMNS": "100", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    floor = median_of(runs, lambda: measure([*FLOOR, "tracks"], env))
    ours = median_of(runs, lambda: measure([*LVOST, "tracks"], env))
    report("lvost tracks (embedded data)", ours, floor, "floor app", "<= 1.10")
    # For comparison only: the same, ending as Python programs usually do, with the
    # interpreter's teardown that the lvost command skips (see lvost.__main__.entry).
    usual = median_of(runs, lambda: measure([*TEARDOWN, "tracks"], env))
    report("  the same, with Python's teardown", usual, floor, "floor app", "(shown only)")


def completion(runs: int) -> None:
    floor_env = {"_FLOOR_COMPLETE": "complete_bash", "COMP_WORDS": "floor show Ang", "COMP_CWORD": "2"}
    ours_env = {"_LVOST_COMPLETE": "complete_bash", "COMP_WORDS": "lvost show Ang", "COMP_CWORD": "2"}
    floor = median_of(runs, lambda: measure(FLOOR, floor_env))
    ours = median_of(runs, lambda: measure(LVOST, ours_env))
    report("TAB completion of a title", ours, floor, "floor app", "<= 0.50")


def catalog(runs: int, size: int) -> None:
    jq = shutil.which("jq")
    if jq is None:
        print("catalog: jq is not installed; skipped")
        return
    _searches(runs, size, jq, foreign=0.0)
    # Shown only: the same with three tracks in ten spelt with accents or in Cyrillic.
    _searches(runs, size, jq, foreign=0.3)


def _searches(runs: int, size: int, jq: str, foreign: float) -> None:
    suffix = f"-foreign{foreign}" if foreign else ""
    path = Path(tempfile.gettempdir()) / f"lvost-bench-{size}{suffix}.json"
    if not path.exists():
        made = [PYTHON, str(HERE / "make_catalog.py"), str(size), str(path), "--foreign", str(foreign)]
        subprocess.run(made, check=True)
    cache = Path(tempfile.mkdtemp(prefix="lvost-bench-cache-"))
    env = {"LVOST_CACHE_DIR": str(cache), "COLUMNS": "100"}
    search = [*LVOST, "--data", str(path), "search", "angel"]
    # The same question in jq: every track with "angel" anywhere in it, any case.
    jq_filter = '.tracks[] | select(tostring | test("angel"; "i")) | {number, title}'
    base = median_of(runs, lambda: measure([jq, "-c", jq_filter, str(path)]))

    def first() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return measure(search, env)

    cold = median_of(runs, first)
    measure(search, env)  # make sure the cache is there
    warm = median_of(runs, lambda: measure(search, env))
    shutil.rmtree(cache, ignore_errors=True)
    if foreign:
        name = f"  the same, {foreign:.0%} not ASCII"
        report(f"{name}, first run", cold, base, "jq", "(shown only)")
        report(f"{name}, cached", warm, base, "jq", "(shown only)")
        print(f"{'':<38} jq's peak memory on this file: {base.peak_kib / 1024:.1f} MiB")
        return
    report(f"search angel, {size:,} tracks, first run", cold, base, "jq", "<= 0.60")
    report(f"search angel, {size:,} tracks, cached", warm, base, "jq", "<= 0.15")
    print(f"{'':<38} peak memory targets: no more than jq's ({base.peak_kib / 1024:.1f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("which", nargs="*", default=["startup", "completion", "catalog"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=100_000)
    options = parser.parse_args()
    for name in options.which:
        if name == "catalog":
            catalog(max(3, options.runs // 2), options.size)
        else:
            {"startup": startup, "completion": completion}[name](options.runs)


if __name__ == "__main__":
    main()
