"""Rewrite the output of every console example in README.md by running it.

    python scripts/update_readme.py

Each block that starts with "$ lvost ..." is run the way tests/test_readme.py
runs it (a 90-column terminal with no styles), and its output replaced. The
test fails whenever the README and the real output differ; this mends that.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from typer.testing import CliRunner  # noqa: E402

from conftest import TERMINAL  # noqa: E402
from lvost.cli.main import app  # noqa: E402

BLOCK = re.compile(r"(```console\n\$ (lvost[^\n]*)\n)(.*?)(```)", re.DOTALL)


def output_of(command: str) -> str:
    # as the tests see it: no data file and a library that holds only what is built in
    clean = {"LVOST_DATA": None, "LVOST_LIBRARY": str(ROOT / "tests" / "data" / "no-library" / "library.db")}
    runner = CliRunner(env={**TERMINAL, "COLUMNS": "90", **clean})
    result = runner.invoke(app, shlex.split(command)[1:], prog_name="lvost")
    return "".join(line.rstrip() + "\n" for line in result.output.rstrip("\n").splitlines())


def main() -> None:
    os.chdir(ROOT)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    updated = BLOCK.sub(lambda m: m.group(1) + output_of(m.group(2)) + m.group(4), text)
    readme.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    main()
