"""lvost: a command-line explorer for film soundtracks."""
