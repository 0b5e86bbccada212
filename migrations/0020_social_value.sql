-- Social value monitoring data (issue 6): frameworks and their measures, the contract register with the
-- social value settings used at tender, commitments, and delivery returns. Loaded by the importer
-- (CSV/XLSX exports or the monitoring platform's API), upserted by natural key; every successful import is
-- logged in sv_import and each row remembers the import that last changed it.
-- Money is numeric, never float: figures are quoted in FOI answers and must add up to the penny.

create table sv_import (
    id             bigint generated always as identity primary key,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    -- csv, xlsx or api
    source_kind    text not null check (source_kind in ('csv', 'xlsx', 'api')),
    -- the directory, workbook or API base address the data came from
    source         text not null,
    -- [{ "name": "returns.csv", "sha256": "...", "rows": 1302 }]
    files          jsonb not null,
    -- { "returns": { "inserted": 0, "updated": 4, "unchanged": 1298 }, ... }
    counts         jsonb not null,
    imported_by    text not null
);

create table sv_framework (
    framework_code   text primary key,
    name             text not null,
    publisher        text not null,
    kind             text not null check (kind in ('quantitative_proxy', 'qualitative_award_criteria', 'local_plugin')),
    licence          text not null,
    status_in_sample text,
    source_refs      text,
    last_import_id   bigint not null references sv_import (id)
);

create table sv_theme (
    framework_code  text not null references sv_framework (framework_code),
    theme_code      text not null,
    theme_name      text not null,
    last_import_id  bigint not null references sv_import (id),
    primary key (framework_code, theme_code)
);

create table sv_outcome (
    framework_code  text not null,
    outcome_code    text not null,
    theme_code      text not null,
    outcome_name    text not null,
    last_import_id  bigint not null references sv_import (id),
    primary key (framework_code, outcome_code),
    foreign key (framework_code, theme_code) references sv_theme (framework_code, theme_code)
);

create table sv_measure (
    measure_code        text primary key,
    framework_code      text not null references sv_framework (framework_code),
    theme_code          text not null,
    -- some published frameworks (ECC) group measures by theme only
    outcome_code        text,
    description         text not null,
    unit_code           text not null,
    unit_label          text not null,
    proxy_value_gbp     numeric(14, 2),
    proxy_basis         text,
    -- secondary_unverified, council_published, convention, illustrative, record_only, none
    proxy_status        text not null,
    proxy_source_ref    text,
    value_category      text,
    record_only         boolean not null,
    counting_rule       text,
    evidence_required   text,
    maps_to             text,
    verification        text,
    source_ref          text,
    -- the proxy table's edition window, when the framework publishes one (blank in exports that don't)
    effective_from      date,
    effective_to        date,
    last_import_id      bigint not null references sv_import (id),
    foreign key (framework_code, theme_code) references sv_theme (framework_code, theme_code),
    foreign key (framework_code, outcome_code) references sv_outcome (framework_code, outcome_code)
);

-- Local Government Transparency Code fields, Contracts Finder fields and the social value tender settings.
create table sv_contract (
    contract_ref                   text primary key,
    title                          text not null,
    description                    text not null,
    department                     text not null,
    service_category               text not null,
    service_category_label         text not null,
    -- the FOI request's four groups of children's placements; null for other contracts
    foi_service_group              text check (foi_service_group in ('IFA', 'Residential homes / parent & child', '16+ semi-independent', 'UASC accommodation')),
    is_childrens_social_care       boolean not null,
    procurement_route              text not null,
    itt_or_itq                     text not null,
    procedure_type                 text not null,
    framework_name                 text,
    lot                            text,
    cpv_code                       text not null,
    provider_name                  text not null,
    provider_org_type              text not null,
    provider_reg_no                text not null,
    provider_is_sme                boolean not null,
    provider_is_vcse               boolean not null,
    provider_postcode_district     text not null,
    provider_is_local              boolean not null,
    start_date                     date not null,
    end_date                       date not null,
    review_date                    date,
    extension_option               text,
    total_value_gbp                numeric(16, 2) not null,
    annual_value_gbp               numeric(16, 2) not null,
    irrecoverable_vat_gbp          numeric(16, 2) not null,
    notice_id                      text,
    sv_in_scope                    boolean not null,
    -- Public Services (Social Value) Act 2012 s.1(3): consider it before the procurement process starts
    sv_considered_pre_procurement  boolean not null,
    sv_evaluation_method           text not null,
    sv_weighting_pct               numeric(5, 2) not null check (sv_weighting_pct between 0 and 100),
    quality_weighting_pct          numeric(5, 2) not null check (quality_weighting_pct between 0 and 100),
    price_weighting_pct            numeric(5, 2) not null check (price_weighting_pct between 0 and 100),
    sv_comm_channels               text[] not null,
    sv_reporting_frequency         text not null check (sv_reporting_frequency in ('quarterly', 'biannual', 'annual', 'none')),
    sv_framework_code              text,
    contract_status                text not null check (contract_status in ('active', 'expired')),
    committed_sv_gbp               numeric(16, 2),
    last_import_id                 bigint not null references sv_import (id)
);
create index sv_contract_group on sv_contract (foi_service_group);

create table sv_commitment (
    commitment_id              text primary key,
    contract_ref               text not null references sv_contract (contract_ref),
    framework_code             text not null references sv_framework (framework_code),
    measure_code               text not null references sv_measure (measure_code),
    commitment_type            text not null check (commitment_type = 'quantitative'),
    target_quantity            numeric(16, 4) not null,
    target_basis               text not null,
    target_per_year            numeric(16, 4),
    unit_code                  text not null,
    -- frozen at award: returns are never revalued when a framework's proxies change
    proxy_value_at_award_gbp   numeric(14, 2),
    proxy_status               text not null,
    committed_sv_gbp           numeric(16, 2),
    commitment_start           date not null,
    commitment_end             date not null,
    in_contract_kpi_schedule   boolean not null,
    local_area_definition      text,
    status                     text not null,
    last_import_id             bigint not null references sv_import (id)
);
create index sv_commitment_contract on sv_commitment (contract_ref);

create table sv_qualitative_commitment (
    qual_id          text primary key,
    contract_ref     text not null references sv_contract (contract_ref),
    framework_code   text not null references sv_framework (framework_code),
    measure_code     text not null references sv_measure (measure_code),
    commitment_text  text not null,
    evidence_expected text,
    latest_status    text not null check (latest_status in ('on_track', 'complete', 'partially_met', 'not_started', 'not_met')),
    last_reviewed    date,
    reviewer_team    text,
    last_import_id   bigint not null references sv_import (id)
);
create index sv_qualitative_commitment_contract on sv_qualitative_commitment (contract_ref);

-- One supplier return per commitment and reporting period. A later export of a period updates it in place.
create table sv_return (
    return_id          text primary key,
    commitment_id      text not null references sv_commitment (commitment_id),
    contract_ref       text not null references sv_contract (contract_ref),
    measure_code       text not null references sv_measure (measure_code),
    period_label       text not null,
    period_start       date not null,
    period_end         date not null check (period_end >= period_start),
    unit_code          text not null,
    reported_quantity  numeric(16, 4),
    reported_sv_gbp    numeric(16, 2),
    evidence_type      text,
    evidence_ref       text,
    submitted_date     date,
    status             text not null check (status in ('verified', 'submitted', 'queried', 'rejected', 'nil_return', 'overdue')),
    verified_quantity  numeric(16, 4),
    verified_sv_gbp    numeric(16, 2),
    verified_date      date,
    verifier_team      text,
    narrative          text,
    last_import_id     bigint not null references sv_import (id),
    unique (commitment_id, period_label)
);
create index sv_return_contract on sv_return (contract_ref, period_start);

-- A builder's draft as a commissioner inserted it into an answer, with the data that produced it, so the
-- case can show later where a figure came from. The case and question tables come later: no foreign keys.
create table sv_answer_snapshot (
    id              bigint generated always as identity primary key,
    question_type   text not null check (question_type in ('consideration', 'outcomes', 'communication', 'weighting', 'measurement', 'impact', 'financial-return')),
    service_group   text not null,
    period_from     date,
    period_to       date,
    as_at           date not null,
    data            jsonb not null,
    markdown        text not null,
    import_ids      bigint[] not null,
    case_reference  text,
    question_id     bigint,
    created_at      timestamptz not null,
    created_by      text not null
);
create index sv_answer_snapshot_case on sv_answer_snapshot (case_reference);
