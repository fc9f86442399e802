"""openpyxl against XlsxWriter for the workbook of a 5,000-officer plan (32,000 rows of ten
cells, NRPs as text, dates and times as real values): time and size, to choose the writer.

    python benchmarks/xlsx.py        # needs `pip install xlsxwriter` beside the project
"""

from __future__ import annotations

import io
import json
import time
import tracemalloc
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

from tabulate import tabulate

ROWS = 32_441
HEADER = ["Date", "Shift", "Start", "End", "Site", "Post", "Skill", "Rank", "NRP", "Name"]


def rows() -> list[list[object]]:
    day = date(2024, 8, 22)
    return [
        [
            day + timedelta(days=i % 14),
            "pagi",
            clock(6, 0),
            clock(14, 0),
            "Kantor KPU Kabupaten Sinjai",
            "Ruang pendaftaran",
            "Samapta",
            "Bripda",
            f"{i % 100000000:08d}",
            f"Anggota {i}",
        ]
        for i in range(ROWS)
    ]


def with_openpyxl(data: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_xlsxwriter(data: list[list[object]]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": False})
    sheet = book.add_worksheet("Plan")
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    time_format = book.add_format({"num_format": "hh:mm"})
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(data, start=1):
        sheet.write_datetime(r, 0, row[0], day_format)
        sheet.write_string(r, 1, row[1])
        sheet.write_datetime(r, 2, row[2], time_format)
        sheet.write_datetime(r, 3, row[3], time_format)
        for c in range(4, 10):
            sheet.write_string(r, c, row[c])
    book.close()
    return out.getvalue()


def main() -> None:
    data = rows()
    results = []
    writers = (("openpyxl (write-only)", with_openpyxl), ("XlsxWriter", with_xlsxwriter))
    for name, writer in writers:
        start = time.perf_counter()
        blob = writer(data)
        seconds = time.perf_counter() - start
        tracemalloc.start()  # memory apart: tracing slows the writers several times
        writer(data)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        results.append(
            {
                "writer": name,
                "seconds": round(seconds, 2),
                "KiB": len(blob) // 1024,
                "peak MiB (tracemalloc)": round(peak, 1),
            }
        )
    print(tabulate(results, headers="keys", tablefmt="github"))
    out = Path(__file__).resolve().parent / "results" / "xlsx.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
