"""Sentiment: VADER equality, agreement with human ratings (with an n-gram baseline), speed.

Usage: python benchmarks/sentiment.py HUTTO_DIR [ARTICLES] [--max-docs N] [--newsmtsc DIR]

HUTTO_DIR: the folder unpacked from additional_resources/hutto_ICWSM_2014.tar.gz of the
vaderSentiment 3.3.2 source distribution (``pip download vaderSentiment==3.3.2 --no-binary
:all: --no-deps``), with the four ``*_GroundTruth.txt`` files (id, mean rating, text).
ARTICLES: a .txt file or folder of news articles for the speed test (default: the seeds).

1. VADER equality: ``analysis.sentiment.vader`` against the vaderSentiment package on every
   sentence of the four rated sets, both from the text and from this package's tokens.
2. Pearson / Spearman r with the 5,190 rated NYT sentences, which nothing was fitted or tuned
   on: every method, and a supervised baseline -- TF-IDF word 1-2-grams and ridge regression
   fitted on the same three non-news sets as the hybrid model (ridge penalty chosen by the
   same leave-one-domain-out cross-validation), scored in this run.  Also how the default
   leans: the share of negative scores among sentences in which no lexicon finds a word.
2b. With ``--newsmtsc DIR`` (the folder holding NewsMTSC's ``train.jsonl``): agreement of every
   method with the sentence polarity of NewsMTSC's held-out bucket 0
   (``analysis.corpus.newsmtsc``; the hybrid's news part is fitted on buckets 1-4 only):
   macro-F1 of the score read as a label (from 0.05 up positive, from -0.05 down negative)
   and Spearman r of score with label (``analysis.sentiment.fit.sentence_agreement``).
3. Speed of scoring every sentence and every quote of each article, as the pipeline does:
   the old path (the vaderSentiment package, AFINN, TextBlob's pattern and scikit-learn's
   vectoriser, each called on each span: ``analysis.sentiment.reference``) against the
   per-document path (``analysis.sentiment.score_document``), same spans, same process;
   then the same for isolated sentences (the NYT set through ``score_rows``).
"""

import argparse
import time
from bisect import bisect_left
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.paths import SEEDS
from analysis.quotes import analyse_quotes
from analysis.sentiment import COMPONENTS, METHODS, score_document, score_rows
from analysis.sentiment.document import folded_words, has_evidence
from analysis.sentiment.fit import (
    NEWS_DOMAIN,
    TRAIN_DOMAINS,
    load_news,
    load_ratings,
    neutral_report,
    sentence_agreement,
)
from analysis.sentiment.reference import reference_rows
from analysis.sentiment.vader import VaderText, vader_tuple
from analysis.text import tokenise


def vader_equality(frame: pd.DataFrame) -> None:
    """Count the sentences where this package's VADER and vaderSentiment differ."""
    package = SentimentIntensityAnalyzer()
    print("1. VADER equality with vaderSentiment 3.3.2 (neg, neu, pos, compound all equal):")
    for domain, part in frame.groupby("domain", sort=False):
        differ_text = differ_tokens = 0
        for text in part.text:
            expected = tuple(package.polarity_scores(text).values())
            differ_text += vader_tuple(text) != expected
            differ_tokens += VaderText(text, tokenise(text)[1]).scores() != expected
        print(f"   {domain:<22} {len(part):>6} sentences, differ: {differ_text} from the text, "
              f"{differ_tokens} from the tokens")
    print(f"   all                    {len(frame):>6} sentences")


def _ngram_model(alpha: float) -> tuple[TfidfVectorizer, Ridge]:
    return (TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
            Ridge(alpha=alpha, solver="sparse_cg", tol=1e-6, random_state=0))


def ngram_baseline(frame: pd.DataFrame, alphas: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0)
                   ) -> tuple[np.ndarray, float]:
    """Predictions on the news set of a word n-gram ridge fitted on the three other sets."""
    means = {}
    for alpha in alphas:
        rs = []
        for held in TRAIN_DOMAINS:
            fit = frame[frame.domain.isin(TRAIN_DOMAINS) & (frame.domain != held)]
            test = frame[frame.domain == held]
            vec, ridge = _ngram_model(alpha)
            ridge.fit(vec.fit_transform(fit.text), fit.rating)
            rs.append(np.corrcoef(ridge.predict(vec.transform(test.text)), test.rating)[0, 1])
        means[alpha] = float(np.mean(rs))
    best = max(alphas, key=lambda a: (means[a], -a))
    train = frame[frame.domain.isin(TRAIN_DOMAINS)]
    vec, ridge = _ngram_model(best)
    ridge.fit(vec.fit_transform(train.text), train.rating)
    return ridge.predict(vec.transform(frame[frame.domain == NEWS_DOMAIN].text)), best


def correlations(frame: pd.DataFrame) -> None:
    """Pearson / Spearman r of every method and the n-gram baseline with the NYT ratings."""
    news = frame[frame.domain == NEWS_DOMAIN]
    rows = score_rows(news.text.tolist())
    y = news.rating.reset_index(drop=True)
    names = {"textblob": "textblob (pattern)"}
    table = []
    for method in METHODS:
        pred = pd.Series([r[COMPONENTS.index(method)] for r in rows])
        table.append({"method": names.get(method, method), "pearson": pred.corr(y),
                      "spearman": pred.corr(y, method="spearman")})
    pred, alpha = ngram_baseline(frame)
    pred = pd.Series(pred)
    table.append({"method": f"n-gram ridge (alpha {alpha:g})", "pearson": pred.corr(y),
                  "spearman": pred.corr(y, method="spearman")})
    print(f"\n2. Agreement with {len(news)} rated NYT sentences (held out from every fit):")
    print(pd.DataFrame(table).round(3).to_string(index=False))
    evidence = [has_evidence(r) for r in rows]
    for method in ("hybrid", "vader"):
        report = neutral_report([r[COMPONENTS.index(method)] for r in rows], evidence)
        print(f"   {method}: {report}")


def newsmtsc_agreement(folder: Path) -> None:
    """Every method against the sentence polarity of NewsMTSC's held-out bucket 0."""
    news = load_news(folder)
    test = news[news.bucket == 0]
    rows = score_rows(test.text.tolist())
    table = []
    names = {"textblob": "textblob (pattern)"}
    for method in METHODS:
        pred = [r[COMPONENTS.index(method)] for r in rows]
        table.append({"method": names.get(method, method),
                      **sentence_agreement(pred, test.rating.astype(int))})
    print(f"\n2b. Agreement with the sentence polarity of {len(test)} held-out NewsMTSC sentences "
          f"(bucket 0; all targets of a sentence agree):")
    print(pd.DataFrame(table).to_string(index=False))


def _articles(path: Path, max_docs: int) -> list[tuple]:
    files = [path] if path.is_file() else sorted(path.rglob("*.txt"))
    files = [f for f in files if not f.name.endswith(".gold.txt")][:max_docs]
    prepared = []
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        sents, toks = tokenise(text)
        quotes, _ = analyse_quotes(text)
        starts = [t.start for t in toks]
        spans = [(s.start, s.end) for s in sents] + [(q.start, q.end) for q in quotes]
        ranges = [(bisect_left(starts, a), bisect_left(starts, b)) for a, b in spans]
        prepared.append((text, toks, spans, ranges))
    return prepared


def _best(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _old_document(text, toks, spans, ranges):
    words = folded_words(toks)
    return reference_rows([text[a:b] for a, b in spans], [words[a:b] for a, b in ranges])


def speed(path: Path, max_docs: int, news: pd.DataFrame) -> None:
    """Spans per second and MB per second, old path against per-document path."""
    docs = _articles(path, max_docs)
    n_spans = sum(len(d[2]) for d in docs)
    mb = sum(len(d[0].encode()) for d in docs) / 1e6
    score_document(*docs[0])  # load lexicons and model once
    _old_document(*docs[0])
    old = _best(lambda: [_old_document(*d) for d in docs])
    new = _best(lambda: [score_document(*d) for d in docs])
    print(f"\n3. Speed, every sentence and quote of {len(docs)} articles ({n_spans} spans, "
          f"{mb:.2f} MB) from {path}:")
    for name, seconds in (("old: each package per span", old),
                          ("new: score_document", new)):
        print(f"   {name:<30} {n_spans / seconds:>8.0f} spans/s {mb / seconds:>7.3f} MB/s")
    print(f"   ratio new / old: {old / new:.2f}x")
    texts = news.text.tolist()
    mb = sum(len(t.encode()) for t in texts) / 1e6
    old = _best(lambda: reference_rows(texts), 1)
    new = _best(lambda: score_rows(texts), 1)
    print(f"   isolated sentences ({len(texts)} NYT, {mb:.2f} MB, tokenised inside):")
    for name, seconds in (("old: reference_rows", old), ("new: score_rows", new)):
        print(f"   {name:<30} {len(texts) / seconds:>8.0f} sents/s {mb / seconds:>7.3f} MB/s")
    print(f"   ratio new / old: {old / new:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("hutto_dir", type=Path)
    parser.add_argument("articles", type=Path, nargs="?", default=SEEDS)
    parser.add_argument("--max-docs", type=int, default=200)
    parser.add_argument("--newsmtsc", type=Path, help="NewsMTSC folder holding train.jsonl")
    args = parser.parse_args()
    frame = load_ratings(args.hutto_dir)
    vader_equality(frame)
    correlations(frame)
    if args.newsmtsc:
        newsmtsc_agreement(args.newsmtsc)
    speed(args.articles, args.max_docs, frame[frame.domain == NEWS_DOMAIN])


if __name__ == "__main__":
    main()
