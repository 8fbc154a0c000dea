"""Screens of the full-screen reader."""
