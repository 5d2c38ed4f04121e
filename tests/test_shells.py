"""TAB completion as a person gets it: set up by ``lvost --install-completion``,
pressed in a real interactive bash and zsh on a pseudo-terminal, and what the
command line holds afterwards.

.ci/run installs zsh and sets LVOST_TEST_SHELLS, so that there a missing shell
fails these tests instead of skipping them."""

from __future__ import annotations

import json
import os
import select
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lvost.cli import shells
from lvost.core.errors import LvostError
from support import variant

SHOW_LINE = {
    # A key (Ctrl-X) that prints the line being edited between [ and ], then leaves it be.
    "bash": """bind -x '"\\C-x": printf "\\n[%s]\\n" "$READLINE_LINE"'\nPS1='$ '\n""",
    "zsh": "show-line() { print -r -- $'\\n'\"[$BUFFER]\" }\nzle -N show-line\nbindkey '^X' show-line\nPS1='%% '\n",
}


def needs(shell: str) -> pytest.MarkDecorator:
    missing = shutil.which(shell) is None and not os.environ.get("LVOST_TEST_SHELLS")
    return pytest.mark.skipif(missing, reason=f"{shell} is not installed (.ci/run installs it)")


def set_up(shell: str, home: Path) -> dict[str, str]:
    """``home`` as a person's who ran ``lvost --install-completion`` in ``shell``;
    the environment to start the shell in."""
    bin_folder = home / "bin"
    bin_folder.mkdir()
    shim = bin_folder / "lvost"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m lvost "$@"\n')
    shim.chmod(0o755)
    env = {
        "HOME": str(home),
        "ZDOTDIR": str(home),
        "PATH": f"{bin_folder}:{os.environ['PATH']}",
        "TERM": "xterm",
        "SHELL": shutil.which(shell) or shell,
    }
    done = subprocess.run(
        [shell, "-c", "lvost --install-completion; exit"], env=env, capture_output=True, text=True, cwd=home
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout.startswith(f"{shell} completion is set up in ")
    rc = home / (".bashrc" if shell == "bash" else ".zshrc")
    with rc.open("a") as stream:
        stream.write(SHOW_LINE[shell])
    return env


def line_after(shell: str, keys: str, env: dict[str, str], where: Path) -> str:
    """The command line after typing ``keys`` (TABs among them) into a new
    interactive ``shell``, as it prints it on Ctrl-X."""
    import pty

    command = [shell, "--noprofile", "-i"] if shell == "bash" else [shell, "-i"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, cwd=where, start_new_session=True
    )
    os.close(follower)
    try:
        seen = _until(leader, b"$ " if shell == "bash" else b"% ")
        os.write(leader, keys.encode())
        time.sleep(0.2)
        os.write(leader, b"\x18")
        seen = _until(leader, b"]\r\n")
    finally:
        process.kill()
        process.wait()
        os.close(leader)
    text = seen.decode(errors="replace")
    return text[text.rindex("\n[") + 2 : text.rindex("]")]


def _until(leader: int, wanted: bytes, seconds: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.1)[0]:
            seen += os.read(leader, 65536)
    assert wanted in seen, seen
    return seen


@needs("bash")
@pytest.mark.parametrize(
    ("typed", "line"),
    [
        # where the titles part halfway through an escape (Ben\ and Ben\'), the line stops short of it
        ("lvost show ben\t", "lvost show ben"),
        ("lvost show Ben\\\t", "lvost show Ben\\"),  # typed up to the escape: left as it is
        ("lvost show It\t", "lvost show It\\'s\\ a\\ Lonesome\\ Old\\ Town "),
        ('lvost show "Ben P\t', 'lvost show "Ben Pawns His Rolex / Sera Talks to Her Shrink" '),
    ],
)
def test_tab_in_a_real_bash(typed: str, line: str, tmp_path: Path) -> None:
    assert line_after("bash", typed, set_up("bash", tmp_path), tmp_path) == line


@needs("zsh")
@pytest.mark.parametrize(
    ("typed", "line"),
    [
        # the first TAB of a new shell completes, and apostrophes stay
        ("lvost show It\t", "lvost show It\\'s\\ a\\ Lonesome\\ Old\\ Town "),
        ('lvost show "It\t', 'lvost show "It\'s a Lonesome Old Town" '),
        ("lvost show Ben\\'\t", "lvost show Ben\\'s\\ Hell "),
        ("lvost tracks --genre boss\t", "lvost tracks --genre bossa\\ nova "),
        ("lvost trac\t", "lvost tracks "),
    ],
)
def test_tab_in_a_real_zsh(typed: str, line: str, tmp_path: Path) -> None:
    assert line_after("zsh", typed, set_up("zsh", tmp_path), tmp_path) == line


@needs("zsh")
def test_a_title_completed_in_zsh_is_the_title_and_runs_nothing(tmp_path: Path) -> None:
    env = set_up("zsh", tmp_path)
    data = tmp_path / "zed.json"
    data.write_text(json.dumps(variant(tracks__0__title='Zed $(touch x) `touch y` "q" it\'s')))
    line = line_after("zsh", f"lvost --data {data} show Ze\t", env, tmp_path)
    typed = line.removeprefix(f"lvost --data {data} show ")
    done = subprocess.run(["zsh", "-f", "-c", f"print -r -- {typed}"], capture_output=True, text=True)
    assert done.stdout == 'Zed $(touch x) `touch y` "q" it\'s\n'
    assert not (tmp_path / "x").exists()
    assert not (tmp_path / "y").exists()


def test_installing_twice_adds_one_line_and_keeps_what_was_there(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "bashrc"
    real.parent.mkdir()
    real.write_text("alias ll='ls -l'")  # no newline at the end
    (tmp_path / ".bashrc").symlink_to(real)
    first = shells.install("bash", tmp_path, {})
    second = shells.install("bash", tmp_path, {})
    assert first == second == tmp_path / ".bash_completions" / "lvost.sh"
    assert first.read_text() == shells.BASH
    assert (tmp_path / ".bashrc").is_symlink()  # written through the link
    assert real.read_text() == f"alias ll='ls -l'\nsource '{first}'\n"


def test_a_script_typer_wrote_is_replaced_and_its_line_kept(tmp_path: Path) -> None:
    zfunc = tmp_path / ".zfunc"
    zfunc.mkdir()
    (zfunc / "_lvost").write_text("#compdef lvost\n\n_lvost_completion() {\n}\n")
    (tmp_path / ".zshrc").write_text("fpath+=~/.zfunc; autoload -Uz compinit; compinit\n")
    assert shells.install("zsh", tmp_path, {}).read_text() == shells.ZSH
    assert (tmp_path / ".zshrc").read_text() == "fpath+=~/.zfunc; autoload -Uz compinit; compinit\n"


def test_a_shell_lvost_does_not_complete_in_is_one_clear_line(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/tcsh"}
    done = subprocess.run(
        ["sh", "-c", f"{sys.executable} -m lvost --install-completion"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "bash, zsh and fish" in done.stderr
    assert list(tmp_path.iterdir()) == []


@needs("zsh")
def test_where_lvost_has_no_values_zsh_completes_files(tmp_path: Path) -> None:
    env = set_up("zsh", tmp_path)
    (tmp_path / "night-tram.json").write_text("{}")
    assert line_after("zsh", "lvost validate night\t", env, tmp_path) == "lvost validate night-tram.json "


@needs("zsh")
def test_show_completion_in_zsh_prints_the_zsh_script(tmp_path: Path) -> None:
    done = subprocess.run(
        ["zsh", "-f", "-c", f"{sys.executable} -m lvost --show-completion; exit"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, shells.ZSH, "")


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_start_up_file_lvost_cannot_add_to_is_one_line_and_nothing_written(
    shell: str, tmp_path: Path
) -> None:
    (tmp_path / (".bashrc" if shell == "bash" else ".zshrc")).mkdir()
    with pytest.raises(LvostError, match=f"{shell} completion cannot be set up: .*rc: Is a directory"):
        shells.install(shell, tmp_path, {})
    assert not (tmp_path / ".bash_completions").exists()
    assert not (tmp_path / ".zfunc").exists()


def test_a_folder_where_the_script_goes_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".zfunc").write_text("not a folder")
    with pytest.raises(LvostError, match=r"zsh completion cannot be set up: .*\.zfunc/_lvost: "):
        shells.install("zsh", tmp_path, {})
    assert (tmp_path / ".zfunc").read_text() == "not a folder"


@needs("bash")
def test_a_home_with_a_quote_in_its_name_gets_a_line_bash_reads(tmp_path: Path) -> None:
    home = tmp_path / "it's home"
    home.mkdir()
    shells.install("bash", home, {})
    done = subprocess.run(
        ["bash", "--norc", "-c", f"source {shlex.quote(str(home / '.bashrc'))}; complete -p lvost"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "_lvost_completion" in done.stdout


def test_zsh_start_up_lines_go_where_zdotdir_says(tmp_path: Path) -> None:
    dot = tmp_path / "zdot"
    dot.mkdir()
    shells.install("zsh", tmp_path, {"ZDOTDIR": str(dot)})
    assert (dot / ".zshrc").read_text() == "fpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert not (tmp_path / ".zshrc").exists()
    assert (tmp_path / ".zfunc" / "_lvost").read_text() == shells.ZSH


def test_a_start_up_file_not_in_utf_8_is_added_to_as_it_is(tmp_path: Path) -> None:
    rc = tmp_path / ".bashrc"
    rc.write_bytes(b"alias x=caf\xe9\n")
    script = shells.install("bash", tmp_path, {})
    assert rc.read_bytes() == b"alias x=caf\xe9\n" + f"source '{script}'\n".encode()


def test_a_start_up_file_that_has_the_line_is_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rc = tmp_path / ".bashrc"
    rc.write_text(f"source '{tmp_path / '.bash_completions' / 'lvost.sh'}'\n")
    opened = Path.open

    def read_only(self: Path, mode: str = "r", *more: Any, **kw: Any) -> Any:
        if self == rc and mode != "rb" and mode != "r":
            raise OSError(30, "Read-only file system")  # as on a read-only home, say
        return opened(self, mode, *more, **kw)

    monkeypatch.setattr(Path, "open", read_only)
    assert shells.install("bash", tmp_path, {}).read_text() == shells.BASH
