"""TAB completion answered without loading Typer, Rich or Pydantic.

Completion runs on every TAB press, and loading the command line's libraries
costs more than everything else a completion does. This module speaks Typer's
completion protocol for bash, zsh and fish (the same environment variables in,
the same text out) for the values lvost completes itself: track titles after
``show``, theme ids after ``themes`` and ``--theme``, genres, kinds and field
names. Anything else (command and option names, file paths) it leaves to Typer
by answering ``None``. The tests hold its answers equal to Typer's.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lvost.core.names import COLUMN_NAMES, KINDS, MAX_BYTES, embedded_path, normalize_genre

COMMANDS = (
    *("tracks", "show", "themes", "search", "about", "validate", "schema"),
    *("stats", "arc", "cache", "browse", "import"),
    *("soundtracks", "add", "remove", "export", "play", "songs"),
)
GLOBAL_VALUE_OPTIONS = ("--data", "--library")
GLOBAL_FLAGS = ("--no-color", "--no-pager")
_PICK = ("-s", "--soundtrack")
VALUE_OPTIONS: dict[str, tuple[str, ...]] = {
    "tracks": ("--genre", "--kind", "--artist", "--theme", "--sort", "--format", "--fields", *_PICK),
    "show": _PICK,
    "themes": ("--genre", "--format", "--fields", *_PICK),
    "search": ("--limit", "--format", "--fields", *_PICK),
    "about": _PICK,
    "stats": _PICK,
    "arc": ("--genre", *_PICK),
    "browse": _PICK,
    "import": ("-o", "--output", "--merge", "--id"),
    "soundtracks": ("--format", "--fields"),
    "add": ("--id",),
    "export": ("-o", "--output", "--all"),
    "play": _PICK,
    "songs": ("--format", "--fields", *_PICK),
}
"""For each command, the options that take a value; the tests compare them with Typer's."""

Answer = tuple[str | None, int]
"""What to print (nothing at all for ``None``) and the exit status."""


def answer(environ: Mapping[str, str]) -> Answer | None:
    """The completion reply for the request in ``environ``, or ``None`` for Typer."""
    shell = environ.get("_LVOST_COMPLETE", "").removeprefix("complete_")
    if shell == "bash":
        raw = environ.get("COMP_WORDS", "")
        words = split_arg_string(raw)
        cword = int(environ.get("COMP_CWORD", "0") or 0)
        args, incomplete = words[1:cword], (words[cword] if cword < len(words) else "")
    elif shell in ("zsh", "fish"):
        raw = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = split_arg_string(raw)[1:]
        ends_word = bool(words) and not raw.endswith(" ")
        args, incomplete = (words[:-1], words[-1]) if ends_word else (words, "")
    else:
        return None
    found = candidates(args, incomplete, environ)
    if found is None:
        return None
    kept = [c for c in found if c.startswith(incomplete)]  # Typer keeps only these, too
    if shell == "bash":
        return "\n".join(for_bash(kept, typed_line(raw, cword))), 0
    if shell == "zsh":
        return _zsh(kept), 0
    if environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return None, 0 if kept else 1
    return "\n".join(kept), 0


def candidates(args: Sequence[str], incomplete: str, environ: Mapping[str, str]) -> list[str] | None:
    """The values that fit where ``incomplete`` stands after ``args``, or ``None``
    when that is not a value lvost completes here."""
    if incomplete.startswith("-"):
        return None
    data: str | None = environ.get("LVOST_DATA") or None
    library = environ.get("LVOST_LIBRARY") or None
    rest = list(args)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in GLOBAL_FLAGS:
            continue
        name, equals, value = option.partition("=")
        if name not in GLOBAL_VALUE_OPTIONS or not (equals or rest):
            return None
        value = value if equals else rest.pop(0)
        if name == "--data":
            data = value
        elif name == "--library":
            library = value
    if not rest or rest[0] not in COMMANDS:
        return None
    command, given = rest[0], rest[1:]
    value_options = VALUE_OPTIONS.get(command, ())
    positionals = 0
    index = 0
    while index < len(given):
        word = given[index]
        if word in _PICK or word.startswith("--soundtrack="):
            return None  # another soundtrack than the file's: Typer asks the library
        if word in value_options:
            if index == len(given) - 1:
                return _option_values(command, word, incomplete, data, library)
            if given[index + 1].startswith("-"):
                return None  # an option where its value should be: Typer decides what that means
            index += 2
            continue
        if word == "--":
            return None
        if not word.startswith("-"):
            positionals += 1
        index += 1
    if command == "show" and positionals == 0:
        return starting_with_any(incomplete, _catalog_values(data, library, "titles"))
    if command == "themes" and positionals == 0:
        return starting_with_any(incomplete, _catalog_values(data, library, "themes"))
    return None


def _option_values(
    command: str, option: str, incomplete: str, data: str | None, library: str | None
) -> list[str] | None:
    if option == "--genre":
        return starting_with_any(incomplete, _catalog_values(data, library, "genres"))
    if option == "--theme":
        return starting_with_any(incomplete, _catalog_values(data, library, "themes"))
    if option == "--kind":
        return starting_with(incomplete, KINDS)
    if option == "--fields":
        return field_list(command, incomplete)
    return None


def field_list(command: str, incomplete: str) -> list[str]:
    """Field names for --fields: after the last comma, the names not yet given.

    >>> field_list("themes", "id,na")
    ['id,name']
    """
    done, _, last = incomplete.rpartition(",")
    given = set(done.split(","))
    prefix = f"{done}," if done else ""
    return [prefix + n for n in COLUMN_NAMES[command] if n.startswith(last) and n not in given]


def _catalog_values(data: str | None, library: str | None, kind: str) -> list[str] | None:
    """Titles, theme ids or genres of what a command explores: the data file, else
    the library, else (before a library is made) the built-in soundtrack; ``None``
    when only Typer's way can tell (a library this lvost cannot read quickly, or
    one in a place only platformdirs knows)."""
    from lvost.store import cache

    if data is None:
        where = _library_location(library)
        if where is None:
            return None
        if where.exists():
            return cache.library_names(where, kind)
    return _file_values(Path(data or embedded_path()), kind)


def _library_location(chosen: str | None) -> Path | None:
    """Where the library is, as ``lvost.store.library.location`` says, when that
    needs no more than the standard library: given, or the XDG place on Linux."""
    if chosen:
        return Path(chosen)
    if not sys.platform.startswith("linux"):
        return None
    home = os.environ.get("XDG_DATA_HOME", "")
    return Path(home if home.strip() else Path.home() / ".local" / "share") / "lvost" / "library.db"


def _file_values(path: Path, kind: str) -> list[str]:
    """Titles, theme ids or genres of the data file: from its store when the cache
    has a current one, else read as plain JSON. A file that cannot be read gives
    none (completion never reports errors), and so does anything but a regular
    file: a pipe or a device would make TAB wait, or read without end."""
    from lvost.store import cache

    if not cache.is_regular(path):
        return []
    stored = cache.stored_names(path, kind)
    if stored is not None:
        return stored
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
        return _PICKERS[kind](json.loads(raw)) if len(raw) <= MAX_BYTES else []
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return []


def _genres(document: Any) -> list[str]:
    names = {normalize_genre(g) for t in document["tracks"] for g in t.get("genres", [])}
    names.update(normalize_genre(g) for th in document.get("themes", []) for g in th.get("genres", []))
    return sorted(names)


_PICKERS: dict[str, Callable[[Any], list[str]]] = {
    "titles": lambda d: [t["title"] for t in sorted(d["tracks"], key=lambda t: t["number"])],
    "themes": lambda d: [th["id"] for th in d.get("themes", [])],
    "genres": _genres,
}


def starting_with_any(incomplete: str, names: Iterable[str] | None) -> list[str] | None:
    """``starting_with``, or ``None`` (Typer's way decides) when there are no names to say."""
    return None if names is None else starting_with(incomplete, names)


def starting_with(incomplete: str, names: Iterable[str]) -> list[str]:
    """The names that begin with what was typed, in any case, each once, the typed
    part kept as typed (the shell keeps only candidates that start with it).

    >>> starting_with("it", ["It's a Lonesome Old Town", "Intro", "It's a Lonesome Old Town"])
    ["it's a Lonesome Old Town"]
    """
    typed = incomplete.casefold()
    return [incomplete + n[len(incomplete) :] for n in dict.fromkeys(names) if n.casefold().startswith(typed)]


def for_bash(candidates: Sequence[str], typed: str) -> list[str]:
    r"""Candidates as bash must insert them: escaped for the quoting they land in.

    bash (its readline) puts a candidate into the line as it is. If ``typed``
    (the line up to the end of the word being completed, or that word alone)
    leaves a quote open, the candidate replaces what follows the quote, and
    readline closes the quote after it, unless it already ends with that
    quote character. Otherwise the candidate replaces the word. So that no
    title can run a command or end the quote early, each is escaped for
    where it lands:

    - outside quotes, a backslash before space and every character that
      means something to bash;
    - inside ``"``, a backslash before ``$``, a backquote, ``"`` and ``\``;
      ``!`` (history expansion, at an interactive prompt) as ``"\!"``, out
      of the quotes, since inside them the backslash would stay in the word;
    - inside ``'``, each ``'`` as ``'\''``: close, escaped quote, reopen;
    - inside ``$'``, a backslash before ``\`` and ``'``.

    A candidate that would end with the quote character gets one more, to
    close the quote that readline then leaves open. Where readline and bash
    would disagree about the quote (a ``$'`` string holding ``\'``, say),
    a candidate is escaped as outside quotes: that never runs anything.

    Of several candidates readline puts in what they all begin with; where
    that would end halfway through an escape (``Ben\`` of ``Ben\ \&\ Bill``
    and ``Ben\'s\ Hell``), a line Enter could not end, the part before the
    escape comes too, as a candidate of its own, so that readline stops there.

    >>> print(*for_bash(["Rain & Rails"], "Ra"))
    Rain\ \&\ Rails
    >>> print(*for_bash(['Zed "$(x)" `y` \\ !', "Zed!"], '"Ze'))
    Zed \"\$(x)\" \`y\` \\ "\!"" Zed"\!""
    >>> print(*for_bash(["It's $(x)", "Ben'"], "'It"))
    It'\''s $(x) Ben'\'''
    >>> print(*for_bash(["It's $(x)"], "'It'"))
    It\'s\ \$\(x\)
    >>> print(*for_bash(["Ben & Bill", "Ben's Hell"], "Ben"))
    Ben Ben\ \&\ Bill Ben\'s\ Hell
    >>> print(*for_bash(["Ben & Bill", "Ben's Hell"], "Ben\\"))
    Ben\ \&\ Bill Ben\'s\ Hell
    """
    quote = _quote_where_inserted(typed)
    escape = _ESCAPES[quote]
    closing = quote[-1:]
    out = []
    for candidate in candidates:
        text = escape(candidate)
        # readline closes the quote unless the last character it sees is the quote
        # (the opening one, for an empty candidate)
        if closing and (closing + text).endswith(closing):
            text += closing
        out.append(text)
    if len(out) > 1 and quote != "'":  # in '...' a backslash escapes nothing
        common = os.path.commonprefix(out)  # noqa: RUF071  (as readline: character by character)
        dangling = len(common) - len(common.rstrip("\\"))
        # (where what was typed reaches the escape already, readline has nothing to add)
        if dangling % 2 and len(common) - 1 >= len(_typed_here(typed)):
            out.insert(0, common[:-1])
    return out


def _typed_here(typed: str) -> str:
    """What the candidates replace of ``typed``: the word being completed, or
    its part after the quote readline sees open."""
    word = typed.rsplit("\n", 1)[-1]
    seen, at = open_quote(word, ansi_c=False)
    return word[at + 1 :] if seen else word


def typed_line(comp_words: str, cword: int) -> str:
    r"""The words of ``COMP_WORDS`` up to and including the one being completed,
    as typed, one a line.

    >>> typed_line("lvost\nshow\nZe\n--json", 2)
    'lvost\nshow\nZe'
    """
    return "\n".join(raw_words(comp_words)[: cword + 1])


def open_quote(typed: str, *, ansi_c: bool = True) -> tuple[str, int]:
    """The quote ``typed`` leaves open at its end and the index it opens at:
    ``"``, ``'``, ``$"`` or ``$'``, or ``("", -1)`` when none is open.

    With ``ansi_c`` false it reads the way readline does, which knows ``$'``
    strings no more than any other ``'`` string, where a backslash escapes
    nothing.

    >>> open_quote('"Ben P'), open_quote("it\\\\'s"), open_quote("'It'"), open_quote("a$'b")
    (('"', 0), ('', -1), ('', -1), ("$'", 2))
    >>> open_quote("$'a\\\\'b"), open_quote("$'a\\\\'b", ansi_c=False)
    (("$'", 1), ('', -1))
    """
    quote, start, escaped, after_dollar = "", -1, False, False
    for index, char in enumerate(typed):
        plain = not (escaped or quote)
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            if char == quote[-1]:
                quote, start = "", -1
        elif char in "'\"":
            quote, start = ("$" if after_dollar and ansi_c else "") + char, index
        after_dollar = plain and char == "$"
    return quote, start


def _quote_where_inserted(typed: str) -> str:
    """The quoting bash reads a candidate in, when readline puts it where it does
    (after the quote readline sees open, or in place of the word), or ``""``
    for outside quotes and whenever the two read the line differently."""
    seen, at = open_quote(typed, ansi_c=False)
    if not seen:
        return ""
    quote, _ = open_quote(typed[: at + 1])
    return quote if quote[-1:] == seen else ""


def _in_double_quotes(candidate: str) -> str:
    return candidate.translate(_DOUBLE_QUOTED)


_BASH_SPECIAL = re.compile(r"[^\w./,:@%+=-]")
_DOUBLE_QUOTED = {ord(c): "\\" + c for c in '$`"\\'} | {ord("!"): '"\\!"'}
_ESCAPES: dict[str, Callable[[str], str]] = {
    "": lambda c: _BASH_SPECIAL.sub(r"\\\g<0>", c),
    '"': _in_double_quotes,
    '$"': _in_double_quotes,
    "'": lambda c: c.replace("'", "'\\''"),
    "$'": lambda c: c.replace("\\", "\\\\").replace("'", "\\'"),
}
"""For each quoting a candidate can land in, how to escape it there."""


def _zsh(values: Sequence[str]) -> str:
    if not values:
        return "_files"

    def escape(s: str) -> str:
        return (
            s.replace('"', '""')
            .replace("'", "''")
            .replace("$", "\\$")
            .replace("`", "\\`")
            .replace(":", r"\\:")
        )

    listed = "\n".join(f'"{escape(v)}"' for v in values)
    return f"_arguments '*: :(({listed}))'"


def split_arg_string(string: str) -> list[str]:
    """Split like a POSIX shell, keeping a last word left open by a quote or escape
    (the way Typer reads the words it is given)."""
    lexer = shlex.shlex(string, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    out: list[str] = []
    try:
        out.extend(lexer)
    except ValueError:
        out.append(lexer.token)
    return out


def raw_words(line: str) -> list[str]:
    r"""``line`` split at unquoted, unescaped white space, each word kept as typed.

    (Typer's bash script joins the words with newlines.)

    >>> raw_words('lvost show "Ben P')
    ['lvost', 'show', '"Ben P']
    >>> raw_words("lvost\nshow\nBen\\ P x")
    ['lvost', 'show', 'Ben\\ P', 'x']
    """
    words, current, quote, escaped = [], "", "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\" and quote != "'":
            current, escaped = current + char, True
        elif quote:
            current += char
            quote = "" if char == quote else quote
        elif char in "'\"":
            current, quote = current + char, char
        elif char.isspace():
            if current:
                words.append(current)
            current = ""
        else:
            current += char
    return [*words, current] if current or line[-1:].isspace() else words


def respond() -> bool:
    """Answer the completion request in the environment, if this module can;
    whether it did. The caller exits with the status it wrote."""
    reply = answer(os.environ)
    if reply is None:
        return False
    text, status = reply
    if text is not None:
        print(text)
    raise SystemExit(status)
