-- Each run of the GOV.UK holiday refresh: what it fetched and what it changed, or why it changed nothing.
-- A failed fetch or a malformed file is recorded here and changes no holiday (no partial update).
create table holiday_refresh (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    url         text not null,
    outcome     text not null check (outcome in ('unchanged', 'updated', 'failed')),
    added       integer not null default 0,
    -- Cases whose dates moved, or the error.
    detail      jsonb not null default '{}'::jsonb
);
create index holiday_refresh_at on holiday_refresh (at desc);
