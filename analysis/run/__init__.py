"""The main job: a corpus through every stage into tidy tables, on one core, a process
pool or Dask, written atomically to files.

Public API
----------
:mod:`analysis.run.pipeline`
    :func:`~analysis.run.pipeline.analyse` (a corpus in, :class:`~analysis.run.pipeline.Tables`
    in memory), :data:`~analysis.run.pipeline.COLUMNS`.
:mod:`analysis.run.stages`
    The per-document work: :func:`~analysis.run.stages.analyse_document`,
    :func:`~analysis.run.stages.analyse_batch`, :func:`~analysis.run.stages.warm_up`,
    :data:`~analysis.run.stages.STAGES`; the stance target of a run
    (:class:`~analysis.run.stages.StanceTarget`, :func:`~analysis.run.stages.stance_target`,
    :func:`~analysis.run.stages.check_stance_model`,
    :func:`~analysis.run.stages.shipped_targets`, :data:`~analysis.run.stages.DEFAULT_TARGET`).
:mod:`analysis.run.windows`
    A long document in windows of whole paragraphs, each read with its context
    (:func:`~analysis.run.windows.windows`, :class:`~analysis.run.windows.Window`,
    :data:`~analysis.run.windows.LONG_CHARS`): the stages analyse a document over that
    length window by window, so its memory is bounded by the window;
    :func:`~analysis.run.windows.explain_text` explains its quotes the same way.
:mod:`analysis.run.engines`
    Where the stages run: :func:`~analysis.run.engines.open_engine`,
    :func:`~analysis.run.engines.iter_results`, :data:`~analysis.run.engines.ENGINES`,
    :class:`~analysis.run.engines.EngineError`; the checks made before a run starts
    (:func:`~analysis.run.engines.check_scheduler`: a Dask handshake within 5 s;
    :func:`~analysis.run.engines.check_local_workers` against cores and memory,
    :data:`~analysis.run.engines.WORKER_MB`).
:mod:`analysis.run.output`
    Tables streamed to CSV or Parquet and read back exactly:
    :class:`~analysis.run.output.TableWriter`, :func:`~analysis.run.output.write_tables`,
    :func:`~analysis.run.output.read_table`, :func:`~analysis.run.output.csv_safe` (no
    cell a spreadsheet would run).
:mod:`analysis.run.folders`
    The output folder, checked, locked and replaced only when complete:
    :func:`~analysis.run.folders.check_output`, :func:`~analysis.run.folders.replace_folder`,
    :func:`~analysis.run.folders.amend_folder` (new figures and tables by group in a run's
    folder), :func:`~analysis.run.folders.default_output` (``results/<corpus name>/``),
    :class:`~analysis.run.folders.OutputError`, :class:`~analysis.run.folders.FolderLocked`;
    one file added to a run's folder (:func:`~analysis.run.folders.add_file`, used for
    :data:`~analysis.run.folders.REPORT`), or written whole
    (:func:`~analysis.run.folders.write_whole`).
:mod:`analysis.run.summary`
    What a run prints: :class:`~analysis.run.summary.Headline` (documents by status, quotes
    by kind, the most quoted speakers), :func:`~analysis.run.summary.written_files`.
:mod:`analysis.run.checks`
    The grouping options checked against a corpus's columns before anything is analysed:
    :func:`~analysis.run.checks.check_columns`, :class:`~analysis.run.checks.GroupingError`.
:mod:`analysis.run.tables`
    The data dictionary: :data:`~analysis.run.tables.TABLES`, every table and column
    declared once (``python -m analysis columns``); the CSV convention for cells a
    spreadsheet would run (:func:`~analysis.run.tables.neutralise`,
    :func:`~analysis.run.tables.restore`).
:mod:`analysis.run.groups`
    Tables by a metadata column or by period: :func:`~analysis.run.groups.group_tables`,
    :func:`~analysis.run.groups.over_time`, :func:`~analysis.run.groups.with_metadata`, ...

Modules, lowest first: ``tables``; ``checks``; ``stages``; ``engines`` (imports ``stages``
when first needed); ``folders``; ``summary``; ``output``; ``pipeline``; ``groups`` (tables in,
tables out).  This
``__init__`` imports none of them, so that the command line can check its options
(engines, output folder, schema) before any lexicon or model is loaded.
"""
