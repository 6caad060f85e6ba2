"""Confinement of folder sources: no symbolic link is followed, nothing outside the source's folder
or inside the data directory is read (files made in tmp_path)."""

from __future__ import annotations

import os

import pytest

from giai.inbox import inbox_organisation, is_protected
from giai.settings import load_settings
from ingest.sources.confine import Refused, check_confined, read_confined
from ingest.sources.folder import folder_items, path_items


def nothing_protected(_path):
    return False


@pytest.fixture
def tree(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("the portal's secret key\n")
    secret.chmod(0o600)
    root = tmp_path / "source"
    (root / "sub").mkdir(parents=True)
    (root / "report.txt").write_text("An ordinary report.\n")
    (root / "notes.txt").symlink_to(secret)
    (root / "alias.txt").symlink_to(root / "report.txt")  # a link inside the folder is refused too
    (root / "linked").symlink_to(secret.parent, target_is_directory=True)
    return root


def refusal(path, root, protected=nothing_protected):
    with pytest.raises(Refused) as caught:
        check_confined(path, root, protected)
    return caught.value.reason


def test_a_link_to_a_file_outside_the_folder_is_refused_as_a_symlink(tree):
    assert refusal(tree / "notes.txt", tree) == "symlink"


def test_a_link_to_a_file_inside_the_folder_is_refused_all_the_same(tree):
    assert refusal(tree / "alias.txt", tree) == "symlink"


def test_a_file_reached_through_a_linked_folder_is_refused(tree):
    assert refusal(tree / "linked" / "secret.txt", tree) == "symlink"


def test_an_ordinary_file_passes_and_is_read(tree):
    check_confined(tree / "report.txt", tree, nothing_protected)
    assert read_confined(tree / "report.txt", 1000) == b"An ordinary report.\n"


def test_a_path_outside_the_root_is_refused(tree, tmp_path):
    assert refusal(tmp_path / "elsewhere" / "secret.txt", tree) == "outside_source"


def test_a_file_in_a_protected_place_is_refused(tree):
    assert refusal(tree / "report.txt", tree, protected=lambda _p: True) == "outside_source"


def test_reading_never_follows_a_final_link_even_one_made_after_the_check(tree):
    with pytest.raises(Refused) as caught:
        read_confined(tree / "notes.txt", 1000)
    assert caught.value.reason == "symlink"


def test_a_fifo_is_not_read(tree):
    os.mkfifo(tree / "pipe")
    with pytest.raises(Refused) as caught:
        read_confined(tree / "pipe", 1000)  # would block forever if opened for reading without O_NONBLOCK
    assert caught.value.reason == "not_a_file"


def test_a_file_over_the_limit_is_refused_without_being_read(tree):
    with pytest.raises(Refused) as caught:
        read_confined(tree / "report.txt", 5)
    assert caught.value.reason == "too_large"


def test_the_walk_lists_links_with_the_folder_as_their_root_and_does_not_enter_linked_folders(tree):
    items = {item.name: item for item in folder_items(tree, organisation="fidh", locator_prefix="x")}
    assert set(items) == {"report.txt", "notes.txt", "alias.txt", "linked"}
    assert all(item.root == tree for item in items.values())


def test_a_linked_sidecar_is_not_read(tree, tmp_path):
    (tree / "report.txt.meta.yaml").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    (item,) = [i for i in folder_items(tree, organisation="fidh", locator_prefix="x") if i.name == "report.txt"]
    assert item.metadata.title is None and "symbolic link" in item.metadata.warnings[0]


def test_a_link_named_on_the_command_line_is_kept_as_a_link(tree):
    (item,) = path_items([tree / "notes.txt"], organisation="unknown")
    assert item.path == tree.resolve() / "notes.txt" and item.path.is_symlink()
    assert refusal(item.path, item.root) == "symlink"


def test_the_data_directory_but_its_inbox_and_the_cache_are_protected(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    assert is_protected((tmp_path / "data" / "portal-secret-key").resolve(), settings)
    assert is_protected((tmp_path / "data" / "es" / "config" / "elasticsearch.yml").resolve(), settings)
    assert is_protected((tmp_path / "cache" / "synthetic-corpus" / "a.pdf").resolve(), settings)
    assert not is_protected((tmp_path / "data" / "inbox" / "fidh" / "u1" / "a.pdf").resolve(), settings)
    assert not is_protected((tmp_path / "reports" / "a.pdf").resolve(), settings)


def test_the_inbox_folder_names_the_organisation(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    assert inbox_organisation(tmp_path / "data" / "inbox" / "fidh" / "u1" / "a.pdf", settings) == "fidh"
    assert inbox_organisation(tmp_path / "data" / "inbox", settings) is None
    assert inbox_organisation(tmp_path / "reports" / "a.pdf", settings) is None
