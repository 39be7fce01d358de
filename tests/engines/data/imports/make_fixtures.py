"""Rebuild the binary fixtures of this folder: python make_fixtures.py (from this folder).

The text fixtures (*.csv, *.jsonl, *.yaml) are hand-written; these are derived from them or built
here because they cannot be typed: Windows-1256 and UTF-16 encodings, a Latin-1 French file, and
an XLSX with Excel date serials, date-formatted numbers and empty cells.
"""

import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

CP1256_TEXT = (
    "التاريخ,المكان,نوع الحادثة,الوسيلة,القتلى,المصدر,نوع المصدر,الرواية\r\n"
    "15/01/2020,نوى,اغتيال,إطلاق نار,1,شبكة حوران,ناشطون,اغتيال شاب برصاص مجهولين\r\n"
    "20/01/2020,جاسم,تفجير,عبوة ناسفة,2,شبكة حوران,ناشطون,«انفجار» عبوة ناسفة – دورية\r\n"
)
UTF16_TEXT = (
    "date\tplace\ttype\tmethod\tkilled\tsource_name\tsource_type\tnarrative\r\n"
    "2020-01-15\tالرقة\tتفجير\tلغم\t1\tالرقة تذبح بصمت\tناشطون\tانفجار لغم أرضي\r\n"
)
LATIN1_TEXT = (
    "date,lieu,type,récit\r\n"
    "15/01/2020,Deraa,explosion,Une bombe a explosé près de l'école élémentaire\r\n"
)


def main() -> None:
    (HERE / "cp1256.csv").write_bytes(CP1256_TEXT.encode("cp1256"))
    (HERE / "utf16.csv").write_bytes(b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le"))
    (HERE / "latin1_french.csv").write_bytes(LATIN1_TEXT.encode("latin-1"))

    book = Workbook()
    ws = book.active
    ws.title = "reports"
    ws.append(
        [
            "date",
            "received_at",
            "place",
            "type",
            "method",
            "killed",
            "injured",
            "source_name",
            "source_type",
            "narrative",
        ]
    )
    ws.append(
        [
            datetime.date(2020, 1, 15),
            datetime.datetime(2020, 1, 16, 10, 30),
            "Jasim",
            "explosion",
            "ied",
            2.0,
            None,
            "Horan Free League",
            "activists",
            "عبوة ناسفة",
        ]
    )
    ws.append(
        [
            43850,
            None,
            "نوى",
            "assassination",
            "gunfire",
            1,
            0,
            "Horan Free League",
            "activists",
            None,
        ]
    )
    ws.cell(row=3, column=1).number_format = "dd/mm/yyyy"  # a date-formatted serial
    ws.append([])  # an empty row: skipped, numbering kept
    ws.append(
        [
            43845,
            None,
            "Raqqa",
            "explosion",
            "mine",
            None,
            3,
            "Raqqa network",
            "activists",
            '=HYPERLINK("http://example.org")',
        ]
    )
    ws.cell(row=5, column=10).data_type = "s"  # text that looks like a formula
    ws.append(
        [
            datetime.datetime(2020, 2, 1, 0, 0),
            None,
            "Douma",
            "explosion",
            "shelling",
            0,
            1.5,
            "Douma network",
            "activists",
            "+1 @SUM",
        ]
    )
    other = book.create_sheet("notes")
    other.append(["not", "reports"])
    book.save(HERE / "dates_and_blanks.xlsx")


if __name__ == "__main__":
    main()
