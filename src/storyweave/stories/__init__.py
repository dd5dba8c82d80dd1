"""Story building: what a reader gets for a cluster of articles (headline, summary, entities,
quotes, facts and discrepancies, event date, timeline)."""
