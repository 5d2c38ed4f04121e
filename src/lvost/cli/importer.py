"""The import command's work: its checks, a progress bar and the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from lvost.cli.app import library_path
from lvost.cli.printing import interactive_terminal, note, write
from lvost.cli.writing import destination, write_soundtrack
from lvost.core.errors import LvostError
from lvost.core.text import counted, safe
from lvost.questions.catalog import Catalog

if TYPE_CHECKING:
    from lvost.questions.importing import Report


def run_import(
    folder: Path, output: Path | None, merge_with: Path | None, force: bool, slug: str | None, replace: bool
) -> None:
    """Read ``folder`` and write the soundtrack to ``output``, or add it to the
    library (under ``slug``, else its album's id) when there is no ``output``."""
    from lvost.questions import soundtracks

    _check_paths(folder, output, force)
    if slug is not None:
        soundtracks.check_id(slug)
        if output is None and not replace and slug in soundtracks.ids(library_path()):
            raise LvostError(
                f'"{slug}" is already in the library; --replace replaces it'
            )  # before a long read
    try:
        import mutagen  # noqa: F401  (read by lvost.questions.importing; checked here to say what is missing)
    except ImportError:
        raise LvostError("lvost import needs mutagen: pip install mutagen") from None
    from lvost.questions import importing

    existing = Catalog.load(merge_with) if merge_with is not None else None
    report = _read_with_progress(folder)
    for skipped in report.skipped:
        note(f"skipped {skipped.path.relative_to(folder)}: {skipped.reason}")
    data = importing.soundtrack(report, folder, existing)
    if output is not None:
        write_soundtrack(output, force, data)
        done = f"Wrote {output}"
    else:
        done = f"Added to the library as {soundtracks.add(library_path(), data, slug, replace)}"
    for line in report.notes:
        write(safe(line) + "\n")
    tracks, files = counted(len(data.tracks), "track"), counted(len(report.read), "file")
    write(safe(f"{done}: {tracks} from {files}, {len(report.skipped)} skipped") + "\n")


def _check_paths(folder: Path, output: Path | None, force: bool) -> None:
    if not folder.is_dir():
        raise LvostError(f"{folder} is not a folder; give the folder that holds the audio files")
    if output is not None:
        destination(output, force)  # refuse now rather than after a long read


def _read_with_progress(folder: Path) -> Report:
    from lvost.questions import importing

    if not interactive_terminal():  # a progress bar is for a person watching, not a log file
        return importing.read_folder(folder)
    console = Console(stderr=True)
    from rich.progress import Progress

    files = importing.candidates(folder)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Reading", total=len(files))
        return importing.read_folder(folder, lambda _: progress.advance(task))
