-- minhbach foundation: organisations, procurement plans (KHLCNT), packages, invitations to bid (TBMT)
-- with every version, extensions, cancellations, bid-opening records, selection results (KQLCNT),
-- contract information, the audit log and a derived search index.
-- Conventions: times are timestamptz (instants, UTC); money is VND as bigint; the national system's
-- raw codes are kept in *_code_src columns beside our normalised values (see src/procurement/codes.ts).

CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_meta IS 'Small key/value facts about this installation (e.g. whether demo data was loaded).';
COMMENT ON COLUMN app_meta.key IS 'Name of the fact, e.g. demo_loaded.';
COMMENT ON COLUMN app_meta.value IS 'JSON value of the fact.';
COMMENT ON COLUMN app_meta.updated_at IS 'When the fact was last written.';

CREATE TABLE org (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  code_is_local boolean NOT NULL DEFAULT false,
  tax_code text,
  name text NOT NULL,
  name_folded text NOT NULL,
  name_en text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_name_folded_idx ON org (name_folded);
COMMENT ON TABLE org IS 'Organisations: investors (chủ đầu tư), procuring entities (bên mời thầu) and contractors (nhà thầu).';
COMMENT ON COLUMN org.id IS 'Surrogate key.';
COMMENT ON COLUMN org.code IS 'Code on the national system (vn + tax code, or vnz… for units); a local code mb-… when the source gives only a name.';
COMMENT ON COLUMN org.code_is_local IS 'True when code was made by minhbach from the name because the source gave no code.';
COMMENT ON COLUMN org.tax_code IS 'Tax code (mã số thuế) when known.';
COMMENT ON COLUMN org.name IS 'Name as published, Unicode NFC.';
COMMENT ON COLUMN org.name_folded IS 'Name folded for matching and search: lower case, no diacritics (src/text/fold.ts).';
COMMENT ON COLUMN org.name_en IS 'English name when published.';
COMMENT ON COLUMN org.source IS 'Where the organisation first came from: muasamcong, demo or minhbach.';
COMMENT ON COLUMN org.created_at IS 'When the row was created.';

CREATE TABLE khlcnt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_no text NOT NULL UNIQUE,
  plan_version text,
  name text,
  plan_type text,
  project_name text,
  investor_id bigint REFERENCES org(id),
  decision_no text,
  decision_date timestamptz,
  published_at timestamptz,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE khlcnt IS 'Contractor-selection plans (kế hoạch lựa chọn nhà thầu, KHLCNT), Law 22/2023 Art. 39.';
COMMENT ON COLUMN khlcnt.id IS 'Surrogate key.';
COMMENT ON COLUMN khlcnt.plan_no IS 'Plan number on the national system (PL + yy + 8 digits).';
COMMENT ON COLUMN khlcnt.plan_version IS 'Plan version on the national system (00, 01, …).';
COMMENT ON COLUMN khlcnt.name IS 'Plan name.';
COMMENT ON COLUMN khlcnt.plan_type IS 'National plan type code: TX (recurrent spending) or DTPT (development investment).';
COMMENT ON COLUMN khlcnt.project_name IS 'Project (dự án / dự toán mua sắm) the plan belongs to.';
COMMENT ON COLUMN khlcnt.investor_id IS 'Investor (chủ đầu tư) who owns the plan.';
COMMENT ON COLUMN khlcnt.decision_no IS 'Number of the approval decision.';
COMMENT ON COLUMN khlcnt.decision_date IS 'When the plan was approved.';
COMMENT ON COLUMN khlcnt.published_at IS 'When the plan was published.';
COMMENT ON COLUMN khlcnt.source IS 'muasamcong, demo or minhbach.';
COMMENT ON COLUMN khlcnt.created_at IS 'When the row was created.';

CREATE TABLE package (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bid_no text UNIQUE,
  khlcnt_id bigint REFERENCES khlcnt(id),
  name text NOT NULL,
  field text,
  field_code_src text,
  method text,
  method_code_src text,
  procedure text,
  contract_type text,
  contract_period integer,
  contract_period_unit text,
  price_vnd bigint,
  estimate_vnd bigint,
  price_detail jsonb,
  funding text,
  is_domestic boolean,
  is_internet boolean,
  selection_start text,
  selection_duration text,
  summary text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE package IS 'Bidding packages (gói thầu) as listed in a plan; a package without a known plan line has bid_no NULL.';
COMMENT ON COLUMN package.id IS 'Surrogate key.';
COMMENT ON COLUMN package.bid_no IS 'Package number on the national system (BP + yy + 8 digits).';
COMMENT ON COLUMN package.khlcnt_id IS 'Plan that lists the package.';
COMMENT ON COLUMN package.name IS 'Package name.';
COMMENT ON COLUMN package.field IS 'Normalised field (lĩnh vực): HH, XL, TV, PTV, HON_HOP.';
COMMENT ON COLUMN package.field_code_src IS 'Field code as the source gave it.';
COMMENT ON COLUMN package.method IS 'Normalised selection method (hình thức), see codes.ts.';
COMMENT ON COLUMN package.method_code_src IS 'Method code as the source gave it (bidForm).';
COMMENT ON COLUMN package.procedure IS 'Procedure (phương thức): 1_MTHS, 1_HTHS, 2_MTHS, 2_HTHS.';
COMMENT ON COLUMN package.contract_type IS 'Contract type code (TG lump sum, DGCD, DGDC, …).';
COMMENT ON COLUMN package.contract_period IS 'Contract period length.';
COMMENT ON COLUMN package.contract_period_unit IS 'Unit of contract_period: D days, M months, Y years.';
COMMENT ON COLUMN package.price_vnd IS 'Package price (giá gói thầu), VND.';
COMMENT ON COLUMN package.estimate_vnd IS 'Estimate (dự toán), VND.';
COMMENT ON COLUMN package.price_detail IS 'Price by currency as published: [{currency, amount, exchangeRate}].';
COMMENT ON COLUMN package.funding IS 'Funding source (nguồn vốn), free text.';
COMMENT ON COLUMN package.is_domestic IS 'True for domestic, false for international bidding.';
COMMENT ON COLUMN package.is_internet IS 'True when run online on the national system.';
COMMENT ON COLUMN package.selection_start IS 'Planned start of selection as published (e.g. Tháng 3/2026).';
COMMENT ON COLUMN package.selection_duration IS 'Planned duration of selection as published (e.g. 45 ngày).';
COMMENT ON COLUMN package.summary IS 'Short description of the work (generalTasks).';
COMMENT ON COLUMN package.source IS 'muasamcong, demo or minhbach.';
COMMENT ON COLUMN package.created_at IS 'When the row was created.';

CREATE TABLE tbmt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notify_no text NOT NULL UNIQUE,
  package_id bigint NOT NULL REFERENCES package(id),
  notice_type text NOT NULL DEFAULT 'TBMT',
  first_published_at timestamptz,
  source_id text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tbmt IS 'Invitations to bid (thông báo mời thầu, TBMT), prequalification (TBMST) and EOI (TBMQT) notices: identity only; content is in tbmt_version.';
COMMENT ON COLUMN tbmt.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt.notify_no IS 'Notice number without version (IB + yy + 8 digits).';
COMMENT ON COLUMN tbmt.package_id IS 'Package the notice invites bids for.';
COMMENT ON COLUMN tbmt.notice_type IS 'TBMT, TBMST (prequalification) or TBMQT (expression of interest).';
COMMENT ON COLUMN tbmt.first_published_at IS 'First publication (originalPublicDate); amendments keep it.';
COMMENT ON COLUMN tbmt.source_id IS 'Identifier of the notice on the source system (notifyId UUID).';
COMMENT ON COLUMN tbmt.source IS 'muasamcong, demo or minhbach.';
COMMENT ON COLUMN tbmt.created_at IS 'When the row was created.';

CREATE TABLE tbmt_version (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  version text NOT NULL,
  published_at timestamptz,
  name text NOT NULL,
  investor_id bigint REFERENCES org(id),
  procuring_entity_id bigint REFERENCES org(id),
  field text,
  field_code_src text,
  method text,
  method_code_src text,
  procedure text,
  contract_type text,
  contract_period integer,
  contract_period_unit text,
  is_domestic boolean,
  is_internet boolean,
  price_vnd bigint,
  estimate_vnd bigint,
  funding text,
  bid_close_at timestamptz,
  bid_open_at timestamptz,
  bid_validity_days integer,
  bid_security_vnd bigint,
  bid_security_form text,
  fee_type text,
  fee_vnd bigint,
  issue_location text,
  receive_location text,
  open_location text,
  documents_decision_no text,
  documents_decision_date timestamptz,
  documents_decision_agency text,
  documents_decision_file text,
  amendment_reason text,
  status_code_src text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tbmt_id, version)
);
COMMENT ON TABLE tbmt_version IS 'Each published version of a notice (00 original, 01… amendments). Immutable once published: corrections are new versions.';
COMMENT ON COLUMN tbmt_version.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt_version.tbmt_id IS 'The notice.';
COMMENT ON COLUMN tbmt_version.version IS 'Version number as on the national system (00, 01, …).';
COMMENT ON COLUMN tbmt_version.published_at IS 'When this version was published (publicDate).';
COMMENT ON COLUMN tbmt_version.name IS 'Package name in this version (bidName).';
COMMENT ON COLUMN tbmt_version.investor_id IS 'Investor (chủ đầu tư).';
COMMENT ON COLUMN tbmt_version.procuring_entity_id IS 'Procuring entity (bên mời thầu).';
COMMENT ON COLUMN tbmt_version.field IS 'Normalised field: HH, XL, TV, PTV, HON_HOP.';
COMMENT ON COLUMN tbmt_version.field_code_src IS 'Field code as the source gave it (investField).';
COMMENT ON COLUMN tbmt_version.method IS 'Normalised selection method, see codes.ts.';
COMMENT ON COLUMN tbmt_version.method_code_src IS 'Method code as the source gave it (bidForm).';
COMMENT ON COLUMN tbmt_version.procedure IS 'Procedure (bidMode): 1_MTHS, 1_HTHS, 2_MTHS, 2_HTHS.';
COMMENT ON COLUMN tbmt_version.contract_type IS 'Contract type code (TG, DGCD, DGDC, …).';
COMMENT ON COLUMN tbmt_version.contract_period IS 'Contract performance period length.';
COMMENT ON COLUMN tbmt_version.contract_period_unit IS 'D, M or Y.';
COMMENT ON COLUMN tbmt_version.is_domestic IS 'True domestic, false international.';
COMMENT ON COLUMN tbmt_version.is_internet IS 'True when bids are submitted online.';
COMMENT ON COLUMN tbmt_version.price_vnd IS 'Package price (giá gói thầu), VND.';
COMMENT ON COLUMN tbmt_version.estimate_vnd IS 'Estimate (dự toán), VND.';
COMMENT ON COLUMN tbmt_version.funding IS 'Funding source (capitalDetail).';
COMMENT ON COLUMN tbmt_version.bid_close_at IS 'Bid closing time (thời điểm đóng thầu).';
COMMENT ON COLUMN tbmt_version.bid_open_at IS 'Bid opening time (thời điểm mở thầu).';
COMMENT ON COLUMN tbmt_version.bid_validity_days IS 'Bid validity (hiệu lực hồ sơ dự thầu), days.';
COMMENT ON COLUMN tbmt_version.bid_security_vnd IS 'Bid security (bảo đảm dự thầu), VND.';
COMMENT ON COLUMN tbmt_version.bid_security_form IS 'Form of bid security as published (e.g. Cam kết, Thư bảo lãnh).';
COMMENT ON COLUMN tbmt_version.fee_type IS 'Fee type code of the bidding documents (F free).';
COMMENT ON COLUMN tbmt_version.fee_vnd IS 'Fee for the bidding documents, VND.';
COMMENT ON COLUMN tbmt_version.issue_location IS 'Where bidding documents are issued.';
COMMENT ON COLUMN tbmt_version.receive_location IS 'Where bids are received.';
COMMENT ON COLUMN tbmt_version.open_location IS 'Where bids are opened.';
COMMENT ON COLUMN tbmt_version.documents_decision_no IS 'Decision approving the bidding documents (HSMT): number.';
COMMENT ON COLUMN tbmt_version.documents_decision_date IS 'Decision approving the bidding documents: date.';
COMMENT ON COLUMN tbmt_version.documents_decision_agency IS 'Decision approving the bidding documents: issuing agency.';
COMMENT ON COLUMN tbmt_version.documents_decision_file IS 'Decision approving the bidding documents: file name.';
COMMENT ON COLUMN tbmt_version.amendment_reason IS 'Why this version amends the previous one.';
COMMENT ON COLUMN tbmt_version.status_code_src IS 'Notice status code on the source (01 published, 03 cancelled).';
COMMENT ON COLUMN tbmt_version.source IS 'muasamcong, demo or minhbach.';
COMMENT ON COLUMN tbmt_version.created_at IS 'When the row was created.';

CREATE TABLE tbmt_location (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_version_id bigint NOT NULL REFERENCES tbmt_version(id),
  province_code text,
  province_name text,
  district_code text,
  district_name text,
  ward_code text,
  ward_name text,
  UNIQUE NULLS NOT DISTINCT (tbmt_version_id, province_code, district_code, ward_code)
);
COMMENT ON TABLE tbmt_location IS 'Places where the package is carried out (bidpBidLocationList).';
COMMENT ON COLUMN tbmt_location.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt_location.tbmt_version_id IS 'Notice version.';
COMMENT ON COLUMN tbmt_location.province_code IS 'Province code (GSO, Hà Nội = 01), normalised from legacy portal codes.';
COMMENT ON COLUMN tbmt_location.province_name IS 'Province name as published.';
COMMENT ON COLUMN tbmt_location.district_code IS 'District code (pre-July-2025 era; the source sometimes puts a commune here).';
COMMENT ON COLUMN tbmt_location.district_name IS 'District name as published.';
COMMENT ON COLUMN tbmt_location.ward_code IS 'Ward/commune code.';
COMMENT ON COLUMN tbmt_location.ward_name IS 'Ward/commune name as published.';

CREATE TABLE tbmt_lot (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_version_id bigint NOT NULL REFERENCES tbmt_version(id),
  lot_no text NOT NULL,
  name text,
  price_vnd bigint,
  UNIQUE (tbmt_version_id, lot_no)
);
COMMENT ON TABLE tbmt_lot IS 'Lots (phần lô) of a multi-lot notice version.';
COMMENT ON COLUMN tbmt_lot.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt_lot.tbmt_version_id IS 'Notice version.';
COMMENT ON COLUMN tbmt_lot.lot_no IS 'Lot number (PP… or BP… for a single-lot package).';
COMMENT ON COLUMN tbmt_lot.name IS 'Lot name.';
COMMENT ON COLUMN tbmt_lot.price_vnd IS 'Lot price, VND.';

CREATE TABLE tbmt_extension (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  published_at timestamptz NOT NULL,
  old_close_at timestamptz,
  new_close_at timestamptz,
  old_open_at timestamptz,
  new_open_at timestamptz,
  reason text,
  source text NOT NULL,
  UNIQUE (tbmt_id, published_at)
);
COMMENT ON TABLE tbmt_extension IS 'Extensions of the closing/opening time (gia hạn), Decree 214/2025 Art. 140.';
COMMENT ON COLUMN tbmt_extension.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt_extension.tbmt_id IS 'The notice.';
COMMENT ON COLUMN tbmt_extension.published_at IS 'When the extension was published.';
COMMENT ON COLUMN tbmt_extension.old_close_at IS 'Closing time before the extension.';
COMMENT ON COLUMN tbmt_extension.new_close_at IS 'Closing time after the extension.';
COMMENT ON COLUMN tbmt_extension.old_open_at IS 'Opening time before the extension.';
COMMENT ON COLUMN tbmt_extension.new_open_at IS 'Opening time after the extension.';
COMMENT ON COLUMN tbmt_extension.reason IS 'Reason given.';
COMMENT ON COLUMN tbmt_extension.source IS 'muasamcong, demo or minhbach.';

CREATE TABLE tbmt_cancellation (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL UNIQUE REFERENCES tbmt(id),
  cancelled_at timestamptz,
  reason text,
  decision_no text,
  decision_date timestamptz,
  decision_agency text,
  decision_file text,
  cancel_type_src text,
  source text NOT NULL
);
COMMENT ON TABLE tbmt_cancellation IS 'Cancellation of a notice (hủy thầu), published within 5 working days of the decision (Decree 214/2025 Art. 33.4).';
COMMENT ON COLUMN tbmt_cancellation.id IS 'Surrogate key.';
COMMENT ON COLUMN tbmt_cancellation.tbmt_id IS 'The cancelled notice.';
COMMENT ON COLUMN tbmt_cancellation.cancelled_at IS 'When the cancellation was published (cancelDate).';
COMMENT ON COLUMN tbmt_cancellation.reason IS 'Reason for cancelling (cancelReason).';
COMMENT ON COLUMN tbmt_cancellation.decision_no IS 'Cancellation decision number.';
COMMENT ON COLUMN tbmt_cancellation.decision_date IS 'Cancellation decision date.';
COMMENT ON COLUMN tbmt_cancellation.decision_agency IS 'Agency that signed the decision.';
COMMENT ON COLUMN tbmt_cancellation.decision_file IS 'File name of the decision.';
COMMENT ON COLUMN tbmt_cancellation.cancel_type_src IS 'Cancel type code on the source.';
COMMENT ON COLUMN tbmt_cancellation.source IS 'muasamcong, demo or minhbach.';

CREATE TABLE bid_opening (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL UNIQUE REFERENCES tbmt(id),
  opened_at timestamptz,
  source text NOT NULL
);
COMMENT ON TABLE bid_opening IS 'Bid-opening record (biên bản mở thầu): the list of participating contractors; e-bids ≤ 2 h after closing (Circular 79/2025 Art. 29).';
COMMENT ON COLUMN bid_opening.id IS 'Surrogate key.';
COMMENT ON COLUMN bid_opening.tbmt_id IS 'The notice.';
COMMENT ON COLUMN bid_opening.opened_at IS 'When bids were actually opened (bidRealityOpenDate / successBidOpenDate).';
COMMENT ON COLUMN bid_opening.source IS 'muasamcong, demo or minhbach.';

CREATE TABLE bid_opening_bidder (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bid_opening_id bigint NOT NULL REFERENCES bid_opening(id),
  lot_no text NOT NULL DEFAULT '',
  lot_name text,
  contractor_id bigint NOT NULL REFERENCES org(id),
  bid_price_vnd bigint,
  discount_percent numeric,
  final_price_vnd bigint,
  bid_security_vnd bigint,
  bid_security_days integer,
  bid_validity_days integer,
  execution_period text,
  submitted_at timestamptz,
  UNIQUE (bid_opening_id, lot_no, contractor_id)
);
COMMENT ON TABLE bid_opening_bidder IS 'One bidder (per lot) in a bid-opening record.';
COMMENT ON COLUMN bid_opening_bidder.id IS 'Surrogate key.';
COMMENT ON COLUMN bid_opening_bidder.bid_opening_id IS 'The bid-opening record.';
COMMENT ON COLUMN bid_opening_bidder.lot_no IS 'Lot number; empty string for a single-lot package without one.';
COMMENT ON COLUMN bid_opening_bidder.lot_name IS 'Lot name.';
COMMENT ON COLUMN bid_opening_bidder.contractor_id IS 'The bidder (nhà thầu).';
COMMENT ON COLUMN bid_opening_bidder.bid_price_vnd IS 'Bid price (giá dự thầu, lotPrice), VND.';
COMMENT ON COLUMN bid_opening_bidder.discount_percent IS 'Discount offered, percent.';
COMMENT ON COLUMN bid_opening_bidder.final_price_vnd IS 'Price after discount (lotFinalPrice), VND.';
COMMENT ON COLUMN bid_opening_bidder.bid_security_vnd IS 'Bid security amount, VND.';
COMMENT ON COLUMN bid_opening_bidder.bid_security_days IS 'Validity of the bid security, days.';
COMMENT ON COLUMN bid_opening_bidder.bid_validity_days IS 'Validity of the bid, days.';
COMMENT ON COLUMN bid_opening_bidder.execution_period IS 'Execution period offered, as published.';
COMMENT ON COLUMN bid_opening_bidder.submitted_at IS 'When the bid was submitted.';

CREATE TABLE kqlcnt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  version text NOT NULL,
  published_at timestamptz,
  decision_no text,
  decision_date timestamptz,
  decision_agency text,
  decision_file text,
  report_file text,
  source_id text,
  source text NOT NULL,
  UNIQUE (tbmt_id, version)
);
COMMENT ON TABLE kqlcnt IS 'Contractor-selection results (kết quả lựa chọn nhà thầu, KQLCNT), published ≤ 5 working days after approval (Law 22/2023 Art. 8.4).';
COMMENT ON COLUMN kqlcnt.id IS 'Surrogate key.';
COMMENT ON COLUMN kqlcnt.tbmt_id IS 'The notice the result closes.';
COMMENT ON COLUMN kqlcnt.version IS 'Result version (00, 01, …).';
COMMENT ON COLUMN kqlcnt.published_at IS 'When the result was published.';
COMMENT ON COLUMN kqlcnt.decision_no IS 'Approval decision number.';
COMMENT ON COLUMN kqlcnt.decision_date IS 'Approval decision date.';
COMMENT ON COLUMN kqlcnt.decision_agency IS 'Agency that approved the result.';
COMMENT ON COLUMN kqlcnt.decision_file IS 'File name of the decision.';
COMMENT ON COLUMN kqlcnt.report_file IS 'File name of the evaluation report.';
COMMENT ON COLUMN kqlcnt.source_id IS 'Identifier of the result on the source (inputResultId).';
COMMENT ON COLUMN kqlcnt.source IS 'muasamcong, demo or minhbach.';

CREATE TABLE kqlcnt_bidder (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kqlcnt_id bigint NOT NULL REFERENCES kqlcnt(id),
  lot_no text NOT NULL DEFAULT '',
  lot_name text,
  contractor_id bigint NOT NULL REFERENCES org(id),
  is_winner boolean NOT NULL,
  reason text,
  bid_price_vnd bigint,
  final_price_vnd bigint,
  evaluated_price_vnd bigint,
  tech_score numeric,
  winning_price_vnd bigint,
  contract_period text,
  price_detail jsonb,
  UNIQUE (kqlcnt_id, lot_no, contractor_id)
);
COMMENT ON TABLE kqlcnt_bidder IS 'Each bidder in a result: winners (bidResult 1) and losers with the reason.';
COMMENT ON COLUMN kqlcnt_bidder.id IS 'Surrogate key.';
COMMENT ON COLUMN kqlcnt_bidder.kqlcnt_id IS 'The result.';
COMMENT ON COLUMN kqlcnt_bidder.lot_no IS 'Lot number; empty string when none.';
COMMENT ON COLUMN kqlcnt_bidder.lot_name IS 'Lot name.';
COMMENT ON COLUMN kqlcnt_bidder.contractor_id IS 'The bidder.';
COMMENT ON COLUMN kqlcnt_bidder.is_winner IS 'True for the winning bidder(s).';
COMMENT ON COLUMN kqlcnt_bidder.reason IS 'Reason for not winning (or ranking) as published.';
COMMENT ON COLUMN kqlcnt_bidder.bid_price_vnd IS 'Bid price, VND.';
COMMENT ON COLUMN kqlcnt_bidder.final_price_vnd IS 'Bid price after discount, VND.';
COMMENT ON COLUMN kqlcnt_bidder.evaluated_price_vnd IS 'Evaluated price (giá đánh giá), VND.';
COMMENT ON COLUMN kqlcnt_bidder.tech_score IS 'Technical score.';
COMMENT ON COLUMN kqlcnt_bidder.winning_price_vnd IS 'Winning price (giá trúng thầu), VND.';
COMMENT ON COLUMN kqlcnt_bidder.contract_period IS 'Contract period, as published (e.g. 195 ngày).';
COMMENT ON COLUMN kqlcnt_bidder.price_detail IS 'Prices in other currencies as published.';

CREATE TABLE kqlcnt_item (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kqlcnt_id bigint NOT NULL REFERENCES kqlcnt(id),
  contractor_id bigint REFERENCES org(id),
  lot_no text NOT NULL DEFAULT '',
  position integer NOT NULL,
  name text NOT NULL,
  model text,
  brand text,
  year text,
  origin text,
  manufacturer text,
  configuration text,
  unit text,
  quantity numeric,
  hs_code text,
  unit_price_vnd bigint,
  amount_vnd bigint,
  UNIQUE NULLS NOT DISTINCT (kqlcnt_id, contractor_id, lot_no, position)
);
COMMENT ON TABLE kqlcnt_item IS 'Goods item table of a result (hàng hóa trúng thầu), per winning contractor.';
COMMENT ON COLUMN kqlcnt_item.id IS 'Surrogate key.';
COMMENT ON COLUMN kqlcnt_item.kqlcnt_id IS 'The result.';
COMMENT ON COLUMN kqlcnt_item.contractor_id IS 'Contractor offering the item.';
COMMENT ON COLUMN kqlcnt_item.lot_no IS 'Lot number; empty string when none.';
COMMENT ON COLUMN kqlcnt_item.position IS 'Order of the item in the table, from 1.';
COMMENT ON COLUMN kqlcnt_item.name IS 'Item name.';
COMMENT ON COLUMN kqlcnt_item.model IS 'Model / code (ký mã hiệu).';
COMMENT ON COLUMN kqlcnt_item.brand IS 'Brand (nhãn hiệu).';
COMMENT ON COLUMN kqlcnt_item.year IS 'Year of manufacture.';
COMMENT ON COLUMN kqlcnt_item.origin IS 'Country of origin (xuất xứ).';
COMMENT ON COLUMN kqlcnt_item.manufacturer IS 'Manufacturer (hãng sản xuất).';
COMMENT ON COLUMN kqlcnt_item.configuration IS 'Configuration / technical features.';
COMMENT ON COLUMN kqlcnt_item.unit IS 'Unit of measure.';
COMMENT ON COLUMN kqlcnt_item.quantity IS 'Quantity.';
COMMENT ON COLUMN kqlcnt_item.hs_code IS 'HS code.';
COMMENT ON COLUMN kqlcnt_item.unit_price_vnd IS 'Unit price, VND.';
COMMENT ON COLUMN kqlcnt_item.amount_vnd IS 'Line amount, VND.';

CREATE TABLE contract (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tbmt_id bigint NOT NULL REFERENCES tbmt(id),
  contract_no text NOT NULL,
  supplier_id bigint REFERENCES org(id),
  lot_no text NOT NULL DEFAULT '',
  value_vnd bigint,
  signed_at timestamptz,
  effective_at timestamptz,
  period text,
  published_at timestamptz,
  source text NOT NULL,
  UNIQUE (tbmt_id, contract_no)
);
COMMENT ON TABLE contract IS 'Main contract information, published ≤ 5 working days after the contract takes effect (Law 22/2023 Art. 8.4).';
COMMENT ON COLUMN contract.id IS 'Surrogate key.';
COMMENT ON COLUMN contract.tbmt_id IS 'The notice whose result the contract follows.';
COMMENT ON COLUMN contract.contract_no IS 'Contract number.';
COMMENT ON COLUMN contract.supplier_id IS 'Contractor who signed.';
COMMENT ON COLUMN contract.lot_no IS 'Lot number; empty string when none.';
COMMENT ON COLUMN contract.value_vnd IS 'Contract value, VND.';
COMMENT ON COLUMN contract.signed_at IS 'When signed.';
COMMENT ON COLUMN contract.effective_at IS 'When it took effect.';
COMMENT ON COLUMN contract.period IS 'Performance period, as published.';
COMMENT ON COLUMN contract.published_at IS 'When the contract information was published.';
COMMENT ON COLUMN contract.source IS 'muasamcong, demo or minhbach.';

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id bigint,
  old_value jsonb,
  new_value jsonb
);
COMMENT ON TABLE audit_log IS 'Every write: who, when, what (old → new), written in the same transaction as the write.';
COMMENT ON COLUMN audit_log.id IS 'Order of writing.';
COMMENT ON COLUMN audit_log.at IS 'Transaction time of the write.';
COMMENT ON COLUMN audit_log.actor IS 'Who wrote: a user, or a process such as import:muasamcong or demo.';
COMMENT ON COLUMN audit_log.action IS 'create or update.';
COMMENT ON COLUMN audit_log.entity IS 'Table written.';
COMMENT ON COLUMN audit_log.entity_id IS 'Row written.';
COMMENT ON COLUMN audit_log.old_value IS 'Changed columns before the write (NULL on create).';
COMMENT ON COLUMN audit_log.new_value IS 'Changed columns after the write.';
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE TABLE tbmt_search (
  tbmt_id bigint PRIMARY KEY REFERENCES tbmt(id),
  notify_no text NOT NULL,
  folded text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED,
  state text NOT NULL,
  field text,
  method text,
  province_codes text[] NOT NULL DEFAULT '{}',
  price_vnd bigint,
  published_at timestamptz,
  bid_close_at timestamptz,
  result_published_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE tbmt_search IS 'Derived search index over the current state of each notice; rebuilt from the tables above on every write to that notice.';
COMMENT ON COLUMN tbmt_search.tbmt_id IS 'The notice.';
COMMENT ON COLUMN tbmt_search.notify_no IS 'Notice number, for exact and prefix code lookup.';
COMMENT ON COLUMN tbmt_search.folded IS 'Lower-case text without diacritics (đ → d) of names, organisations and codes (see src/text/fold.ts).';
COMMENT ON COLUMN tbmt_search.tsv IS 'Full-text vector of folded (simple configuration).';
COMMENT ON COLUMN tbmt_search.state IS 'Stage reached by the records: published (no opening, result or cancellation yet — open or closed is decided at query time from bid_close_at vs now()), opened, awarded or cancelled.';
COMMENT ON COLUMN tbmt_search.field IS 'Normalised field of the current version.';
COMMENT ON COLUMN tbmt_search.method IS 'Normalised method of the current version.';
COMMENT ON COLUMN tbmt_search.province_codes IS 'Province codes of the current version''s locations.';
COMMENT ON COLUMN tbmt_search.price_vnd IS 'Package price of the current version, VND.';
COMMENT ON COLUMN tbmt_search.published_at IS 'First publication of the notice.';
COMMENT ON COLUMN tbmt_search.bid_close_at IS 'Closing time of the current version (after extensions).';
COMMENT ON COLUMN tbmt_search.result_published_at IS 'Publication of the latest result, if any.';
COMMENT ON COLUMN tbmt_search.is_demo IS 'True for demo data.';
CREATE INDEX tbmt_search_tsv_idx ON tbmt_search USING gin (tsv);
CREATE INDEX tbmt_search_notify_no_idx ON tbmt_search (notify_no text_pattern_ops);
CREATE INDEX tbmt_search_published_idx ON tbmt_search (published_at DESC, tbmt_id DESC);
CREATE INDEX tbmt_search_close_idx ON tbmt_search (bid_close_at);
CREATE INDEX tbmt_search_result_idx ON tbmt_search (result_published_at DESC);

CREATE INDEX tbmt_package_idx ON tbmt (package_id);
CREATE INDEX tbmt_version_investor_idx ON tbmt_version (investor_id);
CREATE INDEX tbmt_version_pe_idx ON tbmt_version (procuring_entity_id);
CREATE INDEX bid_opening_bidder_contractor_idx ON bid_opening_bidder (contractor_id);
CREATE INDEX kqlcnt_bidder_contractor_idx ON kqlcnt_bidder (contractor_id);
CREATE INDEX package_khlcnt_idx ON package (khlcnt_id);
