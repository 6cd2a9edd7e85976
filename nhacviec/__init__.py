"""nhacviec: plans in, answers and reminders out."""

__version__ = "0.1.0"
