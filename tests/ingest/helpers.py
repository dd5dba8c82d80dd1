"""Helpers shared by the reader tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyweave.config import Settings
from storyweave.ingest import read_inputs
from storyweave.model import InputProblem, RawDocument


@dataclass
class Batch:
    """What one call of read_inputs gave: documents, problems and notices, in order."""

    documents: list[RawDocument] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str | None]:
        return [document.id for document in self.documents]

    def only_problem(self) -> InputProblem:
        assert len(self.problems) == 1, self.problems
        return self.problems[0]


def read_all(inputs: list[str], settings: Settings | None = None, **kwargs: object) -> Batch:
    """Read ``inputs`` and sort what comes back."""
    batch = Batch()
    for item in read_inputs(
        inputs,
        settings or Settings(),
        on_notice=batch.notices.append,
        **kwargs,  # type: ignore[arg-type]
    ):
        if isinstance(item, RawDocument):
            batch.documents.append(item)
        else:
            batch.problems.append(item)
    return batch


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Ceasefire agreed in Aleppo</title>
<meta property="article:published_time" content="2016-08-12T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire agreed in Aleppo</h1>
<p>Russia and the United States agreed on Friday to a ceasefire in the Syrian city of Aleppo,
officials from both countries said after talks in Geneva that lasted most of the night.</p>
<p>The defence minister said the two militaries would begin joint operations within days, and
that humanitarian convoys would be allowed to reach the eastern districts of the city.</p>
<p>Aid agencies welcomed the announcement but warned that previous truces had collapsed within
hours, leaving civilians trapped without food, water or medical care for weeks.</p>
</article><footer>Copyright 2016</footer></body></html>
"""
