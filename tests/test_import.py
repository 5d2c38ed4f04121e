"""lvost import: audio files made by the tests themselves, never downloaded."""

from __future__ import annotations

import json
import os
import stat
import struct
import sys
import tempfile
import wave
from pathlib import Path

import pytest
from mutagen.flac import FLAC
from mutagen.id3 import TALB, TCOM, TCON, TDRC, TEXT, TIT2, TPE1, TPOS, TPUB, TRCK
from mutagen.mp3 import MP3
from mutagen.wave import WAVE
from typer.testing import CliRunner

from conftest import TERMINAL
from lvost.cli.main import app
from lvost.core.names import embedded_path
from lvost.questions import importing
from support import in_a_terminal

ID3_FRAMES = {"title": TIT2, "artist": TPE1, "album": TALB, "track": TRCK, "disc": TPOS, "genre": TCON,
              "composer": TCOM, "lyricist": TEXT, "date": TDRC, "label": TPUB}  # fmt: skip


def wav(path: Path, seconds: float, **tags: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    if tags:
        tag_id3(WAVE(path), tags)
    return path


def tag_id3(audio: WAVE | MP3, tags: dict[str, str]) -> None:
    """Give a WAV or MP3 file ID3 tags, by lvost's names for them."""
    audio.add_tags()
    for name, value in tags.items():
        audio.tags.add(ID3_FRAMES[name](encoding=3, text=value))
    audio.save()


def flac(path: Path, seconds: int, **tags: str) -> Path:
    """A FLAC file that is all header: enough for its length and its tags."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rate, total = 8000, seconds * 8000
    packed = (rate << 44) | (0 << 41) | (15 << 36) | total
    info = struct.pack(">HH", 4096, 4096) + bytes(6) + packed.to_bytes(8, "big") + bytes(16)
    path.write_bytes(b"fLaC" + bytes([0x80]) + len(info).to_bytes(3, "big") + info)
    audio = FLAC(path)
    for name, value in tags.items():
        audio[{"track": "tracknumber", "disc": "discnumber"}.get(name, name)] = value
    audio.save()
    return path


def mp3(path: Path, frames: int, **tags: str) -> Path:
    """Silent MPEG-1 layer III frames at 128 kbit/s and 44.1 kHz, 1,152 samples each."""
    path.write_bytes((bytes([0xFF, 0xFB, 0x90, 0x00]) + bytes(413)) * frames)
    tag_id3(MP3(path), tags)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env=TERMINAL).invoke(app, ["import", *args], prog_name="lvost")
    return result.exit_code, result.stdout, result.stderr


def load(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_folder_of_several_formats_and_discs(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(
        music / "Disc 1" / "02 second.wav",
        2.0,
        title="Second",
        track="2",
        disc="1",
        artist="Ada Quill",
        album="Night Tram",
        date="2001-05-01",
        label="Rail Records",
        genre="Jazz",
        composer="Bo Lint",
    )
    wav(
        music / "Disc 1" / "01 first.wav",
        3.0,
        title="First",
        track="1/2",
        disc="1/2",
        artist="Ada Quill",
        album="Night Tram",
        lyricist="Cy Marsh",
    )
    flac(
        music / "Disc 2" / "b.flac", 7, title="Third", track="1", disc="2", album="Night Tram", genre="Blues"
    )
    mp3(music / "Disc 2" / "c.mp3", 383, title="Fourth", track="2", disc="2", artist="The Rails")
    out = tmp_path / "night.json"
    code, stdout, stderr = run(str(music), "-o", str(out))
    assert (code, stderr) == (0, "")
    assert stdout == f"Wrote {out}: 4 tracks from 4 files, 0 skipped\n"
    data = load(out)
    assert data["soundtrack"] == {
        "album": {"title": "Night Tram", "year": 2001, "releases": [{"label": "Rail Records"}]}
    }
    tracks = data["tracks"]
    assert [(t["number"], t["disc"], t["title"], t["duration_seconds"]) for t in tracks] == [  # type: ignore[index]
        (1, 1, "First", 3), (2, 1, "Second", 2), (3, 2, "Third", 7), (4, 2, "Fourth", 10),
    ]  # fmt: skip
    first, second = tracks[0], tracks[1]  # type: ignore[index]
    assert first["writers"] == [{"name": "Cy Marsh", "role": "lyrics"}]
    assert second["writers"] == [{"name": "Bo Lint", "role": "music"}]
    assert second["genres"] == ["jazz"]
    assert second["performers"] == [{"name": "Ada Quill"}]
    validated = CliRunner().invoke(app, ["validate", str(out)], prog_name="lvost")
    assert validated.exit_code == 0


def test_one_disc_keeps_the_tags_numbers_and_orders_untagged_files_by_name(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / "b.wav", 1.0, title="Seven", track="7")
    wav(music / "z.wav", 1.0)
    wav(music / "a.wav", 1.0)
    out = tmp_path / "out.json"
    assert run(str(music), "-o", str(out))[0] == 0
    tracks = load(out)["tracks"]
    assert [(t["number"], t["title"]) for t in tracks] == [(7, "Seven"), (1, "a"), (2, "z")]  # type: ignore[index]
    assert load(out)["soundtrack"]["album"]["title"] == "music"  # type: ignore[index]


def test_an_untagged_file_whose_name_is_not_utf8_is_named_with_replacement_characters(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / os.fsdecode(b"01 Caf\xe9 Noir.wav"), 1.0)
    wav(music / "02 Rain.wav", 1.0)
    out = tmp_path / "out.json"
    assert run(str(music), "-o", str(out))[0] == 0
    tracks = load(out)["tracks"]
    assert [t["title"] for t in tracks] == ["01 Caf\ufffd Noir", "02 Rain"]  # type: ignore[index]
    # a path that is not UTF-8 cannot be kept in a JSON file: that track has no file
    assert [t.get("file") for t in tracks] == [None, str((music / "02 Rain.wav").resolve())]  # type: ignore[union-attr]


def test_each_imported_track_keeps_where_its_file_is(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / "b.wav", 1.0, title="Seven", track="7")
    wav(music / "cd2" / "a.wav", 1.0, title="Eight")
    out = tmp_path / "out.json"
    assert run(str(music), "-o", str(out))[0] == 0
    tracks = load(out)["tracks"]
    assert {t["title"]: t["file"] for t in tracks} == {  # type: ignore[index]
        "Seven": str((music / "b.wav").resolve()),
        "Eight": str((music / "cd2" / "a.wav").resolve()),
    }


def test_merge_fills_durations_and_files_of_three_tracks_and_changes_nothing_else(tmp_path: Path) -> None:
    music = tmp_path / "copy"
    wav(music / "02.wav", 3.5, title="Angel Eyes", track="2", artist="Sting")
    wav(music / "lonesome.wav", 2.0, title="It\u2019s a lonesome old town")  # no number: placed by title
    wav(music / "14.wav", 4.0, track="14", artist="Someone Else")
    out = tmp_path / "merged.json"
    code, stdout, stderr = run(str(music), "--merge", str(embedded_path()), "-o", str(out))
    assert (code, stderr) == (0, "")
    assert stdout.splitlines() == [
        '02.wav → track 2 "Angel Eyes" (by number)',
        '14.wav → track 14 "Come Rain or Come Shine" (by number)',
        "14.wav: performers Someone Else differs from track 14's Don Henley; kept the track's",
        'lonesome.wav → track 19 "It\'s a Lonesome Old Town" (by title)',
        f"Wrote {out}: 25 tracks from 3 files, 0 skipped",
    ]
    before = json.loads(embedded_path().read_text(encoding="utf-8"))
    after = load(out)
    for track in before["tracks"]:
        track["duration_seconds"] = {2: 4, 14: 4, 19: 2}.get(track["number"])  # 3.5 s rounds to 4
        placed = {2: "02.wav", 14: "14.wav", 19: "lonesome.wav"}.get(track["number"])
        if placed:
            track["file"] = str((music / placed).resolve())
    assert after == before


def test_merge_reports_files_it_cannot_place(tmp_path: Path) -> None:
    music = tmp_path / "copy"
    wav(music / "x.wav", 1.0, title="Nothing Like It", track="99")
    wav(music / "ben.wav", 1.0, title="Ben")
    code, stdout, _ = run(str(music), "--merge", str(embedded_path()), "-o", str(tmp_path / "m.json"))
    assert code == 0
    assert 'ben.wav: not placed (the title "Ben" fits several tracks)' in stdout
    assert 'x.wav: not placed (no track number 99 and no title like "Nothing Like It")' in stdout


def test_an_empty_folder_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out.json"
    code, _, stderr = run(str(tmp_path / "empty"), "-o", str(out))
    assert (code, stderr) == (
        1,
        f"Error: no audio file in {tmp_path / 'empty'} could be read; nothing was written\n",
    )
    assert not out.exists()


def test_files_that_are_not_audio_are_listed_and_skipped(tmp_path: Path) -> None:
    music = tmp_path / "music"
    music.mkdir()
    (music / "notes.txt").write_text("liner notes")
    (music / "broken.mp3").write_bytes(b"garbage" * 10)
    wav(music / "ok.wav", 1.0, title="Fine")
    code, stdout, stderr = run(str(music), "-o", str(tmp_path / "out.json"))
    assert code == 0
    assert stderr.splitlines() == [
        "skipped broken.mp3: cannot be read as audio or its tags are broken (can't sync to MPEG frame)",
        "skipped notes.txt: not an audio file",
    ]
    assert stdout.endswith("1 track from 1 file, 2 skipped\n")


def test_only_files_that_are_not_audio_is_an_error(tmp_path: Path) -> None:
    music = tmp_path / "music"
    music.mkdir()
    (music / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    code, _, stderr = run(str(music), "-o", str(tmp_path / "out.json"))
    assert code == 1
    assert stderr.splitlines()[0] == "skipped cover.jpg: not an audio file"


def test_an_unreadable_file_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    music = tmp_path / "music"
    wav(music / "locked.wav", 1.0)
    wav(music / "open.wav", 1.0)
    real = importing.read_file

    def refuse_locked(path: Path) -> importing.AudioFile | importing.Skipped:
        if path.name == "locked.wav":  # root reads anything: stand in for the refusal
            return importing.Skipped(path, "cannot be read (permission denied)")
        return real(path)

    monkeypatch.setattr(importing, "read_file", refuse_locked)
    code, _, stderr = run(str(music), "-o", str(tmp_path / "out.json"))
    assert (code, stderr) == (0, "skipped locked.wav: cannot be read (permission denied)\n")


def test_permission_errors_become_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mutagen

    def denied(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mutagen, "File", denied)
    result = importing.read_file(tmp_path / "a.wav")
    assert result == importing.Skipped(tmp_path / "a.wav", "cannot be read (permission denied)")


def test_conflicting_track_numbers_are_reported_and_numbered_in_order(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / "a.wav", 1.0, title="One", track="1")
    wav(music / "b.wav", 1.0, title="Also One", track="1")
    out = tmp_path / "out.json"
    code, stdout, _ = run(str(music), "-o", str(out))
    assert code == 0
    assert "a.wav and b.wav both say track 1; the tracks are numbered in album order instead" in stdout
    assert [t["number"] for t in load(out)["tracks"]] == [1, 2]  # type: ignore[index]


def test_an_existing_output_is_not_overwritten_without_force(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / "a.wav", 1.0, title="One")
    out = tmp_path / "out.json"
    out.write_text("precious")
    code, _, stderr = run(str(music), "-o", str(out))
    assert (code, stderr) == (1, f"Error: {out} exists; --force replaces it\n")
    assert out.read_text() == "precious"
    assert run(str(music), "-o", str(out), "--force")[0] == 0
    assert load(out)["tracks"][0]["title"] == "One"  # type: ignore[index]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["music", "out.json"]  # no temporary left behind


def test_a_missing_output_folder_is_an_error(tmp_path: Path) -> None:
    music = tmp_path / "music"
    wav(music / "a.wav", 1.0)
    code, _, stderr = run(str(music), "-o", str(tmp_path / "nowhere" / "out.json"))
    assert (code, stderr) == (
        1,
        f"Error: the folder {tmp_path / 'nowhere'} does not exist; make it first, or write elsewhere\n",
    )


def one_song(tmp_path: Path) -> Path:
    """A folder with one readable file, so that an import gets as far as writing."""
    wav(tmp_path / "music" / "a.wav", 1.0, title="One")
    return tmp_path / "music"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_force_writes_through_a_link_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    code, stdout, stderr = run(str(one_song(tmp_path)), "-o", str(link), "--force")
    assert (code, stderr) == (0, "")
    assert stdout == f"Wrote {link}: 1 track from 1 file, 0 skipped\n"
    assert link.is_symlink()
    assert link.readlink() == Path("real.json")
    assert load(real)["tracks"][0]["title"] == "One"  # type: ignore[index]
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_link_to_a_file_needs_force(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("precious")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(link))
    assert (code, stderr) == (1, f"Error: {link} exists; --force replaces it\n")
    assert link.is_symlink()
    assert (tmp_path / "real.json").read_text() == "precious"


def test_a_link_to_a_missing_file_exists_without_force(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("missing.json")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(link))
    target = tmp_path.resolve() / "missing.json"
    assert (code, stderr) == (
        1,
        f"Error: {link} is a link to {target}, which does not exist; --force writes it there\n",
    )
    assert link.is_symlink()
    assert link.readlink() == Path("missing.json")
    assert not (tmp_path / "missing.json").exists()


def test_a_link_to_a_missing_file_is_written_through_with_force(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("missing.json")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(link), "--force")
    assert (code, stderr) == (0, "")
    assert link.is_symlink()
    assert load(tmp_path / "missing.json")["tracks"][0]["title"] == "One"  # type: ignore[index]


def test_a_link_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("nowhere/out.json")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(link), "--force")
    target = tmp_path.resolve() / "nowhere" / "out.json"
    assert (code, stderr) == (
        1,
        f"Error: {link} is a link to {target}, whose folder does not exist; make it first, or write elsewhere\n",
    )
    assert link.is_symlink()
    assert link.readlink() == Path("nowhere/out.json")


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(tmp_path / "a.json"), "--force")
    assert code == 1
    assert stderr.startswith(f"Error: {tmp_path / 'a.json'} is a link that cannot be followed (")
    assert stderr.endswith("); give the path of the file itself\n")
    assert (tmp_path / "a.json").readlink() == Path("b.json")


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_pipe_is_refused_and_left_alone(tmp_path: Path, force: list[str]) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(pipe), *force)
    assert (code, stderr) == (
        1,
        f"Error: {pipe} is a pipe, which lvost will not replace; give the path of a file to write\n",
    )
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_device_is_refused_and_left_alone(tmp_path: Path) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is on Linux
    except (AttributeError, OSError):
        pytest.skip("this system or user cannot make a device node")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(null), "--force")
    assert (code, stderr) == (
        1,
        f"Error: {null} is a character device, which lvost will not replace; give the path of a file to write\n",
    )
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    """What ``-o /dev/stdout`` is: a link that leads to a terminal or a pipe."""
    if not Path("/dev/null").is_char_device():
        pytest.skip("no /dev/null here")
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(link), "--force")
    assert (code, stderr) == (
        1,
        f"Error: {link} is a link to a character device, which lvost will not replace; "
        "give the path of a file to write\n",
    )
    assert link.readlink() == Path("/dev/null")


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_folder_is_refused(tmp_path: Path, force: list[str]) -> None:
    (tmp_path / "out").mkdir()
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(tmp_path / "out"), *force)
    assert (code, stderr) == (
        1,
        f"Error: {tmp_path / 'out'} is a folder, which lvost will not replace; give the path of a file to write\n",
    )


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old")
    out.chmod(0o640)
    assert run(str(one_song(tmp_path)), "-o", str(out), "--force")[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert load(out)["tracks"][0]["title"] == "One"  # type: ignore[index]


def test_a_folder_that_refuses_the_temporary_file_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    music = one_song(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("precious")
    monkeypatch.setattr(tempfile, "mkstemp", refused)  # root may write anywhere: stand in for a locked folder
    code, _, stderr = run(str(music), "-o", str(out), "--force")
    assert (code, stderr) == (
        1,
        f"Error: {out} could not be written (Permission denied); nothing was changed\n",
    )
    assert out.read_text() == "precious"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root, or Windows, writes anyway")
def test_a_read_only_folder_is_one_error(tmp_path: Path) -> None:
    music = one_song(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, _, stderr = run(str(music), "-o", str(locked / "out.json"))
    finally:
        locked.chmod(0o755)
    assert (code, stderr) == (
        1,
        f"Error: {locked / 'out.json'} could not be written (Permission denied); nothing was changed\n",
    )
    assert list(locked.iterdir()) == []


def test_a_failed_sync_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failed(handle: int) -> None:
        raise OSError(5, "Input/output error")

    music = one_song(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("precious")
    monkeypatch.setattr(os, "fsync", failed)
    code, _, stderr = run(str(music), "-o", str(out), "--force")
    assert (code, stderr) == (
        1,
        f"Error: {out} could not be written (Input/output error); nothing was changed\n",
    )
    assert out.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_ctrl_c_during_the_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt

    music = one_song(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("precious")
    monkeypatch.setattr(Path, "replace", interrupted)
    code = run(str(music), "-o", str(out), "--force")[0]
    assert code != 0
    assert out.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_during_the_read_is_not_replaced_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    real = importing.read_folder

    def meanwhile(folder: Path) -> importing.Report:
        out.write_text("written by someone else")
        return real(folder)

    monkeypatch.setattr(importing, "read_folder", meanwhile)
    code, _, stderr = run(str(one_song(tmp_path)), "-o", str(out))
    assert (code, stderr) == (1, f"Error: {out} exists; --force replaces it\n")
    assert out.read_text() == "written by someone else"


def test_a_folder_that_is_not_one(tmp_path: Path) -> None:
    code, _, stderr = run(str(tmp_path / "absent"), "-o", str(tmp_path / "out.json"))
    assert (code, stderr) == (
        1,
        f"Error: {tmp_path / 'absent'} is not a folder; give the folder that holds the audio files\n",
    )


def test_without_mutagen_import_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "mutagen", None)  # as if it were not installed
    (tmp_path / "music").mkdir()
    code, _, stderr = run(str(tmp_path / "music"), "-o", str(tmp_path / "out.json"))
    assert (code, stderr) == (1, "Error: lvost import needs mutagen: pip install mutagen\n")


@pytest.mark.parametrize(
    ("text", "number"), [("2", 2), ("2/25", 2), ("07", 7), ("", None), ("x", None), ("0", None)]
)
def test_numbers_in_tags(text: str, number: int | None) -> None:
    assert importing._number(text) == number


def test_tags_of_every_family_are_read_alike() -> None:
    mp4 = {
        "\xa9nam": ["Title"],
        "\xa9ART": ["Artist"],
        "trkn": [(3, 10)],
        "disk": [(2, 2)],
        "\xa9day": ["1995"],
    }
    vorbis = {
        "TITLE": ["Title"],
        "ARTIST": ["Artist"],
        "TRACKNUMBER": ["3/10"],
        "DISCNUMBER": ["2"],
        "DATE": ["1995"],
    }
    expected = {
        "title": ["Title"],
        "artist": ["Artist"],
        "track": ["3/10"],
        "disc": ["2/2"],
        "date": ["1995"],
    }
    assert importing._tags(mp4) == expected
    assert importing._tags(vorbis) == {**expected, "disc": ["2"]}
    assert importing._tags(None) == {}


def test_a_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import subprocess
    import sys

    music = tmp_path / "music"
    for n in range(3):
        wav(music / f"{n}.wav", 0.5, title=f"T{n}")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80"}
    command = [sys.executable, "-m", "lvost", "import", str(music), "-o", str(tmp_path / "out.json")]
    code, seen = in_a_terminal(command, env)
    assert code == 0
    assert "Reading" in seen
    piped = subprocess.run([*command[:-2], "-o", str(tmp_path / "again.json")], capture_output=True, env=env)
    assert piped.returncode == 0
    assert piped.stderr == b""


def test_without_o_the_soundtrack_goes_into_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "library.db"
    monkeypatch.setenv("LVOST_LIBRARY", str(library))
    music = tmp_path / "Night Music"
    wav(music / "1.wav", 1.0, title="One", track="1", album="Night Music")
    wav(music / "2.wav", 2.0, title="Two", track="2", album="Night Music")
    code, stdout, stderr = run(str(music))
    assert (code, stdout, stderr) == (
        0,
        "Added to the library as night-music: 2 tracks from 2 files, 0 skipped\n",
        "",
    )
    picked = CliRunner().invoke(app, ["tracks", "-s", "night-music", "--json"]).stdout
    assert [(t["title"], t["file"]) for t in json.loads(picked)] == [
        ("One", str((music / "1.wav").resolve())),
        ("Two", str((music / "2.wav").resolve())),
    ]
    again = run(str(music))
    assert again == (1, "", 'Error: "night-music" is already in the library; --replace replaces it\n')
    assert run(str(music), "--replace")[0] == 0
    assert run(str(music), "--id", "nights")[1].startswith("Added to the library as nights: ")
    monkeypatch.setattr(importing, "read_folder", None)  # a taken id is refused before any file is read
    assert run(str(music), "--id", "nights") == (
        1,
        "",
        'Error: "nights" is already in the library; --replace replaces it\n',
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "x.json", "--id", "a"],
            "--id and --replace are for the library; with -o a file is written, and --force replaces it",
        ),
        (
            ["-o", "x.json", "--replace"],
            "--id and --replace are for the library; with -o a file is written, and --force replaces it",
        ),
        (["--force"], "--force replaces an -o file; in the library, --replace replaces a soundtrack"),
        (
            ["--id", "Not An Id"],
            '"Not An Id" cannot be an id; an id is lower-case words joined by hyphens, like "not-an-id"',
        ),
    ],
)
def test_options_for_a_file_and_for_the_library_do_not_mix(
    tmp_path: Path, args: list[str], message: str
) -> None:
    music = tmp_path / "music"
    wav(music / "1.wav", 1.0)
    assert run(str(music), *args) == (2, "", f"Error: {message}\n")


def test_tags_and_lengths_the_format_cannot_take_are_left_unknown(tmp_path: Path) -> None:
    # A header that claims a day and more, a track number past a billion, a year 0:
    # each is left out of the track rather than failing the whole import.
    music = tmp_path / "music"
    flac(music / "long.flac", 100_000, title="Long", track="4294967295", date="0000")
    flac(music / "short.flac", 7, title="Short", track="2")
    out = tmp_path / "odd.json"
    code, _, stderr = run(str(music), "-o", str(out))
    assert (code, stderr) == (0, "")
    tracks = load(out)["tracks"]
    assert sorted((t["title"], t["number"], t.get("duration_seconds")) for t in tracks) == [  # type: ignore[index]
        ("Long", 1, None),
        ("Short", 2, 7),
    ]
    assert "year" not in load(out)["soundtrack"]["album"]  # type: ignore[index]
