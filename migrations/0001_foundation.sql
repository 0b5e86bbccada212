-- Foundation: accounts, the audit log, and the scheduler heartbeat.

create extension if not exists citext;
create extension if not exists pg_trgm;

create table account (
    id                    bigint generated always as identity primary key,
    email                 citext not null unique,
    display_name          text not null,
    password_hash         text not null,
    -- ig-officer, commissioner, manager, admin
    roles                 text[] not null check (roles <@ array['ig-officer', 'commissioner', 'manager', 'admin']::text[] and cardinality(roles) > 0),
    must_change_password  boolean not null default false,
    disabled              boolean not null default false,
    failed_sign_ins       integer not null default 0,
    locked_until          timestamptz,
    created_at            timestamptz not null,
    last_sign_in_at       timestamptz
);

-- Every change, and every view of a case's personal data: who, when, what. Append-only: the app has no
-- update or delete path, and the trigger below refuses them from anywhere else too.
create table audit_event (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    account_id  bigint references account (id),
    actor       text not null,
    action      text not null,
    subject     text,
    detail      jsonb not null default '{}'::jsonb
);
create index audit_event_at on audit_event (at desc);
create index audit_event_subject on audit_event (subject, at desc);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

-- One row per heartbeat firing: health reads the latest; the clustering test checks each scheduled firing
-- ran once across all instances.
create table scheduler_heartbeat (
    id            bigint generated always as identity primary key,
    scheduled_at  timestamptz not null,
    fired_at      timestamptz not null,
    instance_id   text not null
);
create index scheduler_heartbeat_fired_at on scheduler_heartbeat (fired_at desc);
