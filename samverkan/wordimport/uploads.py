"""Receiving an upload for the Word import: streamed to a temporary file, never held in
memory whole, and no longer read once it passes the cap."""

from typing import Any

from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest


class CappedUpload(FileUploadHandler):
    """Counts the bytes of the files in the upload and stops at `limit`: what follows is
    read and thrown away (the page can still answer), not stored."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None  # the next handler makes the file


def stream_to_disk(request: HttpRequest, limit: int) -> CappedUpload:
    """Before request.POST or request.FILES is read: the upload goes to a temporary file,
    up to `limit` bytes."""
    capped = CappedUpload(request, limit)
    request.upload_handlers = [capped, TemporaryFileUploadHandler(request)]
    return capped
