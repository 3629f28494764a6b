"""Multilingual search: one index of threads, replies, resources and member profiles."""
