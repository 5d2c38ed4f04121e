"""The commands that draw the soundtrack: stats and arc."""

from __future__ import annotations

from lvost.cli.app import GenreOption, OneJsonFlag, SoundtrackOption, app, load_catalog
from lvost.cli.printing import console, note, show, show_json
from lvost.questions.shelf import Shelf


@app.command()
def stats(soundtrack: SoundtrackOption = None, json: OneJsonFlag = False) -> None:
    """Count the tracks by kind, genre, performer and writer, with bars, and add up the running time.

    Example:
    lvost stats
    """
    from lvost.output import pictures
    from lvost.questions.stats import count, stats_data

    catalog = load_catalog(soundtrack)
    counts = count(catalog)
    if json:
        show_json(stats_data(counts))
    else:
        show(pictures.stats_view(catalog.heading(), counts, console().width))


@app.command()
def arc(
    genre: GenreOption = None,
    soundtrack: SoundtrackOption = None,
) -> None:
    """Draw the album as a story: where each theme sounds, track by track.

    Examples:
    lvost arc
    lvost arc --genre blues
    """
    from lvost.output import pictures

    catalog = load_catalog(soundtrack)
    if isinstance(catalog, Shelf):
        raise catalog.needs_one("lvost arc")
    themes = catalog.select_themes(genre)
    if not themes:
        from lvost.output.listings import no_themes

        note(no_themes(catalog))
        return
    show(pictures.arc_view(catalog, themes, console().width))
