"""POST /api/articles: ingest one article or a batch (bearer token required)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from dateline.api.ingest import Ingestor
from dateline.api.models import ArticleBatch, ArticleIn, IngestResult, Problem
from dateline.api.problems import ApiProblem
from dateline.api.security import require_token

router = APIRouter(prefix="/api", tags=["articles"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no bearer token"},
    403: {"model": Problem, "description": "wrong token, or writes disabled"},
    413: {"model": Problem, "description": "body over the size limit"},
    422: {"model": Problem, "description": "invalid article"},
}


@router.post("/articles", response_model=IngestResult, status_code=200, responses=_ERRORS,
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
    for i, art in enumerate(articles):
        if art.text is None and art.html is None:
            raise ApiProblem(422, f"article {i} has neither 'text' nor 'html'")
        size = len(art.text or "") + len(art.html or "")
        if size > settings.max_article_chars:
            raise ApiProblem(413, f"article {i} is over the {settings.max_article_chars} character limit")
        dicts.append(art.model_dump(exclude_none=True))
    ingestor: Ingestor = request.app.state.ingestor
    outcomes = await run_in_threadpool(ingestor.ingest, dicts)
    return {
        "inserted": sum(o.status != "duplicate" for o in outcomes),
        "skipped": sum(o.status == "duplicate" for o in outcomes),
        "rejected": sum(o.status == "rejected" for o in outcomes),
        "articles": [asdict(o) for o in outcomes],
    }
