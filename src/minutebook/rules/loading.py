"""Codes for problems found while reading files and checking them against the schemas.

These have no check function: the loader and the schema check produce them. They are
registered so that they are documented and can be configured like any other rule.
"""

from ..formats import FORMAT
from .base import declare

_M = __name__

declare("LD001", "yaml-syntax", kind="record", category="load", severity="error", module=_M,
        title="The YAML cannot be read", doc="""
        ## What it checks
        The file can be parsed as YAML: indentation with spaces, a colon after every key,
        quotes around values that contain ': '.

        ## Why
        A file that cannot be read cannot be checked or published.

        ## Fails
        ```yaml
        date: 2026-01-14
        	status: held      # a tab
        ```

        ## Passes
        ```yaml
        date: 2026-01-14
        status: held
        ```
        """)
declare("LD002", "duplicate-key", kind="record", category="load", severity="error", module=_M,
        title="A key appears twice", doc="""
        ## What it checks
        No key appears twice in the same mapping.

        ## Why
        YAML readers silently keep only the last one, so a second `chair:` would quietly
        replace the first.

        ## Fails
        ```yaml
        chair: police-inspector
        chair: designated-nurse
        ```
        """)
declare("LD003", "yaml-feature", kind="record", category="load", severity="error", module=_M,
        title="A YAML feature that is not allowed", doc="""
        ## What it checks
        Files use plain YAML: no anchors (`&name`), aliases (`*name`), custom tags
        (`!tag`) or several documents in one file.

        ## Why
        Aliases can make a tiny file expand into gigabytes (an "alias bomb"); custom tags
        can make some YAML readers run code. Plain values are all minutebook needs.
        """)
declare("LD004", "encoding", kind="record", category="load", severity="error", module=_M,
        title="The file is not UTF-8 text", doc="""
        ## What it checks
        Every file is UTF-8 text.

        ## Why
        Text pasted from Word or saved in an old encoding shows as garbage on the site.
        """)
declare("LD005", "byte-order-mark", kind="record", category="load", severity="warning", module=_M,
        title="The file starts with a byte-order mark", doc="""
        ## What it checks
        Files do not start with an invisible byte-order mark (BOM).

        ## Why
        Some tools then misread the first field. The file is still read.
        """)
declare("LD006", "file-too-large", kind="record", category="load", severity="error", module=_M,
        title="The file is too large", doc="""
        ## What it checks
        No file is larger than `limits.max_file_bytes` in minutebook.yaml (32 MiB by default).

        ## Why
        Protects checks and the site build from runaway or hostile files.
        """)
declare("LD007", "front-matter", kind="record", category="load", severity="error", module=_M,
        title="A Markdown file has no front matter", doc="""
        ## What it checks
        Meeting records and ToR versions start with a block of details between two `---`
        lines, followed by the Markdown text.

        ## Passes
        ```markdown
        ---
        date: 2026-01-14
        status: held
        classification: OFFICIAL
        ---
        ## Minutes
        ```
        """)
declare("LD008", "misplaced-file", kind="record", category="load", severity="error", module=_M,
        title="A file is in the wrong folder or has the wrong name", doc="""
        ## What it checks
        Files minutebook reads are where it expects them: `governance/bodies/<id>.yaml`,
        `governance/tor/<tor>/<version>.md`, `meetings/<body>/<YYYY-MM-DD>.md`.

        ## Why
        A misnamed file (`.yml`, a meeting outside its body's folder) would otherwise be
        silently ignored and never checked or published.
        """)
declare("LD009", "check-failed", kind="record", category="load", severity="error", module=_M,
        title="A check stopped with an internal error", doc="""
        ## What it checks
        Nothing in your files: this code reports a fault in minutebook itself. When a
        check stops with an unexpected error, the other checks still run, and the finding
        names the check and where in minutebook it stopped.

        ## Why
        A check that could not finish has not checked anything, so the site is not built
        (it is an error) until the fault is fixed. Please report it with the message.
        """)
declare("LD010", "findings-held-back", kind="record", category="load", severity="info", module=_M,
        title="Findings held back while a file cannot be read", doc="""
        ## What it checks
        Nothing new: when a file cannot be read (a YAML error, or a field of the wrong
        form), it is left out of the checks, and the findings that its absence could cause
        are held back instead of reported. A meeting record, body file or terms of
        reference holds back the findings about its body (otherwise the body would seem
        not to have met on that date, or to have no terms of reference); `minutebook.yaml`,
        `governance/organisations.yaml` or `governance/partnerships.yaml` hold back every
        finding except the personal-data and content-safety scans. This note on the file
        says how many.

        ## Why
        One mistake should give one error, on the file that has it, not dozens on files
        nobody touched. Fix the errors in the file; the held-back checks then run again.
        """)
declare("LD011", "link-or-special-file", kind="record", category="load", severity="error",
        module=_M, title="A symbolic link or special file in the repository", doc="""
        ## What it checks
        The folders minutebook reads (`governance/`, `meetings/`, `scorecard/`,
        `reports/`), its files (`minutebook.yaml`, `actions.yaml`, `escalations.yaml`...)
        and `docs/`, which the site publishes as it is, hold only ordinary files and
        folders: no symbolic link, named pipe (FIFO), device or socket. The finding is on
        the link itself; the link is never followed, and the site build refuses to start.

        ## Why
        A link can point anywhere on the machine that runs the check or builds the site:
        `docs/passwords.md -> /etc/passwd` would publish that file, and a link in place of
        `actions.yaml` would read one from outside the repository. A named pipe would make
        the check wait forever. Git stores a link as a link, so a pull request can add one.

        ## Fails
        ```text
        meetings/group -> /home/someone/meetings
        docs/notes.md -> /etc/passwd
        ```

        ## Passes
        The files themselves, committed in their folders.
        """)
declare("LD012", "unreadable-folder", kind="record", category="load", severity="error",
        module=_M, title="A folder cannot be read", doc="""
        ## What it checks
        Every folder minutebook reads can be listed by the user that runs it.

        ## Why
        The files of a folder that cannot be read (e.g. after `chmod 000`) would be left
        out of every check and of the site without a word. Make the folder readable
        (`chmod u+rx`) and check again.
        """)
declare("LD013", "paper-file", kind="record", category="load", severity="error",
        module=_M, title="A meeting paper that cannot be published", doc="""
        ## What it checks
        Each paper an agenda item lists with `file:` is an ordinary file kept beside the
        record, in the body's meetings folder: `meetings/<body>/<YYYY-MM-DD>/` (the
        meeting's own papers: the folder of its own date, never another meeting's, whose
        papers may be restricted) or `meetings/<body>/papers/`, written from the body's
        folder (`file: 2026-10-28/agenda-pack.pdf`). It exists; neither it nor a folder on the
        way to it is a symbolic link or special file; it is no larger than
        `limits.max_file_bytes`; it is of a type the site publishes (pdf, docx, xlsx,
        pptx, odt, ods, csv, txt, png, jpg) and holds what its name says (a `.pdf` starts
        as a PDF does, a `.txt` or `.csv` is text). The site copies each such file beside
        the meeting page and links it under its agenda item.

        ## Why
        A paper that is missing would be a broken link on the meeting page; a path out of
        the folder, or through a link, could publish any file of the repository or of the
        machine that builds the site; a web page or script renamed `.pdf` would be served
        from the partnership's site. Papers other than text cannot be scanned for personal
        data: checking them before they are committed is the editor's responsibility (see
        Publishing safely).

        ## Fails
        ```yaml
        agenda:
          - item: Exploitation dashboard
            papers:
              - {title: Dashboard, file: ../../docs/secret.pdf}   # outside the folder
              - {title: Notes, file: 2026-10-28/notes.html}      # a type not published
              - {title: Report, file: 2026-07-15/report.pdf}     # another meeting's folder
        ```

        ## Passes
        ```yaml
        agenda:
          - Welcome and apologies
          - item: Exploitation dashboard
            papers:
              - {title: Dashboard, Q2, file: 2026-10-28/dashboard-q2.pdf}
              - {title: National guidance, url: "https://www.gov.uk/"}
        ```
        """)
declare("LD014", "format-older", kind="record", category="load", severity="error",
        module=_M, title="The repository is written in an older format", doc=f"""
        ## What it checks
        `format:` in minutebook.yaml is the format this minutebook reads and writes
        ({FORMAT}). A minutebook.yaml without `format:` is format 1, the format of every
        repository written before formats were numbered; a repository without
        minutebook.yaml is read as the current format. The other checks still run.

        ## Why
        A format says what the files mean. An engine reads its own format; an older
        repository may say something the engine now reads differently (in format 1, a
        `checks:` entry naming the retired code RF006 turns nothing off). `minutebook
        migrate` rewrites the repository to the current format, changing only the lines a
        format changed, and says what it changed. See Upgrading (docs/upgrading.md).

        ## Fails
        ```yaml
        # minutebook.yaml
        site_name: Northshire Safeguarding Children Partnership
        nation: england-and-wales
        ```

        ## Passes
        ```yaml
        # minutebook.yaml
        format: {FORMAT}
        site_name: Northshire Safeguarding Children Partnership
        nation: england-and-wales
        ```
        """)
declare("LD015", "format-newer", kind="record", category="load", severity="error",
        module=_M, title="The repository is written in a newer format", doc=f"""
        ## What it checks
        `format:` in minutebook.yaml is not newer than the format this minutebook reads
        ({FORMAT}). When it is, this is the only finding: nothing else is checked, and the
        site is not built.

        ## Why
        A newer format may mean things this minutebook does not know: checking the files
        with it would report mistakes that are not there, and miss some that are. Upgrade
        minutebook to a version that reads the repository's format (the version the
        repository's scripts install, or `pip install --upgrade minutebook`).

        ## Fails
        ```yaml
        format: {FORMAT + 1}
        ```
        """)
declare("SC001", "unknown-field", kind="record", category="schema", severity="error", module=_M,
        title="An unknown field", doc="""
        ## What it checks
        Every field name is one the file type defines (see the field reference).

        ## Why
        A typo such as `chiar:` would otherwise be ignored, and the chair never checked.
        The message suggests the field you probably meant.

        ## Fails
        ```yaml
        chiar: police-inspector
        ```
        """)
declare("SC002", "missing-field", kind="record", category="schema", severity="error", module=_M,
        title="A required field is missing", doc="""
        ## What it checks
        Every required field is present (e.g. a meeting's `date`, `status` and
        `classification`).
        """)
declare("SC003", "invalid-value", kind="record", category="schema", severity="error", module=_M,
        title="A value of the wrong form", doc="""
        ## What it checks
        Every value has the form its field needs: dates as YYYY-MM-DD (and real dates),
        ids as lower-case slugs, periods such as `6 weeks`, one of the allowed words.

        ## Fails
        ```yaml
        date: 2026-02-30       # no such day
        quorate: yes           # write true or false
        status: hled           # did you mean 'held'?
        ```
        """)
declare("SC004", "protected-check", kind="record", category="schema", severity="warning", module=_M,
        title="A setting tries to turn off a protective check", doc="""
        ## What it checks
        `checks: disable` and `checks: severity` in minutebook.yaml do not turn off or
        soften the personal-data (PD) and content-safety (HT) checks, the problems that
        leave a file out of the checks (LD001-LD004, LD006, LD007, SC001-SC003), a file in
        the wrong place (LD008), a check that failed (LD009), a link or special file
        (LD011), a folder that cannot be read (LD012), a meeting paper that cannot be
        published (LD013) or a repository in another format (LD014, LD015). Such entries
        are ignored, and reported.

        ## Why
        The PD and HT checks are what keep children's and families' personal data, and
        scripts, off the published site. A false positive is cleared with a reviewed entry
        in personal-data-allow.yaml, which records who decided and why. A file that cannot
        be read is left out of every check, so its problem must stay an error: as a
        warning, the site would be built without it, unchecked.

        ## Fails
        ```yaml
        checks:
          disable: [PD003]
        ```
        """)
