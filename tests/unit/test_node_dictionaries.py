from commands.node_dictionaries import encoding_declared_first


def test_the_affix_encoding_moves_to_the_first_line():
    aff = b"FLAG long\nAF 2\nSET UTF-8\nSFX A Y 1\n"
    assert encoding_declared_first(aff) == b"SET UTF-8\nFLAG long\nAF 2\nSFX A Y 1\n"


def test_an_affix_file_that_starts_with_its_encoding_is_unchanged():
    aff = b"SET UTF-8\nTRY abc\n"
    assert encoding_declared_first(aff) == aff
