"""Statistical process control: run charts with Anhøj's rules and Shewhart control charts.

Pure Python, no Django, so the app, the `lovende chart` command and the tests share one
implementation. `runs` holds the runs analysis, `limits` the formulas per chart type, `charts`
the assembly into parts and points.
"""
