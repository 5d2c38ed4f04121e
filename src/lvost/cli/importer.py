"""The import command's work: checks, a progress bar, the report, and an atomic write."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from lvost.catalog import Catalog
from lvost.cli.app import interactive_terminal, note, write
from lvost.errors import LvostError
from lvost.models import SoundtrackFile
from lvost.text import counted, safe

if TYPE_CHECKING:
    from lvost.importing import Report


def run_import(folder: Path, output: Path, merge_with: Path | None, force: bool) -> None:
    _check_paths(folder, output, force)
    try:
        import mutagen  # noqa: F401  (read by lvost.importing; checked here to say what is missing)
    except ImportError:
        raise LvostError("lvost import needs mutagen: pip install mutagen") from None
    from lvost import importing

    existing = Catalog.load(merge_with) if merge_with is not None else None
    report = _read_with_progress(folder)
    for skipped in report.skipped:
        note(f"skipped {skipped.path.relative_to(folder)}: {skipped.reason}")
    if not report.read:
        raise LvostError(f"no audio file in {folder} could be read; nothing was written")
    data = importing.build(report, folder) if existing is None else importing.merge(existing, report)
    _write_atomically(output, data)
    for line in report.notes:
        write(safe(line) + "\n")
    tracks, files = counted(len(data.tracks), "track"), counted(len(report.read), "file")
    write(safe(f"Wrote {output}: {tracks} from {files}, {len(report.skipped)} skipped") + "\n")


def _check_paths(folder: Path, output: Path, force: bool) -> None:
    if not folder.is_dir():
        raise LvostError(f"{folder} is not a folder; give the folder that holds the audio files")
    if output.exists() and not force:
        raise LvostError(f"{output} exists; --force replaces it")
    if output.is_dir():
        raise LvostError(f"{output} is a folder; give the path of the file to write")
    if not output.parent.is_dir():
        raise LvostError(f"the folder {output.parent} does not exist; make it first, or write elsewhere")


def _read_with_progress(folder: Path) -> Report:
    from lvost import importing

    if not interactive_terminal():  # a progress bar is for a person watching, not a log file
        return importing.read_folder(folder)
    console = Console(stderr=True)
    from rich.progress import Progress

    files = importing.candidates(folder)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Reading", total=len(files))
        return importing.read_folder(folder, lambda _: progress.advance(task))


def _write_atomically(output: Path, data: SoundtrackFile) -> None:
    dumped = data.model_dump(mode="json", by_alias=True, exclude_unset=True)
    text = json.dumps(dumped, ensure_ascii=False, indent=2)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        Path(temporary).replace(output)  # a reader sees the old file or the new one, never half of one
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise LvostError(f"{output} could not be written ({exc.strerror or exc})") from None
