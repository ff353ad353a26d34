-- Schema of the IID database. Built by `python -m iid build` from data/*.csv.
-- Every figure points to a row in `sources`; sample rows point to a source of kind 'sample'.
--
-- Reference data and what users enter are kept apart. Right after loading data/, the build copies every table below
-- into the schema `reference` (data/ exactly as loaded; nothing writes to it afterwards). What people enter in the
-- app lives in these live tables as the difference from that copy: rows added (imports and the figures they bring,
-- sources, register rows, scenarios, and the tables only users fill: imports, register_log, scenarios), rows changed
-- (a source edit, the `superseded_by` mark an import sets on an older figure, a register edit), rows deleted.
-- A rebuild carries that difference onto the new data/ table by table, by primary key (iid/carryover.py), or refuses
-- and names the rows; so every table needs a primary key, and a new table or column is carried without more code.

create table sources (
    source_id      varchar primary key,
    kind           varchar not null check (kind in ('published', 'sample', 'imported')),
    title          varchar not null,
    publisher      varchar,
    url            varchar,
    document_ref   varchar,
    published_date date,
    retrieved_date date,
    note           varchar,
    added_at       timestamp,  -- who and when, for sources made in the app (auth.stamp(): subject, e-mail, name)
    added_by       json,
    changed_at     timestamp,
    changed_by     json,
    check (kind <> 'published' or url is not null or document_ref is not null)
);

create table regions (
    code          varchar primary key,
    name          varchar not null,          -- official name, e.g. 'Kota Bontang'
    short_name    varchar not null,          -- 'Bontang'
    display_name  varchar not null,          -- 'Kota Bontang', 'Kab. Aceh Selatan', 'Provinsi Aceh'
    kind          varchar not null check (kind in ('provinsi', 'kabupaten', 'kota')),
    province_code varchar not null,
    autonomous    boolean not null,          -- false for DKI Jakarta's administrative kota/kabupaten
    search_text   varchar not null           -- lower-case name variants for search
);

create table predicate_bands (
    year          integer not null check (year between 2015 and 2040),
    predicate     varchar not null check (predicate in ('Sangat Inovatif', 'Inovatif', 'Kurang Inovatif', 'Tidak Dapat Dinilai')),
    min_score     decimal(5, 2) not null check (min_score between 0 and 100),
    min_inclusive boolean not null,
    max_score     decimal(5, 2) not null check (max_score between 0 and 100),
    status        varchar not null check (status in ('confirmed', 'uncertain', 'assumed')),
    source_id     varchar not null references sources (source_id),
    note          varchar,
    primary key (year, predicate)
);

-- One row per region, year and source. Two sources may disagree: both rows are kept.
create table iid_scores (
    region_code      varchar not null references regions (code),
    year             integer not null check (year between 2021 and 2040),
    score            decimal(5, 2) check (score between 0 and 100),
    predicate        varchar check (predicate in ('Sangat Inovatif', 'Inovatif', 'Kurang Inovatif', 'Tidak Dapat Dinilai')),
    predicate_stated boolean not null default false,  -- printed by the source, not derived
    predicate_as_printed varchar,
    rank             integer check (rank >= 1),        -- national rank within the cluster (provinsi/kabupaten/kota)
    rank_of          integer check (rank_of >= 1),
    rank_note        varchar,                          -- a rank of another scope, as printed
    status           varchar not null check (status in ('final', 'conflict', 'sample')),
    source_id        varchar not null references sources (source_id),
    note             varchar,
    superseded_by    integer,                          -- the import that replaced this figure (undo clears it)
    check (score is not null or predicate is not null or rank is not null),
    primary key (region_code, year, source_id)
);

-- Constants of the IID formula per assessment year (k, the count score and its basic-service rule).
create table rule_years (
    year                    integer primary key,
    k_min                   integer not null check (k_min >= 1),
    count_factor            double not null check (count_factor >= 0),
    count_cap               integer not null check (count_cap >= 0),
    basic_services_required integer not null check (basic_services_required between 0 and 6),
    max_total               double not null check (max_total > 0),
    status                  varchar not null check (status in ('confirmed', 'uncertain', 'assumed')),
    source_id               varchar not null references sources (source_id),
    note                    varchar
);

create table indicators (
    rule_year  integer not null references rule_years (year),
    code       varchar not null,
    aspect     varchar not null check (aspect in ('SPD', 'SID')),  -- SID = per-innovation indicators
    number     integer not null,
    name       varchar not null,
    name_en    varchar not null,
    weight     double not null check (weight > 0),
    max_level  integer not null check (max_level > 0),
    mandatory  boolean not null default false,
    status     varchar not null check (status in ('confirmed', 'uncertain', 'assumed')),
    source_id  varchar not null references sources (source_id),
    primary key (rule_year, code)
);

-- The innovation side of a region-year: how many innovations counted, how many of the six basic-service
-- affairs they cover. With indicator_scores it reproduces the IID by the rule year's formula.
create table innovation_profiles (
    region_code     varchar not null references regions (code),
    year            integer not null,
    n_innovations   integer not null check (n_innovations >= 0),
    basic_services  integer not null check (basic_services between 0 and 6),
    source_id       varchar not null references sources (source_id),
    superseded_by   integer,
    primary key (region_code, year, source_id)
);

-- level: for SPD the indicator's level (0-3); for SID the mean level over the region's innovations (0-3).
create table indicator_scores (
    region_code    varchar not null references regions (code),
    year           integer not null,
    indicator_code varchar not null,
    level          decimal(6, 3) not null check (level >= 0 and level <= 3),
    source_id      varchar not null references sources (source_id),
    superseded_by  integer,
    primary key (region_code, year, indicator_code, source_id)
);

create table targets (
    target_id      varchar primary key,
    region_code    varchar not null references regions (code),
    metric         varchar not null check (metric in ('iid_score', 'innovation_count')),
    comparator     varchar not null check (comparator in ('>=', '>')),
    value          double not null,
    base_year      integer,
    target_year    integer not null,
    predicate_named varchar,
    plan_document  varchar not null,
    source_id      varchar not null references sources (source_id),
    note           varchar,
    superseded_by  integer,
    check (metric <> 'iid_score' or value between 0 and 100)
);

create table commitments (
    commitment_id varchar primary key,
    region_code   varchar not null references regions (code),
    kind          varchar not null check (kind in ('per_unit_per_year', 'total_by_year', 'per_unit_in_competition')),
    quantity      integer not null check (quantity >= 1),
    unit_scope    varchar not null,      -- which units the pledge covers, e.g. 'OPD'
    unit_types    varchar not null,      -- the unit types the pledge counts, comma-separated: 'OPD,Sekolah'
    competition   varchar,               -- for per_unit_in_competition, e.g. 'KIPP'
    year_from     integer not null,
    year_to       integer,               -- null: every year from year_from
    label         varchar not null,      -- the pledge as it is said, e.g. '1 OPD 5 Inovasi'
    source_id     varchar not null references sources (source_id),
    note          varchar,
    check (kind <> 'per_unit_in_competition' or competition is not null)
);

create table events (
    event_id    varchar primary key,
    region_code varchar not null references regions (code),
    year        integer not null,
    event_date  date,
    kind        varchar not null check (kind in ('award', 'regulation', 'predicate', 'trend')),
    title       varchar not null,
    title_en    varchar not null,
    source_id   varchar not null references sources (source_id)
);

-- The innovation register (filled by the "Innovations" page; defined here so every part shares it).
create table innovations (
    innovation_id   varchar primary key,
    region_code     varchar not null references regions (code),
    unit            varchar not null,
    unit_type       varchar not null check (unit_type in ('OPD', 'Kecamatan', 'BUMD', 'UPT', 'Puskesmas', 'Kelurahan', 'Sekolah')),
    title           varchar not null,
    form            varchar not null check (form in ('tata_kelola', 'pelayanan_publik', 'lainnya')),
    digital         boolean not null,
    urusan          varchar,
    stage           varchar not null check (stage in ('inisiatif', 'uji_coba', 'penerapan')),
    year_proposed   integer not null,
    proposed_on     date,
    year_applied    integer,
    competitions    varchar,             -- comma-separated codes, e.g. 'KIPP,KOMPETISI_DAERAH'
    has_team        boolean not null default false,
    has_sop         boolean not null default false,
    has_budget      boolean not null default false,
    evidence        varchar,
    status          varchar not null default 'draft' check (status in ('draft', 'diajukan', 'revisi', 'terverifikasi')),
    source_id       varchar not null references sources (source_id),
    unique (region_code, unit, year_proposed, title)
);

-- Every import is recorded so that it can be audited and undone.
create table imports (
    import_id     integer primary key,
    kind          varchar not null default 'scores' check (kind in ('scores', 'indicators', 'targets')),
    file_name     varchar not null,
    sha256        varchar not null,
    imported_at   timestamp not null,
    rows_added    integer not null,
    rows_changed  integer not null,
    rows_rejected integer not null default 0,
    source_id     varchar not null references sources (source_id),
    undone_at     timestamp,
    imported_by   json,  -- auth.stamp(): subject, e-mail and name of who imported / undid it
    undone_by     json
);

-- What-if scenarios saved from the Target page: who saved it (the account's name, and created_by: subject, e-mail,
-- name), when, and the full state as JSON. Rows saved before sign-in existed have a typed author and no created_by.
create table scenarios (
    scenario_id integer primary key,
    name        varchar not null check (length(trim(name)) > 0),
    region_code varchar not null references regions (code),
    author      varchar,
    created_at  timestamp not null,
    payload     json not null,
    created_by  json
);

-- The units of a region that report innovations (OPD, Kecamatan, Kelurahan, UPT, Puskesmas, BUMD, schools).
create table units (
    region_code varchar not null references regions (code),
    unit        varchar not null,
    unit_type   varchar not null check (unit_type in ('OPD', 'Kecamatan', 'BUMD', 'UPT', 'Puskesmas', 'Kelurahan', 'Sekolah')),
    source_id   varchar not null references sources (source_id),
    primary key (region_code, unit)
);

-- An innovation's levels (0–3) on the per-innovation IID indicators, as claimed by its unit. One row per
-- (innovation_id, indicator_code): checked by the build (iid/build.py UNIQUE), not by a primary key, whose index of 20
-- rows per innovation tripled a large register's build and added 1,3 GB to the file at a million innovations. Only
-- data/ fills it, so the carry-over compares its rows whole. Rows keep the order of their files (the sample's and an
-- export's are by innovation id), so the levels of a few innovations are read from the blocks holding their ids, not
-- from the whole table (iid/register.py levels_of).
create table innovation_levels (
    innovation_id  varchar not null,  -- no foreign key: a deleted innovation's levels stay, so an undo restores it whole
    indicator_code varchar not null,
    level          integer not null check (level between 0 and 3)
);

create table competitions (
    code        varchar primary key,
    name        varchar not null,
    scope       varchar not null check (scope in ('nasional', 'daerah')),
    region_code varchar references regions (code),
    source_id   varchar not null references sources (source_id)
);

-- Grouping rules of a competition as data: which unit types enter which group.
create table competition_groups (
    competition varchar not null references competitions (code),
    group_name  varchar not null,
    unit_type   varchar not null,
    source_id   varchar not null references sources (source_id),
    primary key (competition, unit_type)
);

-- Every saved change to the register: what, when, before and after; a batch (one save or one import) can be undone.
create table register_log (
    log_id        integer primary key,
    batch_id      integer not null,
    changed_at    timestamp not null,
    action        varchar not null check (action in ('insert', 'update', 'delete')),
    innovation_id varchar not null,
    before        json,
    after         json,
    note          varchar,
    undone_at     timestamp,
    changed_by    json,  -- auth.stamp(): subject, e-mail and name of who saved / undid the batch
    undone_by     json
);

-- Saved scenarios deleted: which one (the row as it was), when, and who deleted it (auth.stamp()).
create table scenario_log (
    log_id      integer primary key,
    changed_at  timestamp not null,
    action      varchar not null check (action in ('delete')),
    scenario_id integer not null,
    region_code varchar not null,
    name        varchar,
    before      json,
    changed_by  json not null
);

-- Accounts given a role, by the e-mail address their identity provider signs them in with (iid/auth.py). Anyone may
-- read; a signed-in account without a row is a viewer. Only people fill these tables (the first admin from the
-- command line: python -m iid user add EMAIL --role admin), so a rebuild carries them over.
create table users (
    email     varchar primary key check (email = lower(trim(email)) and contains(email, '@')),
    name      varchar,
    added_at  timestamp not null,
    added_by  json not null
);

-- One row per role held: editor (of a region), data (of a region, or '*' for all), admin (always '*').
create table user_roles (
    email       varchar not null,  -- no foreign key: DuckDB refuses to update a referenced row (users.name)
    role        varchar not null check (role in ('editor', 'data', 'admin')),
    region_code varchar not null check (region_code = '*' or (role <> 'admin' and region_code <> '')),
    granted_at  timestamp not null,
    granted_by  json not null,
    primary key (email, role, region_code)
);

-- Every grant and revoke: when, which role, and who made it.
create table role_log (
    log_id      integer primary key,
    changed_at  timestamp not null,
    action      varchar not null check (action in ('grant', 'revoke')),
    email       varchar not null,
    role        varchar not null,
    region_code varchar not null,
    changed_by  json not null
);
