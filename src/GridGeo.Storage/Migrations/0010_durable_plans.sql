-- Writes you can trust (issue 12).
-- `district`: per community, digests of the stored boundary, buildings and households a draft was computed from
-- (null for drafts made before this migration); publishing compares them with the district as it is then.
-- `replaces`: the current grids (id, code, version) of the draft's communities when it was computed; publishing is
-- refused when one of them was edited, ended or joined by another since (no lost update).
alter table plans add column district jsonb;
alter table plans add column replaces jsonb;

-- The durable queue of plan runs: a worker claims a queued job with FOR UPDATE SKIP LOCKED, beats its heartbeat while
-- it runs, and finishes it; a job whose worker stopped beating (a crash) is taken up again, or failed with a reason
-- once it has used its attempts. Several API processes share the queue.
create table plan_jobs (
    plan_id      bigint primary key references plans (id) on delete cascade,
    request      jsonb not null,
    communities  text[] not null,
    state        text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
    attempts     integer not null default 0 check (attempts >= 0),
    worker       text,
    heartbeat_at timestamptz,
    error        text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);
create index plan_jobs_open_ix on plan_jobs (created_at) where state in ('queued', 'running');
