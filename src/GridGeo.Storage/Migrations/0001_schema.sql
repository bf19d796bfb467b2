-- GridGeo schema: administrative areas, the imported district data, plans with their grids and
-- liaison units, and the audit log. Geometry is WGS84 (SRID 4326) everywhere.
create extension if not exists postgis;
create extension if not exists pg_trgm;

-- The door-plate address in the form address search compares: lower case, without spaces and
-- punctuation (ASCII and CJK), so "3号楼 2单元" and "3号楼2单元" match exactly.
create or replace function gridgeo_norm_address(address text) returns text
language sql immutable parallel safe strict as
$$ select lower(regexp_replace(address, '[[:space:][:punct:]，。、；：（）【】《》“”‘’·－—]+', '', 'g')) $$;

create table counties (
    code     text primary key check (code ~ '^[0-9]{6}$'),
    name     text not null,
    boundary geometry(Geometry, 4326) check (boundary is null or st_isvalid(boundary))
);

create table streets (
    code        text primary key check (code ~ '^[0-9]{9}$'),
    county_code text not null references counties (code) check (left(code, 6) = county_code),
    name        text not null,
    boundary    geometry(Geometry, 4326) check (boundary is null or st_isvalid(boundary))
);

create table communities (
    code        text primary key check (code ~ '^[0-9]{12}$'),
    street_code text not null references streets (code) check (left(code, 9) = street_code),
    name        text not null,
    boundary    geometry(Geometry, 4326) not null
        check (st_isvalid(boundary) and geometrytype(boundary) in ('POLYGON', 'MULTIPOLYGON'))
);

-- county_code on the district tables files every row under a county so that re-importing a
-- district replaces exactly its rows; rows outside every community are filed under the bundle's
-- first county.
create table compounds (
    id             text primary key,
    county_code    text not null check (county_code ~ '^[0-9]{6}$'),
    community_code text references communities (code),
    name           text not null,
    boundary       geometry(Geometry, 4326) not null check (st_isvalid(boundary))
);

create table dedicated_areas (
    id             text primary key,
    county_code    text not null check (county_code ~ '^[0-9]{6}$'),
    kind           text not null check (kind in ('park', 'school', 'market', 'hospital', 'government',
                                                 'industrial_park', 'business_building', 'scenic_area')),
    name           text not null,
    community_code text references communities (code),
    boundary       geometry(Geometry, 4326) not null check (st_isvalid(boundary))
);

create table barriers (
    id          bigint generated always as identity primary key,
    county_code text not null check (county_code ~ '^[0-9]{6}$'),
    kind        text not null check (kind in ('major_road', 'minor_road', 'river', 'railway', 'wall')),
    line        geometry(Geometry, 4326) not null
        check (geometrytype(line) in ('LINESTRING', 'MULTILINESTRING'))
);

create table buildings (
    id             text primary key,
    county_code    text not null check (county_code ~ '^[0-9]{6}$'),
    community_code text references communities (code),
    compound_id    text,
    dedicated_id   text,
    households     integer not null check (households >= 0),
    units          integer not null default 1 check (units >= 1),
    floors         integer not null default 1 check (floors >= 1),
    address        text,
    location       geometry(Point, 4326) not null
);

create table households (
    id           text primary key,
    county_code  text not null check (county_code ~ '^[0-9]{6}$'),
    building_id  text not null references buildings (id),
    unit         integer not null check (unit >= 0),
    floor        integer not null check (floor >= 0),
    room         text not null default '',
    address      text not null default '',
    address_norm text generated always as (gridgeo_norm_address(address)) stored,
    location     geometry(Point, 4326) not null
);

create table plans (
    id           bigint generated always as identity primary key,
    status       text not null default 'draft' check (status in ('draft', 'published', 'retired')),
    kind         text not null check (kind in ('partition', 'rebalance', 'import')),
    params       jsonb not null default '{}'::jsonb,
    summary      jsonb,
    progress     real not null default 0 check (progress between 0 and 1),
    error        text,
    created_by   text,
    created_at   timestamptz not null default now(),
    completed_at timestamptz,
    published_at timestamptz
);

-- Grids and liaison units do not reference communities or buildings: a plan is a record of what
-- was decided and outlives a re-import of the district data.
create table grids (
    id             bigint generated always as identity primary key,
    plan_id        bigint not null references plans (id) on delete cascade,
    code           text not null check (code ~ '^[0-9]{15}$'),
    community_code text not null check (community_code ~ '^[0-9]{12}$' and left(code, 12) = community_code),
    kind           text not null check (kind in ('basic', 'dedicated')),
    dedicated_kind text check ((kind = 'dedicated') or dedicated_kind is null),
    boundary       geometry(Geometry, 4326) not null
        check (st_isvalid(boundary) and geometrytype(boundary) in ('POLYGON', 'MULTIPOLYGON')),
    households     integer not null check (households >= 0),
    buildings      text[] not null default '{}',
    locked         boolean not null default false,
    version        integer not null default 1 check (version >= 1),
    valid_from     timestamptz,
    valid_to       timestamptz,
    unique (plan_id, code)
);

create table grid_members (
    grid_id     bigint not null references grids (id) on delete cascade,
    building_id text not null,
    unit        integer,
    households  integer not null check (households >= 0)
);

create table liaison_units (
    id         bigint generated always as identity primary key,
    plan_id    bigint not null references plans (id) on delete cascade,
    code       text not null check (code ~ '^[0-9]{18}$'),
    grid_code  text not null check (grid_code ~ '^[0-9]{15}$' and left(code, 15) = grid_code),
    households integer not null check (households >= 0),
    members    text[] not null default '{}',
    boundary   geometry(Geometry, 4326) check (boundary is null or st_isvalid(boundary)),
    unique (plan_id, code)
);

create table audit_log (
    id     bigint generated always as identity primary key,
    who    text not null,
    at     timestamptz not null default now(),
    action text not null,
    entity text not null,
    before jsonb,
    after  jsonb
);

create index counties_boundary_gix on counties using gist (boundary);
create index streets_boundary_gix on streets using gist (boundary);
create index streets_county_ix on streets (county_code);
create index communities_boundary_gix on communities using gist (boundary);
create index communities_street_ix on communities (street_code);
create index compounds_boundary_gix on compounds using gist (boundary);
create index compounds_county_ix on compounds (county_code);
create index dedicated_areas_boundary_gix on dedicated_areas using gist (boundary);
create index dedicated_areas_county_ix on dedicated_areas (county_code);
create index barriers_line_gix on barriers using gist (line);
create index barriers_county_ix on barriers (county_code);
create index buildings_location_gix on buildings using gist (location);
create index buildings_community_ix on buildings (community_code);
create index buildings_county_ix on buildings (county_code);
create index households_building_ix on households (building_id);
create index households_county_ix on households (county_code);
create index households_address_trgm_gix on households using gin (address_norm gin_trgm_ops);
create index plans_status_ix on plans (status);
create index grids_boundary_gix on grids using gist (boundary);
create index grids_current_ix on grids (community_code) where valid_to is null;
create index grid_members_grid_ix on grid_members (grid_id);
create index grid_members_building_ix on grid_members (building_id);
create index liaison_units_grid_ix on liaison_units (plan_id, grid_code);
create index liaison_units_boundary_gix on liaison_units using gist (boundary);
create index audit_log_at_ix on audit_log (at);
