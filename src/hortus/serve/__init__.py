"""`hortus serve`: the live garden in the browser, on the user's own machine.

The watcher's live garden (`state.py`) runs as `hortus watch` does, under the same lock; the
pages are garden.html with links and forms (`pages.py`), a person's page and the search results
(`views.py`); `parts.py` tells a browser only the rows that changed; actions write through
`person/append.py` and `person/tasks.py` (`actions.py`); `guard.py` keeps everyone else out;
`app.py` is the Starlette application and `run.py` starts uvicorn.
"""
