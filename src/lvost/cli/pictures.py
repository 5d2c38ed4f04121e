"""The commands that draw the soundtrack: stats and arc."""

from __future__ import annotations
