"""`reader save URL` and `reader list` as a user runs them, against a real local server."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.storage import paths
from reader.core.storage.state import ReadingPosition, State
from tests.support import httpserver
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.httpserver import LocalServer

http_server = httpserver.http_server


def article(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        + "<p>Words worth keeping for a train without a network connection. </p>" * 12
        + "</article></body></html>"
    ).encode()


def lines(result: object) -> list[str]:
    return result.stdout.decode().splitlines()  # type: ignore[attr-defined]


def test_a_saved_article_is_listed_with_its_number_address_and_progress(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/story", article("A long story"))
    saved = run_reader("save", url)
    assert saved.returncode == 0, saved.stderr
    assert lines(saved)[0] == "Saved as number 1: A long story"
    again = run_reader("save", url)
    assert lines(again)[0] == "Already on the list as number 1, copy refreshed: A long story"
    listed = run_reader("list")
    assert listed.returncode == 0 and listed.stderr == b""
    assert lines(listed)[:5] == [
        "Reading list: 1 article to read",
        "",
        "1. A long story",
        f"   {url}",
        lines(listed)[4],
    ]
    assert lines(listed)[4].startswith("   not started, saved today ")


def test_a_saved_article_opens_offline_after_the_server_is_gone_even_with_the_cache_off(
    http_server: LocalServer,
) -> None:
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text("cache_size_mb = 0\n")
    url = http_server.page("/story", article("Kept for the train"))
    assert run_reader("save", url).returncode == 0
    http_server.routes.clear()  # every address now answers 404
    offline = run_reader("--offline", "--plain", url)
    assert offline.returncode == 0, offline.stderr
    assert "Kept for the train" in offline.stdout.decode()
    assert "Read from the offline cache." in offline.stdout.decode()


def test_a_page_saved_through_a_redirect_is_listed_at_its_final_address_and_found_by_both(
    http_server: LocalServer,
) -> None:
    final = http_server.page("/story", article("Moved story"))
    short = http_server.page("/s", b"", status=301, headers={"Location": "/story"})
    assert run_reader("save", short).returncode == 0
    assert f"   {final}" in lines(run_reader("list"))
    http_server.routes.clear()
    for address in (short, final):
        offline = run_reader("--offline", "--plain", address)
        assert offline.returncode == 0 and "Moved story" in offline.stdout.decode()


def test_a_page_read_before_can_be_saved_offline_and_one_never_read_cannot(
    http_server: LocalServer,
) -> None:
    url = http_server.page("/story", article("Read on the way in"))
    assert run_reader("--plain", url).returncode == 0  # read once: in the cache, not pinned
    http_server.routes.clear()
    saved = run_reader("save", "--offline", url)
    assert saved.returncode == 0, saved.stderr
    assert lines(saved)[0] == "Saved as number 1: Read on the way in"
    assert http_server.requests[-1][0] == "/story"  # only the first read reached the server
    assert len(http_server.requests) == 1
    never = run_reader("save", "--offline", http_server.url("/other"))
    assert "not in the offline cache" in assert_one_line_error(never, 3)


def test_saving_a_page_that_cannot_be_fetched_exits_3_and_saves_nothing(
    http_server: LocalServer,
) -> None:
    assert_one_line_error(run_reader("save", http_server.url("/missing")), 3)
    assert lines(run_reader("list")) == [
        "Your reading list is empty. Save an article with: reader save URL"
    ]


def test_saving_a_page_that_is_not_readable_exits_4(http_server: LocalServer) -> None:
    url = http_server.page("/picture", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    assert_one_line_error(run_reader("save", url), 4)
    assert run_reader("list", "--json").stdout.decode().count('"number"') == 0


def test_saving_a_local_file_or_nothing_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(article("Local"))
    assert "only web pages" in assert_one_line_error(run_reader("save", str(page)), 2)
    assert_one_line_error(run_reader("save"), 2)
    assert_one_line_error(run_reader("save", "--timeout", "0", "example.test"), 2)


def test_the_address_is_listed_without_the_user_name_and_password(
    http_server: LocalServer,
) -> None:
    http_server.page("/private", article("Members only"))
    url = http_server.base.replace("http://", "http://ann:s3cret@") + "/private"
    assert run_reader("save", url).returncode == 0
    for output in (run_reader("list"), run_reader("list", "--json"), run_reader("list", "--all")):
        text = output.stdout.decode()
        assert "Members only" in text
        assert "s3cret" not in text and "ann" not in text


def test_list_json_gives_number_title_address_times_and_progress(
    http_server: LocalServer,
) -> None:
    first = http_server.page("/one", article("First"))
    second = http_server.page("/two", article("Second"))
    assert run_reader("save", first).returncode == 0
    assert run_reader("save", second).returncode == 0
    with State() as state:
        state.save_position(first, ReadingPosition(3, 0), percent=40)
    data = json.loads(run_reader("list", "--json").stdout)
    assert [(a["number"], a["title"], a["url"]) for a in data["articles"]] == [
        (2, "Second", second),
        (1, "First", first),
    ]
    assert data["articles"][1]["percent_read"] == 40
    assert data["articles"][1]["progress"] == "40% read"
    assert data["articles"][0]["percent_read"] is None and data["articles"][0]["done"] is None
    assert data["articles"][0]["saved"].endswith("+00:00")
    assert data["warnings"] == []


def test_done_hides_an_article_undone_brings_it_back_and_remove_takes_it_off(
    http_server: LocalServer,
) -> None:
    first = http_server.page("/one", article("First"))
    second = http_server.page("/two", article("Second"))
    run_reader("save", first)
    run_reader("save", second)

    done = run_reader("list", "done", "1")
    assert lines(done) == ["Marked done, number 1: First"]
    listed = lines(run_reader("list"))
    assert "1. First" not in listed and "2. Second" in listed
    assert "Also 1 marked done: see them with reader list --all." in listed
    every = lines(run_reader("list", "--all"))
    assert "1. First" in every and every[every.index("1. First") + 2].startswith("   done, saved")

    assert lines(run_reader("list", "undone", first)) == [
        "Marked back on the list, number 1: First"
    ]
    assert "1. First" in lines(run_reader("list"))

    assert lines(run_reader("list", "remove", "2")) == ["Removed number 2: Second"]
    assert "2. Second" not in lines(run_reader("list", "--all"))


def test_an_unknown_number_changes_nothing_and_exits_2(http_server: LocalServer) -> None:
    run_reader("save", http_server.page("/one", article("First")))
    error = assert_one_line_error(run_reader("list", "remove", "1", "9"), 2)
    assert "'9'" in error
    assert "1. First" in lines(run_reader("list"))  # 1 was not removed either
    assert_one_line_error(run_reader("list", "done"), 2)
    assert_one_line_error(run_reader("list", "read", "1"), 2)


def test_saving_when_the_data_folder_cannot_be_written_exits_1_before_fetching(
    http_server: LocalServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    url = http_server.page("/one", article("First"))
    result = run_reader("save", url, env={"XDG_DATA_HOME": str(blocker)})
    assert "cannot save to the reading list" in assert_one_line_error(result, 1)
    assert http_server.requests == []
