"""TAB completion set up in a shell: the script each shell runs, and where it goes.

The scripts call lvost back through Typer's completion protocol (the
``_LVOST_COMPLETE`` variable), as Typer's own do; lvost writes them itself so
that zsh completes from the first TAB and quotes what it puts in the line
itself. The zsh script asks for the candidates as Typer gives them to fish, a
plain value a line, and hands them to zsh's ``compadd``: an apostrophe, a quote
or a dollar sign in a title reaches the line quoted by zsh, exactly once.
Typer's zsh script instead evaluates the candidates as shell words, escaped by
doubling quotes, which drops apostrophes, and as a function file it only
defines itself on the first TAB.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Mapping
from pathlib import Path

from lvost.core.atomic import replacing
from lvost.core.errors import LvostError, UsageError

PROGRAM = "lvost"
SHELLS = ("bash", "zsh", "fish")

BASH = """\
_lvost_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   _LVOST_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _lvost_completion lvost
"""
"""bash puts candidates in the line as they come: lvost escapes them for the
quoting they land in (``quickcomplete.for_bash``)."""

ZSH = """\
#compdef lvost
compdef _lvost lvost

# lvost gives its candidates a line each (a tab and a description after options
# and commands); zsh quotes each one as it puts it in the line.
_lvost() {
  local -a described plain
  local line
  for line in "${(@f)$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \\
      _TYPER_COMPLETE_FISH_ACTION=get-args _LVOST_COMPLETE=complete_fish lvost 2>/dev/null)}"; do
    if [[ $line == *$'\\t'* ]]; then
      described+=("${${line%%$'\\t'*}//:/\\\\:}:${line#*$'\\t'}")
    elif [[ -n $line ]]; then
      plain+=("$line")
    fi
  done
  if (( ${#described} + ${#plain} == 0 )); then
    _files
    return
  fi
  (( ${#described} )) && _describe -t lvost lvost described
  (( ${#plain} )) && compadd -a plain
  return 0
}

# Loaded from fpath as the function _lvost, this file completes the TAB that loaded it.
if [[ $funcstack[1] == _lvost ]]; then
  _lvost "$@"
fi
"""

FISH = (
    'complete --command lvost --no-files --arguments "(env _LVOST_COMPLETE=complete_fish'
    ' _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) lvost)"'
    ' --condition "env _LVOST_COMPLETE=complete_fish'
    ' _TYPER_COMPLETE_FISH_ACTION=is-args _TYPER_COMPLETE_ARGS=(commandline -cp) lvost"\n'
)

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}

_PLACES = {
    "bash": (".bash_completions/lvost.sh", ".bashrc", "source '{script}'"),
    "zsh": (".zfunc/_lvost", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
    "fish": (".config/fish/completions/lvost.fish", None, None),
}
"""For each shell: where its script goes under the home folder, and the
start-up file and line that make the shell read it (Typer's places, so that
installing again replaces a script Typer wrote)."""


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    return SCRIPTS[known(shell)]


def known(shell: str) -> str:
    """``shell`` by the name lvost knows it by, or a ``UsageError``."""
    name = Path(shell).name.removesuffix(".exe")
    if name not in SHELLS:
        raise UsageError(
            f'lvost completes in bash, zsh and fish, and this is "{shell}"; '
            "run lvost --install-completion from one of them"
        )
    return name


def detected() -> str:
    """The shell lvost was started from: its parent process's, else ``$SHELL``."""
    try:
        import shellingham

        name = str(shellingham.detect_shell()[0])
    except (ImportError, RuntimeError):  # not found among the parents (ShellDetectionFailure)
        name = os.environ.get("SHELL", "")
    if not name:
        raise UsageError(
            "which shell lvost runs in cannot be told (no $SHELL); run it from bash, zsh or fish"
        )
    return known(name)


def install(shell: str, home: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """Write ``shell``'s script under ``home``, and add the line that reads it to
    the shell's start-up file (zsh's in ``$ZDOTDIR`` when it is set) when it is
    not there yet; where the script went.

    The start-up file is only ever added to (through a link, if it is one), so
    nothing in it is lost; it is read whatever its encoding, and opened to add the
    line only when the line is missing, before the script is written, so that one
    lvost cannot add to leaves nothing half set up. A folder or file that cannot be
    written is a ``LvostError`` that names it."""
    shell = known(shell)
    where, startup, line = _PLACES[shell]
    target = home / where
    folder = Path(environ["ZDOTDIR"]) if shell == "zsh" and environ.get("ZDOTDIR") else home
    rc = folder / startup if startup is not None else None
    wanted = _line(line, target) if line is not None else ""
    at = rc or target
    try:
        present = rc.read_bytes().decode("utf-8", "replace") if rc is not None and rc.exists() else ""
        needed = rc is not None and wanted not in present.splitlines()
        with contextlib.ExitStack() as stack:
            # opened to add (only when the line is missing) before the script is written
            stream = stack.enter_context(rc.open("ab")) if rc is not None and needed else None
            at = target
            target.parent.mkdir(parents=True, exist_ok=True)
            with replacing(target.resolve(), keep_mode=True) as new:
                new.write_text(SCRIPTS[shell], encoding="utf-8")
            if stream is not None:
                at = rc or target
                ending = "" if present.endswith("\n") or not present else "\n"
                stream.write(f"{ending}{wanted}\n".encode())
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise LvostError(f"{shell} completion cannot be set up: {at}: {why}") from None
    return target


def _line(line: str, script: Path) -> str:
    """The start-up line, naming ``script`` (where it does) as a shell reads it: as
    Typer wrote it, unless the path holds a quote."""
    if "{script}" not in line or "'" not in str(script):
        return line.format(script=script)
    return f"source {shlex.quote(str(script))}"
