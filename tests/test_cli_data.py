"""The command line on other soundtrack files: choosing one, validating, the schema, bad files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import Result

from lvost.core.names import embedded_path
from support import MINIMAL, SMALL, variant, without

Run = Callable[..., Result]
SMALL_SUMMARY = '"Night Tram (Test Soundtrack)", 3 tracks, 1 theme'
EMBEDDED_SUMMARY = '"Leaving Las Vegas (Music from the Motion Picture)", 25 tracks, 9 themes'


@pytest.fixture
def run(invoke: Run) -> Run:
    """The command line on a 100-column terminal (conftest's ``invoke``)."""
    return invoke


def numbers(result: Result) -> list[int]:
    assert result.exit_code == 0, result.output
    return [t["number"] for t in json.loads(result.stdout)]


def write(tmp_path: Path, data: Any, name: str = "film.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_data_option_picks_the_file(run: Run) -> None:
    assert numbers(run("--data", str(SMALL), "tracks", "--json")) == [1, 2, 3]


def test_environment_variable_picks_the_file(run: Run) -> None:
    assert numbers(run("tracks", "--json", env={"LVOST_DATA": str(SMALL)})) == [1, 2, 3]


def test_option_wins_over_the_environment(run: Run) -> None:
    assert numbers(run("--data", str(SMALL), "tracks", "--json", env={"LVOST_DATA": "/no/such.json"})) == [
        1,
        2,
        3,
    ]


def test_empty_environment_variable_means_the_embedded_soundtrack(run: Run) -> None:
    assert numbers(run("tracks", "--json", env={"LVOST_DATA": ""})) == list(range(1, 26))


def test_a_bad_environment_variable_is_named_in_the_error(run: Run) -> None:
    result = run("tracks", env={"LVOST_DATA": "/no/such.json"})
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "Error: LVOST_DATA=/no/such.json: no such file; give the path of a soundtrack JSON file\n"
    )


NO_THEMES = variant(themes=[])


@pytest.mark.parametrize(
    "args",
    [
        ["tracks"],
        ["tracks", "--sort", "title", "--json"],
        ["show", "1"],
        ["show", "one", "--json"],
        ["themes"],
        ["themes", "--json"],
        ["search", "two"],
        ["about"],
        ["about", "--json"],
        ["validate"],
    ],
)
@pytest.mark.parametrize("data", ["small", "no-themes"])
def test_every_command_works_on_other_files(run: Run, tmp_path: Path, args: list[str], data: str) -> None:
    path = SMALL if data == "small" else write(tmp_path, NO_THEMES)
    if data == "small" and args[0] in ("show", "search"):
        args = [args[0], "tram", *args[2:]]
    result = run("--data", str(path), *args)
    assert result.exit_code == 0, result.output
    assert result.stdout or result.stderr


def test_a_file_without_themes_says_so(run: Run, tmp_path: Path) -> None:
    result = run("--data", str(write(tmp_path, NO_THEMES)), "themes")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "This soundtrack has no themes.\n")
    assert run("--data", str(write(tmp_path, NO_THEMES)), "themes", "--json").stdout == "[]\n"


def test_no_tracks_matching_is_said_on_stderr(run: Run) -> None:
    result = run("--data", str(SMALL), "tracks", "--kind", "dialogue", "--genre", "jazz")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No tracks match these filters.\n")


def test_validate_a_good_file(run: Run) -> None:
    result = run("validate", str(SMALL))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{SMALL}: valid: {SMALL_SUMMARY}\n"


def test_validate_checks_the_file_in_use_when_given_none(run: Run) -> None:
    assert run("validate").stdout == f"{embedded_path()}: valid: {EMBEDDED_SUMMARY}\n"
    assert run("--data", str(SMALL), "validate").stdout == f"{SMALL}: valid: {SMALL_SUMMARY}\n"


def test_validate_lists_every_problem_with_its_line(run: Run, tmp_path: Path) -> None:
    data = variant(tracks__1__number=1, themes__0__tracks=[9])
    data["tracks"][0]["titel"] = "typo"
    data["tracks"][1]["duration_seconds"] = "3:05"
    path = write(tmp_path, data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:21: tracks[0].titel: is not a field of the format (misspelt?)",
        f"{path}:24: tracks[1].number: track number 1 is already used by tracks[0]",
        f"{path}:26: tracks[1].duration_seconds: should be a valid integer",
        f"{path}:34: themes[0].tracks[0]: there is no track number 9",
    ]
    assert result.stderr == f"Error: {path} has 4 problems\n"


def test_validate_lists_names_that_would_show_nothing(run: Run, tmp_path: Path) -> None:
    data = variant(tracks__1__title="\u200b", themes__0__name="\ufeff \u2060")
    data["tracks"][0]["performers"] = [{"name": "\U000e0041"}]
    path = write(tmp_path, data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    invisible = "must not be empty, blank or only invisible characters"
    assert result.stdout.splitlines() == [
        f"{path}:23: tracks[0].performers[0].name: {invisible}",
        f"{path}:29: tracks[1].title: {invisible}",
        f"{path}:35: themes[0].name: {invisible}",
    ]
    assert result.stderr == f"Error: {path} has 3 problems\n"


def test_schema_is_json_schema_that_checks_files(run: Run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(embedded_path().read_text(encoding="utf-8")))) == []
    assert list(validator.iter_errors(json.loads(SMALL.read_text(encoding="utf-8")))) == []
    bad = variant(tracks__0__colour="blue")
    assert [e.validator for e in validator.iter_errors(bad)] == ["additionalProperties"]
    for blank in (" ", "\u200b", "\ufeff\u00ad", "\U000e0041"):
        invisible = variant(tracks__0__title=blank)
        assert [e.validator for e in validator.iter_errors(invisible)] == ["pattern"]


BAD_FILES: list[tuple[str, str | bytes | None, str]] = [
    ("missing", None, "{path}: no such file; give the path of a soundtrack JSON file"),
    ("empty", b"", "{path} is empty; a soundtrack file is a JSON object with tracks"),
    (
        "not utf-8",
        b'{"a": "caf\xe9"}',
        "{path} is not UTF-8 text (byte 10 cannot be decoded); save it as UTF-8",
    ),
    (
        "invalid json",
        '{\n  "schema_version": 1\n  "tracks": []\n}',
        "{path}:3: not valid JSON: expected `,` or `}}` at line 3 column 3",
    ),
    ("not an object", "[1, 2]", "{path}:1: the top level must be a JSON object"),
    (
        "missing field",
        json.dumps(without("soundtrack")),
        "{path}:1: soundtrack: is required",
    ),
    (
        "unknown key",
        json.dumps(variant(tracks__1__bpm=120), indent=1),
        "{path}:25: tracks[1].bpm: is not a field of the format (misspelt?)",
    ),
    (
        "wrong type",
        json.dumps(variant(tracks__0__number="one"), indent=1),
        "{path}:16: tracks[0].number: should be a valid integer",
    ),
    (
        "invisible title",
        json.dumps(variant(tracks__1__title="\u200b"), indent=1),
        "{path}:24: tracks[1].title: must not be empty, blank or only invisible characters",
    ),
    (
        "duplicate numbers",
        json.dumps(variant(tracks__1__number=1), indent=1),
        "{path}:23: tracks[1].number: track number 1 is already used by tracks[0]",
    ),
    (
        "duplicate theme ids",
        json.dumps(variant(themes=[{"id": "t", "name": "A"}, {"id": "t", "name": "B"}]), indent=1),
        "{path}:33: themes[1].id: theme id 't' is already used by themes[0]",
    ),
    (
        "theme to nowhere",
        json.dumps(variant(themes__0__tracks=[3]), indent=1),
        "{path}:32: themes[0].tracks[0]: there is no track number 3",
    ),
]


@pytest.mark.parametrize(("case", "content", "message"), BAD_FILES, ids=[c for c, _, _ in BAD_FILES])
def test_bad_file_gives_one_clear_error_and_writes_nothing(
    run: Run, tmp_path: Path, case: str, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / "film.json"
    if content is not None:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    before = _snapshot(tmp_path)
    for args in (["tracks"], ["show", "1"], ["search", "one"], ["about"]):
        result = run("--data", str(path), *args)
        assert (result.exit_code, result.stdout) == (1, ""), case
        assert result.stderr == "Error: " + message.format(path=path) + "\n"
    assert _snapshot(tmp_path) == before


def test_a_directory_is_not_a_data_file(run: Run, tmp_path: Path) -> None:
    result = run("--data", str(tmp_path), "tracks")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path} is a directory; give the path of a soundtrack JSON file\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--data", "{path}", "tracks"],
        ["validate", "{path}"],
        ["--library", "{folder}/library.db", "add", "{path}"],
        ["import", "{folder}", "--merge", "{path}", "-o", "{folder}/out.json"],
    ],
    ids=["data", "validate", "add", "merge"],
)
def test_an_unreadable_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """One line, exit 1, like any other file lvost cannot use (not a usage error, 2)."""
    path = write(tmp_path, MINIMAL)
    if os.geteuid() == 0:  # root reads anything, so stand in for the refusal, where it is asked
        refused = str(path)
        access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: str(p) != refused and access(p, mode, **kw))
        opened = Path.open

        def refusing(self: Path, *more: Any, **kw: Any) -> Any:
            if str(self) == refused:
                raise PermissionError(13, "denied")
            return opened(self, *more, **kw)

        monkeypatch.setattr(Path, "open", refusing)
    else:
        path.chmod(0)
    result = run(*(a.format(path=path, folder=tmp_path) for a in args))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path}: permission denied; lvost needs to read this file\n",
    )


def test_a_huge_file_is_refused_without_reading_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:  # sparse: large on paper, nothing on disk
        f.truncate(300 * 1024 * 1024)
    result = run("--data", str(path), "tracks")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path} is 314,572,800 bytes; soundtrack files larger than 268,435,456 bytes are refused\n"
    )


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir() if p.is_file()}


def test_validate_follows_the_environment_and_reports_unreadable_files(run: Run, tmp_path: Path) -> None:
    assert run("validate", env={"LVOST_DATA": str(SMALL)}).stdout == f"{SMALL}: valid: {SMALL_SUMMARY}\n"
    missing = tmp_path / "gone.json"
    result = run("validate", str(missing))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {missing}: no such file; give the path of a soundtrack JSON file\n"


def test_broken_fixture_is_broken_in_every_way_it_claims(run: Run) -> None:
    broken = Path(__file__).parent / "data" / "broken.json"
    result = run("validate", str(broken))
    assert [line.split(": ", 2)[1] for line in result.stdout.splitlines()] == [
        "tracks[0].lenght",
        "tracks[1].kinds[0]",
        "tracks[1].number",
        "tracks[2].title",
        "themes[0].id",
        "themes[0].tracks[1]",
    ]


def test_no_tracks_matching_in_rows_for_scripts(run: Run) -> None:
    args = ("--data", str(SMALL), "tracks", "--kind", "dialogue", "--genre", "jazz")
    plain = run(*args, "--format", "plain")
    assert (plain.exit_code, plain.stdout, plain.stderr) == (0, "", "No tracks match these filters.\n")
    tsv = run(*args, "--format", "tsv")
    assert (tsv.exit_code, tsv.stdout, tsv.stderr) == (
        0,
        "number\ttitle\tperformers\tkinds\tgenres\tduration_seconds\n",
        "",
    )
