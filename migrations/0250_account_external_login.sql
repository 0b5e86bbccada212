-- Single sign-on (issue 16). A person signing in through the council's OpenID Connect provider is known by the
-- provider's issuer and subject (OpenID Connect Core 1.0 section 5.7: "sub" is unique and never reassigned
-- within an issuer, whereas an email address can change or be reused). The account they sign in to is an
-- ordinary FoiDesk account, so sessions, disabling and the audit work as for a local one.
create table account_external_login (
    issuer          text not null,
    subject         text not null,
    account_id      bigint not null references account (id) on delete cascade,
    created_at      timestamptz not null,
    last_sign_in_at timestamptz not null,
    primary key (issuer, subject)
);

create index account_external_login_account on account_external_login (account_id);
