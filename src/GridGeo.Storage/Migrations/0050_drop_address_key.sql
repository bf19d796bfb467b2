-- Door plates are answered by the in-memory door-plate index (GridGeo.Core.Lookup.DoorPlateIndex, built from
-- households.address with the locator snapshot), not by SQL: households.address_key and its two indexes are no
-- longer read. Dropping them saves the import a computed key per household and a trigram GIN index over a million rows.
drop index if exists households_address_key_trgm_gix;
drop index if exists households_address_key_ix;
alter table households drop column if exists address_key;
