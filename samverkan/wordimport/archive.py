"""Unpacking an upload: one Word file, or a zip of many, checked before anything is read."""

import io
import posixpath
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samverkan.wordimport.parser import MAX_FILE_BYTES, Refused

MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_FILES = 500
MAX_ZIP_UNPACKED = 500 * 1024 * 1024
# A Word file compresses to a third or so; a thousandfold is a zip bomb.
MAX_RATIO = 100


@dataclass
class Entry:
    name: str
    data: bytes | None
    refused: str | None = None


def entries_of(filename: str, data: bytes) -> list[Entry]:
    """The files of an upload. A zip that would escape itself or explode is refused whole."""
    if not filename.lower().endswith(".zip"):
        return [Entry(filename, data)]
    if len(data) > MAX_ZIP_BYTES:
        raise Refused(_("The zip file is too large to import."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
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
            entries.append(
                Entry(
                    base,
                    None,
                    _("The file is larger than %(mb)s MB and was not imported.")
                    % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
                )
            )
            continue
        try:
            content = archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError):
            entries.append(Entry(base, None, _("The file is damaged and could not be read.")))
            continue
        entries.append(Entry(base, content))
    return entries
