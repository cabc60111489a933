"""Unpacking an upload: one Word file, or a zip of many, checked before anything is read."""

import io
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from samverkan.wordimport.parser import MAX_FILE_BYTES, Refused

MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_FILES = 500
MAX_ZIP_UNPACKED = 500 * 1024 * 1024
# A Word file compresses to a third or so; a thousandfold is a zip bomb.
MAX_RATIO = 100


@dataclass
class Entry:
    """One file of an upload. Its bytes are read when asked for, one file at a time, so a
    zip of hundreds of files never sits in memory whole."""

    name: str
    reader: Callable[[], bytes] | None
    refused: str | None = None

    @property
    def data(self) -> bytes | None:
        """The file's bytes, read now; Refused if they cannot be."""
        return self.reader() if self.reader is not None else None


def _size(file: IO[bytes]) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _too_large() -> str:
    return _("The file is larger than %(mb)s MB and was not imported.") % {
        "mb": MAX_FILE_BYTES // (1024 * 1024)
    }


def _whole(file: IO[bytes]) -> Callable[[], bytes]:
    def read() -> bytes:
        file.seek(0)
        return file.read(MAX_FILE_BYTES + 1)

    return read


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with archive.open(info) as member:
                # Never more than the cap, whatever size the zip's directory claims.
                data = member.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise Refused(_("The file is damaged and could not be read.")) from error
        if len(data) > MAX_FILE_BYTES:
            raise Refused(_too_large())
        return data

    return read


def entries_of(filename: str, upload: bytes | IO[bytes]) -> list[Entry]:
    """The files of an upload (its bytes, or a seekable file such as the temporary file
    Django streamed it to). A zip that would escape itself or explode is refused whole."""
    file: IO[bytes] = io.BytesIO(upload) if isinstance(upload, bytes) else upload
    size = _size(file)
    if not filename.lower().endswith(".zip"):
        if size > MAX_FILE_BYTES:
            return [Entry(filename, None, _too_large())]
        return [Entry(filename, _whole(file))]
    if size > MAX_ZIP_BYTES:
        raise Refused(_("The zip file is too large to import."))
    try:
        archive = zipfile.ZipFile(file)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise Refused(_("The zip file is damaged and could not be opened.")) from error
    files = [i for i in infos if not i.is_dir()]
    if len(files) > MAX_ZIP_FILES:
        raise Refused(
            _("The zip file holds more than %(n)s files: split it up.") % {"n": MAX_ZIP_FILES}
        )
    total = 0
    for info in files:
        name = info.filename.replace("\\", "/")
        normal = posixpath.normpath(name)
        if name.startswith("/") or normal.startswith("..") or ":" in name.split("/")[0]:
            raise Refused(
                _(
                    "The zip file holds a path outside itself (%(name)s) and was refused "
                    "whole: nothing was imported."
                )
                % {"name": info.filename}
            )
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO * 10:
            raise Refused(_("The zip file unpacks to far more than it holds (a zip bomb)."))
    if total > MAX_ZIP_UNPACKED:
        raise Refused(_("The zip file unpacks to far more than it holds (a zip bomb)."))
    entries = []
    for info in files:
        base = posixpath.basename(info.filename.replace("\\", "/"))
        if base.startswith(("~$", ".")) or "__MACOSX" in info.filename:
            continue  # Word's lock files and the Mac's resource forks
        if info.file_size > MAX_FILE_BYTES:
            entries.append(Entry(base, None, _too_large()))
            continue
        entries.append(Entry(base, _member(archive, info)))
    return entries
