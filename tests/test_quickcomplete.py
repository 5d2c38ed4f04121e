"""The quick completion path gives exactly Typer's answers, without Typer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lvost.cli import quickcomplete
from lvost.cli.main import app
from lvost.cli.quickcomplete import for_bash
from lvost.format import datafile
from lvost.store import library
from support import SMALL, at_the_prompt

GROUP = typer.main.get_command(app)


def test_the_options_that_take_values_are_typers() -> None:
    for name, command in GROUP.commands.items():  # type: ignore[attr-defined]
        takes_value = {o for p in command.params if not getattr(p, "is_flag", True) for o in p.opts}
        assert takes_value == set(quickcomplete.VALUE_OPTIONS.get(name, ())), name
    root = {o for p in GROUP.params if not getattr(p, "is_flag", True) for o in p.opts}
    assert root == set(quickcomplete.GLOBAL_VALUE_OPTIONS)
    # the flags a command may follow; the others (--version, completion's) end the run
    carry_on = {
        o for p in GROUP.params if getattr(p, "is_flag", False) and p.callback is None for o in p.opts
    }
    assert carry_on == set(quickcomplete.GLOBAL_FLAGS)
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
    (["--data", str(SMALL), "show"], ""),
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
    env = request("bash", ["show"], "Ca", data_env=str(SMALL))
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
            str(SMALL),
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
@example(shell="bash", words=["search", "--genre", "--fields"], typed="")  # an option search lacks, mid-line
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


# bash inserts a completion into the line as it is: whatever the title, what it
# inserts must give back the title and run nothing, whichever quote is open.

BASH_MEANS_IN_DOUBLE_QUOTES = [("$", "\\$"), ("`", "\\`"), ('"', '\\"'), ("\\", "\\\\"), ("!", '"\\!"')]


@pytest.mark.parametrize(("char", "escaped"), BASH_MEANS_IN_DOUBLE_QUOTES)
def test_inside_double_quotes_what_bash_reads_there_is_escaped(char: str, escaped: str) -> None:
    assert for_bash([f"Ze{char}d"], '"Ze') == [f"Ze{escaped}d"]
    assert for_bash([f"Ze{char}d"], 'lvost\nshow\n"Ze') == [f"Ze{escaped}d"]


def test_inside_double_quotes_the_rest_goes_in_as_it_is() -> None:
    assert for_bash(["Zed's & (co); <x> | #y"], '"Ze') == ["Zed's & (co); <x> | #y"]


@pytest.mark.parametrize(("char", "escaped"), [("'", "'\\''"), *((c, c) for c in '$`"\\! &;|()#')])
def test_inside_single_quotes_only_a_quote_is_escaped(char: str, escaped: str) -> None:
    assert for_bash([f"Ze{char}d"], "'Ze") == [f"Ze{escaped}d"]


@pytest.mark.parametrize(
    ("typed", "title", "inserted"),
    [
        # readline closes the quote after a candidate unless it ends with the
        # quote character: then the candidate must close it itself.
        ('"Ze', 'Zed"', 'Zed\\""'),
        ('"Ze', "Zed!", 'Zed"\\!""'),
        ('"Ze', "Zed\\", "Zed\\\\"),
        ("'Ze", "Zed'", "Zed'\\'''"),
        ("'Ze", "Zed\\", "Zed\\"),
        ('"', "", '"'),
    ],
)
def test_a_candidate_leaves_no_quote_open(typed: str, title: str, inserted: str) -> None:
    assert for_bash([title], typed) == [inserted]


@pytest.mark.parametrize(
    ("typed", "inserted"),
    [
        ("'Ze'", "Zed\\'s\\ \\$\\(x\\)"),  # every quote closed: readline replaces the word
        ("Ze", "Zed\\'s\\ \\$\\(x\\)"),
        ("$'Ze", "Zed\\'s $(x)"),  # in $'...' a backslash escapes, and $( means nothing
        ("$'a\\'Ze", "Zed\\'s\\ \\$\\(x\\)"),  # bash sees $' open, readline no quote at all
        ("Z$'e'\"", "Zed's \\$(x)"),
        ("lvost\nshow\n$'\\''\n\"Ze", "Zed\\'s\\ \\$\\(x\\)"),  # readline's quote opened in an earlier word
    ],
)
def test_candidates_are_escaped_for_where_bash_reads_them(typed: str, inserted: str) -> None:
    assert for_bash(["Zed's $(x)"], typed) == [inserted]


def test_the_quick_path_escapes_in_double_quotes(tmp_path: Path) -> None:
    data = tmp_path / "zed.json"
    data.write_text('{"tracks": [{"number": 1, "title": "Zed $(touch x) \\"!\\""}]}')
    env = request("bash", ["show"], '"Ze', data_env=str(data))
    assert quick_answer(env) == ('Zed \\$(touch x) \\""\\!"\\""\n', 0)


READLINE_KEEPS = [
    ("", "", "", ""),
    ('"', '"', '"', ""),
    ("'", "'", "'", ""),
    ("$'", "$'", "'", ""),
    ('$"', '$"', '"', ""),
    ("Ze'", "Ze'", "'", "Ze"),
    ("'Ze'", "", "", ""),
    ("$'a\\'b", "", "", ""),  # readline does not know $'...', where \' is no closing quote
]
"""What was typed of a word, what of it readline keeps when it puts in a lone
candidate (it replaces all that follows), the quote it then closes unless the
word already ends with it, and what the kept part means. (As typing TAB at a
bash prompt shows: readline keeps the word up to the quote it sees open, and
when it sees none, replaces the whole word.)"""

TITLES = st.lists(
    st.one_of(
        st.text(st.sampled_from(" \t$`\"\\!'&;|<>(){}[]*?~#=%^:,.-/@+aZé\u20130"), min_size=1, max_size=6),
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\0\n\r"), max_size=4),
        st.sampled_from(
            [
                "$(touch CANARY)",
                "`touch CANARY`",
                "'; touch CANARY; '",
                '"; touch CANARY; "',
                "\\'$(touch CANARY)'",
                "!!",
                "!-1",
                "!#",
            ]
        ),
    ),
    max_size=4,
).map("".join)
"""Titles full of what means something to bash (newlines aside, which its
completion script takes to separate candidates)."""


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@given(st.lists(TITLES, min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_a_title_completed_at_a_bash_prompt_is_the_title_and_runs_nothing(titles: list[str]) -> None:
    lines, expected = [":"], []  # a first command, so that !! has one to repeat
    for title in titles:
        for typed, kept, quote, meaning in READLINE_KEEPS:
            (inserted,) = for_bash([title], typed)
            word = kept + inserted
            if quote and not word.endswith(quote):
                word += quote
            lines.append(f"printf '%s\\0' {word}")
            expected.append(meaning + title)
    with tempfile.TemporaryDirectory() as where:
        printed = at_the_prompt("\n".join(lines) + "\n", Path(where))
        assert not (Path(where) / "CANARY").exists()
    assert printed.split("\0")[:-1] == expected


def test_values_come_from_a_current_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from lvost.questions.catalog import Catalog
    from lvost.store import cache
    from support import variant

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    path = tmp_path / "a.json"
    path.write_text(json.dumps(variant(tracks__1__title="Tango", tracks__1__genres=["Bossa Nova"])))
    assert quickcomplete.candidates(["show"], "", {"LVOST_DATA": str(path)}) == ["One", "Tango"]
    Catalog.load(path)  # builds the store

    def no_json(*args: object) -> None:
        raise AssertionError("the store should have answered")

    monkeypatch.setattr(quickcomplete.json, "loads", no_json)
    environ = {"LVOST_DATA": str(path)}
    assert quickcomplete.candidates(["show"], "", environ) == ["One", "Tango"]
    assert quickcomplete.candidates(["tracks", "--genre"], "", environ) == ["bossa nova"]
    assert quickcomplete.candidates(["themes"], "", environ) == ["t"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_as_data_completes_nothing_and_at_once(tmp_path: Path, kind: str) -> None:
    data = "/dev/zero"
    if kind == "fifo":
        data = str(tmp_path / "fifo")
        os.mkfifo(data)
    env = {**os.environ, "_LVOST_COMPLETE": "complete_bash", "COMP_CWORD": "4"}
    env["COMP_WORDS"] = f"lvost --data {data} show An"
    done = subprocess.run(
        [sys.executable, "-m", "lvost"], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "\n", "")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("words", "incomplete"),
    [(["show"], ""), (["show"], "La"), (["tracks", "--genre"], ""), (["themes"], "")],
)
def test_titles_come_from_every_soundtrack_of_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, words: list[str], incomplete: str
) -> None:
    path = tmp_path / "library.db"
    library.add(path, "night", datafile.load(SMALL))
    monkeypatch.setenv("LVOST_LIBRARY", str(path))
    env = {**request(shell, words, incomplete), "LVOST_LIBRARY": str(path)}
    quick = quick_answer(env)
    assert quick is not None
    assert quick == typers_answer(env)
    if words == ["show"]:
        assert ("Last" in quick[0], "Angel" in quick[0]) == (True, incomplete == "")


def test_the_library_option_is_the_library_completed_from(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library.add(path, "night", datafile.load(SMALL))
    env = request("fish", ["--library", str(path), "show"], "Caf")
    assert quick_answer(env) == ("Café Noir\n", 0) == typers_answer(env)


def test_a_library_of_another_version_is_left_to_typer(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    path.write_bytes((Path(__file__).parent / "data" / "library-v1.db").read_bytes())
    env = request("fish", ["--library", str(path), "show"], "")
    assert quickcomplete.answer(env) is None
    assert "Last Tram Home" in typers_answer(env)[0]
