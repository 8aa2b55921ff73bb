"""Reading the users' Excel ledgers (台账) as they are, quirks and all.

A ledger is a grid: title and note rows, a header over one or two rows (merged parent
cells), section rows ("一、工业项目（45个）") that set the category of the rows under them,
project rows, subtotal and total rows. :func:`read_ledger` turns it into
:class:`LedgerRow` records in 万元 and WGS-84 with every problem named by file, sheet, row
and column. Nothing here touches the database; :mod:`geo.ingest.importer` does that.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo import coords
from geo.core import targets
from geo.formatting import printable
from geo.vocab import BUILD_TYPES, CATEGORIES, LEVELS, STAGES

Cell = str | float | int | dt.datetime | dt.date | None

_CN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
#: The twelve monthly targets (分月计划): "1月", "1月计划", "一月目标", "1月份计划投资"….
_MONTH_HEADERS = {
    f"month_{m}": (f"{m}月计划", rf"^(?:{m}|{cn})月份?(?:计划|目标)?(?:投资)?$")
    for m, cn in zip(targets.MONTHS, _CN_MONTHS, strict=True)
}

#: Canonical header of each field (what :mod:`geo.ingest.exporter` writes), then other words for it.
#: Matching is on the header text without spaces, units or brackets; the first field whose
#: pattern matches wins, so the specific ones come first.
FIELDS: dict[str, tuple[str, str]] = {
    "code": ("项目编号", r"^(项目)?编号$|^项目代码$"),
    "name": ("项目名称", r"^(建设)?项目(名称|名)?$|^名称$|^工程(项目)?名称$|^项目及内容$"),
    "owner": ("建设单位", r"建设单位|项目业主|业主单位|实施单位|投资主体|^业主$|^企业名称$"),
    "category": ("行业", r"^行业|项目类别|^类别$|^产业类别|^(项目|产业)类型$|^类型$|^领域$"),
    "level": ("级别", r"^级别$|项目级别|重点级别"),
    "build_type": ("建设性质", r"建设性质|^性质$|新开工?/续建"),
    "stage": ("建设阶段", r"建设阶段|^阶段$|项目阶段|进展阶段"),
    "park": ("所属园区", r"^(所属|所在)?(园区|开发区)$"),
    "township": ("所在乡镇", r"^(所属|所在)?(乡镇|镇街|街道|乡镇街道|镇|乡|镇区)$"),
    "place": ("建设地点", r"建设地点|所在园区/乡镇|所在地|项目地点|^地点$|地址|^(建设)?位置$"),
    "total_wan": ("总投资", r"总投资"),
    "rate": ("完成率", r"完成率|完成比例|占年度计划"),
    **_MONTH_HEADERS,  # before the annual plan: "1月计划投资" is a month's
    "annual_plan_wan": ("年度计划投资", r"年度?(投资)?计划|年计划|计划投资|投资计划|计划完成投资"),
    # This year's figure before the cumulative one: "本年累计完成" and "截至10月底累计完成" are
    # the year to date; "累计完成" alone and "开工累计" are since the start.
    "completed_wan": (
        "年度完成投资",
        r"年度?(累计)?已?完成|\d+\s*[-—~～至]\s*\d+月(份)?(累计)?完成|"
        r"^(已)?完成(投资|额|金额|额度|数|值)?$|^\d+\s*[-—~～至]\s*\d+月(份)?(累计)?$|"
        r"(本|今|当)年(度|以来)?(累计)?完成|^\d{4}年(度)?(累计)?完成|实际完成|"
        r"截[至止]\d+月(份)?(底|末)?(累计)?完成|^\d{1,2}月(底|末)?累计完成",
    ),
    "cumulative_wan": ("累计完成投资", r"累计完成|开工累计|自开工以来|开工以来"),
    "progress": (
        "形象进度",
        r"形象进度|工程进度|进展情况|建设内容及进度|建设进度|^(目前|当前|项目)?进展|^进度$",
    ),
    # After progress: "建设内容及进度" is the progress; "建设规模及内容" describes the project.
    "description": ("建设规模及内容", r"建设(规模|内容)|主要建设内容|项目简介|项目概况"),
    "problems": ("存在问题", r"存在(的)?问题|问题及建议|困难问题|^问题$"),
    "planned_start": ("计划开工", r"(计划)?开工(时间|日期)|^计划开工"),
    "planned_completion": ("计划竣工", r"(计划)?竣工(时间|日期)|^计划竣工"),
    "planned_production": ("计划投产", r"(计划)?投产(时间|日期)|^计划投产"),
    "lead_leader": (
        "包保领导",
        r"包保|分包|挂帮|包联|联系.*领导|牵头领导|(责任|分管|县级|市级)领导|^领导$",
    ),
    "responsible_unit": ("责任单位", r"责任单位|牵头单位|责任部门|主管部门|牵头部门"),
    "project_secretary": ("项目秘书", r"项目秘书"),
    "liaison": ("联络员", r"联络员"),
    "task_force": ("工作专班", r"专班"),
    "lon": ("经度", r"经度|^lon|^lng|^x$"),
    "lat": ("纬度", r"纬度|^lat|^y$"),
    "location": ("坐标", r"坐标|经纬度|位置"),
    "as_of": ("截止日期", r"^截止(日期|时间)$|^统计(日期|时间)$|^填报日期$"),
}
MONEY_FIELDS = ("total_wan", "annual_plan_wan", "completed_wan", "cumulative_wan")
MONTH_FIELDS = tuple(_MONTH_HEADERS)  # read into LedgerRow.values["monthly_targets"]
DATE_FIELDS = ("planned_start", "planned_completion", "planned_production")
TEXT_FIELDS = (
    "code",
    "name",
    "owner",
    "park",
    "township",
    "place",
    "progress",
    "description",
    "problems",
    "lead_leader",
    "responsible_unit",
    "project_secretary",
    "liaison",
    "task_force",
)

_CATEGORY_WORDS = (
    ("other", ("未分类",)),
    ("industry", ("工业", "制造", "产业项目")),
    ("agriculture", ("农业", "农林", "乡村振兴")),
    ("transport", ("交通",)),
    ("services", ("服务业", "商贸", "文旅", "物流")),
    ("social", ("社会事业", "民生", "教育", "卫生")),
    ("urban", ("城建", "城市建设", "基础设施", "其它", "其他", "生态", "环保", "水利")),
)
_SECTION = re.compile(
    r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(\S.*?)\s*(?:[（(]\s*\d+\s*个?\s*[)）])?\s*$"
)
_SUBTOTAL = re.compile(r"小\s*计|合\s*计|总\s*计")
_YI = 10_000.0


def field_label(name: str, lang: str) -> str:
    """A ledger field as a person calls it: its header word (年度计划投资) in Chinese, its name
    on screen in English ("Annual plan"); a month's target as "Plan for month 3"."""
    from geo.i18n import t

    if name in MONTH_FIELDS:
        return FIELDS[name][0] if lang == "zh" else t("ledger.field.month", lang, month=name[6:])
    return FIELDS[name][0] if lang == "zh" else t(f"ledger.field.{name}", lang)


@dataclass(frozen=True)
class LedgerProblem:
    """One thing wrong with the file, located as precisely as the file allows.

    The message is a text of :mod:`geo.i18n` (``ledger.<key>``) filled with ``values``, so the
    page says it in the UI's language (:meth:`text`); ``str()`` is the command line's English,
    with the column's header word as offices write it.
    """

    file: str
    sheet: str
    row: int | None
    column: str | None
    key: str
    values: tuple[tuple[str, object], ...] = ()
    #: The ledger field the message is about, named before it ("年度计划投资: …").
    field: str | None = None

    def message_in(self, lang: str) -> str:
        from geo.i18n import t

        message = t(f"ledger.{self.key}", lang, **_in_language(self.values, lang))
        if self.field is None:
            return message
        return f"{field_label(self.field, lang)}{'：' if lang == 'zh' else ': '}{message}"

    @property
    def message(self) -> str:
        return self._cli_message()

    def _cli_message(self) -> str:
        from geo.i18n import t

        message = t(f"ledger.{self.key}", "en", **_in_language(self.values, "en"))
        if self.key in _CLI_HINTS:
            message += f" (on the command line: {_CLI_HINTS[self.key]})"
        return f"{FIELDS[self.field][0]}: {message}" if self.field else message

    def where(self, lang: str) -> str:
        """Row and column in ``lang``: "row 7, column F" / "第7行，F列"."""
        from geo.i18n import t

        parts = []
        if self.row is not None:
            parts.append(t("ledger.at_row", lang, row=self.row))
        if self.column:
            parts.append(t("ledger.at_column", lang, column=self.column))
        return ("，" if lang == "zh" else ", ").join(parts)

    def text(self, lang: str) -> str:
        """Where and what, in ``lang``, for the page (the file and sheet are said above it)."""
        where = self.where(lang)
        message = self.message_in(lang)
        if not where:
            return message
        return f"{where}{'：' if lang == 'zh' else ': '}{message}"

    def __str__(self) -> str:
        where = [self.file, f"sheet {self.sheet!r}"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return ", ".join(where) + f": {self._cli_message()}"


#: What the command line adds to a message that asks for a column to be named.
_CLI_HINTS = {
    "no_header": "--map HEADER=name",
    "unread_columns": "--map HEADER=FIELD",
    "no_completed": "--map HEADER=completed",
}


def _in_language(values: tuple[tuple[str, object], ...], lang: str) -> dict[str, object]:
    """A message's values: a tuple is a list said in ``lang`` ("6、12" / "6, 12"), a field name
    wrapped as ``("field", name)`` is that field's word in ``lang``."""
    out: dict[str, object] = {}
    for key, value in values:
        if isinstance(value, tuple) and value[:1] == ("field",):
            value = field_label(str(value[1]), lang)
        elif isinstance(value, tuple):
            value = ("、" if lang == "zh" else ", ").join(str(v) for v in value)
        out[key] = value
    return out


#: How a column was taken: by its header words, by a mapping (remembered or given), or not at
#: all (the reason says why, for the preview).
HOW_RECOGNISED, HOW_MAPPED = "recognised", "mapped"
HOW_SERIAL, HOW_UNREAD, HOW_SKIPPED, HOW_TAKEN = "serial", "unread", "skipped", "taken"
HOW_MONTHS, HOW_DONE_BY_MONTH = "months", "done_by_month"


@dataclass(frozen=True)
class LedgerColumn:
    """One column of the sheet as the preview lists it: what it says and what it was read as."""

    letter: str
    #: The header as written; a two-row header is "parent / child".
    header: str
    field: str | None  # None: left unread (``how`` says why)
    how: str
    samples: tuple[str, ...] = ()
    #: How many project rows have something in this column.
    filled: int = 0

    @property
    def key(self) -> str:
        """What a mapping remembers this column by (:func:`header_key`)."""
        return header_key(self.header)

    @property
    def read(self) -> bool:
        return self.field is not None


def header_key(header: str) -> str:
    """A header as a mapping remembers it: full-width folded, without spaces or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header))


#: Words for a field on the command line (``--map "2018年完成投资=completed"``): its name, the
#: name without ``_wan``, its header word and its English label.
def field_named(word: str) -> str | None:
    """The field a person means by ``word``; ``"-"`` (or empty) means "leave unread" (None).

    Raises ValueError naming the choices when the word names no field."""
    from geo.i18n import t

    word = word.strip()
    if word in ("", "-", "—", "不读取", "none"):
        return None
    folded = word.lower().replace(" ", "_")
    for name in FIELDS:
        if name in MONTH_FIELDS:
            continue
        words = {name, name.removesuffix("_wan"), FIELDS[name][0], t(f"ledger.field.{name}", "en")}
        if folded in {w.lower().replace(" ", "_") for w in words}:
            return name
    if re.fullmatch(r"month_(1[0-2]|[1-9])", folded):
        return folded
    choices = ", ".join(n.removesuffix("_wan") for n in FIELDS if n not in MONTH_FIELDS)
    raise ValueError(f"{word!r} is not a ledger field; use one of {choices}, month_1…month_12 or -")


@dataclass
class LedgerRow:
    """One project as the ledger states it: money in 万元, coordinates in WGS-84."""

    row: int  # the spreadsheet's own row number
    #: Field → value; ``monthly_targets`` holds the twelve months (万元) when the row gives any.
    values: dict[str, object] = field(default_factory=dict)

    def get(self, name: str, default: object = None) -> object:
        return self.values.get(name, default)


@dataclass
class LedgerReading:
    """What a ledger says, and what is wrong with it."""

    file: str
    sheet: str
    as_of: dt.date | None
    crs: str
    rows: list[LedgerRow]
    columns: dict[str, str]  # field → header text as found
    errors: list[LedgerProblem]
    warnings: list[LedgerProblem]
    letters: dict[str, str] = field(default_factory=dict)  # field → spreadsheet column letter
    #: Every column of the sheet, read or not, in sheet order (the preview's column list).
    sheet_columns: list[LedgerColumn] = field(default_factory=list)
    #: Rows that state no category of their own (no column, no section row above them).
    uncategorised: int = 0

    @property
    def unread(self) -> list[LedgerColumn]:
        """Columns with something in them that were not read (serial numbers aside)."""
        return [
            c
            for c in self.sheet_columns
            if not c.read and c.how not in (HOW_SERIAL, HOW_SKIPPED) and c.filled
        ]

    def mapped(self) -> dict[str, str | None]:
        """The columns a mapping decided (header key → field, None for "leave unread")."""
        return {c.key: c.field for c in self.sheet_columns if c.how in (HOW_MAPPED, HOW_SKIPPED)}


def column_rows(reading: LedgerReading, lang: str) -> list[dict[str, str]]:
    """The preview's list of the sheet's columns, in ``lang``: letter, header as written,
    what it is read as (or why not), sample values."""
    from geo.i18n import t

    sep = "、" if lang == "zh" else ", "
    return [
        {
            t("ledger.col.letter", lang): c.letter,
            t("ledger.col.header", lang): c.header,
            t("ledger.col.field", lang): field_label(c.field, lang) if c.field else "—",
            t("ledger.col.how", lang): t(f"ledger.how.{c.how}", lang),
            t("ledger.col.samples", lang): sep.join(c.samples),
        }
        for c in reading.sheet_columns
    ]


#: The fields a person may give a column, in the order the preview offers them.
ASSIGNABLE = tuple(f for f in FIELDS if f not in MONTH_FIELDS) + MONTH_FIELDS


def overrides(reading: LedgerReading, chosen: dict[str, str | None]) -> dict[str, str | None]:
    """What a person changed in the column list (column letter → field, None: leave unread),
    as a mapping by header for :func:`read_ledger` and for remembering; unchanged columns and
    columns without a header are left out."""
    out: dict[str, str | None] = {}
    for column in reading.sheet_columns:
        if column.letter in chosen and chosen[column.letter] != column.field and column.header:
            out[column.key] = chosen[column.letter]
    return out


# --------------------------------------------------------------------------- cells


_CJK = r"[\u3000-\u9fff\uff00-\uffef]"


_WRAP_IN_CHINESE = re.compile(rf"(?<={_CJK})\s*\n\s*(?={_CJK})")
_WRAP = re.compile(r"\s*\n\s*")


def _text(value: Cell) -> str:
    """A cell as text: a line break inside Chinese text is a wrap (joined), elsewhere a space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = printable(value if isinstance(value, str) else str(value)).strip()
    if "\n" in text:  # most cells have none: a 50,000-row ledger has 1.4 million cells
        text = _WRAP.sub(" ", _WRAP_IN_CHINESE.sub("", text))
    return text


def _squash(text: str) -> str:
    """Header text without spaces, line breaks, units and brackets: "年度计划(亿元)" → "年度计划"."""
    text = re.sub(r"[（(][^）)]*[)）]", "", text)
    text = re.sub(r"单位[:：]\S*|万元|亿元", "", text)
    return re.sub(r"[\s　:：]", "", text)


def parse_number(value: Cell) -> float | None:
    """12,345.6 / "1,234" / "5.2亿" (as written, units stripped) → float; empty → None."""
    return parse_amount(value)[0]


def parse_amount(value: Cell) -> tuple[float | None, float | None]:
    """A number and the unit written with it, in 万元: "2.1亿" → (2.1, 10000), "300万" →
    (300, 1), "1,234" → (1234, None: the column's unit)."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, int | float):
        return (None if isinstance(value, float) and math.isnan(value) else float(value)), None
    text = unicodedata.normalize("NFKC", str(value))  # full-width digits: １２３ → 123
    text = re.sub(r"[,，\s]|^约|^≈", "", text)
    unit = next(
        (u for word, u in (("亿", _YI), ("万", 1.0)) if re.search(f"{word}元?$", text)), None
    )
    text = re.sub(r"(亿|万)?元?$", "", text)
    if text in ("", "-", "—", "/", "－"):
        return None, None
    return float(text), unit  # ValueError names the text


def parse_rate(value: Cell) -> float | None:
    """ "81.2%", 0.812 or 81.2 → 0.812."""
    if isinstance(value, str) and "%" in value:
        number = parse_number(value.replace("%", ""))
        return None if number is None else number / 100
    number = parse_number(value)
    if number is None:
        return None
    return number / 100 if abs(number) > 2 else number


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$"), True),
    (re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份|底|末)?$"), False),
)


def parse_date(value: Cell) -> dt.date | None:
    """2019-03-01, 2019.3, 2019年3月, 2019年3月1日, datetimes and Excel serials → a date.

    A month without a day means its first day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        if 20_000 <= value <= 80_000:  # an Excel serial (1954–2119)
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        text = f"{value:.2f}".rstrip("0") if isinstance(value, float) else str(value)
        if re.fullmatch(r"\d{4}\.\d{1,2}", text):  # 2019.3 typed as a number
            year, month = text.split(".")
            return dt.date(int(year), int(month), 1)
        raise ValueError(f"{value!r} is not a date")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern, has_day in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            return dt.date(year, month, int(match.group(3)) if has_day else 1)
    raise ValueError(f"{text!r} is not a date like 2019-03-01, 2019.3 or 2019年3月")


def category_from_text(text: str) -> str | None:
    """工业项目 → industry; codes and the on-screen words are accepted too."""
    text = text.strip()
    if text in CATEGORIES:
        return text
    for code, words in _CATEGORY_WORDS:
        if any(word in text for word in words):
            return code
    return None


def _code_from(text: str, table: dict[str, str], extra: dict[str, str] | None = None) -> str | None:
    text = text.strip()
    if not text:
        return None
    if text in table:
        return text
    for code, word in {**table, **(extra or {})}.items():
        if word and (word == text or word in text or text in word):
            return code.split("#")[0]
    return None


_STAGE_EXTRA = {"planned#": "储备", "producing#": "试产", "building#": "施工", "started#": "新开工"}
_BUILD_EXTRA = {"new#": "新建", "completing#": "竣工投产"}

# --------------------------------------------------------------------------- grids


def _grid_xlsx(path: Path, sheet: str | None) -> tuple[str, list[list[Cell]]]:
    # calamine (Rust) reads a 10,000-row sheet in a tenth of openpyxl's time.
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    ws = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    grid = [[_plain_cell(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
    for (r0, c0), (r1, c1) in ws.merged_cell_ranges or []:  # a merged parent covers its children
        top = grid[r0][c0]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if r < len(grid) and c < len(grid[r]):
                    grid[r][c] = top
    return ws.name, grid


def _plain_cell(value: object) -> Cell:
    """calamine's cells as openpyxl gave them: empty is None, whole numbers are ints."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _grid_xls(path: Path, sheet: str | None) -> tuple[str, list[list[Cell]]]:
    import xlrd

    book = xlrd.open_workbook(path, formatting_info=True)
    ws = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
    grid: list[list[Cell]] = []
    for r in range(ws.nrows):
        row: list[Cell] = []
        for c in range(ws.ncols):
            cell = ws.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            else:
                row.append(cell.value)
        grid.append(row)
    for r0, r1, c0, c1 in ws.merged_cells:
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = grid[r0][c0]
    return ws.name, grid


def _grid_csv(path: Path) -> tuple[str, list[list[Cell]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ValueError(f"{path}: neither UTF-8 nor GB18030 text")
    rows = list(csv.reader(io.StringIO(text)))
    # OWASP's guard on export puts a quote before = + - @; take it off again.
    grid = [[re.sub(r"^'(?=[=+\-@])", "", cell) if cell else None for cell in row] for row in rows]
    return "csv", grid


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (one, "csv", for a CSV file)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        return load_workbook(path, read_only=True).sheetnames
    if suffix == ".xls":
        import xlrd

        return xlrd.open_workbook(path, on_demand=True).sheet_names()
    return ["csv"]


def load_grid(path: Path, sheet: str | None = None) -> tuple[str, list[list[Cell]]]:
    """The sheet's cells, merged ranges filled with their top-left value."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _grid_xlsx(path, sheet)
        if suffix == ".xls":
            return _grid_xls(path, sheet)
        if suffix in (".csv", ".txt"):
            return _grid_csv(path)
    except KeyError as exc:
        raise ValueError(f"{path}: there is no sheet {sheet!r}") from exc
    raise ValueError(
        f"{path}: a ledger must be .xlsx, .xls or .csv, not {suffix or 'no extension'}"
    )


# --------------------------------------------------------------------------- header


def _field_of(label: str) -> str | None:
    squashed = _squash(label)
    if not squashed:
        return None
    for name, (_canonical, pattern) in FIELDS.items():
        if re.search(pattern, squashed, re.IGNORECASE):
            return name
    return None


def _is_name_header(cell: Cell, mapping: dict[str, str | None]) -> bool:
    text = _text(cell)
    if header_key(text) in mapping:
        return mapping[header_key(text)] == "name"
    return _field_of(text) == "name"


def _header(
    grid: list[list[Cell]], mapping: dict[str, str | None]
) -> tuple[int, int, list[str], list[str]]:
    """(first header row, first data row, child labels, parent labels), 0-based rows."""
    for r, row in enumerate(grid[:30]):
        if any(_is_name_header(c, mapping) for c in row):
            labels = [_text(c) for c in row]
            nxt = [_text(c) for c in grid[r + 1]] if r + 1 < len(grid) else []
            # A second header row: its labels name fields and it holds no project name.
            sub_fields = [
                _field_of(x) for x, above in zip(nxt, labels, strict=False) if x and x != above
            ]
            if sub_fields and sum(f is not None for f in sub_fields) >= max(
                1, len(sub_fields) // 2
            ):
                children = [x if x else p for x, p in zip(nxt, labels, strict=False)]
                children += labels[len(children) :]
                return r, r + 2, children, labels
            return r, r + 1, labels, labels
    raise _NoHeader()


class _NoHeader(ValueError):
    """No row in the first 30 names a project-name column."""


_SERIAL = re.compile(r"^(序号|顺序号|序|编序|排序|NO\.?|№)$", re.IGNORECASE)
_PARTS = " / "


def _assign_columns(
    labels: list[str], parents: list[str], mapping: dict[str, str | None]
) -> tuple[dict[str, int], dict[int, tuple[str | None, str]]]:
    """Which column is which field: a mapping first, then the header words, each field once.

    Returns (field → column index, column index → (field or None, how))."""
    columns: dict[str, int] = {}
    how: dict[int, tuple[str | None, str]] = {}
    for index, (label, parent) in enumerate(zip(labels, parents, strict=True)):
        for key in (header_key(_written(label, parent)), header_key(label)):
            if key and key in mapping:
                chosen = mapping[key]
                if chosen is None:
                    how[index] = (None, HOW_SKIPPED)
                elif chosen not in columns:
                    columns[chosen] = index
                    how[index] = (chosen, HOW_MAPPED)
                else:
                    how[index] = (None, HOW_TAKEN)
                break
    for index, (label, parent) in enumerate(zip(labels, parents, strict=True)):
        if index in how or not label:
            continue
        found = _field_of(label)
        if found in MONTH_FIELDS and re.search(r"完成|实际", parent):
            how[index] = (None, HOW_DONE_BY_MONTH)  # "1月" under 分月完成: done, not a target
        elif found is None:
            how[index] = (None, HOW_SERIAL if _SERIAL.match(_squash(label)) else HOW_UNREAD)
        elif found in columns:
            how[index] = (None, HOW_TAKEN)
        else:
            columns[found] = index
            how[index] = (found, HOW_RECOGNISED)
    # "累计完成" under a year's plan is this year's figure when nothing else is.
    if "completed_wan" not in columns and "cumulative_wan" in columns:
        index = columns["cumulative_wan"]
        if how[index][1] == HOW_RECOGNISED and re.search(r"\d{4}年|年度", parents[index]):
            columns["completed_wan"] = columns.pop("cumulative_wan")
            how[index] = ("completed_wan", HOW_RECOGNISED)
    return columns, how


def _written(label: str, parent: str) -> str:
    """A column's header as written: "parent / child" under a two-row header."""
    return label if not parent or parent == label else f"{parent}{_PARTS}{label}"


def _column_facts(project_rows: list[list[Cell]], index: int) -> tuple[tuple[str, ...], int]:
    """A few sample values of a column and how many project rows fill it."""
    samples: list[str] = []
    filled = 0
    for row in project_rows:
        value = row[index] if index < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        filled += 1
        if len(samples) >= 3:
            continue
        text = _text(value)
        if len(samples) < 3 and text not in samples:
            samples.append(text if len(text) <= 24 else text[:23] + "…")
    return tuple(samples), filled


def _unit_of(*texts: str) -> float | None:
    joined = " ".join(texts)
    if "亿元" in joined or "（亿）" in joined or "(亿)" in joined:
        return _YI
    if "万元" in joined:
        return 1.0
    return None


_AS_OF = (
    # 截至2025年11月30日, 填报时间：2025年11月, 统计日期: 2025.11.30, 报送日期 2025-11-30
    re.compile(
        r"(?:截止|截至|截止到|(?:截止|统计|填报|报送|填表)(?:时间|日期))[:：]?\s*"
        r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:月\s*(?:(\d{1,2})\s*日?)?|[.\-/]\s*(\d{1,2}))?"
    ),
    re.compile(r"(\d{4})\s*年\s*(?:1|一)\s*[-—~～至]\s*(\d{1,2})\s*月"),
)


def _as_of_from(texts: Iterable[str], *, labelled_only: bool = False) -> dt.date | None:
    """The date a ledger is as of, from its title and headers (or, ``labelled_only``, from the
    rows under the table, where only a labelled date counts: 填报时间：2025年11月30日)."""
    year_hint = None
    for text in texts:
        for pattern in _AS_OF[:1] if labelled_only else _AS_OF:
            match = pattern.search(text)
            if match:
                year, month = int(match.group(1)), int(match.group(2))
                day = next((d for d in match.groups()[2:] if d), None)
                if not 1 <= month <= 12:
                    continue
                try:
                    return dt.date(year, month, int(day)) if day else _month_end(year, month)
                except ValueError:  # 2025年13月: not a date, look further
                    continue
        if labelled_only:
            continue
        found = re.search(r"(20\d{2})\s*年", text)
        year_hint = year_hint or (int(found.group(1)) if found else None)
        months = re.search(r"(?<!\d)1\s*[-—~～至]\s*(\d{1,2})\s*月", text)
        if months and year_hint:
            return _month_end(year_hint, int(months.group(1)))
    return None


def _as_of_column(grid: list[list[Cell]], data_row: int, columns: dict[str, int]) -> dt.date | None:
    """The first date in a 截止日期 column, for ledgers (CSV) that have no title rows."""
    if "as_of" not in columns:
        return None
    for row in grid[data_row:]:
        if columns["as_of"] < len(row):
            try:
                found = parse_date(row[columns["as_of"]])
            except ValueError:
                continue
            if found:
                return found
    return None


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


# --------------------------------------------------------------------------- reading


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_ledger(
    path: Path | str,
    *,
    sheet: str | None = None,
    as_of: dt.date | None = None,
    crs: str | None = None,
    progress: Callable[[float], None] | None = None,
    mapping: dict[str, str | None] | None = None,
    category: str | None = None,
) -> LedgerReading:
    """Read a ledger file. Never raises for bad content: problems are in ``errors``.

    ``mapping`` (header key → field, None to leave a column unread) decides before the header
    words do; ``category`` is the category of rows that state none."""
    path = Path(path)
    mapping = {header_key(k): v for k, v in (mapping or {}).items()}
    name = path.name
    try:
        sheet_name, grid = load_grid(path, sheet)
    except (OSError, ValueError) as exc:
        unreadable = LedgerProblem(name, sheet or "", None, None, "raw", (("text", str(exc)),))
        return LedgerReading(name, sheet or "", None, crs or coords.WGS84, [], {}, [unreadable], [])
    errors: list[LedgerProblem] = []
    warnings: list[LedgerProblem] = []

    def problem(
        kind: list[LedgerProblem],
        row: int | None,
        col: int | None,
        key: str,
        field: str | None = None,
        **values: object,
    ) -> None:
        letter = None if col is None else _column_letter(col)
        kind.append(LedgerProblem(name, sheet_name, row, letter, key, tuple(values.items()), field))

    try:
        header_row, data_row, labels, parents = _header(grid, mapping)
    except _NoHeader:
        problem(errors, None, None, "no_header")
        return LedgerReading(name, sheet_name, as_of, crs or coords.WGS84, [], {}, errors, warnings)

    above = [" ".join(_text(c) for c in row if c is not None) for row in grid[:header_row]]
    default_unit = _unit_of(*above) or 1.0
    columns, how = _assign_columns(labels, parents, mapping)
    if "name" not in columns:
        problem(errors, None, None, "no_header")
        return LedgerReading(name, sheet_name, as_of, crs or coords.WGS84, [], {}, errors, warnings)
    units = {
        f: _unit_of(labels[i], parents[i]) or default_unit
        for f, i in columns.items()
        if f in MONEY_FIELDS or f in MONTH_FIELDS
    }
    months = [f for f in MONTH_FIELDS if f in columns]
    if months and len(months) < len(MONTH_FIELDS):
        missing = "、".join(FIELDS[f][0] for f in MONTH_FIELDS if f not in columns)
        # Other month columns (progress by month, say) are not a plan: say so, read the rest.
        problem(warnings, data_row, columns[months[0]], "month_columns", missing=missing)
        for f in months:
            how[columns.pop(f)] = (None, HOW_MONTHS)
    header_texts = [labels[i] + " " + parents[i] for i in columns.values()]
    below = [" ".join(_text(c) for c in row if c is not None) for row in grid[-5:]]
    as_of = (
        as_of
        or _as_of_from([*above, *header_texts])
        or _as_of_column(grid, data_row, columns)
        or _as_of_from(below, labelled_only=True)
    )
    if as_of is None:
        problem(errors, None, None, "no_as_of")
    declared = None
    for f in ("lon", "lat", "location"):
        if f in columns:
            declared = declared or coords.find_crs(labels[columns[f]] + parents[columns[f]])
    try:
        crs_code = coords.parse_crs(crs) if crs else (declared or coords.WGS84)
    except ValueError as exc:
        problem(errors, None, None, "raw", text=str(exc))
        crs_code = coords.WGS84

    rows: list[LedgerRow] = []
    section_category: str | None = None
    sheet_columns_serial = {i for i, (_f, h) in how.items() if h == HOW_SERIAL}
    section_rows: list[LedgerRow] = []
    project_cells: list[list[Cell]] = []
    uncategorised = 0
    all_rows: list[LedgerRow] = []
    total = max(len(grid) - data_row, 1)
    for r in range(data_row, len(grid)):
        if progress and (r - data_row) % 200 == 0:
            progress((r - data_row) / total)
        cells = grid[r]
        texts = [_text(c) for c in cells]
        if not any(texts):
            continue
        excel_row = r + 1
        name_cell = texts[columns["name"]] if columns["name"] < len(texts) else ""
        first_text = next((t for t in texts if t and not re.fullmatch(r"\d+(\.0)?", t)), "")
        if any(_SUBTOTAL.search(t) for t in texts[: columns["name"] + 1] if t):
            _check_subtotal(
                cells,
                columns,
                units,
                section_rows if _is_subtotal(texts) else all_rows,
                excel_row,
                problem,
                warnings,
            )
            continue
        section = _SECTION.match(name_cell or first_text)
        # A merged section row repeats its text in every cell; it holds no figures.
        if section and not _has_numbers(cells, columns, ignore={section.group(0)}):
            section_category = category_from_text(section.group(1))
            if section_category is None:
                problem(
                    warnings,
                    excel_row,
                    columns["name"],
                    "section_unknown",
                    section=section.group(1),
                )
            section_rows = []
            continue
        note = _note_text(texts, name_cell, sheet_columns_serial)
        words = {t for t in texts if t and not _NUMERIC.fullmatch(t)}  # what a merged row repeats
        if note is not None and not _has_numbers(cells, columns, ignore=words):
            problem(warnings, excel_row, None, "note_row", text=note)
            continue
        if not name_cell:
            problem(errors, excel_row, columns["name"], "empty_name")
            continue
        row = _read_row(
            cells, texts, columns, units, excel_row, problem, errors, crs_code, warnings
        )
        # "1、朗弘热交换…": numbering written into the name, where there is no 序号 column.
        row.values["name"] = re.sub(
            rf"^\s*\d{{1,3}}\s*[、.．]\s*(?={_CJK})", "", str(row.values["name"])
        )
        if "category" not in row.values:
            uncategorised += section_category is None
            if section_category or category:
                row.values["category"] = section_category or category
        rows.append(row)
        project_cells.append(cells)
        section_rows.append(row)
        all_rows.append(row)
    if progress:
        progress(1.0)
    sheet_columns = [
        LedgerColumn(
            _column_letter(i),
            _written(labels[i], parents[i]) if i < len(labels) else "",
            *how.get(i, (None, HOW_UNREAD)),
            *_column_facts(project_cells, i),
        )
        for i in range(max(len(labels), *(len(c) for c in project_cells[:200]), 0))
    ]
    sheet_columns = [c for c in sheet_columns if c.header or c.filled]
    found_columns = {f: labels[i] for f, i in columns.items()}
    letters = {f: _column_letter(i) for f, i in columns.items()}
    reading = LedgerReading(
        name,
        sheet_name,
        as_of,
        crs_code,
        rows,
        found_columns,
        errors,
        warnings,
        letters,
        sheet_columns,
        uncategorised,
    )
    _say_what_is_missing(reading, problem)
    _tell_apart_same_names(reading, problem)
    return reading


_NOTE = re.compile(
    r"^(备\s*注|说\s*明|注\s*[:：\d、.．①（(]|填\s*[报表]|审\s*核|联\s*系\s*(人|电话|方式)|制\s*表|负\s*责\s*人|"
    r"数据来源|资料来源|单位\s*[:：]|附\s*[:：件]|签\s*字|盖\s*章|统计\s*人|分管领导|主要领导)"
)


_NUMERIC = re.compile(r"[\d.,，\s%％+\-]+")


def _note_text(texts: list[str], name_cell: str, serial: set[int]) -> str | None:
    """The text of a note row under the table (备注：…, 填报人：…), or None for a project row.

    A note row says only notes (every text in it starts like one), or says one thing outside
    the name column (a merged line of text): no project row looks like that."""
    said = {t for i, t in enumerate(texts) if t and not (i in serial and _NUMERIC.fullmatch(t))}
    if not said:  # a row with only a serial number: an empty line of the form
        return next(t for t in texts if t)
    alone = len(said) == 1 and not name_cell and not _NUMERIC.fullmatch(next(iter(said)))
    if all(_NOTE.match(t) for t in said) or alone:
        text = "  ".join(sorted(said, key=texts.index))
        return text if len(text) <= 60 else text[:59] + "…"
    return None


def _say_what_is_missing(reading: LedgerReading, problem: Callable[..., None]) -> None:
    """Warn, in a clerk's words, about what was not read and would silently count as nothing."""
    warnings = reading.warnings
    unread = [c for c in reading.unread if c.how != HOW_MONTHS]  # months: warned already
    if unread:
        said = tuple(f"{c.letter} {c.header or '—'}" for c in unread)
        problem(warnings, None, None, "unread_columns", n=len(unread), columns=said)
    read = reading.columns
    if "completed_wan" not in read and "rate" not in read:
        if "annual_plan_wan" in read:
            problem(warnings, None, None, "no_completed")
        elif "cumulative_wan" not in read:
            problem(warnings, None, None, "no_money")
    if not reading.rows:
        return
    # The cumulative figure is often left blank (and the export writes it so): not a warning.
    for f in ("total_wan", "annual_plan_wan", "completed_wan", "rate"):
        if f in read and all(r.get(f) is None for r in reading.rows):
            problem(warnings, None, _column_index(reading.letters[f]), "column_empty", field=f)


def _tell_apart_same_names(reading: LedgerReading, problem: Callable[..., None]) -> None:
    """Rows with the same name: told apart by code or owner (a warning), or refused."""
    by_name: dict[str, list[LedgerRow]] = {}
    for row in reading.rows:
        by_name.setdefault(str(row.get("name")), []).append(row)
    name_column = _column_index(reading.letters["name"])
    for name, same in by_name.items():
        if len(same) < 2:
            continue
        rows = tuple(r.row for r in same)
        for f in ("code", "owner"):
            told = [r.get(f) for r in same]
            if all(told) and len(set(told)) == len(told):
                problem(
                    reading.warnings,
                    same[-1].row,
                    name_column,
                    "same_name",
                    rows=rows,
                    name=name,
                    by=("field", f),
                )
                break
        else:
            problem(
                reading.errors, same[-1].row, name_column, "same_name_alike", rows=rows, name=name
            )


def _column_index(letter: str) -> int:
    index = 0
    for char in letter:
        index = index * 26 + ord(char) - 64
    return index - 1


def _is_subtotal(texts: list[str]) -> bool:
    return any(re.search(r"小\s*计", t) for t in texts if t)


def _has_numbers(
    cells: list[Cell], columns: dict[str, int], ignore: set[str] | None = None
) -> bool:
    """True when a money cell holds a figure (or something meant as one); ``ignore``: texts
    that a merged row repeats in every cell."""
    for f in MONEY_FIELDS:
        if (
            f in columns
            and columns[f] < len(cells)
            and _text(cells[columns[f]]) not in (ignore or ())
        ):
            try:
                if parse_number(cells[columns[f]]) is not None:
                    return True
            except ValueError:
                return True
    return False


def _check_subtotal(cells, columns, units, rows, excel_row, problem, warnings) -> None:
    for f in ("annual_plan_wan", "completed_wan"):
        if f not in columns or columns[f] >= len(cells):
            continue
        try:
            stated = parse_number(cells[columns[f]])
        except ValueError:
            continue
        if stated is None:
            continue
        stated *= units[f]
        summed = sum(float(r.get(f) or 0) for r in rows)
        if not math.isclose(stated, summed, rel_tol=0.005, abs_tol=1.0):
            label = FIELDS[f][0]
            problem(
                warnings,
                excel_row,
                columns[f],
                "subtotal",
                label=label,
                stated=f"{stated:,.1f}",
                summed=f"{summed:,.1f}",
            )


def _read_row(
    cells, texts, columns, units, excel_row, problem, errors, crs_code, warnings
) -> LedgerRow:
    """One project's row; ``texts`` are its cells as :func:`_text` reads them."""
    row = LedgerRow(excel_row)

    def cell(f: str) -> Cell:
        i = columns.get(f)
        return cells[i] if i is not None and i < len(cells) else None

    def text_of(f: str) -> str:
        i = columns.get(f)
        return texts[i] if i is not None and i < len(texts) else ""

    def fail(f: str, key: str, **values: object) -> None:
        problem(errors, excel_row, columns[f], key, field=f, **values)

    for f in TEXT_FIELDS:
        if f in columns and (text := text_of(f)):
            row.values[f] = text
    for f in MONEY_FIELDS:
        if f not in columns:
            continue
        try:
            value, unit = parse_amount(cell(f))
        except ValueError:
            fail(f, "not_number", value=repr(text_of(f)))
            continue
        if value is not None:
            if value < 0:
                fail(f, "negative", value=f"{value:g}")
                continue
            row.values[f] = round(value * (unit or units[f]), 4)
    if "rate" in columns:
        try:
            rate = parse_rate(cell("rate"))
        except ValueError:
            fail("rate", "not_rate", value=repr(text_of("rate")))
            rate = None
        if rate is not None:
            row.values["rate"] = rate
            if "completed_wan" not in row.values and row.get("annual_plan_wan"):
                row.values["completed_wan"] = round(rate * float(row.get("annual_plan_wan")), 4)
    for f in DATE_FIELDS:
        if f not in columns:
            continue
        try:
            value = parse_date(cell(f))
        except ValueError:
            fail(f, "not_date", value=repr(text_of(f)))
            continue
        if value is not None:
            row.values[f] = value
    for f, table, extra in (
        ("category", CATEGORIES, None),
        ("level", LEVELS, {"provincial#": "省", "city#": "市", "county#": "县"}),
        ("build_type", BUILD_TYPES, _BUILD_EXTRA),
        ("stage", STAGES, _STAGE_EXTRA),
    ):
        text = text_of(f)
        if not text:
            continue
        code = category_from_text(text) if f == "category" else _code_from(text, table, extra)
        if code is not None:
            row.values[f] = code
        elif f == "category":  # needed to place the project in the category table
            fail(f, "not_one_of", value=repr(text), allowed=", ".join(table.values()))
        else:  # a word we do not know ("A类"): keep the rest of the row, say so
            problem(
                warnings,
                excel_row,
                columns[f],
                "unknown_word",
                field=f,
                value=repr(text),
                allowed=", ".join(table.values()),
            )
    _read_location(row, text_of, fail, crs_code)
    if MONTH_FIELDS[0] in columns:
        _read_targets(
            row,
            cell,
            units,
            fail,
            lambda key, **values: problem(
                warnings, excel_row, columns.get("annual_plan_wan"), key, **values
            ),
        )
    return row


def _read_targets(row: LedgerRow, cell, units, fail, warn) -> None:
    """The twelve monthly targets: all blank is none; a blank among filled months is 0."""
    amounts: list[float | None] = []
    for f in MONTH_FIELDS:
        try:
            value, unit = parse_amount(cell(f))
        except ValueError:
            fail(f, "not_number", value=repr(_text(cell(f))))
            return
        if value is not None and value < 0:
            fail(f, "negative", value=f"{value:g}")
            return
        amounts.append(None if value is None else round(value * (unit or units[f]), 4))
    found = targets.from_months(amounts)
    if found is None:
        return
    row.values["monthly_targets"] = found
    plan = row.get("annual_plan_wan")
    if targets.sum_mismatch(found, plan):
        warn(
            "targets_mismatch",
            name=row.get("name"),
            total=f"{sum(found):,.1f}",
            plan=f"{float(plan):,.1f}",
        )


def _read_location(row: LedgerRow, text_of, fail, crs_code: str) -> None:
    lon_text, lat_text, pair = text_of("lon"), text_of("lat"), text_of("location")
    field_name = "location" if pair and not (lon_text or lat_text) else "lon"
    try:
        if pair and not (lon_text or lat_text):
            parts = [p for p in re.split(r"[,，;；\s]+", pair) if p]
            if len(parts) != 2:
                fail(field_name, "not_pair", value=repr(pair))
                return
            a, b = float(parts[0]), float(parts[1])
        elif lon_text or lat_text:
            a, b = float(lon_text), float(lat_text)
        else:
            return
    except ValueError:
        fail(field_name, "not_coordinate", value=repr(lon_text or pair))
        return
    if crs_code in (coords.WGS84, coords.GCJ02, coords.BD09):
        # Longitudes in China are 73–135, latitudes 18–54: a swapped pair is unambiguous.
        if 18 <= a <= 54 and 73 <= b <= 135:
            a, b = b, a
        if not (73 <= a <= 135 and 18 <= b <= 54):
            fail(field_name, "not_in_china", lon=f"{a:g}", lat=f"{b:g}")
            return
    lon, lat = coords.to_wgs84(a, b, crs_code)
    row.values["lon"], row.values["lat"] = round(lon, 7), round(lat, 7)
