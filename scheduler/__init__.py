"""Occurrences -> reminder outbox -> dispatch; the working-day calendar; APScheduler wiring."""
