-- minhbach administrative units of Viet Nam in both eras, with validity dates, and the old → new
-- commune mapping. Before 1 July 2025: three tiers (province → district → commune); from 1 July 2025:
-- two tiers (province → commune), districts abolished, 63 provinces merged into 34 and ~10,000 communes
-- into 3,321 (Resolution 202/2025/QH15; Resolutions 1654…1687/NQ-UBTVQH15). Codes are the official
-- statistical codes (GSO / Cục Thống kê; commune codes from 1 July 2025: Official letter 1027/CTK-CSCL).
-- The rows are third-party reference data, not shipped in the repository: `minhbach import admin-units`
-- loads them (src/locations/import.ts).

CREATE TABLE admin_unit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  era text NOT NULL CHECK (era IN ('pre2025', 'post2025')),
  level text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  code text NOT NULL,
  name text NOT NULL,
  short_name text NOT NULL,
  name_folded text NOT NULL,
  unit_type text NOT NULL,
  parent_code text,
  province_code text NOT NULL,
  valid_from date,
  valid_to date,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (era, level, code),
  CHECK (code ~ '^[0-9]+$' AND char_length(code) = CASE level WHEN 'province' THEN 2 WHEN 'district' THEN 3 ELSE 5 END),
  CHECK (level <> 'district' OR era = 'pre2025'),
  CHECK ((level = 'province') = (parent_code IS NULL)),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX admin_unit_parent_idx ON admin_unit (era, parent_code);
CREATE INDEX admin_unit_province_idx ON admin_unit (era, level, province_code);
CREATE INDEX admin_unit_name_folded_idx ON admin_unit (level, name_folded);
COMMENT ON TABLE admin_unit IS 'Administrative units (đơn vị hành chính) of both eras: pre-2025 provinces, districts and communes (valid until 2025-06-30) and post-2025 provinces and communes (valid from 2025-07-01). Reference data imported by minhbach import admin-units.';
COMMENT ON COLUMN admin_unit.id IS 'Surrogate key.';
COMMENT ON COLUMN admin_unit.era IS 'pre2025 (three tiers, until 30 June 2025) or post2025 (two tiers, from 1 July 2025, Resolution 202/2025/QH15). The same code can mean different units in the two eras.';
COMMENT ON COLUMN admin_unit.level IS 'province (cấp tỉnh), district (cấp huyện, pre2025 only) or commune (cấp xã: xã, phường, thị trấn, đặc khu).';
COMMENT ON COLUMN admin_unit.code IS 'Official statistical code, a string with leading zeros: province 2 digits (Hà Nội = 01), district 3 digits, commune 5 digits.';
COMMENT ON COLUMN admin_unit.name IS 'Full official name with the unit-type prefix (Thành phố Hà Nội, Quận Ba Đình, Phường Phúc Xá), Unicode NFC, single spaces.';
COMMENT ON COLUMN admin_unit.short_name IS 'Name without the unit-type prefix (Hà Nội, Ba Đình); equal to name when the rest is only a number (Phường 12).';
COMMENT ON COLUMN admin_unit.name_folded IS 'short_name folded for matching published names: lower case, no diacritics, đ → d (src/text/fold.ts).';
COMMENT ON COLUMN admin_unit.unit_type IS 'Unit type (loại đơn vị): Thành phố Trung ương, Tỉnh; Quận, Huyện, Thị xã, Thành phố; Phường, Xã, Thị trấn, Đặc khu.';
COMMENT ON COLUMN admin_unit.parent_code IS 'Code of the unit one tier up in the same era: the district of a pre2025 commune, the province of a district or of a post2025 commune; NULL for a province.';
COMMENT ON COLUMN admin_unit.province_code IS 'Code of the province the unit belongs to in the same era (its own code for a province).';
COMMENT ON COLUMN admin_unit.valid_from IS 'First day the unit is valid in this list (Vietnam calendar date); NULL when earlier than the list records (pre2025 units); 2025-07-01 for post2025 units.';
COMMENT ON COLUMN admin_unit.valid_to IS 'Last day the unit is valid (Vietnam calendar date): 2025-06-30 for pre2025 units; NULL while in force.';
COMMENT ON COLUMN admin_unit.source IS 'Reference file the row was imported from, relative to the imported folder (pre-2025/dvhcvn.json, post-2025/address.json).';
COMMENT ON COLUMN admin_unit.created_at IS 'When the row was imported.';

CREATE TABLE admin_unit_mapping (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  old_commune_code text,
  old_commune_name text,
  old_district_name text,
  old_province_name text,
  new_commune_code text NOT NULL,
  new_commune_code_src text NOT NULL,
  new_commune_name_src text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (old_commune_code, old_commune_name, old_district_name, old_province_name, new_commune_code),
  CHECK (old_commune_code IS NULL OR old_commune_code ~ '^[0-9]{5}$'),
  CHECK (new_commune_code ~ '^[0-9]{5}$'),
  CHECK (old_commune_code IS NOT NULL OR old_commune_name IS NOT NULL)
);
CREATE INDEX admin_unit_mapping_old_code_idx ON admin_unit_mapping (old_commune_code);
CREATE INDEX admin_unit_mapping_new_code_idx ON admin_unit_mapping (new_commune_code);
COMMENT ON TABLE admin_unit_mapping IS 'Old commune → commune in force from 1 July 2025 (from ward_mappings of the reference data). An old commune split between several new communes has one row per new commune.';
COMMENT ON COLUMN admin_unit_mapping.id IS 'Surrogate key.';
COMMENT ON COLUMN admin_unit_mapping.old_commune_code IS 'Code of the old commune (admin_unit era pre2025, level commune); NULL when the source matched the old commune by name only (mostly communes already merged before the 2025-03-01 list).';
COMMENT ON COLUMN admin_unit_mapping.old_commune_name IS 'Old commune name as the source gives it (NFC, single spaces).';
COMMENT ON COLUMN admin_unit_mapping.old_district_name IS 'Old district name as the source gives it.';
COMMENT ON COLUMN admin_unit_mapping.old_province_name IS 'Old province name as the source gives it.';
COMMENT ON COLUMN admin_unit_mapping.new_commune_code IS 'Code of the new commune (admin_unit era post2025, level commune), always a code of the official list (Official letter 1027/CTK-CSCL).';
COMMENT ON COLUMN admin_unit_mapping.new_commune_code_src IS 'New commune code as the source gave it; differs from new_commune_code where the source code is not a post-2025 code and the new commune was found by its name within its province.';
COMMENT ON COLUMN admin_unit_mapping.new_commune_name_src IS 'New commune name as the source gave it.';
COMMENT ON COLUMN admin_unit_mapping.source IS 'Reference file the row was imported from, relative to the imported folder (post-2025/address.json).';
COMMENT ON COLUMN admin_unit_mapping.created_at IS 'When the row was imported.';
