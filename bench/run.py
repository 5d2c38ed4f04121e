"""Benchmarks for lvost, each reported as a median and a ratio against a baseline
run side by side in the same session, with the same interpreter.

    python bench/run.py              # everything (makes the 100,000-track catalogs once)
    python bench/run.py startup completion
    python bench/run.py --runs 9 catalog
    python bench/run.py engine       # the search engine's targets (issue 11)
    python bench/run.py library      # the library's targets (issue 13): bench/library.py

Not part of the test suite: timings depend on the machine, so nothing here
passes or fails; it prints figures and the targets they are held to, and marks
a figure that misses its target.

Generated catalogs, and the beets library made from them, are kept in the
temporary directory and made again only when their generator changes. The
``engine`` group compares with beets when it is installed (``pip install -e
'.[bench]'``) and says so when it is not.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
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
REAL_DATA = HERE.parent / "data" / "tracks.json"
PYTHON = sys.executable
LVOST = [PYTHON, "-m", "lvost"]
FLOOR = [PYTHON, str(HERE / "floor_app.py")]
TEARDOWN = [PYTHON, "-c", "from lvost.__main__ import main; main()"]
BEETS = [PYTHON, "-m", "beets"]

TERMINAL = {"COLUMNS": "100", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
"""Output drawn as on a 100-column terminal, without colour."""
MEMORY_CAP_MIB = 64.0
"""The most memory an lvost command may take on a large catalog (issue 11)."""

JQ_SEARCH = '.tracks[] | select(tostring | test("angel"; "i")) | {number, title}'
"""``search angel`` in jq: every track with "angel" anywhere in it, any case."""
JQ_TSV = (
    '["number", "title", "performers", "kinds", "genres", "duration_seconds"], (.tracks[] | '
    '[.number, .title, (.performers | map(.name + (if .role then " (\\(.role))" else "" end)) '
    '| join("; ")), (.kinds | join("; ")), (.genres | join("; ")), .duration_seconds]) | @tsv'
)
"""``tracks --format tsv`` in jq: the same columns, with a header."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kib: int
    lines: int
    """How many lines the command wrote to its standard output."""

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` once, reading its output through a pipe as a terminal or the
    next program would; wall time, peak resident memory and lines written."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    lines = 0
    while chunk := process.stdout.read(1 << 16):
        lines += chunk.count(b"\n")
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return Run(elapsed, usage.ru_maxrss, lines)


def timed(command: Sequence[str], env: dict[str, str] | None = None, warm: bool = False) -> Callable[[], Run]:
    """What measures one run of ``command``; with ``warm``, after one run now that
    is not measured, so each measured run is at least a second run."""
    if warm:
        measure(command, env)
    return lambda: measure(command, env)


def first_run(command: Sequence[str], env: dict[str, str], cache: Path) -> Callable[[], Run]:
    """What measures one run of ``command`` as on a file lvost has never seen:
    with its cache, ``cache``, emptied first."""

    def once() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return measure(command, env)

    return once


def side_by_side(runs: int, *commands: Callable[[], Run]) -> list[Run]:
    """The median run of each command, run in turn ``runs`` times, so that whatever
    else the machine does in the meantime falls on all of them alike."""
    rounds = [[once() for once in commands] for _ in range(runs)]
    return [_median([taken[i] for taken in rounds]) for i in range(len(commands))]


def median_of(runs: int, once: Callable[[], Run]) -> Run:
    return side_by_side(runs, once)[0]


def _median(results: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in results),
        int(statistics.median(r.peak_kib for r in results)),
        results[0].lines,
    )


def report(
    name: str, ours: Run, base: Run, base_name: str, target: float | None, memory_cap: float | None = None
) -> None:
    """One line: our time, the baseline's, their ratio and its target, our peak memory
    and its ratio to the baseline's; marked where a target or ``memory_cap`` (MiB) is missed."""
    ratio = ours.seconds / base.seconds
    goal = f"<= {target:.2f}" if target is not None else "shown only"
    misses = []
    if target is not None and ratio > target:
        misses.append("slower than target")
    if memory_cap is not None and ours.peak_mib > memory_cap:
        misses.append(f"memory over {memory_cap:.1f} MiB")
    print(
        f"{name:<46} {ours.seconds * 1000:8.1f} ms  vs {base_name:<12} {base.seconds * 1000:8.1f} ms  "
        f"ratio {ratio:5.2f} ({goal:>10})   memory {ours.peak_mib:6.1f} MiB, "
        f"{ours.peak_kib / base.peak_kib:4.2f}x" + (f"   <- {'; '.join(misses)}" if misses else "")
    )


def note(text: str) -> None:
    """A line of information under the figures it is about."""
    print(f"{'':<46} {text}")


def digest(*files: Path) -> str:
    """A short digest of the files' contents, to name what is made from them."""
    made = hashlib.sha256()
    for file in files:
        made.update(file.read_bytes())
    return made.hexdigest()[:10]


def catalog_file(size: int, *options: str) -> Path:
    """The catalog ``make_catalog.py`` writes with ``options``, made once and kept in
    the temporary directory. Its name holds a digest of the generator and of the
    real data it copies from, so a change to either makes a new file."""
    tags = "".join(f"-{option.lstrip('-')}" for option in options)
    stamp = digest(HERE / "make_catalog.py", REAL_DATA)
    path = Path(tempfile.gettempdir()) / f"lvost-bench-{size}{tags}-{stamp}.json"
    if not path.exists():
        partial = path.with_suffix(".partial")
        made = [PYTHON, str(HERE / "make_catalog.py"), str(size), str(partial), *options]
        subprocess.run(made, check=True)
        partial.replace(path)
    return path


def disk_usage(folder: Path) -> int:
    """Bytes the files under ``folder`` take on disk, as ``du`` counts them."""
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*") if p.is_file())


def startup(runs: int) -> None:
    floor = median_of(runs, timed([*FLOOR, "tracks"], TERMINAL))
    ours = median_of(runs, timed([*LVOST, "tracks"], TERMINAL))
    report("lvost tracks (embedded data)", ours, floor, "floor app", 1.0)
    # For comparison only: the same, ending as Python programs usually do, with the
    # interpreter's teardown that the lvost command skips (see lvost.__main__.entry).
    usual = median_of(runs, timed([*TEARDOWN, "tracks"], TERMINAL))
    report("  the same, with Python's teardown", usual, floor, "floor app", None)


def completion(runs: int) -> None:
    floor_env = {"_FLOOR_COMPLETE": "complete_bash", "COMP_WORDS": "floor show Ang", "COMP_CWORD": "2"}
    ours_env = {"_LVOST_COMPLETE": "complete_bash", "COMP_WORDS": "lvost show Ang", "COMP_CWORD": "2"}
    floor = median_of(runs, timed(FLOOR, floor_env))
    ours = median_of(runs, timed(LVOST, ours_env))
    report("TAB completion of a title", ours, floor, "floor app", 0.5)


def catalog(runs: int, size: int, jq: str) -> None:
    _searches(runs, size, jq, foreign=0.0)
    # Shown only: the same with three tracks in ten spelt with accents or in Cyrillic.
    _searches(runs, size, jq, foreign=0.3)


def _searches(runs: int, size: int, jq: str, foreign: float) -> None:
    path = catalog_file(size, "--foreign", str(foreign)) if foreign else catalog_file(size)
    cache = Path(tempfile.mkdtemp(prefix="lvost-bench-cache-"))
    env = {"LVOST_CACHE_DIR": str(cache), "COLUMNS": "100"}
    search = [*LVOST, "--data", str(path), "search", "angel"]
    base = median_of(runs, timed([jq, "-c", JQ_SEARCH, str(path)]))
    cold = median_of(runs, first_run(search, env, cache))
    warm = median_of(runs, timed(search, env, warm=True))
    shutil.rmtree(cache, ignore_errors=True)
    if foreign:
        name = f"  the same, {foreign:.0%} not ASCII"
        report(f"{name}, first run", cold, base, "jq", None)
        report(f"{name}, cached", warm, base, "jq", None)
        note(f"jq's peak memory on this file: {base.peak_mib:.1f} MiB")
        return
    report(f"search angel, {size:,} tracks, first run", cold, base, "jq", 0.60)
    report(f"search angel, {size:,} tracks, cached", warm, base, "jq", 0.15)
    note(f"peak memory targets: no more than jq's ({base.peak_mib:.1f} MiB)")


@dataclass(frozen=True)
class Subject:
    """A catalog the engine group measures, and the folder for what lvost keeps of it."""

    kind: str
    size: int
    path: Path
    work: Path

    @property
    def cache(self) -> Path:
        """lvost's cache for this catalog alone, so its size on disk can be told."""
        return self.work / "cache"

    def lvost(self, *args: str) -> list[str]:
        return [*LVOST, "--data", str(self.path), *args]

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"LVOST_CACHE_DIR": str(self.cache), **(extra or {})}

    def jq(self, jq: str, program: str) -> list[str]:
        return [jq, "-c", program, str(self.path)]


def engine(runs: int, size: int, jq: str) -> None:
    """Issue 11's targets for the search engine, each measured first on the
    realistic catalog, then on the uniform one."""
    lines: list[Callable[[int, Subject, str], None]] = [
        _first_search,
        _first_twenty,
        _every_hit,
        _tsv,
        _show,
    ]
    print(
        f"engine, {size:,} tracks: every lvost line below is held to {MEMORY_CAP_MIB:.0f} MiB of memory "
        "at most, a first run to jq's"
    )
    with tempfile.TemporaryDirectory(prefix="lvost-bench-engine-") as work:
        subjects = [
            Subject("realistic", size, catalog_file(size, "--realistic"), Path(work) / "realistic"),
            Subject("uniform", size, catalog_file(size), Path(work) / "uniform"),
        ]
        for line in lines:
            for subject in subjects:
                line(runs, subject, jq)
        if importlib.util.find_spec("beets") is None:
            print("search angel vs beets: skipped, beets is not installed (pip install -e '.[bench]')")
        else:
            for subject in subjects:
                _beets(runs, subject)
        for subject in subjects:
            stored, source = disk_usage(subject.cache), subject.path.stat().st_size
            print(
                f"{'cache on disk after the warm runs [' + subject.kind + ']':<46} "
                f"{stored / 2**20:8.1f} MiB  beside the JSON file's {source / 2**20:.1f} MiB "
                f"({stored / source:.2f}x)"
            )


def _first_search(runs: int, subject: Subject, jq: str) -> None:
    search = first_run(subject.lvost("search", "angel"), subject.env(), subject.cache)
    ours, base = side_by_side(runs, search, timed(subject.jq(jq, JQ_SEARCH)))
    report(f"search angel, first run [{subject.kind}]", ours, base, "jq", 0.60, memory_cap=base.peak_mib)


def _first_twenty(runs: int, subject: Subject, jq: str) -> None:
    search = subject.lvost("search", "angel", "--limit", "20")
    # The embedded soundtrack's own cache, apart, so the catalog's is measured alone.
    embedded = {"LVOST_CACHE_DIR": str(subject.work / "embedded-cache"), **TERMINAL}
    ours, small, base = side_by_side(
        runs,
        timed(search, subject.env(TERMINAL), warm=True),
        timed([*LVOST, "tracks"], embedded, warm=True),
        timed(subject.jq(jq, f"limit(20; {JQ_SEARCH})")),
    )
    name = f"search angel --limit 20, warm [{subject.kind}]"
    report(name, ours, small, "lvost tracks", 1.3, MEMORY_CAP_MIB)
    report("  the same", ours, base, "jq", 0.05, MEMORY_CAP_MIB)


def _every_hit(runs: int, subject: Subject, jq: str) -> None:
    ours, base = side_by_side(
        runs,
        timed(subject.lvost("search", "angel"), subject.env(), warm=True),
        timed(subject.jq(jq, JQ_SEARCH)),
    )
    report(f"search angel, every hit, warm [{subject.kind}]", ours, base, "jq", 0.15, MEMORY_CAP_MIB)
    note(f"hits: lvost {ours.lines:,}, jq {base.lines:,}")


def _tsv(runs: int, subject: Subject, jq: str) -> None:
    ours, base = side_by_side(
        runs,
        timed(subject.lvost("tracks", "--format", "tsv"), subject.env(), warm=True),
        timed([*subject.jq(jq, JQ_TSV), "-r"]),
    )
    report(f"tracks --format tsv, warm [{subject.kind}]", ours, base, "jq", 0.10, MEMORY_CAP_MIB)


def _show(runs: int, subject: Subject, jq: str) -> None:
    number = max(1, subject.size - 1)
    ours, base = side_by_side(
        runs,
        timed(subject.lvost("show", str(number)), subject.env(), warm=True),
        timed(subject.jq(jq, f".tracks[] | select(.number == {number})")),
    )
    report(f"show {number}, warm [{subject.kind}]", ours, base, "jq", 0.10, MEMORY_CAP_MIB)


def _beets(runs: int, subject: Subject) -> None:
    home = beets_home(subject.path)
    ours, base = side_by_side(
        runs,
        timed(subject.lvost("search", "angel"), subject.env(), warm=True),
        timed([*BEETS, "ls", "angel"], {"BEETSDIR": str(home)}, warm=True),
    )
    report(f"search angel vs beets, warm [{subject.kind}]", ours, base, "beet ls", 0.05, MEMORY_CAP_MIB)
    note(f"hits: lvost {ours.lines:,}, beets {base.lines:,}; beets' peak memory {base.peak_mib:.1f} MiB")


def beets_home(catalog: Path) -> Path:
    """The beets folder (settings and library) for ``catalog``, made once and kept
    in the temporary directory beside it; named, like it, for what it is made from."""
    home = catalog.with_name(f"{catalog.stem}-beets-{digest(HERE / 'beets_library.py')}")
    if not (home / "library.db").exists():
        print(f"(making a beets library of {catalog.name}, once)", flush=True)
        made = [PYTHON, str(HERE / "beets_library.py"), str(catalog), str(home)]
        subprocess.run(made, check=True, stdout=subprocess.DEVNULL)
    return home


GROUPS = ("startup", "completion", "catalog", "engine", "library")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # Checked here, not with choices=: argparse on Python 3.11 also holds the empty
    # list that no argument gives against the choices, and refuses it.
    parser.add_argument("which", nargs="*", help=f"groups to run, of {', '.join(GROUPS)} (all when none)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=100_000)
    options = parser.parse_args()
    unknown = [name for name in options.which if name not in GROUPS]
    if unknown:
        parser.error(f"no such group: {', '.join(unknown)} (the groups: {', '.join(GROUPS)})")
    jq = shutil.which("jq")
    for name in options.which or GROUPS:
        if name == "startup":
            startup(options.runs)
        elif name == "completion":
            completion(options.runs)
        elif name == "library":
            from library import library_bench  # which imports this file, as run

            library_bench(max(3, options.runs // 2))
        elif jq is None:
            print(f"{name}: jq is not installed; skipped")
        elif name == "catalog":
            catalog(max(3, options.runs // 2), options.size, jq)
        else:
            engine(max(3, options.runs // 2), options.size, jq)


if __name__ == "__main__":
    main()
