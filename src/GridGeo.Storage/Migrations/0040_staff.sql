-- The roster: the people who serve grids (grid workers, grid heads) and liaison units (liaison heads).
-- Assignments name codes, not grid rows: a code stays with its area across versions, and the staffing
-- handover (GridGeo.Core.Staffing.StaffingHandover) rewrites them when a plan is published or an edit commits.
-- A person belongs to one street; their assignments lie in it.
create table staff (
    id          bigint generated always as identity primary key,
    name        text not null check (length(btrim(name)) between 1 and 100),
    phone       text not null check (phone ~ '^\+?[0-9][0-9 -]{4,23}$'),
    role        text not null check (role in ('grid_worker', 'grid_head', 'liaison_head')),
    street_code text not null check (street_code ~ '^[0-9]{9}$'),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table staff_assignments (
    staff_id bigint not null references staff (id) on delete cascade,
    code     text not null check (code ~ '^[0-9]{15}$' or code ~ '^[0-9]{18}$'),
    primary key (staff_id, code)
);

create index staff_street_ix on staff (street_code);
create index staff_assignments_code_ix on staff_assignments (code);

-- An API key that acts for one person of the roster (a grid worker accepting and resolving events).
create table staff_keys (
    key_id   bigint primary key references api_keys (id) on delete cascade,
    staff_id bigint not null references staff (id) on delete cascade
);
