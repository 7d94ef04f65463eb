"""POST /api/articles: ingest one article or a batch (bearer token required)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from dateline.api.ingest import Ingestor
from dateline.api.models import ArticleBatch, ArticleIn, IngestResult
from dateline.api.problems import ApiProblem, answers
from dateline.api.security import require_token

router = APIRouter(prefix="/api", tags=["articles"])

FUTURE_SLACK = timedelta(days=1)  # time zones: a report may be dated up to a day ahead of the server


def check_published(value: str | None, now: datetime | None = None) -> str | None:
    """Why ``published`` is unacceptable (impossible date, not ISO, or more than a day in the future),
    or None when it is fine (or absent)."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    try:
        moment = (datetime.combine(date.fromisoformat(v), datetime.min.time(), tzinfo=UTC) if len(v) == 10
                  else datetime.fromisoformat(v.replace("Z", "+00:00")))
    except ValueError:
        return f"published {value!r} is not a possible date: give an ISO date (YYYY-MM-DD) or datetime"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    if moment > now + FUTURE_SLACK:
        return f"published {value!r} is more than a day in the future"
    return None


@router.post("/articles", response_model=IngestResult, status_code=200,
             responses=answers(400, 401, 403, 413, 422),
             dependencies=[Depends(require_token)], summary="Ingest articles")
async def post_articles(request: Request, body: ArticleIn | ArticleBatch) -> dict[str, Any]:
    """Run the extraction pipeline on one article (``{"text": ...}``) or a batch
    (``{"articles": [...]}``) and store the results.  Articles already in the
    store come back as ``duplicate``; unreadable ones as ``rejected`` with a reason."""
    articles = body.articles if isinstance(body, ArticleBatch) else [body]
    settings = request.app.state.settings
    if len(articles) > settings.max_batch:
        raise ApiProblem(413, f"at most {settings.max_batch} articles per request")
    dicts = []
    errors: list[dict[str, Any]] = []
    for i, art in enumerate(articles):
        if art.text is None and art.html is None:
            raise ApiProblem(422, f"article {i} has neither 'text' nor 'html'")
        size = len(art.text or "") + len(art.html or "")
        if size > settings.max_article_chars:
            raise ApiProblem(413, f"article {i} is over the {settings.max_article_chars} character limit")
        why = check_published(art.published)
        if why is not None:
            errors.append({"loc": ["body", "articles", str(i), "published"] if isinstance(body, ArticleBatch)
                           else ["body", "published"], "msg": why, "type": "published_date"})
        dicts.append(art.model_dump(exclude_none=True))
    if errors:
        detail = "; ".join(f"article {e['loc'][2] if len(e['loc']) > 3 else 0}: {e['msg']}" for e in errors[:5])
        raise ApiProblem(422, f"nothing was stored: {detail}", errors=errors)
    ingestor: Ingestor = request.app.state.ingestor
    outcomes = await run_in_threadpool(ingestor.ingest, dicts)
    return {
        "inserted": sum(o.status != "duplicate" for o in outcomes),
        "skipped": sum(o.status == "duplicate" for o in outcomes),
        "rejected": sum(o.status == "rejected" for o in outcomes),
        "articles": [asdict(o) for o in outcomes],
    }
