"""Programs the benchmarks start as child processes (run by file path, so each is a plain script).

``bare_window`` and ``bare_stack`` are the baselines, ``bare_receiver`` the Qt-free receiver baseline,
``app_stack`` drives the real app (main window, sandbox, receiver pane) and ``load`` generates traffic.
They import only ``_common`` from here, so what they load is what they measure.
"""
