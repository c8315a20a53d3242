"""Reports to parent bodies (RP)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from .base import Context, Hit, rule


@rule("RP001", "report-reference", kind="record", category="reporting", severity="error",
      title="A report for an unknown body, or filed under the wrong name")
def report_reference(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A report in `reports/<body>/<start>_<end>.md` names an existing body in its front
    matter, sits in that body's folder, is named after its period, and its period ends
    after it starts.

    ## Why
    Reports are listed on the site by body and period; a misfiled report would be listed
    under the wrong body or not at all. Generate reports with `minutebook report`.
    """
    for r in ctx.ds.reports:
        path = PurePosixPath(r.at.file)
        if r.body not in ctx.ds.bodies and not ctx.ds.known("body", r.body):
            yield Hit(r.at / "body", f"no body has the id '{r.body}'",
                      "use the id of a body in governance/bodies/")
        if path.parent.name != r.body:
            yield Hit(r.at / "body", f"the report is for '{r.body}' but is in the folder of "
                      f"'{path.parent.name}'", f"move it to reports/{r.body}/", r.body)
        expected = f"{r.start.isoformat()}_{r.end.isoformat()}"
        if path.stem != expected:
            yield Hit(r.at / "period_start", f"the report covers {r.start} to {r.end} but is "
                      f"named '{path.name}'", f"rename it to {expected}.md", r.body)
        if r.end < r.start:
            yield Hit(r.at / "period_end", f"the report's period ends ({r.end}) before it "
                      f"starts ({r.start})", "check the dates", r.body)
