-- The address search key is computed by GridGeo.Core.Lookup.AddressKey, stored by the import with each
-- household and computed the same way for each query, instead of by SQL functions in generated columns:
-- the regular expressions of gridgeo_address_key cost tens of microseconds a row in PostgreSQL, most of
-- a million-household import. Existing keys are kept (DROP EXPRESSION retains the stored values).
-- address_norm and its trigram index were never queried: gone.
drop index if exists households_address_trgm_gix;
alter table households drop column if exists address_norm;
alter table households alter column address_key drop expression;
update households set address_key = '' where address_key is null;
alter table households alter column address_key set not null;
drop function if exists gridgeo_address_key(text);
drop function if exists gridgeo_norm_address(text);
