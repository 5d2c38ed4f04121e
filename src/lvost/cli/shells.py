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

import os
from pathlib import Path

from lvost.core.atomic import replacing
from lvost.core.errors import UsageError

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


def install(shell: str, home: Path) -> Path:
    """Write ``shell``'s script under ``home``, and add the line that reads it to
    the shell's start-up file when it is not there yet; where the script went.

    The start-up file is only ever added to (through a link, if it is one), so
    nothing in it is lost."""
    shell = known(shell)
    where, startup, line = _PLACES[shell]
    target = home / where
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target.resolve(), keep_mode=True) as new:
        new.write_text(SCRIPTS[shell], encoding="utf-8")
    if startup is not None and line is not None:
        wanted = line.format(script=target)
        rc = home / startup
        present = rc.read_text(encoding="utf-8", errors="replace") if rc.exists() else ""
        if wanted not in present.splitlines():
            with rc.open("a", encoding="utf-8") as stream:
                stream.write(("" if present.endswith("\n") or not present else "\n") + wanted + "\n")
    return target
