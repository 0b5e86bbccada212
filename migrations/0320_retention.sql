-- Retention and deletion (issue 19 part 1). UK GDPR Art 5(1)(e), storage limitation: requesters' personal data
-- is kept no longer than necessary. An FOI case file is kept for a set time after closure (commonly 3 years, and
-- 6 where an ICO complaint or a tribunal appeal followed); then the personal data goes and an anonymised record
-- stays, so statistics and dashboards are unchanged. See docs/retention.md.

-- Retention rules per regime and outcome; null means "any". The most specific matching rule applies (regime and
-- outcome, then regime, then outcome, then the default). years_if_ico applies when an ICO complaint (FOIA s.50)
-- or tribunal appeal (s.57) followed the case.
create table retention_rule (
    id             bigint generated always as identity primary key,
    regime         text check (regime in ('foia', 'eir', 'foisa', 'foia-review', 'eir-review', 'foisa-review', 'sar')),
    outcome        text,
    years          integer not null check (years between 1 and 100),
    years_if_ico   integer not null check (years_if_ico between 1 and 100),
    updated_at     timestamptz not null,
    updated_by     text not null,
    unique nulls not distinct (regime, outcome)
);
insert into retention_rule (regime, outcome, years, years_if_ico, updated_at, updated_by)
values (null, null, 3, 6, now(), 'migration 0320');

-- A hold suspends deletion (litigation, an ICO investigation): always with a reason and an expiry.
create table retention_hold (
    id           bigint generated always as identity primary key,
    case_id      bigint not null references foi_case (id),
    reason       text not null check (length(btrim(reason)) > 0),
    expires_on   date not null,
    placed_by    text not null,
    placed_at    timestamptz not null,
    released_by  text,
    released_at  timestamptz
);
create index retention_hold_case on retention_hold (case_id) where released_at is null;

-- One run of the weekly job: the cases it found due, then (once an admin confirms, or at once when automatic
-- deletion is configured) the deletion. A confirmed run is the deletion certificate: which cases went, under
-- which rule, and who confirmed. It names cases by reference only, never the requester.
create table retention_run (
    id            bigint generated always as identity primary key,
    listed_at     timestamptz not null,
    listed_on     date not null,
    status        text not null default 'proposed' check (status in ('proposed', 'deleted', 'cancelled')),
    confirmed_by  text,
    confirmed_at  timestamptz,
    automatic     boolean not null default false
);

create table retention_run_case (
    run_id          bigint not null references retention_run (id),
    case_id         bigint not null references foi_case (id),
    reference       text not null,
    closed_on       date not null,
    rule            text not null,
    delete_after    date not null,
    -- Filled when the deletion ran: deleted, or why it was skipped (a hold placed or a review opened since the listing).
    result          text check (result in ('deleted', 'skipped-hold', 'skipped-open', 'skipped-already')),
    files_deleted   integer not null default 0,
    primary key (run_id, case_id)
);

-- The anonymised record: the case row stays (reference, dates, regime, outcome, team and exemptions on its
-- questions, timeliness in response_timeliness); this says when its personal data went and under which run.
alter table foi_case
    add column personal_data_deleted_at timestamptz,
    add column retention_run_id bigint references retention_run (id);

-- The audit log stays append-only, with one narrow exception for erasure (UK GDPR Art 17 and 5(1)(e) outweigh
-- keeping a quotation of the requester): the retention deletion may replace an entry's detail with a marker
-- naming its certificate, and nothing else. Who, when, what and which case are never changed; deletes and
-- truncation stay refused. The deletion sets foidesk.retention_run for its own transaction only.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
       and current_setting('foidesk.retention_run', true) is not null
       and current_setting('foidesk.retention_run', true) <> ''
       and (new.id, new.at, new.account_id, new.actor, new.action, new.subject)
           is not distinct from (old.id, old.at, old.account_id, old.actor, old.action, old.subject)
       and new.detail = jsonb_build_object('redacted', 'retention', 'certificate', current_setting('foidesk.retention_run', true)::bigint) then
        return new;
    end if;
    raise exception 'audit_event is append-only';
end;
$$;
