-- API keys: who may call the write endpoints. The key itself is never stored: `lookup` is the first
-- 16 hex digits of its unsalted SHA-256 (to find the row), `hash` is SHA-256(salt || key) with a
-- random per-key salt (compared in constant time). A planner key is scoped to the street codes in
-- `streets`; reader and admin keys ignore them.
create table api_keys (
    id         bigint generated always as identity primary key,
    name       text not null check (length(name) between 1 and 100),
    role       text not null check (role in ('reader', 'planner', 'admin')),
    streets    text[] not null default '{}',
    lookup     text not null unique check (lookup ~ '^[0-9a-f]{16}$'),
    salt       bytea not null check (length(salt) = 16),
    hash       bytea not null check (length(hash) = 32),
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    check (role <> 'planner' or cardinality(streets) > 0)
);

create index audit_log_entity_ix on audit_log (entity, at);

-- The grids an audited change touched, so that a grid's history is one indexed lookup.
alter table audit_log add column grids text[] not null default '{}';
create index audit_log_grids_gix on audit_log using gin (grids);
