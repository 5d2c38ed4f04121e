"""The README's examples are real: each console block is run and compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ (lvost[^\n]*)\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_has_examples_of_every_command() -> None:
    shown = {shlex.split(command)[1] for command, _ in EXAMPLES}
    assert shown >= {"tracks", "show", "themes", "search", "about", "validate"}


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_real_output(command: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files relative to the repository
    runner = CliRunner(env={**TERMINAL, "COLUMNS": "90"})
    result = runner.invoke(app, shlex.split(command)[1:], prog_name="lvost")
    actual = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    assert actual == expected.rstrip("\n").splitlines()


def test_readme_gives_exactly_two_setup_commands() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.DOTALL)
    assert len(commands) == 2
    install, test = commands
    assert install.endswith("lvost tracks")
    assert "[test]" in test
    assert test.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci
    assert "<!-- test-command" in README
