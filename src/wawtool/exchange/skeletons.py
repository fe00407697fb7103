"""Commented skeletons for `waw new`: valid as written, so `waw validate` passes before the first edit.

Every figure still has to come from a source; the comments say where each goes and how
an unknown is written. Nothing is filled in that the user has not given.
"""

from __future__ import annotations

import datetime as dt


def project_yaml(project_id: str, name: str, programme: str, category: str | None, today: dt.date) -> str:
    category_lines = (
        f"category: {category}\n"
        if category
        else 'category: null\ncategory_note: "Nog niet ingedeeld in een monitorcategorie."\n'
    )
    return f"""# A new project. Every figure carries its source: document reference and section.
# Check with `waw validate`, then `waw check-budget`.
id: {project_id}
name: "{name}"
programme: {programme}
{category_lines}# description: "What the project does, in the words of the proposal."
# partners: [WSP]
period:
  start: unknown
  end: unknown
  source: "Nog geen bron"
  note: "Start en einde volgen uit het collegevoorstel; vul ze in met de bron (jaar 2025 of maand 2025-01)."
status:
  - as_of: {today:%Y-%m}
    status: planned
    source: "Nog geen bron: het voorstel is in voorbereiding"
# budget: one line per year, money as written (50455.25), `unknown` with a note when the source gives none.
#   - id: uitvoering-2025
#     year: 2025
#     amount: 100000
#     description: Uitvoering
#     funding: waw-reserve
#     decision: ID-OF-THE-DECISION       # the decision that funds this line
#     condition: "Only if ..."           # a conditional reservation is listed as a risk
#     source: "Collegevoorstel ... , bijlage ..."
budget_note: "Nog geen bedrag vastgelegd; voeg budgetregels toe met hun bron."
# targets: minimum by default; `qualifier: maximaal` is a cap, `kind: one-off` a size reached once.
#   - indicator: uitstroom-betaald-werk
#     value: 10
#     start: 2025-01
#     end: 2025-12
#     source: "Collegevoorstel ..., bijlage ..."
source: "Nog geen bron: vul de documentverwijzing in"
"""


def decision_yaml(decision_id: str, reference: str, title: str, today: dt.date) -> str:
    return f"""# A new decision. `kind: begroting` records it; to move money between budget lines, make it a
# begrotingswijziging with `moves:` (below), lower the source line to its new amount with
# `previous_amount` (the amount before) and `changed_by: {decision_id}`, and give the destination
# line `decision: {decision_id}` (a new line) or `previous_amount` + `changed_by` (a raised line); a
# line changed before lists every change, oldest first, in `changes: [{{decision, previous_amount}}]`.
# `waw check-budget` then checks that every move is reflected, to the cent; `waw decision {decision_id}`
# prints the financial paragraph.
id: {decision_id}
kind: begroting
reference: "{reference}"
title: "{title}"
date: {today:%Y-%m-%d}
source: "Nog geen bron: het collegevoorstel met kenmerk en datum"
# Its life, oldest first: concept, voorgesteld (by, to), zienswijze (date to until), vastgesteld (by),
# verworpen, ingetrokken; a proposal is not a decision, and every report says which this one is.
status:
  - status: concept
    date: {today:%Y-%m-%d}
    source: "Nog geen bron: het concept"
# moves:
#   - year: 2024
#     amount: 100000
#     from:
#       project: wijkleerbedrijf
#       line: verlenging-2024
#     to:
#       project: NEW-PROJECT
#       line: uitvoering-2024
#     source: "Collegevoorstel ..., §Financiën"
"""
