"""TAB completion through Typer's real protocol: the environment variables each
shell's script sets, and for bash the script itself in a real bash."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lvost.cli import shells
from lvost.core.names import TRACK_COLUMNS
from support import SMALL, at_the_prompt, variant

LVOST = [sys.executable, "-m", "lvost"]


def complete(shell: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "LVOST_DATA"}
    done = subprocess.run(
        LVOST, env={**clean, "_LVOST_COMPLETE": f"complete_{shell}", **env}, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stderr == ""  # completion prints candidates and nothing else
    return done


def bash(line: str, env: dict[str, str] | None = None) -> list[str]:
    """Candidates for ``line``, split into words at spaces except inside double quotes."""
    words = [w.replace("\0", " ") for w in _protect_quoted(line).split(" ")]
    done = complete(
        "bash", {"COMP_WORDS": "\n".join(words), "COMP_CWORD": str(len(words) - 1), **(env or {})}
    )
    out = done.stdout.rstrip("\n")
    return out.split("\n") if out else []


def _protect_quoted(line: str) -> str:
    head, quote, rest = line.partition('"')
    return head + quote + rest.replace(" ", "\0")


@pytest.mark.parametrize(
    ("line", "candidates"),
    [
        ("lvost show Ang", ["Angel\\ Eyes"]),
        ("lvost show it", ["it\\'s\\ a\\ Lonesome\\ Old\\ Town"]),
        ('lvost show "Ben P', ["Ben Pawns His Rolex / Sera Talks to Her Shrink"]),
        (
            "lvost show Ben",
            [
                "Ben",  # where they part, inside an escape (Ben\ and Ben\'): readline stops here
                "Ben\\ \\&\\ Bill",
                "Ben\\ Pawns\\ His\\ Rolex\\ /\\ Sera\\ Talks\\ to\\ Her\\ Shrink",
                "Ben\\ and\\ Sera\\ \\\u2013\\ Theme",
                "Ben\\'s\\ Hell",
            ],
        ),
        ("lvost themes l", ["loneliness", "love-and-fear", "lament", "longing"]),
        ("lvost themes --genre bo", ["bossa\\ nova"]),
        ("lvost tracks --genre BL", ["BLues"]),
        ("lvost tracks --kind ", ["song", "score", "dialogue"]),
        ("lvost tracks --theme fr", ["fragile-hope"]),
        ("lvost arc --genre neo", ["neo-rockabilly"]),
        ("lvost tracks --fields number,ti", ["number,title"]),
        ("lvost tracks --fields ", list(TRACK_COLUMNS)),
        ("lvost search --fields sc", ["score"]),
        ("lvost themes --fields id,na", ["id,name"]),
        ("lvost show zzz", []),
    ],
)
def test_bash(line: str, candidates: list[str]) -> None:
    assert bash(line) == candidates


def test_completion_follows_the_chosen_data_file() -> None:
    assert bash(f"lvost --data {SMALL} show ") == ["Last\\ Tram\\ Home", "Café\\ Noir", "Rain\\ \\&\\ Rails"]
    assert bash("lvost show La", {"LVOST_DATA": str(SMALL)}) == ["Last\\ Tram\\ Home"]


def test_a_broken_data_file_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert bash(f"lvost --data {broken} show ") == []


def test_zsh() -> None:
    done = complete("zsh", {"_TYPER_COMPLETE_ARGS": "lvost show Ang"})
    assert done.stdout.rstrip("\n") == "_arguments '*: :((\"Angel Eyes\"))'"


def test_fish() -> None:
    done = complete(
        "fish", {"_TYPER_COMPLETE_ARGS": "lvost themes --genre b", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    )
    assert done.stdout.splitlines() == ["blues", "bossa nova"]


BASH_SCRIPT = shells.BASH


def script_for(shell: str) -> str:
    """The completion script lvost gives ``shell`` through Click's protocol, which
    names the shell itself, so it needs no shell around it to detect."""
    done = subprocess.run(
        LVOST, env={**os.environ, "_LVOST_COMPLETE": f"source_{shell}"}, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_that_calls_lvost_back(shell: str) -> None:
    assert script_for(shell) == shells.SCRIPTS[shell]
    assert "_LVOST_COMPLETE=complete_" in shells.SCRIPTS[shell]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_show_completion_under_bash_prints_the_bash_script() -> None:
    # Typer looks for the shell among lvost's parent processes. bash -c runs its last
    # command in its own place, so `exit` comes last: bash stays lvost's parent, and
    # the answer does not depend on which shell, if any, started pytest.
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"{shlex.join(LVOST)} --show-completion; exit"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, BASH_SCRIPT, "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["lvost", "show", "Ang"], ["Angel\\ Eyes"]),
        (["lvost", "show", '"Ben P'], ["Ben Pawns His Rolex / Sera Talks to Her Shrink"]),
        (["lvost", "tracks", "--genre", "boss"], ["bossa\\ nova"]),
    ],
)
def test_the_bash_script_in_a_real_bash(words: list[str], expected: list[str], tmp_path: Path) -> None:
    assert completed_in_bash(words, tmp_path) == expected


def completed_in_bash(words: list[str], where: Path) -> list[str]:
    """COMPREPLY after lvost's completion script runs in a real bash for ``words``,
    the last of them the one being completed."""
    shim = where / "lvost"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m lvost "$@"\n')
    shim.chmod(0o755)
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    program = (
        f"{script_for('bash')}\n"
        f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}\n"
        '_lvost_completion lvost; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {"PATH": f"{where}:{os.environ['PATH']}", "HOME": str(where)}
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program], env=env, capture_output=True, text=True
    )
    return done.stdout.splitlines()


ZED = "Zed $(touch x)"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("typed", "inserted"),
    [('"Ze', "Zed \\$(touch x)"), ("'Ze", "Zed $(touch x)"), ("Ze", "Zed\\ \\$\\(touch\\ x\\)")],
)
@pytest.mark.parametrize("after", [[], ["--"]], ids=["quick", "typer"])
def test_a_title_completed_in_bash_is_the_title_and_runs_nothing(
    typed: str, inserted: str, after: list[str], tmp_path: Path
) -> None:
    data = tmp_path / "zed.json"
    data.write_text(json.dumps(variant(tracks__0__title=ZED)))
    words = ["lvost", "--data", str(data), "show", *after, typed]
    (reply,) = completed_in_bash(words, tmp_path)
    # readline puts a lone candidate in after the quote left open, then closes it
    quote = typed[0] if typed[0] in "'\"" else ""
    entered = at_the_prompt(f"printf '%s' {quote}{reply}{quote}\n", tmp_path)
    assert not (tmp_path / "x").exists()
    assert entered == ZED
    assert reply == inserted
