"""Improvement work: quality teams, initiatives, trial actions (PDSA) and their charts."""
