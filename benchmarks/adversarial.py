"""Hostile texts at two sizes: does any stage grow faster than its input?

Each generator makes one document of a hostile shape (dense quotes, unbalanced or
only quotation marks, 100k periods, runs of initials and abbreviations, one huge
line, ``"a\\n"`` repeated, no punctuation, long words, deep nesting, random
Unicode) at size n and 2n.  For each, the stages of the per-document analysis are
called one by one, as the pipeline calls them, and timed in CPU seconds of this
process (so that other load on the machine matters less; best of ``repeat`` runs):

    text layer  analysis.text.build (or analysis.text.tokenise before the document
                model existed)                             (sentences, tokens, mark roles)
    quotes      analysis.quotes.analyse_quotes             (spans, cues, speakers)
    sentiment   analysis.sentiment.score_document (or score_rows)  (sentences, quotes)
    markers     analysis.stance.markers.count_markers_in_tokens (document and quotes)
    stance      the stance model's predict_proba           (quotes)

Peak memory is the tracemalloc peak of one more run of all stages.  The table gives
time and memory at n and 2n, their ratios (2 is linear; the suite fails above 3),
the stage with the most time at 2n, and the stage whose time grew most.

Hostile *inputs* (``--inputs``): a corpus folder holding what issue #22 lists (the
same id three times, a named pipe and a link to ``/dev/zero`` called ``.txt``, a
hidden ``.txt``, a table with a header and no rows, a path longer than PATH_MAX, a
folder that cannot be entered, metadata and text starting with ``=``, ``+``, ``@``)
goes through ``python -m analysis run`` with its standard output closed; the table
gives each input's row (or warning) against what is expected, the CSV cells a
spreadsheet would run (0 expected), the exit status and the time.  Then Dask
schedulers that are not (a silent listener, an HTTP server, a host that never
answers, a refused port, ``inproc://``): the seconds until the one-line error.

Usage: python benchmarks/adversarial.py [SCALE]   (SCALE multiplies every n; default 1)
       python benchmarks/adversarial.py --inputs
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

#: Generators: size -> text.  The size is a count of repeated units.
GENERATORS: dict[str, Callable[[int], str]] = {
    "dense quotes": lambda n: "The minister said \"yes\" and 'no' " * n,
    "unbalanced marks": lambda n: "He said “yes and ‘no, ” then \" again ' " * n,
    "only marks": lambda n: "\"“”‘’'«»„‚ " * n,
    "periods": lambda n: "." * n,
    "initials, abbreviations": lambda n: "J. R. R. Mr. Dr. U.S. e.g. i.e. No. St. " * n,
    "one huge line": lambda n: "The report was published on Monday and officials said it was "
                               "good, but critics disagreed. " * n,
    "a\\n repeated": lambda n: "a\n" * n,
    "no punctuation": lambda n: "the minister spoke about the plan and the people " * n,
    "long words": lambda n: ("x" * 2000 + " ") * n,
    "deep nesting": lambda n: "(“‘[" * n + "He said yes." + "]’”)" * n,
    "random unicode": lambda n: _random_unicode(n),
}

#: n for the benchmark (2n is also run): about 10-50 kB each.
SIZES = {"dense quotes": 400, "unbalanced marks": 400, "only marks": 2000,
         "periods": 40_000, "initials, abbreviations": 1000, "one huge line": 400,
         "a\\n repeated": 6000, "no punctuation": 1500, "long words": 20,
         "deep nesting": 2000, "random unicode": 20_000}
#: n for the suite's scaling test: about 0.1 s of CPU at n, so that it stays fast.
TEST_SIZES = {"dense quotes": 150, "unbalanced marks": 200, "only marks": 600,
              "periods": 8000, "initials, abbreviations": 200, "one huge line": 150,
              "a\\n repeated": 1500, "no punctuation": 1200, "long words": 100,
              "deep nesting": 1000, "random unicode": 5000}
STAGES = ("text layer", "quotes", "sentiment", "markers", "stance")


def _random_unicode(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    blocks = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x590, 0x6FF),
              (0x2000, 0x206F), (0x3000, 0x30FF), (0x4E00, 0x4FFF), (0x1F300, 0x1F64F)]
    out = []
    for _ in range(n):
        lo, hi = rng.choice(blocks)
        out.append(chr(rng.randint(lo, hi)))
        if rng.random() < 0.15:
            out.append(rng.choice(" \n.,"))
    return "".join(out)


def run_stages(text: str) -> dict[str, float]:
    """Seconds spent in each stage on ``text`` (one run), as the pipeline calls them."""

    import pandas as pd

    from analysis.quotes import analyse_quotes
    from analysis.run.stages import DEFAULT_TARGET, stance_model
    from analysis.sentiment import score_document
    from analysis.stance.markers import count_markers_in_tokens
    from analysis.text import build

    times = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time  # CPU time: robust to other processes on a shared machine
    t = clock()
    model = build(text)
    sents, toks = model.sentences, model.tokens
    times["text layer"] = clock() - t
    t = clock()
    quotes, _speakers = analyse_quotes(model)
    times["quotes"] = clock() - t
    bounds = list(model.sentence_tokens)
    qbounds = [model.token_range(q.start, q.end) for q in quotes]
    spans = [(s.start, s.end) for s in sents] + [(q.start, q.end) for q in quotes]
    t = clock()
    score_document(text, toks, spans, bounds + qbounds)
    times["sentiment"] = clock() - t
    t = clock()
    count_markers_in_tokens([tok.text for tok in toks])
    for a, b in qbounds:
        count_markers_in_tokens([tok.text for tok in toks[a:b]])
    times["markers"] = clock() - t
    if quotes:
        frame = pd.DataFrame({"text": [q.text for q in quotes], "target": DEFAULT_TARGET})
        t = clock()
        stance_model(DEFAULT_TARGET).predict_proba(frame)
        times["stance"] = clock() - t
    return times


def best_times(text: str, repeat: int) -> dict[str, float]:
    """Per stage, the best of ``repeat`` runs (the least disturbed by other load), each
    started after a garbage collection so that one run does not pay for another."""
    import gc

    runs = []
    for _ in range(repeat):
        gc.collect()
        runs.append(run_stages(text))
    return {s: min(r[s] for r in runs) for s in STAGES}


def peak_mb(text: str) -> float:
    """tracemalloc peak of one run of every stage, in MB."""
    tracemalloc.start()
    try:
        run_stages(text)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def measure(name: str, n: int, repeat: int = 3) -> dict[str, object]:
    """Time and memory of generator ``name`` at ``n`` and ``2n``."""
    small, large = GENERATORS[name](n), GENERATORS[name](2 * n)
    ts, tl = best_times(small, repeat), best_times(large, repeat)
    total_s, total_l = sum(ts.values()), sum(tl.values())
    growth = {s: tl[s] / ts[s] for s in STAGES if ts[s] > 0 and tl[s] > 0.002}
    return {"name": name, "chars": len(small), "time_n": total_s, "time_2n": total_l,
            "ratio": total_l / total_s, "mem_n": peak_mb(small), "mem_2n": peak_mb(large),
            "dominant": max(tl, key=tl.get), "share": max(tl.values()) / total_l,
            "worst": max(growth, key=growth.get) if growth else "-",
            "worst_ratio": max(growth.values()) if growth else float("nan"),
            "stages_n": ts, "stages_2n": tl}


def main(scale: float = 1.0) -> None:
    """Print the table for every generator."""
    run_stages("Warm up: ‘Yes,’ she said.")  # lexicons and models, once
    print(f"{'generator':<24}{'chars n':>9}{'time n':>9}{'time 2n':>9}{'ratio':>7}"
          f"{'MB n':>8}{'MB 2n':>8}{'ratio':>7}  {'dominant stage (share)':<26}"
          f"{'fastest-growing stage'}")
    for name in GENERATORS:
        r = measure(name, max(1, int(SIZES[name] * scale)))
        dominant = f"{r['dominant']} ({r['share']:.0%})"
        print(f"{name:<24}{r['chars']:>9,}{r['time_n']:>8.2f}s{r['time_2n']:>8.2f}s"
              f"{r['ratio']:>7.2f}{r['mem_n']:>8.1f}{r['mem_2n']:>8.1f}"
              f"{r['mem_2n'] / max(r['mem_n'], 1e-9):>7.2f}  "
              f"{dominant:<26}"
              f"{r['worst']} x{r['worst_ratio']:.2f}", flush=True)


# --------------------------------------------------------------------------- hostile inputs
#: The deepest folder name of the long path (the path is made longer than PATH_MAX).
_DEEP = "d" * 200


def hostile_corpus(root: Path) -> dict[str, str]:
    """Make a corpus of hostile inputs in ``root`` (a new folder); return the rows
    expected in the documents table (``doc_id -> status``) and, under the key
    ``"(warning)"``, the words the warning about hidden files holds.

    As root, a folder without permissions is read anyway (root passes them): its
    document is then ``ok``, else ``unreadable``."""
    import os

    root.mkdir(parents=True)
    (root / "ok.txt").write_text("‘Fine,’ she said.", encoding="utf-8")
    (root / "dup.csv").write_text("id,text\na,One.\na,Two.\na,Three.\n", encoding="utf-8")
    (root / "formula.csv").write_text(
        'id,text,outlet\n=cmd,"@SUM(1+1) was the headline, the editor said.",'
        '"=HYPERLINK(""http://evil"",""x"")"\n', encoding="utf-8")
    (root / "header_only.csv").write_text("id,text,outlet\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("A hidden draft.", encoding="utf-8")
    expected = {"ok": "ok", "a": "ok", "a#2": "ok", "a#3": "ok", "=cmd": "ok",
                "header_only": "empty", "(warning)": ".hidden.txt"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
        expected["pipe"] = "unreadable"
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", root / "zero.txt")
        expected["zero"] = "unreadable"
    locked = root / "locked"
    (locked / "sub").mkdir(parents=True)
    (locked / "sub" / "in.txt").write_text("Behind a folder without permissions.")
    locked.chmod(0o444)
    expected["locked/sub/in" if os.geteuid() == 0 else "locked/sub/"] = (
        "ok" if os.geteuid() == 0 else "unreadable")
    fd = os.open(root, os.O_RDONLY)
    depth = os.pathconf(str(root), "PC_PATH_MAX") // (len(_DEEP) + 1) + 2
    try:
        for _ in range(depth):
            os.mkdir(_DEEP, dir_fd=fd)
            inner = os.open(_DEEP, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(out, b"Too deep to name.")
        os.close(out)
    finally:
        os.close(fd)
    expected["(deep)"] = "unreadable"
    return expected


def remove_hostile_corpus(root: Path) -> None:
    """Remove what :func:`hostile_corpus` made (its long path defeats shutil.rmtree)."""
    import os
    import shutil
    import subprocess

    (root / "locked").chmod(0o755)
    if (root / _DEEP).exists():
        os.rename(root / _DEEP, root / "deep")
    subprocess.run(["rm", "-rf", str(root)], check=False)
    shutil.rmtree(root, ignore_errors=True)


def _formula_cells(folder: Path) -> list[str]:
    import csv

    from analysis.run.tables import FORMULA_STARTS

    bad = []
    for path in sorted(folder.rglob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    try:
                        float(cell)
                    except ValueError:
                        if cell[:1] in FORMULA_STARTS:
                            bad.append(f"{path.name}: {cell[:30]!r}")
    return bad


def check_inputs(workdir: Path) -> bool:
    """Run the hostile corpus through the command line; print each row against what is
    expected; True when everything is accounted for."""
    import os
    import subprocess

    import pandas as pd

    from analysis.paths import REPO
    from analysis.run.output import read_table

    corpus, out = workdir / "corpus", workdir / "results"
    expected = hostile_corpus(corpus)
    try:
        started = time.perf_counter()
        result = subprocess.run(
            ["sh", "-c", f'"{sys.executable}" -m analysis run "{corpus}" --out "{out}" '
                         f"--quiet >&-"], capture_output=True, text=True, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=900)
        seconds = time.perf_counter() - started
    finally:
        remove_hostile_corpus(corpus)
    docs = read_table(out / "documents.csv", "documents", restore_formulas=True)
    rows = dict(zip(docs.doc_id, docs.status, strict=True))
    deep = [k for k in rows if k.startswith(_DEEP)]
    if deep:
        rows["(deep)"] = rows.pop(deep[0])
    good = True
    print(f"{'input':<24}{'expected':>12}{'row':>12}")
    for key, status in expected.items():
        if key == "(warning)":
            said = status in result.stderr
            print(f"{'hidden files':<24}{'warning':>12}{'warning' if said else '-':>12}")
            good &= said
            continue
        got = rows.pop(key, "-")
        print(f"{key:<24}{status:>12}{got:>12}")
        good &= got == status
    for key, status in rows.items():
        print(f"{key:<24}{'(none)':>12}{status:>12}")
        good = False
    bad = _formula_cells(out)
    print(f"CSV cells a spreadsheet would run: {len(bad)} {bad[:3]}")
    print(f"exit {result.returncode} in {seconds:.1f} s; standard error: "
          f"{len(result.stderr.splitlines())} lines, traceback: "
          f"{'Traceback' in result.stderr}")
    return good and not bad and result.returncode == 0 and "Traceback" not in result.stderr \
        and len(pd.read_csv(out / "sentences.csv")) > 0


def check_schedulers() -> None:
    """Seconds until a non-scheduler is reported, for each kind, and the message."""
    import contextlib
    import http.server
    import socket
    import threading

    from analysis.run.engines import EngineError, check_scheduler

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    web = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    full = socket.socket()
    full.bind(("127.0.0.1", 0))
    full.listen(0)
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(full.getsockname())
        fillers.append(filler)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused = closed.getsockname()[1]
    closed.close()
    cases = {"silent listener": f"tcp://127.0.0.1:{silent.getsockname()[1]}",
             "HTTP server": f"tcp://127.0.0.1:{web.server_address[1]}",
             "never answers (full queue)": f"tcp://127.0.0.1:{full.getsockname()[1]}",
             "refused": f"tcp://127.0.0.1:{refused}",
             "inproc://": "inproc://127.0.0.1/1/1",
             "10.255.255.1 (unroutable?)": "tcp://10.255.255.1:8786"}
    for name, address in cases.items():
        started = time.perf_counter()
        try:
            check_scheduler(address)
            message = "(answered as a Dask scheduler)"
        except EngineError as err:
            message = str(err)
        print(f"{name:<28}{time.perf_counter() - started:6.2f} s  {message[:90]}", flush=True)
    web.shutdown()
    for sock in (silent, full, *fillers):
        sock.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["--inputs"]:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            ok = check_inputs(Path(tmp))
        check_schedulers()
        sys.exit(0 if ok else 1)
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
