"""Reading an uploaded batch of Word files in the background: a zip of fifty files takes
longer than a request should wait, so the upload returns at once and `samverkan worker` reads
the files one by one while the batch page's progress bar follows."""

from django_tasks import task

from samverkan.wordimport import services


@task()
def read_batch(batch_id: int) -> int:
    """Read every waiting file of the batch; returns how many files the batch has read."""
    return services.process_batch(batch_id).done
