"""The quick completion path gives exactly Typer's answers, without Typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lvost import quickcomplete
from lvost.cli import app

SMALL = str(Path(__file__).parent / "data" / "small.json")
GROUP = typer.main.get_command(app)


def test_the_options_that_take_values_are_typers() -> None:
    for name, command in GROUP.commands.items():  # type: ignore[attr-defined]
        takes_value = {o for p in command.params if not getattr(p, "is_flag", True) for o in p.opts}
        assert takes_value == set(quickcomplete.VALUE_OPTIONS.get(name, ())), name
    root = {o for p in GROUP.params if not getattr(p, "is_flag", True) for o in p.opts}
    assert root == set(quickcomplete.GLOBAL_VALUE_OPTIONS)
    assert tuple(sorted(GROUP.commands)) == tuple(sorted(quickcomplete.COMMANDS))  # type: ignore[attr-defined]


def typers_answer(env: dict[str, str]) -> tuple[str, int]:
    result = CliRunner(env={**env, "LVOST_DATA": env.get("LVOST_DATA")}).invoke(app, [], prog_name="lvost")
    return result.stdout, result.exit_code


def quick_answer(env: dict[str, str]) -> tuple[str, int] | None:
    environ = {k: v for k, v in env.items() if v is not None}
    reply = quickcomplete.answer(environ)
    if reply is None:
        return None
    text, status = reply
    return ("" if text is None else text + "\n"), status


def request(shell: str, words: list[str], incomplete: str, data_env: str | None = None) -> dict[str, str]:
    env = {"_LVOST_COMPLETE": f"complete_{shell}"}
    if data_env:
        env["LVOST_DATA"] = data_env
    if shell == "bash":
        env.update(COMP_WORDS="\n".join(["lvost", *words, incomplete]), COMP_CWORD=str(len(words) + 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = " ".join(["lvost", *words, incomplete])
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


CASES = [
    (["show"], "Ang"),
    (["show"], "it"),
    (["show"], '"Ben P'),
    (["show"], ""),
    (["--no-color", "show"], "Ben"),
    (["--data", SMALL, "show"], ""),
    (["themes"], "lo"),
    (["themes", "--genre"], "b"),
    (["tracks", "--json", "--kind"], ""),
    (["tracks", "performer:sting", "--theme"], "fr"),
    (["tracks", "--fields"], "number,ti"),
    (["search", "angel", "--fields"], ""),
    (["arc", "--genre"], "neo"),
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("words", "incomplete"), CASES)
def test_quick_answers_equal_typers(shell: str, words: list[str], incomplete: str) -> None:
    if shell != "bash" and '"' in incomplete:
        pytest.skip("zsh and fish quote for themselves")
    env = request(shell, words, incomplete)
    quick = quick_answer(env)
    assert quick is not None, "the quick path should answer this itself"
    assert quick == typers_answer(env)


def test_the_data_file_from_the_environment_is_used() -> None:
    env = request("bash", ["show"], "Ca", data_env=SMALL)
    assert quick_answer(env) == ("Café\\ Noir\n", 0) == typers_answer(env)


@pytest.mark.parametrize(
    ("words", "incomplete"),
    [
        ([], "sh"),
        (["show"], "--j"),
        (["show", "2"], ""),
        (["--data"], "tests/"),
        (["tracks", "--sort"], ""),
        (["bogus"], ""),
    ],
)
def test_the_rest_is_left_to_typer(words: list[str], incomplete: str) -> None:
    assert quickcomplete.answer(request("bash", words, incomplete)) is None


WORDS = st.lists(
    st.sampled_from(
        [
            "show",
            "themes",
            "tracks",
            "search",
            "arc",
            "--genre",
            "--kind",
            "--theme",
            "--fields",
            "--json",
            "--no-color",
            "--data",
            SMALL,
            "--limit",
            "3",
            "sting",
            "^score",
            "kind:song",
        ]
    ),
    max_size=4,
)
TYPED = st.sampled_from(["", "A", "an", "Ben", "it", "l", "b", "s", "number,", "fr", "zz", "J"])


@given(st.sampled_from(["bash", "zsh", "fish"]), WORDS, TYPED)
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_whenever_the_quick_path_answers_it_agrees_with_typer(
    shell: str, words: list[str], typed: str
) -> None:
    env = request(shell, words, typed)
    quick = quick_answer(env)
    if quick is not None:
        assert quick == typers_answer(env)


def test_fish_is_args_through_the_real_entry_point() -> None:
    env = {**os.environ, **request("fish", ["show"], "Ang")}
    env["_TYPER_COMPLETE_FISH_ACTION"] = "is-args"
    yes = subprocess.run([sys.executable, "-m", "lvost"], env=env, capture_output=True, text=True)
    env.update(request("fish", ["show"], "zzz"), _TYPER_COMPLETE_FISH_ACTION="is-args")
    no = subprocess.run([sys.executable, "-m", "lvost"], env=env, capture_output=True, text=True)
    assert (yes.returncode, yes.stdout, no.returncode, no.stdout) == (0, "", 1, "")
