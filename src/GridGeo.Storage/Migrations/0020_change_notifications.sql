-- Change notifications, so that every API process refreshes what it holds in memory at once instead of polling:
--   * channel `gridgeo_changed`, payload `plan`: a statement changed grids, their members, liaison units, plans or
--     area names (the grid locator's fingerprint decides whether the current plan really changed);
--   * payload `addresses`: households, buildings or compounds changed (the door-plate index is rebuilt), and
--     `data_versions.addresses` counts such statements, so that a process that missed the notification (it was
--     reconnecting) sees the change on its next poll without summing a million rows;
--   * payload `api_keys`: a key was added or revoked (every process drops its cache of verified keys).
-- Statement-level triggers: one notification per statement (a COPY of a million households is one), delivered
-- when the transaction commits, never for a rolled-back one; PostgreSQL folds identical ones of a transaction.
create table data_versions (
    name    text primary key,
    version bigint not null default 0
);
insert into data_versions (name) values ('addresses'), ('api_keys');

create function gridgeo_notify_change() returns trigger language plpgsql as $$
begin
    if tg_argv[0] <> 'plan' then
        update data_versions set version = version + 1 where name = tg_argv[0];
    end if;
    perform pg_notify('gridgeo_changed', tg_argv[0]);
    return null;
end
$$;

create trigger grids_changed after insert or update or delete or truncate on grids
    for each statement execute function gridgeo_notify_change('plan');
create trigger grid_members_changed after insert or update or delete or truncate on grid_members
    for each statement execute function gridgeo_notify_change('plan');
create trigger liaison_units_changed after insert or update or delete or truncate on liaison_units
    for each statement execute function gridgeo_notify_change('plan');
create trigger plans_changed after insert or update or delete or truncate on plans
    for each statement execute function gridgeo_notify_change('plan');
create trigger communities_changed after insert or update or delete or truncate on communities
    for each statement execute function gridgeo_notify_change('plan');
create trigger streets_changed after insert or update or delete or truncate on streets
    for each statement execute function gridgeo_notify_change('plan');
create trigger counties_changed after insert or update or delete or truncate on counties
    for each statement execute function gridgeo_notify_change('plan');
create trigger households_changed after insert or update or delete or truncate on households
    for each statement execute function gridgeo_notify_change('addresses');
create trigger buildings_changed after insert or update or delete or truncate on buildings
    for each statement execute function gridgeo_notify_change('addresses');
create trigger compounds_changed after insert or update or delete or truncate on compounds
    for each statement execute function gridgeo_notify_change('addresses');
create trigger api_keys_changed after insert or update or delete or truncate on api_keys
    for each statement execute function gridgeo_notify_change('api_keys');
