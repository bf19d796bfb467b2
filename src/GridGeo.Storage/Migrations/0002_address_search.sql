-- Door-plate search (GET /api/locate/address): a search key per household address that makes spelling
-- variants equal, indexed for exact and trigram (pg_trgm) matching.
--
-- gridgeo_address_key(address):
--   1. full-width digits, letters and dashes become half-width (１２号 → 12号);
--   2. "3-2-302" and "3栋2-302" become 3栋2单元302;
--   3. gridgeo_norm_address: lower case, no spaces or punctuation;
--   4. 号楼, 幢 and 座 become 栋; 室 is dropped (302室 = 302);
--   5. leading province / city / county-district / street-town names are dropped, so an address given
--      without them ("no city, no district") has the same key. A district name ends in 区/县/旗 but not 小区.
create or replace function gridgeo_address_key(address text) returns text
language sql immutable parallel safe strict as
$$
select regexp_replace(
         replace(replace(replace(replace(
           gridgeo_norm_address(
             regexp_replace(regexp_replace(
               translate(address,
                 '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－—',
                 '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz--'),
               '([0-9]+)\s*-\s*([0-9]+)\s*-\s*([0-9]+)\s*室?\s*$', '\1栋\2单元\3'),
               '栋\s*([0-9]+)\s*-\s*([0-9]+)\s*室?\s*$', '栋\1单元\2')),
           '号楼', '栋'), '幢', '栋'), '座', '栋'), '室', ''),
         '^([^省]{2,7}省|[^区]{2,8}自治区)?([^市]{2,8}市|[^州]{2,8}自治州|[^盟]{2,6}盟|[^区]{2,6}地区)?([^区县旗市]{1,8}?(?<!小)(区|县|旗)|[^市]{2,6}市)?([^街镇乡]{2,8}(街道|镇|乡))?',
         '')
$$;

alter table households add column address_key text generated always as (gridgeo_address_key(address)) stored;
create index households_address_key_ix on households (address_key);
create index households_address_key_trgm_gix on households using gin (address_key gin_trgm_ops);
