"""The wheel carries the soundtrack, so an installed lvost works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("lvost-*.whl")
    return built


def test_wheel_holds_the_embedded_data_and_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        packaged = zf.read("lvost/data/tracks.json")
        entry_points = next(zf.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    assert packaged == (ROOT / "data" / "tracks.json").read_bytes()
    assert "lvost = lvost.__main__:entry" in entry_points
    assert not any(n.startswith(("tests/", "data/")) for n in names)


def test_wheel_carries_the_licence_and_says_which_pythons(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        (metadata,) = (zf.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
        (licence,) = (zf.read(n).decode() for n in names if n.endswith("/licenses/LICENSE"))
    assert licence == (ROOT / "LICENSE").read_text()
    assert "License-Expression: MIT" in metadata
    claimed = [
        line.rsplit(" ", 1)[1]
        for line in metadata.splitlines()
        if "Programming Language :: Python :: 3." in line
    ]
    assert claimed == ["3.10", "3.11", "3.12", "3.13"]


def test_sdist_carries_the_licence(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("lvost-*.tar.gz")
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("/LICENSE") for name in archive.getnames())


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "lvost", "tracks", "--kind", "song", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert [t["number"] for t in json.loads(done.stdout)] == [2, 12, 14, 19, 25]
    where = subprocess.run(
        [sys.executable, "-c", "from lvost.core.names import embedded_path; print(embedded_path())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == target / "lvost" / "data" / "tracks.json"
