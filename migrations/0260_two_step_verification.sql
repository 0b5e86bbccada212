-- Two-step verification for local accounts (issue 16): a TOTP authenticator app (RFC 6238), with one-time
-- recovery codes, and an administrator's setting that requires it for everyone or for some roles.

-- One row per account that has started enrolling. The shared secret is stored only as ASP.NET Core Data
-- Protection output (the key ring is in data_protection_key, encrypted to a certificate when configured), so
-- a copy of this table alone cannot compute codes. enabled_at is null until the person has proved, with a
-- code, that their app holds the secret. last_used_step is the RFC 6238 time step of the last code accepted:
-- a code for that step or an earlier one is refused, so an observed code cannot be replayed (RFC 6238 5.2).
create table account_two_step (
    account_id      bigint primary key references account (id) on delete cascade,
    protected_secret bytea not null,
    created_at      timestamptz not null,
    enabled_at      timestamptz,
    last_used_step  bigint
);

-- Recovery codes: ten per enrolment, shown once, stored as SHA-256 of the code (each has about 79 bits of
-- randomness, so a fast hash cannot be searched). A used code is kept with used_at so it never works again.
create table account_recovery_code (
    account_id  bigint not null references account (id) on delete cascade,
    code_hash   text not null,
    used_at     timestamptz,
    primary key (account_id, code_hash)
);

-- The administrator's requirement: one row. everyone, or the listed roles; changed on /admin/two-step, audited.
create table two_step_policy (
    singleton   boolean primary key default true check (singleton),
    everyone    boolean not null default false,
    roles       text[] not null default '{}'
);

insert into two_step_policy default values;
