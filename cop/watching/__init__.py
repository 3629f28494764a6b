"""Watching: a member follows (or mutes) a thread, a discussion table or a resource.

A lower package: threads and resources show the buttons' state, notifications reads
the watchers; none of them needs the others for it.
"""
