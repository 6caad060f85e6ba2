"""HTML: the main text without the site's furniture, the title and the declared language."""

import pytest

from ingest.extract import HTML, ExtractionError, extract

PAGE = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Rapport sur la torture | FIDH</title>
  <meta name="description" content="Un rapport  sur la torture.">
  <meta name="author" content="FIDH">
  <style>body { color: red }</style>
  <script>var tracking = "do not index";</script>
</head>
<body>
  <header><a href="/">Accueil</a> <nav><a href="/a">Actualités</a><a href="/b">Contact</a></nav></header>
  <div role="navigation">Fil d'Ariane</div>
  <main>
    <article>
      <header><h1>La torture au Soudan</h1></header>
      <p>Le Comité contre la torture a examiné la situation des <b>personnes détenues</b> au secret.</p>
      <p>Il recommande une enquête&nbsp;indépendante.<br>Deuxième ligne.</p>
      <table><tr><td>Année</td><td>Cas</td></tr><tr><td>2023</td><td>27</td></tr></table>
      <aside>À lire aussi : autre rapport</aside>
      <div hidden>texte caché</div>
      <p aria-hidden="true">décoration</p>
    </article>
  </main>
  <form><input name="q"><button>Rechercher</button></form>
  <footer>© FIDH 2024 — Mentions légales</footer>
</body>
</html>"""


def test_the_main_text_keeps_the_article_and_drops_the_site_furniture():
    text = extract(PAGE.encode("utf-8"), "page.html").pages[0].text
    assert "Le Comité contre la torture a examiné la situation des personnes détenues au secret." in text
    assert "La torture au Soudan" in text
    for boilerplate in ("Accueil", "Actualités", "Fil d'Ariane", "tracking", "color", "À lire aussi",
                        "Rechercher", "Mentions légales", "texte caché", "décoration"):
        assert boilerplate not in text, boilerplate


def test_blocks_become_lines_and_whitespace_is_collapsed():
    lines = extract(PAGE.encode("utf-8")).pages[0].text.splitlines()
    assert "Il recommande une enquête indépendante." in lines
    assert "Deuxième ligne." in lines
    assert "2023" in lines and "27" in lines


def test_title_description_and_language_come_from_the_head():
    extracted = extract(PAGE.encode("utf-8"))
    assert extracted.media_type == HTML
    assert extracted.title == "Rapport sur la torture | FIDH"
    assert extracted.declared_language == "fr"
    assert extracted.metadata["description"] == "Un rapport sur la torture."
    assert extracted.metadata["author"] == "FIDH"
    assert len(extracted.pages) == 1 and extracted.pages[0].number == 1


def test_the_first_h1_is_the_heading_beside_the_title_element():
    extracted = extract(b"<html><body><h1>Informe anual</h1><p>Texto del informe.</p></body></html>")
    assert (extracted.title, extracted.heading) == (None, "Informe anual")
    assert extracted.declared_language is None


def test_without_main_or_article_the_whole_body_is_read():
    extracted = extract(b"<html><body><nav>Menu</nav><div><p>First.</p><p>Second.</p></div></body></html>")
    assert extracted.pages[0].text == "First.\nSecond."


def test_the_meta_charset_decodes_a_legacy_encoding():
    page = '<html><head><meta charset="windows-1251"><title>Доклад</title></head><body><p>Доклад о пытках</p></body></html>'
    extracted = extract(page.encode("cp1251"))
    assert extracted.title == "Доклад"
    assert extracted.pages[0].text == "Доклад о пытках"


def test_undeclared_utf8_arabic_is_decoded():
    page = "<html><body><p>تقرير عن التعذيب والاختفاء القسري في سوريا</p></body></html>"
    assert extract(page.encode("utf-8")).pages[0].text == "تقرير عن التعذيب والاختفاء القسري في سوريا"


def test_a_page_with_only_navigation_is_empty():
    with pytest.raises(ExtractionError) as caught:
        extract(b"<html><body><nav>Home</nav><script>x()</script></body></html>", "menu.html")
    assert caught.value.reason == "empty"
