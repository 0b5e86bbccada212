-- Sessions that can be ended (issue 16, H1). A cookie names its server-side session and carries the
-- account's security stamp from sign-in. Every request is checked against both (cached for 30 seconds):
-- signing out ends the session row, and disabling the account, changing its roles or its password, or
-- "sign out everywhere" give the account a new stamp, which ends every session it has open.
alter table account add column security_stamp text not null default gen_random_uuid()::text;

create table account_session (
    id            uuid primary key,
    account_id    bigint not null references account (id) on delete cascade,
    signed_in_at  timestamptz not null,
    ended_at      timestamptz
);

create index account_session_open on account_session (account_id) where ended_at is null;
