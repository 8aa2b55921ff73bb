"""Hostile text: markup, script, spreadsheet formulas, control and direction marks, glyphs
outside the fonts, and a 5,000-character name. Shown as text, never run."""

HOSTILE = [
    "<script>alert('名称')</script>",
    "<img src=x onerror=alert(2)>",
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "`${alert(3)}`",
    "</textarea><svg onload=alert(4)>",
    "项目\x00\x07\x1b名称",  # control characters
    "\u202eevil\u202c 反向",  # right-to-left override
    "𠮷野家 🏗️ ﷽",  # outside the basic plane, emoji, a very wide glyph
    "'; DROP TABLE projects; --",
    "**粗体** [link](javascript:alert(5)) $x^2$",
    "超长" * 2500,  # 5,000 characters
]
