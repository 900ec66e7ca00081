"""The queued job that delivers a letter, run by ``bb103 manage db_worker`` (django-tasks
with its database backend, setting ``TASKS``): the job is a row in the database, so it
survives a restart of the web server and of the worker alike."""

from django_tasks import task


@task()
def letter_deliver(delivery_id: int) -> str:
    """One attempt to hand the letter to its channel; returns the delivery's status after
    it. A failed attempt queues the next one itself (services.delivery)."""
    # Imported here: the service enqueues this job, so the modules would import each other.
    from bb103.cases.services.delivery import delivery_attempt

    return delivery_attempt(delivery_id=delivery_id)
