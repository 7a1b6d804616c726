"""The ``explain`` command: the evidence for each quote of a text, readable in a terminal,
and optionally as an HTML page."""

from __future__ import annotations

import argparse
import html
from pathlib import Path

from analysis.cli.streams import print_error

__all__ = ["explain_command", "explanation_page"]


def explanation_page(text: str, explanations: list) -> str:
    """A self-contained HTML page: the text with its quotes highlighted, then the
    evidence for each quote (no script, no network).

    Examples
    --------
    >>> from analysis.quotes import explain
    >>> page = explanation_page("“No,” said Ana Ruiz.", explain("“No,” said Ana Ruiz."))
    >>> "<mark" in page and "Ana Ruiz" in page and "http" not in page
    True
    """
    from analysis.quotes.display import quotes_html

    body = quotes_html(text, [e.quote for e in explanations])
    items = "\n".join(f"<h3>quote {n}</h3><pre>{html.escape(str(e))}</pre>"
                      for n, e in enumerate(explanations))
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Quotes explained"
            "</title><style>body{font-family:sans-serif;max-width:60em;margin:auto}"
            "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}</style></head>"
            f"<body><h1>Quotes explained</h1>{body}{items}</body></html>\n")


def explain_command(args: argparse.Namespace) -> int:
    from analysis.corpus import Failure, read_text_file
    from analysis.run.windows import explain_text

    path = Path(args.file)
    if not path.is_file():
        print_error(f"error: {path}: no such file; give a text file to explain")
        return 2
    item = read_text_file(path)
    if isinstance(item, Failure):
        print_error(f"error: {item.message}")
        return 1
    explanations = explain_text(item.text, n_candidates=args.candidates,
                                attributions=args.attributions)
    chosen = list(enumerate(explanations))
    if args.quote is not None:
        if not 0 <= args.quote < len(explanations):
            print_error(f"error: --quote {args.quote}: {path} has {len(explanations)} quotes "
                        f"(0 to {len(explanations) - 1})")
            return 2
        chosen = [chosen[args.quote]]
    print(f"{path}: {len(explanations)} quotes ({args.attributions} scheme)")
    for n, e in chosen:
        print(f"\n[{n}] {e}")
    if args.html:
        Path(args.html).write_text(explanation_page(item.text, [e for _, e in chosen]),
                                   encoding="utf-8")
        print(f"\nwritten {args.html}")
    return 0
