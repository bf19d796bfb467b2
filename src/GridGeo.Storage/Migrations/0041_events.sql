-- Events (residents' requests, incidents) routed to the grid and the person responsible:
-- reported → dispatched → accepted → resolved → rated. reported_grid_code is the grid at the time the
-- event was made and never changes; grid_code is where it is routed now (re-routed when that grid is retired).
create table events (
    id                 uuid primary key,
    category           text not null check (length(category) between 1 and 50),
    text               text not null check (length(text) between 1 and 2000),
    status             text not null default 'reported'
        check (status in ('reported', 'dispatched', 'accepted', 'resolved', 'rated')),
    location           geometry(Point, 4326),
    address            text,
    reported_grid_code text check (reported_grid_code ~ '^[0-9]{15}$'),
    grid_code          text check (grid_code ~ '^[0-9]{15}$'),
    liaison_unit_code  text check (liaison_unit_code ~ '^[0-9]{18}$'),
    assignee_id        bigint references staff (id) on delete set null,
    reported_by        text not null,
    reporter_key_id    bigint,
    reported_at        timestamptz not null default now(),
    dispatched_at      timestamptz,
    accepted_at        timestamptz,
    resolved_at        timestamptz,
    rated_at           timestamptz,
    resolution         text,
    rating             smallint check (rating between 1 and 5),
    rerouted_from      text
);

create index events_grid_status_ix on events (grid_code, status);
create index events_reported_at_ix on events (reported_at);
create index events_open_assignee_ix on events (assignee_id) where status in ('reported', 'dispatched', 'accepted');
