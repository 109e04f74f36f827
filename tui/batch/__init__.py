"""Whole archives: Parquet tables from many articles, on one machine or a Dask cluster.

``personae export PATH... --format parquet -o OUT/`` goes through here:

- :mod:`~tui.batch.plan` cuts the articles into partitions with stable names
  (the same articles make the same partition name, so a partition that runs
  twice, after a worker died, writes the same files again, never a second copy);
- :mod:`~tui.batch.folder` keeps the tables folder: ``_personae.json`` (the
  schema, the pipeline and the analysis fingerprint), the committed articles,
  the orphans a killed write left, a lock against two runs at once;
- :mod:`~tui.batch.work` is what a worker does with one partition: read,
  analyse, write its tables (articles last), hand back counts;
- :mod:`~tui.batch.engines` runs the partitions: in this process, in ``-j N``
  local processes, or on Dask (``--cluster local[:N]``, ``--scheduler``,
  ``--scheduler-file``), Dask being imported only there;
- :mod:`~tui.batch.run` ties them together for the command line, with the
  progress bar and the summary; :mod:`~tui.batch.people` builds the library
  index from the tables (``personae people OUT/``).

Nothing here is imported by the reader or by the other export formats.
"""
