"""Background jobs: work too long for a request, run by the cron command.

A request records the intent as a `jobs` row and answers at once; `flask cop run-jobs`
(and `flask cop send-notifications`, which cron runs every minute) claims each due row
with a conditional UPDATE, as the notification outbox does, and runs it.

This package imports no feature: each feature registers the handlers of its kinds of job
from its own `init_app` (`runner.register`), so any feature, members included, may use it.
"""
