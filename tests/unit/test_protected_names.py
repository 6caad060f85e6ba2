"""The protect step and pseudonyms (pure)."""

from __future__ import annotations

from giai.protected_names import ProtectedName, protect_document, pseudonym, revealed, spellings, translated

WITNESS = ProtectedName(1, "trial", ("Amina Yusuf", "أمينة يوسف"), "witness")
VICTIM = ProtectedName(2, "trial", ("Иван Петренко",), "victim", doc_id="d1")


def source(**fields):
    text = "Свидетель Амина Юсуф видела, как били Ивана Петренко. Ivan Petrenko выжил. وقالت لأمينة يوسف"
    return {"id": "d1", "organisation": "trial", "language": "ru", "title": "Дело Ивана Петренко",
            "title_ru": "Дело Ивана Петренко", "summary": "Amina Yusuf testified.", "file": {"name": "a.pdf"},
            "pages": [{"number": 1, "language": "ru", "text": text, "text_ru": text}], **fields}


def test_spellings_add_transliterations_between_latin_and_cyrillic():
    assert spellings(["Иван Петренко"]) == ("Иван Петренко", "Ivan Petrenko")
    assert "Амина Юсуф" in spellings(["Amina Yusuf"])
    assert spellings(["أمينة يوسف"]) == ("أمينة يوسف",)


def test_every_spelling_and_form_in_every_public_field_becomes_a_pseudonym():
    protected = protect_document(source(), [WITNESS, VICTIM])
    public = str({k: v for k, v in protected.items() if not k.startswith("protect")})
    for gone in ("Амина", "Юсуф", "Петренко", "Petrenko", "Amina", "يوسف"):
        assert gone not in public
    assert protected["title"] == protected["title_ru"] == "Дело [Потерпевший 1]"
    assert protected["pages"][0]["text"] == protected["pages"][0]["text_ru"]
    assert protected["summary"] == "[Свидетель 1] testified."
    assert protected["protected_text"] == [source()["pages"][0]["text"]]
    assert "Ivan Petrenko" in protected["protected_names"]


def test_a_name_protected_for_one_document_leaves_the_others_alone():
    other = protect_document(source(id="d2"), [VICTIM])
    assert "protection" not in other and other["title"] == "Дело Ивана Петренко"
    sibling = protect_document(source(id="d3", translation_group="g"), [ProtectedName(3, "trial", ("Иван Петренко",), "victim", "d1", "g")])
    assert sibling["title"] == "Дело [Потерпевший 1]"


def test_another_organisations_names_do_not_apply():
    assert "protection" not in protect_document(source(organisation="fidh"), [WITNESS, VICTIM])


def test_running_the_step_again_from_the_originals_is_stable_and_removal_restores_the_text():
    once = protect_document(source(), [WITNESS, VICTIM])
    assert protect_document(once, [WITNESS, VICTIM]) == once
    restored = protect_document(once, [])
    assert restored["pages"] == source()["pages"] and restored["title"] == source()["title"]
    assert "protected_text" not in restored and "protection" not in restored


def test_pseudonyms_are_translated_and_revealed_to_members():
    assert pseudonym("witness", 2, "ar") == "[شاهد 2]"
    assert translated("[Свидетель 1] и [Потерпевший 1]", "es") == "[Testigo 1] и [Víctima 1]"
    names = [{"pseudonym": "[Свидетель 1]", "shown": "Амина Юсуф"}]
    assert revealed("[Testigo 1] dijo", names, lambda n: f"<{n}>") == "<Амина Юсуф> dijo"
