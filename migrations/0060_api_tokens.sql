-- Per-user API tokens for the JSON API (Authorization: Bearer <token>). Only the SHA-256 of a token is
-- stored: the token itself is shown once when created. A token acts with its account's roles at the time
-- of each request, so disabling the account or changing its roles takes effect at once.
create table api_token (
    id            bigint generated always as identity primary key,
    account_id    bigint not null references account (id) on delete cascade,
    name          text not null check (length(name) between 1 and 100),
    token_hash    text not null unique,
    created_at    timestamptz not null,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_account on api_token (account_id, created_at desc);
