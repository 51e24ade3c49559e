"""The application layer: one Qt-free model of the app's state and its use cases.

``AppModel`` (``model.py``) owns the active profile, the session, the account snapshot, the request
log, the clock-skew tracker, the embedded sandbox and the callback receiver; ``AppState``
(``state.py``) is the immutable snapshot every view renders. The GUI, the ``--self-test`` and the
headless commands drive the app through it. Below it: ``services``, ``callbacks``, ``platform``;
above it: ``ui`` only.
"""
