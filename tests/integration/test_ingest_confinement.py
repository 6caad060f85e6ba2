"""`giai ingest` never reads outside a source's folder: a symbolic link to a secret is quarantined
with its reason, and nothing of the secret reaches the index (finding 1 of the security review)."""

from __future__ import annotations

from ingest_support import by_name, documents, ingest_env, ingest_ok, status

SECRET = "Zorblax-secret-token 7f3a"


def test_a_link_to_a_secret_is_quarantined_and_the_secret_is_never_indexed(es, alias, settings, tmp_path):
    secret = tmp_path / "other-tree" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n")
    secret.chmod(0o600)
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "report.txt").write_text("Torture in detention: a note on the Syrian cases.\n" * 5, encoding="utf-8")
    (folder / "notes.txt").symlink_to(secret)
    env = ingest_env(settings, alias, tmp_path / "data")

    ingest_ok(str(folder), env=env)

    rows = by_name(status(env))
    assert (rows["report.txt"]["status"], rows["notes.txt"]["status"]) == ("indexed", "quarantined")
    assert rows["notes.txt"]["reason"] == "symlink" and "symbolic link" in rows["notes.txt"]["detail"]
    indexed = str(documents(es, alias))
    assert "Zorblax" not in indexed and "Syrian" in indexed


def test_files_of_the_data_directory_are_refused_even_when_named(es, alias, settings, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    key = data_dir / "portal-secret-key"
    key.write_text(SECRET + "\n")
    env = ingest_env(settings, alias, data_dir)

    ingest_ok(str(key), env=env)

    row = by_name(status(env))["portal-secret-key"]
    assert (row["status"], row["reason"]) == ("quarantined", "outside_source")
    assert "Zorblax" not in str(documents(es, alias))
