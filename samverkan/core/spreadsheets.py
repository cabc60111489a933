"""Cells for the CSV and XLSX files the project writes: text is never read as a formula;
and the reading of the tables people upload (value imports, invitation lists).

A group's name, a goal or an indicator's title is typed by people; one that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula when the file is
opened in Excel or LibreOffice (CSV injection, see OWASP). In a CSV such a cell gets a
leading single quote; in an XLSX every text cell is stored as text, not as a formula (and
marked as quoted, as Excel marks a cell typed with a leading quote). Numbers stay numbers,
and so does a text that is only a number, such as "-3,5" with a decimal comma.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def csv_cell(value):
    """A cell for csv.writer: formula-like text gets a leading single quote."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_row(row: Iterable) -> list:
    return [csv_cell(value) for value in row]


def xlsx_append(sheet, row: Iterable) -> None:
    """Append a row to an openpyxl worksheet, every text cell stored as text.

    openpyxl stores any string that begins with "=" as a formula (and "#N/A" as an error);
    setting the cell's data type back to "s" makes it write the string as it is.
    """
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if is_formula_like(cell.value):
                cell.quotePrefix = True


# --- Reading a table that a person uploaded ---------------------------------------------


@dataclass
class RowError:
    line: int
    message: str


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The rows of an uploaded .xlsx (its first sheet) or CSV (UTF-8; comma, semicolon or
    tab, as Excel saves it), as text; ImportRefused when the file cannot be read."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise ImportRefused(
                [RowError(0, _("The file is not a readable Excel workbook."))]
            ) from exc
        if sheet is None:
            return []
        return [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused([RowError(0, _("Save the file as CSV in UTF-8."))]) from exc
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    return list(csv.reader(io.StringIO(text), dialect))
