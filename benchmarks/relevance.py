"""Relevance benchmark: recall@10 and nDCG@10 of the portal's search on a judged query set, against
a baseline (the plain `standard` analyzer on every text field, no cross-lingual expansion) in the
same run.

    python benchmarks/relevance.py                                  # the sample corpus and its judged set
    python benchmarks/relevance.py --judgments FILE --corpus DIR    # another corpus (format: samples/relevance/README.md)
    python benchmarks/relevance.py --variants                       # also each language's candidate stemmers

The corpus is ingested through the pipeline into a throwaway alias (its ledger and raw store in a
temporary directory), then copied into one more index per analysis to compare (the baseline, and
with --variants each candidate). Every query goes through the portal's own search service (the
request the API sends) as an anonymous reader, since the judgments are made for the public.

A top-level folder of the corpus named like an organisation of config/sources.yaml is ingested as
that organisation's folder source (its default access and language); anything else as organisation
`unknown`. Judged paths are relative to the corpus root.

Prints a table per run and, as its LAST line, one JSON object: `recall_at_10` and `ndcg_at_10`, each
{"overall"|<language>: {"all", "monolingual", "cross_lingual"}}, `baseline` with the same two keys,
`queries`, and with --variants `variants` ({language: {candidate: figures}}).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, where benchmarks/ingest.py would
# shadow the `ingest` package: put the repository root before it.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import tempfile  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

import yaml  # noqa: E402

K = 10
DEFAULT_CORPUS = ROOT / "samples" / "corpus"
DEFAULT_JUDGMENTS = ROOT / "samples" / "relevance" / "judgments.yaml"
SPLITS = ("all", "monolingual", "cross_lingual")

# Candidate stemming per language, measured with --variants. Each is the analyzer's filter chain;
# the chosen one is in giai/index_schema.py. Hunspell dictionaries are the node's (config/hunspell).
HUNSPELL = {"en": "en_US", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES", "ar": "ar"}
CANDIDATES: dict[str, dict[str, list[str]]] = {
    "en": {
        "minimal": ["giai_english_possessive", "lowercase", "giai_stop_en", "giai_folding", "giai_english_minimal_stem"],
        "kstem": ["giai_english_possessive", "lowercase", "giai_stop_en", "giai_folding", "giai_kstem"],
        "porter": ["giai_english_possessive", "lowercase", "giai_stop_en", "giai_folding", "giai_porter_stem"],
        "hunspell": ["giai_english_possessive", "lowercase", "giai_stop_en", "giai_hunspell_en", "giai_folding"],
    },
    "fr": {
        "light": ["giai_elision", "lowercase", "giai_stop_fr", "giai_folding", "giai_french_light_stem"],
        "minimal": ["giai_elision", "lowercase", "giai_stop_fr", "giai_folding", "giai_french_minimal_stem"],
        "hunspell": ["giai_elision", "lowercase", "giai_stop_fr", "giai_hunspell_fr", "giai_folding"],
        "hunspell+minimal": ["giai_elision", "lowercase", "giai_stop_fr", "giai_hunspell_fr", "giai_folding", "giai_french_minimal_stem"],
    },
    "ru": {
        "light": ["lowercase", "giai_yo", "giai_stop_ru", "giai_russian_light_stem"],
        "hunspell": ["lowercase", "giai_stop_ru", "giai_yo", "giai_hunspell_ru"],
        "hunspell+light": ["lowercase", "giai_stop_ru", "giai_yo", "giai_hunspell_ru", "giai_russian_light_stem"],
    },
    "es": {
        "light": ["lowercase", "giai_stop_es", "giai_folding", "giai_spanish_light_stem"],
        "plural": ["lowercase", "giai_stop_es", "giai_folding", "giai_spanish_plural_stem"],
        "hunspell": ["lowercase", "giai_stop_es", "giai_hunspell_es", "giai_folding"],
        "hunspell+plural": ["lowercase", "giai_stop_es", "giai_hunspell_es", "giai_folding", "giai_spanish_plural_stem"],
    },
    "ar": {
        "light": ["lowercase", "giai_decimal_digit", "giai_stop_ar", "giai_arabic_normalization", "giai_arabic_stem"],
        "normalisation": ["lowercase", "giai_decimal_digit", "giai_stop_ar", "giai_arabic_normalization"],
        "hunspell": ["lowercase", "giai_decimal_digit", "giai_stop_ar", "giai_hunspell_ar", "giai_arabic_normalization"],
    },
}


@dataclass(frozen=True)
class Judgment:
    """One judged query: what the user types, its language, and the relevant documents' paths."""

    id: str
    query: str
    language: str
    cross_lingual: bool
    relevant: tuple[str, ...]


def load_judgments(path: Path) -> list[Judgment]:
    """The judged set (format: samples/relevance/README.md); ValueError naming a bad entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of queries")
    judgments = []
    for entry in data:
        try:
            judgments.append(Judgment(str(entry["id"]), str(entry["query"]), str(entry["language"]),
                                      bool(entry.get("cross_lingual", False)), tuple(entry["relevant"])))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: entry {entry!r} lacks {exc}") from None
    return judgments


# --- metrics (pure) ------------------------------------------------------------------------------

def recall_at(ranked: Sequence[str], relevant: Iterable[str], k: int = K) -> float:
    """Share of the relevant documents found in the first k results."""
    wanted = set(relevant)
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def ndcg_at(ranked: Sequence[str], relevant: Iterable[str], k: int = K) -> float:
    """nDCG of the first k results with binary gains (1 per relevant document)."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    dcg = sum(1 / math.log2(rank + 2) for rank, doc in enumerate(ranked[:k]) if doc in wanted)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(wanted), k)))
    return dcg / ideal


def summarise(judgments: Sequence[Judgment], scores: Mapping[str, float]) -> dict[str, dict[str, float | None]]:
    """Mean of per-query `scores` by language and overall, for all, monolingual and cross-lingual
    queries ({"overall": {"all": …, "monolingual": …, "cross_lingual": …}, "en": {…}, …}); None
    where a group has no query."""
    groups: dict[str, list[Judgment]] = {"overall": list(judgments)}
    for judgment in judgments:
        groups.setdefault(judgment.language, []).append(judgment)
    summary: dict[str, dict[str, float | None]] = {}
    for name, members in groups.items():
        splits = {
            "all": members,
            "monolingual": [j for j in members if not j.cross_lingual],
            "cross_lingual": [j for j in members if j.cross_lingual],
        }
        summary[name] = {
            split: round(sum(scores[j.id] for j in chosen) / len(chosen), 4) if chosen else None
            for split, chosen in splits.items()
        }
    return summary


# --- corpus and indices (I/O) --------------------------------------------------------------------

def corpus_items(corpus: Path) -> list:
    """The pipeline's items for every file of `corpus`, with locators relative to its root."""
    from giai.organisations import UNKNOWN, load_organisations
    from ingest.sources.folder import folder_items

    organisations = {o.slug: o for o in load_organisations()}
    items = []
    for child in sorted(c for c in corpus.iterdir() if c.is_dir() and not c.name.startswith(".")):
        org = organisations.get(child.name)
        items += folder_items(child, organisation=org.slug if org else UNKNOWN, locator_prefix=child.name,
                              access=org.access if org else "public",
                              default_language=org.default_language if org else "en")
    # Files at the root: the walk yields every file below too, already listed by folder above.
    items += [i for i in folder_items(corpus, organisation=UNKNOWN, locator_prefix="") if i.path.parent == corpus]
    return items


def ingest_corpus(base_settings, corpus: Path, alias: str, data_dir: Path) -> dict[str, str]:
    """Ingest `corpus` through the pipeline into `alias`; returns judged path → document id."""
    from giai.es import connect, url_with_credentials
    from giai.settings import load_settings
    from ingest.pipeline import Plan, run

    items = corpus_items(corpus)
    settings = load_settings(es_url=url_with_credentials(base_settings), data_dir=data_dir, index=alias)
    summary = run(settings, Plan(items), progress=False)
    connect(settings).indices.refresh(index=alias)
    if summary.counts.get("quarantined"):
        print(f"warning: {summary.counts['quarantined']} files quarantined: {summary.quarantined}", file=sys.stderr)
    return {item.path.relative_to(corpus).as_posix(): item.doc_id for item in items}


def copy_with_analysis(client, source_alias: str, target_alias: str, analysis: Mapping[str, Any]) -> None:
    """A new index behind `target_alias` with the schema's mapping and `analysis`, holding a copy
    of every document of `source_alias`."""
    from giai.index_schema import index_body
    from ingest.index_migration import copy_documents

    index = f"{target_alias}-copy"
    body = index_body()
    client.indices.create(index=index, settings={**body["settings"], "analysis": analysis},
                          mappings=body["mappings"], aliases={target_alias: {}})
    copy_documents(client, source_alias, index)
    client.indices.refresh(index=index)


def baseline_analysis() -> dict[str, Any]:
    """Every analyzer the mapping names, as the plain `standard` analyzer."""
    from giai.index_schema import ANALYSIS

    return {"analyzer": {name: {"type": "standard"} for name in ANALYSIS["analyzer"]}}


def variant_analysis(language: str, chain: list[str]) -> dict[str, Any]:
    """The schema's analysis with the analyzer of `language` replaced by `chain`."""
    from giai.index_schema import ANALYSIS

    analysis = copy.deepcopy(ANALYSIS)
    # Only the dictionary the chain uses: an index naming one the node cannot load is refused.
    analysis["filter"].update({f"giai_hunspell_{lang}": {"type": "hunspell", "locale": locale}
                               for lang, locale in HUNSPELL.items() if f"giai_hunspell_{lang}" in chain})
    analysis["analyzer"][f"giai_{language}"] = {"tokenizer": "standard", "filter": chain}
    return analysis


# --- running the queries -------------------------------------------------------------------------

def search_params(query: str, expand: bool):
    from werkzeug.datastructures import MultiDict

    from portal.search.params import SearchParams
    from portal.vocabulary import Vocabularies

    args = MultiDict({"q": query, "sort": "relevance", **({} if expand else {"expand": "0"})})
    return SearchParams.from_args(args, Vocabularies(labels={}), page_size=K)


def ranked_ids(service, judgment: Judgment, expand: bool) -> list[str]:
    """The first K document ids the portal answers an anonymous reader for the judged query."""
    from giai.access import ANONYMOUS

    response = service.search(search_params(judgment.query, expand), ANONYMOUS)
    return [hit["_id"] for hit in response["hits"]["hits"]]


def evaluate(service, judgments: Sequence[Judgment], ids: Mapping[str, str], expand: bool = True) -> dict[str, Any]:
    """recall@K and nDCG@K summaries, and each query's ranked ids."""
    recall, ndcg, ranked = {}, {}, {}
    for judgment in judgments:
        missing = [p for p in judgment.relevant if p not in ids]
        if missing:
            raise ValueError(f"{judgment.id}: judged documents not in the corpus: {missing}")
        relevant = [ids[p] for p in judgment.relevant]
        ranked[judgment.id] = ranked_ids(service, judgment, expand)
        recall[judgment.id] = recall_at(ranked[judgment.id], relevant)
        ndcg[judgment.id] = ndcg_at(ranked[judgment.id], relevant)
    return {"recall_at_10": summarise(judgments, recall), "ndcg_at_10": summarise(judgments, ndcg),
            "per_query": {j.id: {"recall": recall[j.id], "ndcg": round(ndcg[j.id], 4)} for j in judgments},
            "ranked": ranked}


def service_for(base_settings, alias: str):
    from giai.es import url_with_credentials
    from giai.settings import load_settings
    from portal.search.service import SearchService

    return SearchService(load_settings(es_url=url_with_credentials(base_settings), index=alias))


# --- output ---------------------------------------------------------------------------------------

def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def table(title: str, figures: Mapping[str, Any], baseline: Mapping[str, Any] | None = None) -> list[str]:
    """Rows per language: recall@10 and nDCG@10 for all / monolingual / cross-lingual queries."""
    splits = "all   mono  cross"
    lines = [title, f"{'':18}{'recall@10':21}nDCG@10", f"{'':18}{splits}    {splits}"]
    for group in figures["recall_at_10"]:
        for name, source in (("", figures), ("baseline", baseline)):
            if source is None:
                continue
            r, n = source["recall_at_10"][group], source["ndcg_at_10"][group]
            label = f"{group} {name}".strip()
            lines.append(f"{label:18}" + " ".join(_cell(r[s]) for s in SPLITS) + "    "
                         + " ".join(_cell(n[s]) for s in SPLITS))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Relevance benchmark: recall@10 and nDCG@10 against a baseline.")
    parser.add_argument("--judgments", type=Path, default=DEFAULT_JUDGMENTS, help="Judged queries (YAML).")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="Root of the judged corpus.")
    parser.add_argument("--variants", action="store_true", help="Also measure each language's candidate stemmers.")
    parser.add_argument("--per-query", action="store_true", help="Print every query's figures and top ids.")
    args = parser.parse_args(argv)

    from elasticsearch import ApiError

    from giai.es import connect
    from giai.settings import load_settings
    from ingest.index_migration import drop_alias_and_indices

    judgments = load_judgments(args.judgments)
    base = load_settings()
    client = connect(base)
    alias = f"bench-relevance-{uuid.uuid4().hex[:8]}"
    aliases = [alias]
    try:
        with tempfile.TemporaryDirectory(prefix="giai-relevance-") as data_dir:
            ids = ingest_corpus(base, args.corpus, alias, Path(data_dir))
        ours = evaluate(service_for(base, alias), judgments, ids)
        aliases.append(f"{alias}-baseline")
        copy_with_analysis(client, alias, aliases[-1], baseline_analysis())
        baseline = evaluate(service_for(base, aliases[-1]), judgments, ids, expand=False)
        variants: dict[str, dict[str, Any]] = {}
        if args.variants:
            for language, candidates in CANDIDATES.items():
                variants[language] = {}
                for name, chain in candidates.items():
                    aliases.append(f"{alias}-{language}-{name.replace('+', '-')}")
                    try:
                        copy_with_analysis(client, alias, aliases[-1], variant_analysis(language, chain))
                    except ApiError as exc:  # a dictionary the node cannot load is a result too
                        variants[language][name] = {"error": str(exc)[:200]}
                        continue
                    # Every query, not only this language's: expansions search this language's
                    # fields for queries in the other four.
                    result = evaluate(service_for(base, aliases[-1]), judgments, ids)
                    variants[language][name] = {
                        metric: {language: result[metric][language], "overall": result[metric]["overall"]}
                        for metric in ("recall_at_10", "ndcg_at_10")
                    }
    finally:
        for name in aliases:
            drop_alias_and_indices(client, name)

    print("\n".join(table(f"{len(judgments)} queries on {args.corpus.name}: ours, then baseline", ours, baseline)))
    if args.per_query:
        for j in judgments:
            print(j.id, ours["per_query"][j.id], baseline["per_query"][j.id], j.query)
    if variants:
        print("variants (language's queries | all queries): recall@10 all mono cross, nDCG@10 all mono cross")
    for language, results in variants.items():
        for name, figures in results.items():
            if "error" in figures:
                print(f"  {language} {name}: {figures['error']}")
                continue
            cells = [" ".join(_cell(figures[m][group][s]) for s in SPLITS)
                     for group in (language, "overall") for m in ("recall_at_10", "ndcg_at_10")]
            print(f"  {language} {name:17} {cells[0]}  {cells[1]} | {cells[2]}  {cells[3]}")
    result = {
        "queries": len(judgments),
        "recall_at_10": ours["recall_at_10"],
        "ndcg_at_10": ours["ndcg_at_10"],
        "baseline": {"recall_at_10": baseline["recall_at_10"], "ndcg_at_10": baseline["ndcg_at_10"]},
    }
    if variants:
        result["variants"] = variants
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
