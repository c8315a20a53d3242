"""Word documents (.docx) made with python-docx, for the tests of `minutebook import minutes`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx

# the people in the Word documents: none of these names may reach a record
PEOPLE = ("Sarah Whitfield", "Jane Smith", "Tom Briggs", "Priya Kaur", "Mark Oduya",
          "Helen Marsh", "Gary Lyons")


def table(document: docx.document.Document, rows: Sequence[Sequence[str]]) -> None:
    t = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, value in zip(t.add_row().cells, row, strict=True):
            cell.text = value


def sub_bullet(document: docx.document.Document, text: str) -> None:
    """A bulleted item one level down, as Word writes it (numbering level 1 of the
    'List Bullet' list on the paragraph itself)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import nsmap, qn

    numbering = document.part.numbering_part.element
    num_id = numbering.xpath('./w:num[@w:numId="1"]/w:abstractNumId/@w:val')[0]
    abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{num_id}"]')[0]
    w = {"w": nsmap["w"]}
    if not abstract.xpath('./w:lvl[@w:ilvl="1"]', namespaces=w):  # the template's: one level
        for el in abstract.xpath("./w:multiLevelType", namespaces=w):
            el.set(qn("w:val"), "hybridMultilevel")
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "1")
        for tag, value in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", "o")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            level.append(el)
        abstract.append(level)
    p = document.add_paragraph(text, style="List Bullet")
    num = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "1"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        num.append(el)
    p._p.get_or_add_pPr().append(num)


def partnership_minutes(path: Path, *, opening: str = "Minutes of the meeting held on "
                        "Wednesday 14 October 2026, 10:00 to 12:00, Macclesfield Town Hall"
                        ) -> Path:
    """The minutes of a meeting of the Safer Cheshire East Partnership as a business-support
    officer writes them in Word: a title with the body and date, a 'Present' table of
    name, role and organisation, apologies as a bulleted list, numbered agenda headings,
    bulleted and numbered lists and a table of actions."""
    d = docx.Document()
    d.add_paragraph("Safer Cheshire East Partnership", style="Title")
    d.add_paragraph(opening)
    d.add_heading("Present", level=2)
    table(d, [("Name", "Role", "Organisation"),
              ("Sarah Whitfield", "Head of Community Safety (Chair)", "Cheshire East Council"),
              ("Jane Smith", "Detective Inspector", "Cheshire Police"),
              ("Tom Briggs", "Station Manager, Community Safety",
               "Cheshire Fire and Rescue Service"),
              ("Priya Kaur", "Commissioning Manager", "Integrated Care Board"),
              ("Mark Oduya", "Policy Officer", "Healthwatch Cheshire East")])
    d.add_paragraph("Apologies:")
    d.add_paragraph("Helen Marsh, Senior Probation Officer, Probation Service",
                    style="List Bullet")
    d.add_paragraph("Gary Lyons, Partnerships Manager, Police and Crime Commissioner",
                    style="List Bullet")
    d.add_heading("1. Welcome and introductions", level=1)
    d.add_paragraph("The Chair welcomed members and noted that the meeting was quorate.")
    d.add_heading("2. Minutes of the last meeting and action log", level=1)
    d.add_paragraph("The minutes of 10 September 2026 were agreed as a true record.")
    d.add_heading("3. Serious violence duty: strategic needs assessment", level=1)
    d.add_paragraph("The partnership discussed the draft needs assessment. Key points:")
    d.add_paragraph("Knife crime in the night-time economy has risen since the spring.",
                    style="List Bullet")
    d.add_paragraph("Youth diversion places are fully used:", style="List Bullet")
    sub_bullet(d, "in Crewe since June;")
    sub_bullet(d, "in Macclesfield since August.")
    d.add_paragraph("The partnership agreed:")
    d.add_paragraph("to publish the assessment by December;", style="List Number")
    d.add_paragraph("to ask the Board for funding for two further youth workers.",
                    style="List Number")
    d.add_heading("3.1 Funding", level=2)
    p = d.add_paragraph("The ICB ")
    p.add_run("confirmed").bold = True
    p.add_run(" its share for 2027.")
    d.add_heading("4. Actions", level=1)
    table(d, [("No.", "Action", "Owner", "Due"),
              ("1", "Circulate the final needs assessment", "Head of Community Safety",
               "30 November 2026"),
              ("2", "Report youth diversion numbers | by area", "Youth Justice",
               "12 November 2026")])
    d.add_heading("5. Any other business", level=1)
    d.add_paragraph("There was no other business. Next meeting: 12 November 2026.")
    d.save(path)
    return path


def simple_minutes(path: Path, blocks: Sequence[tuple[str, str | Sequence[Sequence[str]]]]
                   ) -> Path:
    """A document from (style, text) pairs; style 'table' takes rows, 'h1'/'h2' headings."""
    d = docx.Document()
    for style, value in blocks:
        if style == "table":
            table(d, value)  # type: ignore[arg-type]
        elif style in ("h1", "h2", "h3"):
            d.add_heading(str(value), level=int(style[1]))
        else:
            d.add_paragraph(str(value), style=style or None)
    d.save(path)
    return path
