"""The filter: what is typed after "/", read as ``lvost search`` reads its terms."""

from __future__ import annotations

import shlex

from textual import on
from textual.message import Message
from textual.widgets import Input

from lvost.core.errors import LvostError
from lvost.core.query import parse


def read_terms(typed: str) -> tuple[tuple[str, ...], str | None]:
    """The terms in ``typed``, split as a shell would, and what is wrong with them.

    >>> read_terms('performer:sting "angel eyes"')
    (('performer:sting', 'angel eyes'), None)

    An unclosed quote is not an error while typing; the words are taken as they are:

    >>> read_terms('"angel eyes')
    (('"angel', 'eyes'), None)
    >>> read_terms("sting colour:red")[1]
    'unknown qualifier "colour" in "colour:red"; qualifiers are title, performer, ...'
    """
    try:
        terms = tuple(shlex.split(typed))
    except ValueError:
        terms = tuple(typed.split())
    try:
        parse(terms)
    except LvostError as exc:
        return terms, str(exc)
    return terms, None


class FilterInput(Input):
    """Hidden until opened; says what its terms are each time they are edited."""

    class Parsed(Message):
        """The filter's terms now, or what is wrong with them (``problem``)."""

        def __init__(self, terms: tuple[str, ...], problem: str | None) -> None:
            super().__init__()
            self.terms = terms
            self.problem = problem

    DEFAULT_CSS = """
    FilterInput { display: none; }
    FilterInput.shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter: words, or qualifier:value", id=id)

    def open(self) -> None:
        self.add_class("shown")
        # At once, not after the keys already waiting (``focus`` waits for them):
        # typed or pasted in one go, "/sting" must not read its "t" as Themes.
        self.screen.set_focus(self)

    def close(self) -> bool:
        """Empty and hide the filter; ``False`` if it was hidden and empty already."""
        was_open = bool(self.value) or self.has_class("shown")
        self.value = ""
        self.remove_class("shown")
        return was_open

    @on(Input.Changed)
    def _read(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Parsed(*read_terms(event.value)))
