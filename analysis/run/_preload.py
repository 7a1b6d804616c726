"""Imported once by the process pool's fork server, so that workers start warm.

Workers fork from the server with the package imported, the lexicons loaded and
the default stance model loaded, instead of paying that (about a second) each.
"""

from analysis.run.stages import DEFAULT_TARGET, warm_up

warm_up(DEFAULT_TARGET)
